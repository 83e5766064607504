/**
 * Logs (-l, --no-discover, rotated forms, the --since window), the byte budget,
 * and a run as the unprivileged `nobody`.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle, rows, runCapture, tempDir } from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function lines(prefix: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += `2026-01-01T00:00:${String(i % 60).padStart(2, '0')} ${prefix} line ${i}\n`;
  return s;
}

describe('-l with --no-discover', () => {
  it('collects exactly that log and its rotated forms in the window, nothing else', async () => {
    const d = tempDir('sitrep-logs-');
    dirs.push(d);
    const out = tempDir('sitrep-cap-logs-');
    dirs.push(out);
    const now = Date.now() / 1000;
    const app = join(d, 'app.log');
    writeFileSync(app, lines('current', 50));
    writeFileSync(`${app}.1`, lines('rotated-1', 40));
    writeFileSync(`${app}.2.gz`, gzipSync(lines('rotated-2', 30)));
    writeFileSync(`${app}.3.gz`, gzipSync(lines('rotated-3', 20)));
    writeFileSync(join(d, 'other.log'), lines('other', 10));
    utimesSync(`${app}.1`, now - 3600, now - 3600);
    utimesSync(`${app}.2.gz`, now - 7200, now - 7200);
    utimesSync(`${app}.3.gz`, now - 3 * 86400, now - 3 * 86400); // before the 24 h window

    const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover', '-t', 'app', '-l', app]);
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe(''); // -q
    expect(run.stdout).toBe(`${run.bundlePath}\n`);
    const b = readBundle(run.bundlePath!);
    const rel = (p: string): string => `logs${p}`;
    const logRows = b.manifest.filter((r) => r.kind === 'log');
    expect(logRows.map((r) => [r.name, r.status, r.reason]).sort()).toEqual([
      [`log:${app}`, 'ok', '-'],
      [`log:${app}.1`, 'ok', '-'],
      [`log:${app}.2.gz`, 'ok', '-'],
      [`log:${app}.3.gz`, 'skipped', 'before-window'],
    ]);
    const logFiles = [...b.files.keys()].filter((p) => p.startsWith('logs/')).sort();
    expect(logFiles).toEqual([rel(app), rel(`${app}.1`), rel(`${app}.2.gz`)].sort());
    expect(b.files.get(rel(app))!.equals(readFileSync(app))).toBe(true);
    expect(b.files.get(rel(`${app}.1`))!.equals(readFileSync(`${app}.1`))).toBe(true);
    expect(gunzipSync(b.files.get(rel(`${app}.2.gz`))!).toString()).toBe(lines('rotated-2', 30));
    // the manifest carries each file's mtime
    const r1 = rows(b, `log:${app}.1`)[0]!;
    expect(Number(r1.mtime)).toBe(Math.floor(statSync(`${app}.1`).mtimeMs / 1000));
    expect(r1.source).toBe(`${app}.1`);
    // no discovery: no journal, no system or application logs
    expect(rows(b, 'journal').map((r) => [r.status, r.reason])).toEqual([['skipped', 'no-discover']]);
    expect(b.meta.tier).toBe('app');
    // commands and /proc still ran
    expect(rows(b, 'proc-stat')[0]!.status).toBe('ok');
    expect(rows(b, 'ps').length).toBe(2);
  });

  it('reports a -l glob or path that matches nothing, and a -l that is not a file', async () => {
    const out = tempDir('sitrep-cap-nolog-');
    dirs.push(out);
    const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover', '-l', `${out}/nope/*.log`, '-l', `${out}/missing.log`, '-l', out]);
    expect(run.exitCode, run.stderr).toBe(0);
    const b = readBundle(run.bundlePath!);
    expect(b.manifest.filter((r) => r.kind === 'log').map((r) => [r.name, r.status, r.reason])).toEqual([
      [`log:${out}/nope/*.log`, 'skipped', 'absent'],
      [`log:${out}/missing.log`, 'skipped', 'absent'],
      [`log:${out}`, 'skipped', 'not-regular'],
    ]);
  });
});

describe('--since', () => {
  const cases: [string, (start: number) => number][] = [
    ['@1700000000', () => 1700000000],
    ['2h', (s) => Math.floor(s) - 7200],
    ['3 d', (s) => Math.floor(s) - 3 * 86400],
    ['2026-01-02 03:04:05 UTC', () => Date.UTC(2026, 0, 2, 3, 4, 5) / 1000],
  ];
  it.each(cases)('accepts %s', async (arg, want) => {
    const out = tempDir('sitrep-cap-since-');
    dirs.push(out);
    const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover', '--since', arg]);
    expect(run.exitCode, `${arg}: ${run.stderr}`).toBe(0);
    const b = readBundle(run.bundlePath!);
    expect(Number(b.meta.since_epoch), arg).toBe(want(Number(b.meta.start_epoch)));
  });
});

describe('a tiny byte budget', () => {
  it('keeps the bundle under --max-bytes 200K and marks what was cut', async () => {
    const d = tempDir('sitrep-big-');
    dirs.push(d);
    const out = tempDir('sitrep-cap-budget-');
    dirs.push(out);
    const big = join(d, 'big.log');
    writeFileSync(big, lines('payload', 20000)); // ~ 800 KB
    const budget = 200 * 1024;
    const run = await runCapture(['-d', '2', '-o', out, '-q', '--max-bytes', '200K', '-l', big]);
    expect(run.exitCode, run.stderr).toBe(0);
    const gz = readFileSync(run.bundlePath!);
    expect(gz.length).toBeLessThanOrEqual(budget);
    expect(gunzipSync(gz).length).toBeLessThanOrEqual(budget); // even the uncompressed tar fits
    const b = readBundle(run.bundlePath!);
    expect(b.meta.max_bytes).toBe(String(budget));
    const total = b.manifest.reduce((s, r) => s + Number(r.bytes), 0);
    expect(total).toBeLessThanOrEqual(budget);
    // the log was cut to its newest bytes
    const [lr] = rows(b, `log:${big}`);
    expect([lr!.status, lr!.reason]).toEqual(['truncated', 'over-budget']);
    const kept = b.files.get(`logs${big}`)!;
    expect(kept.length).toBe(Number(lr!.bytes));
    expect(kept.length).toBeGreaterThan(1000);
    expect(kept.length).toBeLessThan(statSync(big).size);
    expect(readFileSync(big).subarray(-kept.length).equals(kept)).toBe(true);
    // meta, manifest and the samples' first blocks survive
    expect(b.files.has('meta.txt')).toBe(true);
    expect(rows(b, 'vmstat')[0]!.status).toBe('ok');
    expect(b.files.get('proc/proc-stat.txt')!.toString()).toMatch(/^@@sitrep /);
    const cut = b.manifest.filter((r) => r.reason === 'over-budget');
    expect(cut.length).toBeGreaterThan(0);
    for (const r of cut) expect(['truncated', 'skipped']).toContain(r.status);
  });
});

describe('as nobody', () => {
  it.skipIf(lacks('a capture as nobody', { root: true }))(
    'still writes a bundle and records what it could not read (needs root to become nobody)',
    async () => {
      const out = tempDir('sitrep-cap-nobody-', true);
      dirs.push(out);
      const secret = join(out, 'root-only.log');
      writeFileSync(secret, 'secret\n');
      chmodSync(secret, 0o600);
      const started = Date.now();
      const run = await runCapture(['-d', '2', '-o', out, '-q', '-l', secret], { user: 'nobody' });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000);
      const owner = spawnSync('stat', ['-c', '%U', run.bundlePath!], { encoding: 'utf8' }).stdout.trim();
      expect(owner).toBe('nobody');
      const b = readBundle(run.bundlePath!);
      expect(b.meta.uid).toBe('65534');
      expect(b.meta.user).toBe('nobody');
      expect(rows(b, `log:${secret}`).map((r) => [r.status, r.reason, r.path])).toEqual([['skipped', 'permission-denied', '-']]);
      const restricted = readFileSync('/proc/sys/kernel/dmesg_restrict', 'utf8').trim() === '1';
      if (restricted) {
        expect(rows(b, 'dmesg').map((r) => [r.status, r.reason])).toEqual([['failed', 'permission-denied']]);
      }
      // other users' fds cannot be counted: said so, in the artifact and the manifest
      const fd = b.files.get('snap/start/fd-counts.txt')!.toString();
      expect(fd).toMatch(/^# unreadable: [1-9]\d* processes \(permission denied\)$/m);
      expect(rows(b, 'fd-counts').map((r) => r.reason)).toEqual(['not-root', 'not-root']);
      expect(rows(b, 'ss-tanp')[0]!.reason).toBe('not-root');
      // what needs no privilege is all there
      for (const n of ['vmstat', 'iostat', 'mpstat', 'sar-net']) expect(rows(b, n)[0]!.status, n).toBe('ok');
      for (const n of ['ps', 'free', 'ss-s'])
        expect(
          rows(b, n).map((r) => r.status),
          n,
        ).toEqual(['ok', 'ok']);
      expect(b.manifest.filter((r) => r.reason === 'permission-denied').length).toBeGreaterThan(0);
    },
  );
});
