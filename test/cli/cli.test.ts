/** The CLI as a user meets it: exit codes, one-line errors, help, outputs. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTar, manifest, meta, tempDir } from '../bundle/build.js';
import { noTrace, sitrep } from './run.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let good: string;
let later: string;
beforeAll(async () => {
  tmp = await tempDir();
  const entries = (extra: Record<string, string> = {}): Parameters<typeof buildTar>[1] => [
    { name: 'meta.txt', body: meta(extra) },
    {
      name: 'manifest.tsv',
      body: manifest([
        ['proc/proc-loadavg.txt', 'proc', 'proc-loadavg'],
        ['logs/var/log/syslog', 'log', 'log:/var/log/syslog'],
        ['-', 'cmd', 'timedatectl', 'skipped', 'not-installed'],
      ]),
    },
    { name: 'proc/proc-loadavg.txt', body: '@@sitrep 1764133200.5\n0.50 0.40 0.30 2/300 1234\n' },
    { name: 'logs/var/log/syslog', body: 'Nov 26 05:00:01 web1 app[42]: started\nNov 26 05:00:02 web1 app[42]: ready\n' },
  ];
  good = await buildTar(join(tmp.dir, 'web1-20251126T050000Z.tar.gz'), entries());
  // The same host captured again an hour later: another capture, another host id in the analysis.
  later = await buildTar(join(tmp.dir, 'web1-20251126T060000Z.tar.gz'), entries({ start_epoch: '1764136800.250', end_epoch: '1764136860.500' }));
});
afterAll(async () => tmp.cleanup());

describe('usage', () => {
  it('every command has --help with examples', async () => {
    for (const cmd of ['analyze', 'inspect', 'parse']) {
      const r = await sitrep([cmd, '--help']);
      expect(r.code, cmd).toBe(0);
      expect(r.stdout, cmd).toMatch(/Examples:/);
    }
  });

  it('an unknown command or option: exit 1, one line', async () => {
    const r = await sitrep(['frobnicate']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sitrep: Unknown argument: frobnicate/);
    expect((await sitrep(['inspect', good, '--nope'])).code).toBe(1);
    expect((await sitrep(['parse', '--as', 'no-such-type', good])).code).toBe(1);
  });
});

describe('inputs', () => {
  it('random bytes: exit 2, "not a sitrep bundle" naming the file, no stack trace', async () => {
    const f = join(tmp.dir, 'noise.tar.gz');
    await writeFile(f, Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31 + 7) % 256)));
    for (const cmd of ['analyze', 'inspect']) {
      const r = await sitrep([cmd, f]);
      expect(r.code, cmd).toBe(2);
      expect(r.stderr.trim(), cmd).toBe('sitrep: noise.tar.gz: not a sitrep bundle (neither a gzip-compressed tar, a tar nor a directory)');
    }
  });

  it('a bundle of another format version: exit 4, naming bundle and versions; --debug adds the trace', async () => {
    const f = await buildTar(join(tmp.dir, 'web9-20301126T050000Z.tar.gz'), [{ name: 'meta.txt', body: meta({ format_version: '7' }) }]);
    const expected = 'sitrep: web9-20301126T050000Z.tar.gz: bundle format version "7" is not supported: this sitrep reads format version 1';
    for (const cmd of ['analyze', 'inspect']) {
      const r = await sitrep([cmd, f]);
      expect(r.code, cmd).toBe(4);
      expect(r.stderr.trim(), cmd).toBe(expected);
    }
    const d = await sitrep(['analyze', f, '--debug']);
    expect(d.code).toBe(4);
    expect(noTrace(d.stderr)).toBe(false);
  });

  it('analyze goes on past an unreadable bundle and exits with its code', async () => {
    const r = await sitrep(['analyze', good, join(tmp.dir, 'missing.tar.gz'), '--json', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sitrep: .*missing\.tar\.gz: cannot read bundle: no such file or directory$/m);
    expect(JSON.parse(r.stdout).parsed.map((h: { host: string }) => h.host)).toEqual(['web1']);
  });

  it('a bundle cut inside its first member: exit 3, one line', async () => {
    const { readFile } = await import('node:fs/promises');
    const cut = join(tmp.dir, 'stub.tar.gz');
    await writeFile(cut, (await readFile(good)).subarray(0, 60));
    const r = await sitrep(['analyze', cut]);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toBe('sitrep: stub.tar.gz: no readable member in the bundle (empty, or cut before its first member)');
  });

  it('a truncated bundle: what was read, an error diagnostic, no crash', async () => {
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(good);
    const cut = join(tmp.dir, 'cut.tar.gz');
    await writeFile(cut, bytes.subarray(0, bytes.length - 40));
    const r = await sitrep(['analyze', cut, '--json', '-']);
    expect(r.code).toBe(0);
    expect(noTrace(r.stderr)).toBe(true);
    expect(r.stderr).toMatch(/cut\.tar\.gz: error: archive is truncated or corrupt/);
    expect(JSON.parse(r.stdout).parsed[0].diagnostics.bundle.error).toBeGreaterThan(0);
  });
});

describe('analyze', () => {
  it('--json lists what was parsed per host and artifact, with event counts per log', async () => {
    const out = join(tmp.dir, 'r.json');
    const r = await sitrep(['analyze', good, later, '--json', out]);
    expect(r.code).toBe(0);
    const j = JSON.parse(await (await import('node:fs/promises')).readFile(out, 'utf8'));
    expect(j.parsed.map((h: { host: string }) => h.host)).toEqual(['web1', 'web1-2']);
    expect(j.hosts.map((h: { id: string }) => h.id)).toEqual(['web1', 'web1-2']);
    const h = j.parsed[0];
    expect(h.artifacts).toEqual([{ name: 'proc-loadavg', path: 'proc/proc-loadavg.txt', parser: 'proc-loadavg', blocks: 1, records: 1, diagnostics: 0 }]);
    expect(h.logs).toMatchObject([{ path: 'logs/var/log/syslog', parser: 'syslog', lines: 2, events: 2 }]);
    expect(h.unparsed).toEqual([{ name: 'timedatectl', path: null, status: 'skipped', reason: 'not-installed' }]);
  });

  it('an unwritable output: exit 5 naming it', async () => {
    const r = await sitrep(['analyze', good, '--json', join(tmp.dir, 'no', 'such', 'dir.json')]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/dir\.json: cannot write: ENOENT/);
  });
});

describe('inspect', () => {
  it('a table of artifacts with status, and what is missing and why', async () => {
    const r = await sitrep(['inspect', good]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^host +web1 +tier web/m);
    expect(r.stdout).toMatch(/^window +2025-11-26T05:00:00.250Z → 2025-11-26T05:01:00.500Z \(60 s\)/m);
    expect(r.stdout).toMatch(/^proc-loadavg +ok +10 +proc\/proc-loadavg\.txt/m);
    expect(r.stdout).toMatch(/^missing +timedatectl \(skipped: not-installed\)$/m);
  });

  it('--json gives the manifest entries', async () => {
    const r = await sitrep(['inspect', good, '--json', '-']);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ hostname: 'web1', tier: 'web', formatVersion: '1', window: { start: 1764133200250, end: 1764133260500 } });
    expect(j.artifacts.map((a: { name: string }) => a.name)).toEqual(['proc-loadavg', 'log:/var/log/syslog', 'timedatectl']);
  });
});

describe('parse', () => {
  it('--list names the types', async () => {
    const r = await sitrep(['parse', '--list']);
    expect(r.stdout).toMatch(/^command +vmstat /m);
    expect(r.stdout).toMatch(/^log +syslog /m);
  });

  it('a marked /proc capture: one JSON line per block with its time', async () => {
    const f = join(tmp.dir, 'proc-loadavg.txt');
    await writeFile(f, '@@sitrep 1764133200.5\n0.50 0.40 0.30 2/300 1234\n@@sitrep 1764133201.5\n0.60 0.40 0.30 3/300 1235\n');
    const r = await sitrep(['parse', '--as', 'proc-loadavg', f]);
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.time)).toEqual([1764133200500, 1764133201500]);
  });

  it('a log, type detected: events as JSON Lines, with --tz and --year', async () => {
    const f = join(tmp.dir, 'messages');
    await writeFile(f, 'Nov 26 05:00:01 web1 app[42]: started\nNov 26 05:00:02 web1 app[42]: ready\n');
    const r = await sitrep(['parse', '--tz', 'Europe/Berlin', '--year', '2024', f]);
    expect(r.code).toBe(0);
    const ev = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(ev.map((e) => [e.line, e.time])).toEqual([
      [1, Date.UTC(2024, 10, 26, 4, 0, 1)],
      [2, Date.UTC(2024, 10, 26, 4, 0, 2)],
    ]);
    // The same log rotated and compressed reads the same.
    const { gzipSync } = await import('node:zlib');
    const { readFile } = await import('node:fs/promises');
    await writeFile(`${f}.1.gz`, gzipSync(await readFile(f)));
    const gz = await sitrep(['parse', '--as', 'syslog', '--tz', 'Europe/Berlin', '--year', '2024', `${f}.1.gz`]);
    expect(gz.code).toBe(0);
    expect(
      gz.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).time),
    ).toEqual(ev.map((e) => e.time));
  });

  it('--year a log cannot carry (0000, 99, 1969): a usage error, never a stamp read in 1900', async () => {
    const f = join(tmp.dir, 'messages-year');
    await writeFile(f, 'Nov 26 05:00:01 web1 app[42]: started\n');
    for (const year of ['0', '99', '1969', '2024.5']) {
      const r = await sitrep(['parse', '--as', 'syslog', '--year', year, f]);
      expect(r.code, year).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toEqual([
        expect.stringMatching(new RegExp(`--year ${year.replace('.', '\\.')} is not a year a log can carry \\(1970\\.\\.\\d{4}\\)`)),
      ]);
    }
  });

  it('a missing file: exit 2 naming it', async () => {
    const r = await sitrep(['parse', '--as', 'vmstat', join(tmp.dir, 'nope.txt')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.txt: cannot read: no such file$/m);
  });
});
