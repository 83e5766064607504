/**
 * Outputs are written safely (issue 15, item 3): `-o` never follows a planted
 * symlink, never overwrites an input bundle or a file inside an unpacked one,
 * results are 0600 unless --mode says otherwise, and each refusal is one
 * line with OUTPUT_FAILED's exit status (5), no temporary file left behind.
 */
import { spawn, execFileSync } from 'node:child_process';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTar, manifest, meta, tempDir, TOP } from '../bundle/build.js';
import { noTrace, sitrep } from './run.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
let bundle: string;
let unpacked: string;
const MANIFEST = manifest([['proc/proc-loadavg.txt', 'proc', 'proc-loadavg']]);
const FILES: [string, string][] = [
  ['meta.txt', meta()],
  ['manifest.tsv', MANIFEST],
  ['proc/proc-loadavg.txt', '@@sitrep 1764133200.5\n0.50 0.40 0.30 2/300 1234\n'],
];

beforeAll(async () => {
  tmp = await tempDir();
  bundle = await buildTar(
    join(tmp.dir, 'b.tar.gz'),
    FILES.map(([name, body]) => ({ name, body })),
  );
  unpacked = join(tmp.dir, TOP);
  await mkdir(join(unpacked, 'proc'), { recursive: true });
  for (const [name, body] of FILES) await writeFile(join(unpacked, name), body);
});
afterAll(async () => tmp.cleanup());

/** A refused write: exit 5, one line naming the file, nothing else touched. */
function refused(r: { code: number | null; stderr: string }, why: RegExp): void {
  expect(r.code).toBe(5);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(why);
  expect(noTrace(r.stderr)).toBe(true);
}

describe('writing outputs', () => {
  it('refuses a target that is a symlink, and leaves the link target alone', async () => {
    const victim = join(tmp.dir, 'victim');
    await writeFile(victim, 'precious\n');
    const link = join(tmp.dir, 'report.html');
    await symlink(victim, link);
    refused(await sitrep(['analyze', bundle, '-o', link]), /report\.html: refusing to write through a symbolic link/);
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
  });

  it('refuses to write a file inside an input bundle directory', async () => {
    refused(await sitrep(['analyze', unpacked, '--json', join(unpacked, 'manifest.tsv')]), /refusing to write over input/);
    expect(await readFile(join(unpacked, 'manifest.tsv'), 'utf8')).toBe(MANIFEST);
    refused(await sitrep(['analyze', unpacked, '--md', join(unpacked, 'proc', 'new.md')]), /inside that bundle directory/);
  });

  it('refuses to overwrite an input bundle file', async () => {
    const before = await readFile(bundle);
    refused(await sitrep(['analyze', bundle, '--json', bundle]), /refusing to write over input/);
    refused(await sitrep(['inspect', bundle, '--json', bundle]), /refusing to write over input/);
    expect((await readFile(bundle)).equals(before)).toBe(true);
  });

  it('writes 0600 by default, --mode otherwise, and leaves no temporary file', async () => {
    const out = join(tmp.dir, 'out');
    await mkdir(out);
    const r = await sitrep(['analyze', bundle, '-o', join(out, 'r.html'), '--json', join(out, 'r.json')]);
    expect(r.code).toBe(0);
    expect((await stat(join(out, 'r.html'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(out, 'r.json'))).mode & 0o777).toBe(0o600);
    expect((await sitrep(['analyze', bundle, '--md', join(out, 'r.md'), '--mode', '0640'])).code).toBe(0);
    expect((await stat(join(out, 'r.md'))).mode & 0o777).toBe(0o640);
    expect((await readdir(out)).sort()).toEqual(['r.html', 'r.json', 'r.md']);
    expect((await sitrep(['analyze', bundle, '--md', join(out, 'x.md'), '--mode', 'rw'])).code).toBe(1);
  });

  it('replaces an existing regular file whole', async () => {
    const out = join(tmp.dir, 'again.json');
    await writeFile(out, 'x'.repeat(1 << 20));
    expect((await sitrep(['analyze', bundle, '--json', out])).code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveProperty('diagnosis');
  });

  it('writes into /dev/null as a device, never replacing it (the bench writes --json /dev/null)', async () => {
    expect((await stat('/dev/null')).isCharacterDevice()).toBe(true);
    const code = (await sitrep(['analyze', bundle, '--json', '/dev/null'])).code;
    const intact = (await stat('/dev/null')).isCharacterDevice();
    // A regression would leave the machine without /dev/null: put it back before failing.
    if (!intact && process.getuid?.() === 0) execFileSync('sh', ['-c', 'rm -f /dev/null && mknod -m 666 /dev/null c 1 3']);
    expect(intact).toBe(true);
    expect(code).toBe(0);
  });

  it('writes into a named pipe its reader drains, leaving the pipe a pipe', async () => {
    const fifo = join(tmp.dir, 'out.fifo');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.on('data', (c: Buffer) => (got += c.toString('utf8')));
    const done = new Promise((r) => reader.on('close', r));
    expect((await sitrep(['analyze', bundle, '--json', fifo])).code).toBe(0);
    await done;
    expect(JSON.parse(got)).toHaveProperty('diagnosis');
    expect((await stat(fifo)).isFIFO()).toBe(true);
  });
});
