/**
 * The real capture script on this machine, as root: a 3 s window must give a
 * bundle holding every artifact of docs/bundle-format.md, a manifest that
 * accounts for every member byte for byte, and nothing left behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CAPTURE_SCRIPT,
  IS_ROOT,
  type Bundle,
  type CaptureResult,
  listDir,
  markers,
  processesWithEnv,
  readBundle,
  rows,
  runCapture,
  tempDir,
} from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const WINDOW = 3;
const TAG = `full-${process.pid}-${Date.now()}`;
const SNAP_NAMES = [
  'free',
  'df',
  'df-i',
  'ps',
  'top',
  'ss-tanpi',
  'ss-s',
  'ss-lnt',
  'netstat-s',
  'nstat',
  'ip-s-link',
  'net-speed',
  'file-nr',
  'sysctl',
  'ulimit',
  'fd-counts',
];
const SAMPLE_NAMES = ['vmstat', 'iostat', 'mpstat', 'pidstat', 'sar-net', 'ss-tanp'];
const PROC_NAMES = [
  'proc-stat',
  'proc-meminfo',
  'proc-vmstat',
  'proc-diskstats',
  'proc-loadavg',
  'proc-net-dev',
  'proc-net-snmp',
  'proc-net-netstat',
  'proc-net-sockstat',
  'proc-file-nr',
];
const META_KEYS = [
  'format',
  'format_version',
  'sitrep_version',
  'hostname',
  'fqdn',
  'tier',
  'kernel',
  'uname',
  'os',
  'cpus',
  'cpu_model',
  'mem_total_kb',
  'boot_epoch',
  'boot_id',
  'uptime_s',
  'mono_at_start',
  'start_epoch',
  'end_epoch',
  'window_s',
  'interval_s',
  'since_epoch',
  'tz_name',
  'tz_abbrev',
  'utc_offset',
  'ntp_synced',
  'user',
  'uid',
  'argv',
  'missing_tools',
  'max_bytes',
];
const STATUSES = new Set(['ok', 'failed', 'timeout', 'truncated', 'skipped', 'empty']);

let out: string;
let home: string;
let tmp: string;
let run: CaptureResult;
let bundle: Bundle;

beforeAll(async () => {
  if (!IS_ROOT) return;
  out = tempDir('sitrep-cap-full-');
  home = tempDir('sitrep-home-');
  tmp = tempDir('sitrep-tmp-');
  run = await runCapture(['-d', String(WINDOW), '-o', out, '-t', 'web'], {
    env: { SITREP_TEST_TAG: TAG, HOME: home, TMPDIR: tmp },
  });
  if (run.bundlePath) bundle = readBundle(run.bundlePath);
});

afterAll(() => {
  if (!IS_ROOT) return;
  for (const d of [out, home, tmp]) rmSync(d, { recursive: true, force: true });
});

describe.skipIf(lacks('capture as root', { root: true }))('capture as root with a 3 s window', () => {
  it('exits 0, prints the bundle path last on stdout and progress on stderr, in bounded time', () => {
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.bundlePath).toMatch(new RegExp(`^${out}/[A-Za-z0-9._-]+-\\d{8}T\\d{6}Z\\.tar\\.gz$`));
    expect(existsSync(run.bundlePath!)).toBe(true);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('sampling for 3 s');
    expect(run.durationMs).toBeLessThan(20_000);
  });

  it('is one top directory named like the tarball, holding only files and directories', () => {
    const base = run
      .bundlePath!.split('/')
      .pop()!
      .replace(/\.tar\.gz$/, '');
    expect(bundle.top).toBe(base);
    for (const m of bundle.members) expect(m.startsWith(`${base}/`) || m === `${base}/`).toBe(true);
  });

  it('writes meta.txt, manifest.tsv, then the process tables, before any other member', () => {
    const files = bundle.members.filter((m) => !m.endsWith('/')).map((m) => m.slice(bundle.top.length + 1));
    const tables = ['snap/end/ps.txt', 'snap/end/top.txt', 'snap/start/ps.txt', 'snap/start/top.txt'].filter((t) => files.includes(t));
    // ps is in procps, which the capture needs: both snapshots hold a table at least.
    expect(tables).toEqual(expect.arrayContaining(['snap/end/ps.txt', 'snap/start/ps.txt']));
    expect(files.slice(0, 2 + tables.length)).toEqual(['meta.txt', 'manifest.tsv', ...tables]);
  });

  it('writes every meta.txt key with sane values', () => {
    for (const k of META_KEYS) expect(bundle.meta, `meta key ${k}`).toHaveProperty(k);
    const m = bundle.meta;
    expect(m.format).toBe('sitrep-bundle');
    expect(m.format_version).toBe('1');
    expect(m.tier).toBe('web');
    expect(m.uid).toBe('0');
    expect(m.user).toBe('root');
    expect(m.window_s).toBe('3');
    expect(m.interval_s).toBe('1');
    expect(Number(m.cpus)).toBeGreaterThan(0);
    expect(Number(m.mem_total_kb)).toBeGreaterThan(0);
    expect(m.start_epoch).toMatch(/^\d{10}\.\d+$/);
    expect(m.end_epoch).toMatch(/^\d{10}\.\d+$/);
    const start = Number(m.start_epoch);
    const end = Number(m.end_epoch);
    expect(end - start).toBeGreaterThanOrEqual(WINDOW);
    expect(Math.abs(start - Date.now() / 1000)).toBeLessThan(120);
    expect(Number(m.since_epoch)).toBe(Math.floor(start) - 86400);
    expect(Number(m.boot_epoch) + Number(m.mono_at_start)).toBeCloseTo(start, -1);
    expect(m.utc_offset).toMatch(/^[+-]\d{4}$/);
    expect(['yes', 'no', 'unknown']).toContain(m.ntp_synced);
    expect(m.argv).toBe(`-d 3 -o ${out} -t web`);
    expect(m.max_bytes).toBe(String(100 * 1024 * 1024));
  });

  it('has a versioned manifest whose rows are well formed', () => {
    expect(bundle.manifestHeader[0]).toBe('#sitrep-manifest\t1');
    expect(bundle.manifestHeader[1]).toBe('path\tkind\tname\tsource\tstatus\texit\tstart\tend\tduration_ms\tbytes\tmtime\treason');
    for (const r of bundle.manifest) {
      expect(STATUSES.has(r.status), JSON.stringify(r)).toBe(true);
      expect(r.start).toMatch(/^\d+\.\d+$/);
      expect(Number(r.end)).toBeGreaterThanOrEqual(Number(r.start));
      expect(r.duration_ms).toMatch(/^\d+$/);
      expect(r.bytes).toMatch(/^\d+$/);
      if (r.status === 'skipped') {
        expect(r.path).toBe('-');
        expect(r.reason, JSON.stringify(r)).not.toBe('-');
      }
    }
  });

  it('accounts for every member: each row path exists with its exact byte count, each file has a row', () => {
    const rowPaths = new Set<string>();
    for (const r of bundle.manifest) {
      if (r.path === '-') continue;
      rowPaths.add(r.path);
      const f = bundle.files.get(r.path);
      expect(f, `file for ${r.name}`).toBeDefined();
      expect(f!.length, `bytes of ${r.path}`).toBe(Number(r.bytes));
    }
    for (const p of bundle.files.keys()) {
      if (p === 'manifest.tsv') continue;
      const owner = p.endsWith('.err') ? p.replace(/\.err$/, '.txt') : p;
      expect(rowPaths.has(owner) || rowPaths.has(p.replace(/\.err$/, '')), `row for ${p}`).toBe(true);
    }
  });

  it('runs each state command at start and at end', () => {
    for (const n of SNAP_NAMES) {
      const rs = rows(bundle, n);
      expect(
        rs.map((r) => r.path),
        n,
      ).toEqual([`snap/start/${n}.txt`, `snap/end/${n}.txt`]);
      for (const r of rs) expect(['ok', 'empty'], `${n}: ${JSON.stringify(r)}`).toContain(r.status);
    }
    const ps = bundle.files.get('snap/start/ps.txt')!.toString();
    expect(ps.split('\n')[0]).toMatch(/PID\s+PPID\s+USER\s+STAT\s+WCHAN\s+NLWP/);
    const fd = bundle.files.get('snap/end/fd-counts.txt')!.toString().trim().split('\n');
    expect(fd[0]).toMatch(/^\d+ \d+ (\d+|unlimited) \S+/);
    expect(fd[fd.length - 1]).toBe('# unreadable: 0 processes (permission denied)');
    const sysctl = bundle.files.get('snap/start/sysctl.txt')!.toString();
    expect(sysctl).toMatch(/^net\.core\.somaxconn = \d+$/m);
    expect(sysctl).toMatch(/^fs\.file-max = \d+$/m);
    // netstat -antp only stands in for ss.
    expect(rows(bundle, 'netstat-antp').map((r) => r.reason)).toEqual(['superseded-by-ss', 'superseded-by-ss']);
    const sysd = existsSync('/run/systemd/system');
    for (const r of rows(bundle, 'systemctl-failed')) expect(r.status).toBe(sysd ? 'ok' : 'skipped');
  });

  it('runs the one-shot commands, dmesg with raw monotonic stamps', () => {
    for (const n of ['uptime', 'os-release', 'cpuinfo', 'dmesg']) {
      expect(
        rows(bundle, n).map((r) => [r.path, r.status]),
        n,
      ).toEqual([[`cmd/${n}.txt`, 'ok']]);
    }
    expect(bundle.files.get('cmd/dmesg.txt')!.toString()).toMatch(/^\[\s*\d+\.\d{6}\] /);
    expect(rows(bundle, 'timedatectl')).toHaveLength(1);
  });

  it('samples with sysstat for the whole window, all in parallel', () => {
    const start = Number(bundle.meta.start_epoch);
    for (const n of SAMPLE_NAMES) {
      const [r] = rows(bundle, n);
      expect(r, n).toBeDefined();
      expect(r!.status, `${n}: ${JSON.stringify(r)}`).toBe('ok');
      expect(r!.path).toBe(`sample/${n}.txt`);
      expect(Number(r!.duration_ms)).toBeGreaterThanOrEqual((WINDOW - 1) * 1000);
      // started within a second of each other: parallel, not one after another
      expect(Number(r!.start) - start).toBeLessThan(5);
    }
    const starts = SAMPLE_NAMES.map((n) => Number(rows(bundle, n)[0]!.start));
    expect(Math.max(...starts) - Math.min(...starts)).toBeLessThan(1);
    expect(rows(bundle, 'vmstat')[0]!.source).toBe('vmstat -t 1 4');
    expect(rows(bundle, 'iostat')[0]!.source).toBe('iostat -xt 1 4');
    expect(rows(bundle, 'mpstat')[0]!.source).toBe('mpstat -P ALL 1 3');
    expect(rows(bundle, 'pidstat')[0]!.source).toBe('pidstat -u -d -r -h 1 3');
    expect(rows(bundle, 'sar-net')[0]!.source).toBe('sar -n DEV,EDEV,TCP,ETCP 1 3');
    const vm = bundle.files.get('sample/vmstat.txt')!.toString().trim().split('\n');
    expect(vm).toHaveLength(2 + WINDOW + 1);
    // ISO timestamps from S_TIME_FORMAT=ISO
    expect(bundle.files.get('sample/iostat.txt')!.toString()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/m);
    const ss = markers(bundle.files.get('sample/ss-tanp.txt')!.toString());
    expect(ss.length).toBeGreaterThanOrEqual(2);
  });

  it('snapshots /proc once per interval with ordered time markers', () => {
    const start = Number(bundle.meta.start_epoch);
    const end = Number(bundle.meta.end_epoch);
    const names = existsSync('/proc/pressure/cpu') ? [...PROC_NAMES, 'proc-pressure-cpu', 'proc-pressure-memory', 'proc-pressure-io'] : PROC_NAMES;
    for (const n of names) {
      const [r] = rows(bundle, n);
      expect(r?.status, n).toBe('ok');
      const text = bundle.files.get(`proc/${n}.txt`)!.toString();
      expect(text.startsWith('@@sitrep ')).toBe(true);
      const ms = markers(text);
      expect(ms, n).toHaveLength(WINDOW + 1);
      for (let i = 1; i < ms.length; i++) {
        // one per second on an absolute schedule (a loaded CI box may delay one a little)
        expect(ms[i]! - ms[i - 1]!).toBeGreaterThan(0.5);
        expect(ms[i]! - ms[i - 1]!).toBeLessThan(2);
      }
      expect(ms[0]!).toBeGreaterThanOrEqual(start);
      expect(ms[ms.length - 1]! - ms[0]!).toBeGreaterThan(WINDOW - 0.5);
      expect(ms[ms.length - 1]! - ms[0]!).toBeLessThan(WINDOW + 0.5);
      expect(ms[ms.length - 1]!).toBeLessThanOrEqual(end);
    }
    expect(bundle.files.get('proc/proc-meminfo.txt')!.toString()).toMatch(/^MemTotal:/m);
  });

  it('records sar history and the journal, or says why not', () => {
    const sar = bundle.manifest.filter((r) => r.kind === 'sar');
    expect(sar.length).toBeGreaterThan(0);
    for (const r of sar) expect(r.name).toMatch(/^sar-history(:sa\d\d)?$/);
    const [j] = rows(bundle, 'journal');
    expect(j).toBeDefined();
    if (existsSync('/run/systemd/journal')) expect(['ok', 'empty']).toContain(j!.status);
    else expect([j!.status, j!.reason]).toEqual(['skipped', 'not-running']);
  });

  it('leaves only the tarball in -o DIR, writes nothing in HOME or TMPDIR, and no process behind', () => {
    expect(listDir(out)).toEqual([run.bundlePath!.split('/').pop()]);
    expect(listDir(home)).toEqual([]);
    expect(listDir(tmp)).toEqual([]);
    expect(processesWithEnv('SITREP_TEST_TAG', TAG)).toEqual([]);
  });

  it('writes the bundle readable by its owner only', () => {
    const st = spawnSync('stat', ['-c', '%a', run.bundlePath!], { encoding: 'utf8' });
    expect(st.stdout.trim()).toBe('600');
  });
});

describe('capture script hygiene', () => {
  it('is ShellCheck-clean', () => {
    const r = spawnSync('shellcheck', ['-x', CAPTURE_SCRIPT], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('parses with bash -n and avoids bash > 4.1 features', () => {
    expect(spawnSync('bash', ['-n', CAPTURE_SCRIPT]).status).toBe(0);
    const src = spawnSync('cat', [CAPTURE_SCRIPT], { encoding: 'utf8' }).stdout;
    expect(src).not.toMatch(/declare -n|local -n|mapfile -d|wait -n|\[\[ -v |declare -g|printf '%\(/);
    expect(src.trimEnd().endsWith('main "$@"')).toBe(true);
  });

  it('prints usage with examples on -h and its version on --version', async () => {
    const h = await runCapture(['-h']);
    expect(h.exitCode).toBe(0);
    expect(h.stdout).toMatch(/^Usage: sitrep-capture\.sh/);
    expect(h.stdout).toContain('Examples:');
    for (const o of ['-d SECONDS', '-o DIR', '-t TIER', '-l GLOB', '--since', '--max-bytes', '--no-discover']) {
      expect(h.stdout).toContain(o);
    }
    const v = await runCapture(['--version']);
    expect(v.exitCode).toBe(0);
    expect(v.stdout).toMatch(/^sitrep-capture \d+\.\d+\.\d+ \(bundle format 1\)$/m);
  });

  it('gives two captures started in the same second distinct names, each with its own top directory', async () => {
    const dir = tempDir('sitrep-cap-twin-');
    try {
      const args = ['-d', '1', '-o', dir, '-q', '--no-discover'];
      const [a, b] = await Promise.all([runCapture(args), runCapture(args)]);
      expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
      expect(a.bundlePath).not.toBe(b.bundlePath);
      for (const r of [a, b]) {
        const base = r
          .bundlePath!.split('/')
          .pop()!
          .replace(/\.tar\.gz$/, '');
        expect(base).toMatch(/^[A-Za-z0-9._-]+-\d{8}T\d{6}Z(-\d+)?$/);
        expect(readBundle(r.bundlePath!).top).toBe(base);
      }
      expect(listDir(dir).sort()).toEqual([a, b].map((r) => r.bundlePath!.split('/').pop()).sort());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects bad options with exit 2 and writes nothing', async () => {
    const dir = tempDir('sitrep-cap-usage-');
    try {
      const cases: string[][] = [
        ['-d', '0', '-o', dir],
        ['-d', 'abc', '-o', dir],
        ['--max-bytes', '12Q', '-o', dir],
        ['--max-bytes', '1K', '-o', dir],
        ['--since', 'not a date at all', '-o', dir],
        ['--bogus', '-o', dir],
        ['-o', `${dir}/missing`],
      ];
      for (const args of cases) {
        const r = await runCapture(args);
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(/sitrep-capture: /);
      }
      expect(listDir(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
