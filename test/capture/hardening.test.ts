/**
 * The capture runs as root where other users can write (issue 15). Each case
 * plants what an attacker on the host would: a link to a root-only file under
 * a log glob or beside an open log, a FIFO at a log path or at the output
 * name, a password on a command line. The bundle must hold no byte of the
 * secret (every member searched, .gz members inflated), say why each planted
 * thing was skipped, and finish in bounded time.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { membersContaining, readBundle, rows, runCapture, tempDir, type Bundle } from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const NOBODY = 65534;
const dirs: string[] = [];
const kids: ChildProcess[] = [];
afterAll(() => {
  for (const k of kids) k.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface Canary {
  secret: string;
  dir: string;
  file: string;
}

/** A root-only directory (mkdtemp: 0700) holding a 0600 file with a unique string. */
function canary(): Canary {
  const dir = tempDir('sitrep-canary-');
  dirs.push(dir);
  const secret = `CANARY-${randomBytes(8).toString('hex')}`;
  const file = join(dir, 'secret');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return { secret, dir, file };
}

/** A link target padded with slashes: the link itself is ~4 KB long. */
const padded = (target: string): string => '/'.repeat(4000) + target;

/** A directory a service account (nobody) can write. */
function serviceDir(path?: string): string {
  const d = path ?? tempDir('sitrep-svc-');
  if (path) mkdirSync(path);
  dirs.push(d);
  chownSync(d, NOBODY, NOBODY);
  chmodSync(d, 0o755);
  return d;
}

function logRow(b: Bundle, path: string): string[][] {
  return rows(b, `log:${path}`).map((r) => [r.status, r.reason, r.path]);
}

