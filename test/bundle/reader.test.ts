/** The bundle reader against hostile and broken archives built by the tests. */
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiagnosticLog, readBundle, type BundleLimits } from '../../src/bundle/index.js';
import { SitrepError } from '../../src/errors.js';
import { buildTar, gzipBomb, manifest, meta, tempDir } from './build.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let cwdBefore: string[];
beforeEach(async () => {
  tmp = await tempDir();
  cwdBefore = await readdir(process.cwd());
});
afterEach(async () => {
  // Reading a bundle never writes: nothing new in the cwd.
  expect(await readdir(process.cwd())).toEqual(cwdBefore);
  await tmp.cleanup();
});

async function readAll(file: string, limits?: Partial<BundleLimits>) {
  const diags = new DiagnosticLog('b');
  const members: { path: string; text: string; lines: number }[] = [];
  for await (const m of readBundle(file, { diagnostics: diags, ...(limits ? { limits } : {}) })) {
    const { text } = await m.text();
    members.push({ path: m.path, text, lines: text.split('\n').length });
  }
  return { members, diags: diags.list };
}

describe('hostile members', () => {
  it('skips traversal, absolute, symlink, hardlink, device and fifo members, and reports each', async () => {
    const file = join(tmp.dir, 'evil.tar.gz');
    await buildTar(
      file,
      [
        { name: `${'web1-20251126T050000Z'}/meta.txt`, body: meta() },
        { name: '../../etc/x', body: 'pwned' },
        { name: 'web1-20251126T050000Z/../../etc/y', body: 'pwned' },
        { name: '/etc/passwd', body: 'root:x:0:0' },
        { name: 'web1-20251126T050000Z/link', type: 'symlink', linkname: '/etc/shadow' },
        { name: 'web1-20251126T050000Z/hard', type: 'link', linkname: 'web1-20251126T050000Z/meta.txt' },
        { name: 'web1-20251126T050000Z/null', type: 'character-device' },
        { name: 'web1-20251126T050000Z/pipe', type: 'fifo' },
        { name: 'elsewhere/z.txt', body: 'outside' },
        { name: 'web1-20251126T050000Z/cmd/uptime.txt', body: ' 05:00:00 up 1 day,  load average: 0.1, 0.2, 0.3\n' },
      ],
      { raw: true },
    );
    const before = await tmp.files();
    const { members, diags } = await readAll(file);
    expect(members.map((m) => m.path)).toEqual(['meta.txt', 'cmd/uptime.txt']);
    const msgs = diags.map((d) => d.message).join('\n');
    expect(msgs).toMatch(/skipped member "\.\.\/\.\.\/etc\/x": parent-directory segment/);
    expect(msgs).toMatch(/skipped member "web1-20251126T050000Z\/\.\.\/\.\.\/etc\/y": parent-directory/);
    expect(msgs).toMatch(/skipped member "\/etc\/passwd": absolute path/);
    expect(msgs).toMatch(/"web1-20251126T050000Z\/link": symlink/);
    expect(msgs).toMatch(/"web1-20251126T050000Z\/hard": hard link/);
    expect(msgs).toMatch(/"web1-20251126T050000Z\/null": device/);
    expect(msgs).toMatch(/"web1-20251126T050000Z\/pipe": fifo/);
    expect(msgs).toMatch(/"elsewhere\/z.txt": outside the bundle's top directory/);
    expect(await tmp.files()).toEqual(before);
  });
});

describe('broken archives', () => {
  it('random bytes: one clear error naming the file', async () => {
    const file = join(tmp.dir, 'random.tar.gz');
    await writeFile(file, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)));
    const err = await readAll(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SitrepError);
    expect((err as SitrepError).code).toBe('INPUT_UNREADABLE');
    expect((err as SitrepError).oneLine()).toMatch(/^random\.tar\.gz: not a sitrep bundle/);
  });

  it('gzip of something that is not a tar: not a sitrep bundle', async () => {
    const file = join(tmp.dir, 'notar.tar.gz');
    const { gzipSync } = await import('node:zlib');
    await writeFile(file, gzipSync(Buffer.from('hello, this is no tar archive\n'.repeat(100))));
    const err = (await readAll(file).catch((e: unknown) => e)) as SitrepError;
    expect(err.code).toBe('INPUT_UNREADABLE');
    expect(err.oneLine()).toMatch(/^notar\.tar\.gz: not a sitrep bundle/);
  });

  it('missing file: INPUT_UNREADABLE naming it', async () => {
    const err = (await readAll(join(tmp.dir, 'nope.tar.gz')).catch((e: unknown) => e)) as SitrepError;
    expect(err.code).toBe('INPUT_UNREADABLE');
    expect(err.oneLine()).toBe('nope.tar.gz: cannot read bundle: no such file or directory');
  });

  it('truncated archive: the members before the cut, and a diagnostic, no throw', async () => {
    const { readFile } = await import('node:fs/promises');
    const whole = join(tmp.dir, 'whole.tar.gz');
    // Incompressible bodies so the cut lands inside the third member.
    const noise = (n: number): string => Array.from({ length: n }, (_, i) => ((i * 2654435761) >>> 0).toString(36)).join(' ');
    await buildTar(whole, [
      { name: 'meta.txt', body: meta() },
      { name: 'cmd/uptime.txt', body: noise(2000) },
      { name: 'logs/var/log/big.log', body: `${noise(50000)}\n` },
      { name: 'cmd/last.txt', body: 'last' },
    ]);
    const bytes = await readFile(whole);
    const cut = join(tmp.dir, 'cut.tar.gz');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const { members, diags } = await readAll(cut);
    expect(members.map((m) => m.path).slice(0, 2)).toEqual(['meta.txt', 'cmd/uptime.txt']);
    expect(members.map((m) => m.path)).not.toContain('cmd/last.txt');
    expect(diags.some((d) => d.level === 'error' && /truncated or corrupt/.test(d.message))).toBe(true);
  });

  it('a plain .tar and an unpacked directory read like the .tar.gz', async () => {
    const entries = [
      { name: 'meta.txt', body: meta() },
      { name: 'cmd/uptime.txt', body: 'x\n' },
    ];
    const gz = await readAll(await buildTar(join(tmp.dir, 'a.tar.gz'), entries));
    const plain = await readAll(await buildTar(join(tmp.dir, 'a.tar'), entries, { gzip: false }));
    expect(plain.members).toEqual(gz.members);
    const { mkdir } = await import('node:fs/promises');
    const dir = join(tmp.dir, 'unpacked');
    await mkdir(join(dir, 'cmd'), { recursive: true });
    await writeFile(join(dir, 'meta.txt'), meta());
    await writeFile(join(dir, 'cmd/uptime.txt'), 'x\n');
    expect((await readAll(dir)).members).toEqual(gz.members);
  });
});

