/**
 * The capture under the faults it exists for: sysstat missing, a `df` that
 * never returns (a dead NFS mount), and a SIGTERM in the middle of the window.
 */
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commOf, listDir, markers, processesWithEnv, readBundle, rows, runCapture, tempDir } from '../helpers/capture.js';

const SYSSTAT = new Set(['sar', 'sadf', 'iostat', 'mpstat', 'pidstat', 'sadc', 'cifsiostat', 'tapestat']);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/**
 * Writes an executable that hangs like a dead mount. Exclusive create: never
 * writes through an existing entry (a symlink to the real tool).
 */
function writeHangingTool(dir: string, name: string): void {
  writeFileSync(join(dir, name), '#!/bin/sh\n# hangs like a tool on a dead NFS mount\nsleep 100000\n', {
    flag: 'wx',
    mode: 0o755,
  });
}

/** A PATH directory of symlinks to every command of the system PATH except `except`. */
function pathWithout(except: Set<string>): string {
  const bin = tempDir('sitrep-path-');
  dirs.push(bin);
  for (const d of ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']) {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      continue;
    }
    for (const n of names) {
      if (except.has(n)) continue;
      try {
        symlinkSync(join(d, n), join(bin, n));
      } catch {
        // the same name from an earlier PATH entry wins, as in a shell
      }
    }
  }
  return bin;
}

describe('without sysstat', () => {
  it('still has every USE metric from /proc, and says sysstat was not installed', async () => {
    const bin = pathWithout(SYSSTAT);
    const out = tempDir('sitrep-cap-nosysstat-');
    dirs.push(out);
    const run = await runCapture(['-d', '3', '-o', out, '-q'], { env: { PATH: bin } });
    expect(run.exitCode, run.stderr).toBe(0);
    const b = readBundle(run.bundlePath!);
    const missing = b.meta.missing_tools!.split(' ');
    for (const t of ['sar', 'sadf', 'iostat', 'mpstat', 'pidstat']) expect(missing).toContain(t);
    expect(missing).not.toContain('vmstat');
    for (const n of ['iostat', 'mpstat', 'pidstat', 'sar-net']) {
      expect(
        rows(b, n).map((r) => [r.status, r.reason, r.path]),
        n,
      ).toEqual([['skipped', 'not-installed', '-']]);
      expect(b.files.has(`sample/${n}.txt`)).toBe(false);
    }
    expect(rows(b, 'vmstat')[0]!.status).toBe('ok');
    for (const n of ['proc-stat', 'proc-meminfo', 'proc-diskstats', 'proc-net-dev', 'proc-vmstat', 'proc-net-snmp', 'proc-net-netstat', 'proc-loadavg']) {
      const text = b.files.get(`proc/${n}.txt`)?.toString() ?? '';
      expect(markers(text).length, n).toBeGreaterThanOrEqual(2);
    }
    expect(b.files.get('proc/proc-stat.txt')!.toString()).toMatch(/^cpu\s+\d+/m);
    expect(b.files.get('proc/proc-diskstats.txt')!.toString().split('\n').length).toBeGreaterThan(2);
    // sar history needs sadf
    for (const r of b.manifest.filter((x) => x.kind === 'sar')) expect(r.status).toBe('skipped');
  });
});