describe('links and FIFOs planted where the capture collects logs', () => {
  it.skipIf(lacks('a root capture among hostile files', { root: true }))(
    'an explicit -l glob skips a padded link, a linked directory and a FIFO, copying none of their bytes',
    async () => {
      const c = canary();
      writeFileSync(join(c.dir, 'app.log'), `${c.secret}\n`, { mode: 0o600 });
      const svc = serviceDir();
      writeFileSync(join(svc, 'plain.log'), 'plain line\n');
      symlinkSync(padded(c.file), join(svc, 'padded.log'));
      symlinkSync(c.dir, join(svc, 'linked'));
      expect(spawnSync('mkfifo', [join(svc, 'fifo.log')]).status).toBe(0);
      const out = tempDir('sitrep-cap-glob-');
      dirs.push(out);
      const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover', '-l', `${svc}/*.log`, '-l', `${svc}/*/app.log`], { timeoutMs: 60_000 });
      expect(run.exitCode, run.stderr).toBe(0);
      // the FIFO was never opened: no wait for a writer, no timeout
      expect(run.durationMs).toBeLessThan(20_000);
      const b = readBundle(run.bundlePath!);
      expect(membersContaining(b, c.secret)).toEqual([]);
      expect(logRow(b, join(svc, 'padded.log'))).toEqual([['skipped', 'symlink', '-']]);
      expect(logRow(b, join(svc, 'linked', 'app.log'))).toEqual([['skipped', 'symlink-in-path', '-']]);
      expect(logRow(b, join(svc, 'fifo.log'))).toEqual([['skipped', 'fifo', '-']]);
      expect(logRow(b, join(svc, 'plain.log'))).toEqual([['ok', '-', `logs${svc}/plain.log`]]);
    },
  );

  it.skipIf(lacks('a root capture among hostile files', { root: true }))('discovery skips the rotated form of an open log when it is a link', async () => {
    const c = canary();
    const app = serviceDir(join('/var/lib', `sitrep-test-rot-${process.pid}-${Date.now()}`));
    const log = join(app, 'app.log');
    writeFileSync(log, 'started\n');
    chownSync(log, NOBODY, NOBODY);
    symlinkSync(padded(c.file), `${log}.1`);
    // An unprivileged daemon holds app.log open: discovery adds app.log.1.
    const holder = spawn('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'sh', '-c', `exec sleep 60 >>'${log}'`], { stdio: 'ignore' });
    kids.push(holder);
    await new Promise((r) => setTimeout(r, 300));
    const out = tempDir('sitrep-cap-rot-');
    dirs.push(out);
    const run = await runCapture(['-d', '1', '-o', out, '-q'], { timeoutMs: 90_000 });
    holder.kill('SIGKILL');
    expect(run.exitCode, run.stderr).toBe(0);
    const b = readBundle(run.bundlePath!);
    expect(membersContaining(b, c.secret)).toEqual([]);
    expect(logRow(b, log)).toEqual([['ok', '-', `logs${log}`]]);
    expect(logRow(b, `${log}.1`)).toEqual([['skipped', 'symlink', '-']]);
  });
});

/**
 * A `sort` first on PATH that rotates `log` the way logrotate's `create` does
 * (renamed away, a new file in its place) and then runs the real sort. The
 * capture sorts its list of current logs after it has listed (lstat) them and
 * before it copies them, so the file it opens is another inode than the one it
 * listed, every run: no timing involved, and no hook in the script. Each old
 * file keeps a name of its own (`-old-<pid>`): renamed over one name, the
 * freed inode came back at the next rotation (ext4) and the copy saw the
 * listed number again.
 */
function rotatingSort(log: string): { bin: string; fired: string } {
  const bin = tempDir('sitrep-shim-');
  dirs.push(bin);
  const real = spawnSync('sh', ['-c', 'command -v sort'], { encoding: 'utf8' }).stdout.trim();
  const fired = join(bin, 'fired');
  const q = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  writeFileSync(
    join(bin, 'sort'),
    `#!/bin/sh
if [ -f ${q(log)} ]; then mv -f ${q(log)} ${q(`${log}-old`)}-$$ && printf 'written after rotation\\n' >${q(log)} && : >${q(fired)}; fi
exec ${q(real)} "$@"
`,
    { mode: 0o755 },
  );
  return { bin, fired };
}

describe('a log replaced between listing and copy', () => {
  it('is refused as changed, with a manifest row saying so, and no byte of either file copied', async () => {
    const dir = tempDir('sitrep-rotating-');
    dirs.push(dir);
    const log = join(dir, 'app.log');
    writeFileSync(log, 'LISTED-CONTENT before rotation\n');
    writeFileSync(join(dir, 'plain.log'), 'plain line\n');
    const shim = rotatingSort(log);
    const out = tempDir('sitrep-cap-changed-');
    dirs.push(out);
    const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover', '-l', log, '-l', join(dir, 'plain.log')], {
      timeoutMs: 60_000,
      env: { PATH: `${shim.bin}:${process.env.PATH ?? '/usr/bin:/bin'}` },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(lstatSync(shim.fired).isFile()).toBe(true);
    const b = readBundle(run.bundlePath!);
    expect(logRow(b, log)).toEqual([['skipped', 'changed', '-']]);
    expect(membersContaining(b, 'LISTED-CONTENT')).toEqual([]);
    expect(membersContaining(b, 'written after rotation')).toEqual([]);
    // The same run copies the log nobody replaced.
    expect(logRow(b, join(dir, 'plain.log'))).toEqual([['ok', '-', `logs${dir}/plain.log`]]);
  });
});

/** The script's output name for a start second: <host>-<YYYYMMDDTHHMMSSZ>. */
function outputName(epochS: number): string {
  const host = spawnSync('hostname', { encoding: 'utf8' })
    .stdout.trim()
    .split('.')[0]!
    .replace(/[^A-Za-z0-9._-]/g, '_');
  const stamp = new Date(epochS * 1000)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `${host}-${stamp}`;
}

describe('things planted at the output names', () => {
  it.skipIf(lacks('a root capture among hostile files', { root: true }))(
    'a FIFO or a link at the predictable name is neither opened nor followed',
    async () => {
      const c = canary();
      const out = tempDir('sitrep-cap-plant-');
      dirs.push(out);
      const now = Math.floor(Date.now() / 1000);
      const planted: string[] = [];
      for (let i = 0; i < 30; i++) {
        const fifo = join(out, `${outputName(now + i)}.tar.gz`);
        const link = join(out, `${outputName(now + i)}-2.tar.gz`);
        expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
        symlinkSync(c.file, link);
        planted.push(fifo, link);
      }
      const run = await runCapture(['-d', '1', '-o', out, '-q'], {
        env: { SITREP_SOFT_MARGIN_S: '5', SITREP_HARD_MARGIN_S: '10' },
        timeoutMs: 40_000,
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(basename(run.bundlePath!)).toMatch(/-3\.tar\.gz$/);
      const b = readBundle(run.bundlePath!);
      expect(b.top).toBe(basename(run.bundlePath!).replace(/\.tar\.gz$/, ''));
      expect(lstatSync(run.bundlePath!).isFile()).toBe(true);
      expect(readFileSync(c.file, 'utf8')).toBe(`${c.secret}\n`);
      expect(statSync(c.file).mode & 0o777).toBe(0o600);
      for (const p of planted) {
        const st = lstatSync(p);
        expect(p.endsWith('-2.tar.gz') ? st.isSymbolicLink() : st.isFIFO(), p).toBe(true);
      }
    },
  );
});

describe('secrets on command lines', () => {
  it('are replaced by *** in the ps snapshots and counted in the manifest', async () => {
    const tag = randomBytes(6).toString('hex');
    const s = (n: number): string => `S${n}x${tag}`;
    const args = [
      'mysql',
      `-p${s(1)}`,
      `--password=${s(2)}`,
      '--password',
      s(3),
      `PGPASSWORD=${s(4)}`,
      `postgres://app:${s(5)}@db.internal/x`,
      `token=${s(6)}`,
      `secret=${s(7)}`,
      `Authorization: Bearer ${s(8)}`,
    ];
    // "; :" keeps bash from exec'ing sleep: its own argv stays visible in ps.
    const holder = spawn('bash', ['-c', 'sleep 60; :', ...args], { stdio: 'ignore' });
    kids.push(holder);
    await new Promise((r) => setTimeout(r, 300));
    const out = tempDir('sitrep-cap-secret-');
    dirs.push(out);
    const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover']);
    holder.kill('SIGKILL');
    expect(run.exitCode, run.stderr).toBe(0);
    const b = readBundle(run.bundlePath!);
    for (let n = 1; n <= 8; n++) expect(membersContaining(b, s(n)), s(n)).toEqual([]);
    const ps = b.files.get('snap/start/ps.txt')!.toString();
    const line = ps.split('\n').find((l) => l.includes('sleep 60; :')) ?? '';
    for (const shape of [
      'mysql -p***',
      '--password=***',
      '--password ***',
      'PGPASSWORD=***',
      'postgres://app:***@db.internal/x',
      'token=***',
      'secret=***',
      'Authorization: Bearer ***',
    ])
      expect(line, shape).toContain(shape);
    for (const r of rows(b, 'ps')) {
      expect(r.reason).toMatch(/^scrubbed:\d+$/);
      expect(Number(r.reason.split(':')[1])).toBeGreaterThanOrEqual(8);
    }
  });
});