describe('size limits', () => {
  it('a member over the per-member limit is cut, with a diagnostic', async () => {
    const file = await buildTar(join(tmp.dir, 'big.tar.gz'), [{ name: 'cmd/x.txt', body: 'a'.repeat(5000) }]);
    const { members, diags } = await readAll(file, { maxMemberBytes: 10_000, maxHeldBytes: 1000 });
    expect(members[0]!.text.length).toBe(1000);
    expect(diags.map((d) => d.message).join()).toMatch(/larger than the 1000-byte limit/);
  });

  it('a member declared over the member limit is skipped without reading it', async () => {
    const file = await buildTar(join(tmp.dir, 'big2.tar.gz'), [
      { name: 'cmd/x.txt', body: 'a'.repeat(5000) },
      { name: 'cmd/y.txt', body: 'y' },
    ]);
    const { members, diags } = await readAll(file, { maxMemberBytes: 4096 });
    expect(members.map((m) => m.path)).toEqual(['cmd/y.txt']);
    expect(diags[0]!.message).toMatch(/5000 bytes is over the 4096-byte member limit/);
  });

  it('a manifest is read even when it is the last member', async () => {
    const file = await buildTar(join(tmp.dir, 'm.tar.gz'), [
      { name: 'cmd/uptime.txt', body: 'u' },
      { name: 'manifest.tsv', body: manifest([]) },
    ]);
    const { members } = await readAll(file);
    expect(members.map((m) => m.path)).toEqual(['cmd/uptime.txt', 'manifest.tsv']);
  });
});