describe('a df that never returns', () => {
  it('times out once, marks df bad, skips the later df runs, and the capture ends in bounded time', async () => {
    const fake = tempDir('sitrep-fakedf-');
    dirs.push(fake);
    writeHangingTool(fake, 'df');
    const out = tempDir('sitrep-cap-df-');
    dirs.push(out);
    const tag = `df-${process.pid}-${Date.now()}`;
    const window = 2;
    const run = await runCapture(['-d', String(window), '-o', out, '-q'], {
      env: { PATH: `${fake}:${process.env.PATH}`, SITREP_TEST_TAG: tag },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    // window + one 5 s command timeout + the rest: far below the window + 60 s watchdog
    expect(run.durationMs).toBeLessThan(window * 1000 + 20_000);
    const b = readBundle(run.bundlePath!);
    const df = rows(b, 'df');
    expect(df.map((r) => [r.status, r.exit, r.reason])).toEqual([
      ['timeout', '124', 'timed-out'],
      ['skipped', '-', 'bad-resource'],
    ]);
    expect(Number(df[0]!.duration_ms)).toBeGreaterThanOrEqual(5000);
    expect(Number(df[0]!.duration_ms)).toBeLessThan(8000);
    expect(rows(b, 'df-i').map((r) => [r.status, r.reason])).toEqual([
      ['skipped', 'bad-resource'],
      ['skipped', 'bad-resource'],
    ]);
    // everything after the hang still ran
    expect(rows(b, 'ps').map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(rows(b, 'vmstat')[0]!.status).toBe('ok');
    expect(b.files.get('capture.log')!.toString()).toContain('df: timed out after 5 s; later commands on df are skipped');
    // the hung fake df was killed, not orphaned
    expect(processesWithEnv('SITREP_TEST_TAG', tag)).toEqual([]);
    expect(listDir(out)).toHaveLength(1);
  });
});

describe('without coreutils timeout', () => {
  it('bounds a hung df with its own killer and leaves nothing behind', async () => {
    const bin = pathWithout(new Set(['timeout', 'df']));
    writeHangingTool(bin, 'df');
    const out = tempDir('sitrep-cap-notimeout-');
    dirs.push(out);
    const tag = `nt-${process.pid}-${Date.now()}`;
    const run = await runCapture(['-d', '2', '-o', out, '-q'], { env: { PATH: bin, SITREP_TEST_TAG: tag } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.durationMs).toBeLessThan(22_000);
    const b = readBundle(run.bundlePath!);
    expect(b.meta.missing_tools!.split(' ')).toContain('timeout');
    expect(rows(b, 'df').map((r) => [r.status, r.exit, r.reason])).toEqual([
      ['timeout', '124', 'timed-out'],
      ['skipped', '-', 'bad-resource'],
    ]);
    for (const n of ['vmstat', 'iostat', 'ps']) expect(rows(b, n)[0]!.status, n).toBe('ok');
    expect(processesWithEnv('SITREP_TEST_TAG', tag).map((p) => `${p} ${commOf(p)}`)).toEqual([]);
  });
});

describe('SIGTERM in the middle of the window', () => {
  /** Sends `terms` SIGTERMs 50 ms apart 2 s into the window; what was there then, and the run. */
  async function terminated(terms: number) {
    const out = tempDir('sitrep-cap-term-');
    dirs.push(out);
    const tag = `term-${process.pid}-${Date.now()}`;
    let seenDuring: string[] = [];
    let workDuring: string[] = [];
    let killedAt = 0;
    const run = await runCapture(['-d', '20', '-o', out], {
      env: { SITREP_TEST_TAG: tag },
      timeoutMs: 40_000,
      onSpawn: (child) => {
        let sent = false;
        child.stderr!.on('data', (d: Buffer | string) => {
          if (sent || !String(d).includes('sampling for 20 s')) return;
          sent = true;
          setTimeout(() => {
            seenDuring = processesWithEnv('SITREP_TEST_TAG', tag).map(commOf);
            workDuring = listDir(out);
            killedAt = Date.now();
            for (let i = 0; i < terms; i++) setTimeout(() => child.kill('SIGTERM'), 50 * i);
          }, 2000);
        });
      },
    });
    // it was really mid-window: samplers and a work dir existed
    expect(seenDuring).toEqual(expect.arrayContaining(['vmstat', 'iostat', 'mpstat', 'pidstat']));
    expect(workDuring.some((e) => e.startsWith('.sitrep.'))).toBe(true);
    expect(run.exitCode).toBe(4);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('interrupted by SIGTERM');
    // it stops promptly, well before the 20 s window would have ended
    expect(killedAt).toBeGreaterThan(0);
    expect(Date.now() - killedAt).toBeLessThan(5_000);
    expect(listDir(out)).toEqual([]);
    expect(processesWithEnv('SITREP_TEST_TAG', tag)).toEqual([]);
    expect(statSync(out).isDirectory()).toBe(true);
  }

  it('stops the samplers, removes its temporary files, leaves no bundle and no process', async () => {
    await terminated(1);
  });

  // An impatient operator or a supervisor signals again while the capture cleans up:
  // the second signal must not cut the cleanup short (it left 18 of 19 processes running).
  it('a second SIGTERM 50 ms later does not cut its cleanup short', async () => {
    await terminated(2);
  });
});

describe('the output filesystem is too small for the budget', () => {
  it('refuses to start with a clear message and exit 3', async () => {
    const out = tempDir('sitrep-cap-space-');
    dirs.push(out);
    mkdirSync(join(out, 'keep'));
    const run = await runCapture(['-d', '1', '-o', out, '--max-bytes', '100T']);
    expect(run.exitCode).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/refusing to start: .* has [\d.]+ [KMGT]?i?B free, less than the byte budget of 100 TiB \(--max-bytes 100T\)/);
    expect(listDir(out)).toEqual(['keep']);
  });
});

describe('the wall-time watchdog', () => {
  function hangingTool(name: string): string {
    const fake = tempDir(`sitrep-fake${name}-`);
    dirs.push(fake);
    writeHangingTool(fake, name);
    return fake;
  }

  it('past window + soft margin skips what is left but still writes the bundle', async () => {
    const fake = hangingTool('df');
    const out = tempDir('sitrep-cap-soft-');
    dirs.push(out);
    const tag = `soft-${process.pid}-${Date.now()}`;
    const run = await runCapture(['-d', '1', '-o', out, '-q'], {
      env: {
        PATH: `${fake}:${process.env.PATH}`,
        SITREP_TEST_TAG: tag,
        SITREP_SOFT_MARGIN_S: '1',
        SITREP_HARD_MARGIN_S: '30',
      },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    // the df hang (5 s timeout) was cut short by the soft limit at ~2 s
    expect(run.durationMs).toBeLessThan(6_000);
    const b = readBundle(run.bundlePath!);
    expect(rows(b, 'df')[0]!.reason).toBe('deadline');
    const late = b.manifest.filter((r) => r.reason === 'deadline');
    expect(late.map((r) => r.name)).toEqual(expect.arrayContaining(['ps', 'vmstat', 'proc-stat']));
    for (const r of late) expect(r.path).toBe('-');
    expect(processesWithEnv('SITREP_TEST_TAG', tag)).toEqual([]);
  });

  it('past window + hard margin kills the capture even while packing hangs', async () => {
    const fake = hangingTool('tar');
    const out = tempDir('sitrep-cap-hard-');
    dirs.push(out);
    const tag = `hard-${process.pid}-${Date.now()}`;
    const run = await runCapture(['-d', '1', '-o', out], {
      env: {
        PATH: `${fake}:${process.env.PATH}`,
        SITREP_TEST_TAG: tag,
        SITREP_SOFT_MARGIN_S: '3',
        SITREP_HARD_MARGIN_S: '6',
      },
    });
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toContain('packing');
    expect(run.stderr).toContain('interrupted by SIGTERM');
    expect(run.durationMs).toBeGreaterThanOrEqual(6_000);
    expect(run.durationMs).toBeLessThan(10_000);
    expect(listDir(out)).toEqual([]);
    expect(processesWithEnv('SITREP_TEST_TAG', tag)).toEqual([]);
  });
});