describe('limits and content problems through the reader', () => {
  it('the total size limit stops reading and keeps what came before', async () => {
    const file = await buildTar(join(tmp.dir, 'total.tar.gz'), [
      { name: 'meta.txt', body: meta() },
      { name: 'cmd/a.txt', body: 'a'.repeat(300_000) },
      { name: 'cmd/b.txt', body: 'b'.repeat(300_000) },
      { name: 'cmd/c.txt', body: 'c'.repeat(300_000) },
    ]);
    const { members, diags } = await readAll(file, { maxTotalBytes: 400_000 });
    expect(members.map((m) => m.path)).toEqual(['meta.txt', 'cmd/a.txt', 'cmd/b.txt']);
    expect(members[1]!.text).toHaveLength(300_000);
    // b straddles the limit: cut where reading stopped, and said so.
    expect(members[2]!.text.length).toBeLessThan(300_000);
    expect(diags.some((d) => d.member === 'cmd/b.txt' && /member cut short after \d+ bytes/.test(d.message))).toBe(true);
    expect(diags.map((d) => d.message).join('\n')).toMatch(/archive passed the total size limit of 400000 bytes; stopped reading/);
  });

  it('the member count limit stops reading', async () => {
    const entries = Array.from({ length: 30 }, (_, i) => ({ name: `cmd/f${i}.txt`, body: 'x' }));
    const { members, diags } = await readAll(await buildTar(join(tmp.dir, 'many.tar.gz'), entries), { maxEntries: 10 });
    expect(members).toHaveLength(10);
    expect(diags.map((d) => d.message)).toContain('more than 10 members; stopped reading');
  });

  it('a 10 MB line and invalid UTF-8 in a log member: diagnostics naming member and line', async () => {
    const body = Buffer.concat([
      Buffer.from('one\n'),
      Buffer.alloc(10 * 1024 * 1024, 'y'),
      Buffer.from('\nbad \xff\n'.replace('\xff', '')),
      Buffer.from([0xff, 0x0a]),
    ]);
    const file = await buildTar(join(tmp.dir, 'lines.tar.gz'), [{ name: 'logs/var/log/app.log', body }]);
    const diags = new DiagnosticLog('lines.tar.gz');
    const got: [number, number][] = [];
    for await (const m of readBundle(file, { diagnostics: diags })) await m.lines((l, n) => got.push([n, l.length]));
    expect(got).toEqual([
      [1, 3],
      [2, 65536],
      [3, 4],
      [4, 1],
    ]);
    expect(diags.list).toEqual([
      {
        level: 'warning',
        file: 'lines.tar.gz',
        member: 'logs/var/log/app.log',
        line: 4,
        message: 'invalid UTF-8 on 1 line(s), first at line 4: bytes replaced by U+FFFD',
      },
      {
        level: 'warning',
        file: 'lines.tar.gz',
        member: 'logs/var/log/app.log',
        line: 2,
        message: 'line 2 is 10485760 bytes: kept the first 65536, dropped the rest',
      },
    ]);
  });

  it('an unpacked directory: symlinks in it are skipped, not followed', async () => {
    const { mkdir, symlink } = await import('node:fs/promises');
    const dir = join(tmp.dir, 'unpacked-link');
    await mkdir(join(dir, 'cmd'), { recursive: true });
    await writeFile(join(dir, 'meta.txt'), meta());
    await symlink('/etc/passwd', join(dir, 'cmd/uptime.txt'));
    const { members, diags } = await readAll(dir);
    expect(members.map((m) => m.path)).toEqual(['meta.txt']);
    expect(diags.map((d) => d.message)).toEqual(['skipped member "cmd/uptime.txt": symlink (only regular files are read)']);
  });
});

describe('gzip bomb among rotated logs', () => {
  const log = 'Nov 26 05:00:00 web1 app[1]: ok\n';
  const bundle = async (name: string): Promise<string> =>
    buildTar(join(tmp.dir, name), [
      { name: 'meta.txt', body: meta() },
      { name: 'logs/var/log/app.log.2.gz', body: gzipBomb(2048) },
      { name: 'logs/var/log/app.log.1', body: log },
      { name: 'logs/var/log/app.log', body: log },
    ]);

  async function inflateAll(file: string, limits?: Partial<BundleLimits>) {
    const diags = new DiagnosticLog('bomb');
    const rss0 = process.memoryUsage().rss;
    let peak = rss0;
    const got: Record<string, number> = {};
    for await (const m of readBundle(file, { diagnostics: diags, ...(limits ? { limits } : {}) })) {
      let n = 0;
      for await (const c of m.bytes()) {
        n += c.length;
        peak = Math.max(peak, process.memoryUsage().rss);
      }
      got[m.path] = n;
    }
    return { got, diags: diags.list, rssDelta: peak - rss0 };
  }

  it('2 GiB of zeros stop at the ratio guard; the other logs are read; memory stays small', async () => {
    const file = await bundle('ratio.tar.gz');
    const { got, diags, rssDelta } = await inflateAll(file);
    const bomb = got['logs/var/log/app.log.2.gz']!;
    expect(bomb).toBeGreaterThanOrEqual(10 * 1024 * 1024); // the ratio guard waits for 10 MiB
    expect(bomb).toBeLessThan(256 * 1024 * 1024);
    expect(got['logs/var/log/app.log.1']).toBe(log.length);
    expect(got['logs/var/log/app.log']).toBe(log.length);
    const d = diags.find((x) => x.member === 'logs/var/log/app.log.2.gz');
    expect(d?.message).toMatch(/compression ratio \d+:1 passed 1000:1 \(gzip bomb guard\); kept \d+ inflated bytes/);
    console.log(`[bomb] ratio guard: kept ${(bomb / 2 ** 20).toFixed(0)} MiB of 2048, rss +${(rssDelta / 2 ** 20).toFixed(0)} MiB`);
    expect(rssDelta).toBeLessThan(200 * 1024 * 1024);
  });

  it('with the ratio guard off, the absolute cap stops it exactly', async () => {
    const file = await bundle('abs.tar.gz');
    const cap = 256 * 1024 * 1024;
    const { got, diags, rssDelta } = await inflateAll(file, { gzMaxRatio: 1e12, gzMaxBytes: cap });
    expect(got['logs/var/log/app.log.2.gz']).toBe(cap);
    expect(diags.map((d) => d.message).join()).toMatch(/inflated size passed 268435456 bytes \(gzip bomb guard\)/);
    console.log(`[bomb] absolute cap: kept 256 MiB, rss +${(rssDelta / 2 ** 20).toFixed(0)} MiB`);
    expect(rssDelta).toBeLessThan(200 * 1024 * 1024);
  });

  it('a corrupt nested .gz keeps what was inflated and says so', async () => {
    const { gzipSync } = await import('node:zlib');
    const gz = gzipSync(Buffer.from(log.repeat(1000)));
    const file = await buildTar(join(tmp.dir, 'corrupt.tar.gz'), [{ name: 'logs/var/log/a.log.1.gz', body: gz.subarray(0, gz.length - 20) }]);
    const { got, diags } = await inflateAll(file);
    expect(got['logs/var/log/a.log.1.gz']).toBeLessThanOrEqual(log.length * 1000);
    expect(diags.map((d) => d.message).join()).toMatch(/corrupt gzip data: unexpected end of file/);
  });
});
