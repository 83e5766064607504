/**
 * Real inputs for model and rule tests: commands run on this machine (under
 * real load where a case needs it), their raw output fed through the real
 * parsers exactly as the bundle loader does. No metric value is written here.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { DiagnosticLog } from '../../src/bundle/diagnostics.js';
import { tableOf } from '../../src/bundle/manifest-table.js';
import type { ManifestEntry } from '../../src/bundle/types.js';
import { parseCommandArtifact } from '../../src/parsers/host-commands.js';
import type { HostData, ParsedArtifact } from '../../src/parsers/host-data.js';
import type { LogEvent } from '../../src/parsers/types.js';
import { TimelineBuilder, mergeTimelines } from '../../src/timeline/index.js';
import type { TimelineSummary } from '../../src/timeline/types.js';

const run = promisify(execFile);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface RawArtifact {
  name: string;
  /** Bundle path: decides marked (proc/, ss-tanp) and phase (snap/start, snap/end). */
  path: string;
  kind: 'sample' | 'proc' | 'snap' | 'cmd';
  text: string;
  startMs: number;
}

export function hostFrom(raw: RawArtifact[], opts: { id?: string; tier?: string; cpus?: number | null; windowEndMs?: number } = {}): HostData {
  const diags = new DiagnosticLog('test');
  const artifacts: ParsedArtifact[] = [];
  const manifest: ManifestEntry[] = [];
  for (const r of raw) {
    const entry: ManifestEntry = {
      path: r.path,
      kind: r.kind,
      name: r.name,
      source: r.name,
      status: 'ok',
      exit: 0,
      startMs: r.startMs,
      endMs: null,
      durationMs: null,
      bytes: r.text.length,
      mtimeMs: null,
      reason: null,
    };
    manifest.push(entry);
    const a = parseCommandArtifact({ entry, path: r.path, text: r.text, clock: { tzName: 'UTC', utcOffsetMin: 0 }, meta: { interval_s: '1' } }, diags);
    if (a) artifacts.push(a);
  }
  const id = opts.id ?? 'h1';
  return {
    bundle: `${id}.tar.gz`,
    id,
    hostname: id,
    tier: opts.tier ?? 'app',
    cpus: opts.cpus === undefined ? cpus().length : opts.cpus,
    clock: { tzName: 'UTC', utcOffsetMin: 0 },
    windowStartMs: raw[0]?.startMs ?? null,
    windowEndMs: opts.windowEndMs ?? Date.now(),
    meta: {},
    manifest: tableOf(manifest),
    artifacts,
    logs: [],
    diagnostics: [],
  };
}

/** A command's stdout, run under LC_ALL=C S_TIME_FORMAT=ISO as the capture runs it. */
export async function command(name: string, cmd: string, args: string[], kind: 'sample' | 'snap' | 'cmd', path: string): Promise<RawArtifact> {
  const startMs = Date.now();
  const { stdout } = await run(cmd, args, { env: { ...process.env, LC_ALL: 'C', S_TIME_FORMAT: 'ISO' }, maxBuffer: 64 << 20 });
  return { name, path, kind, text: stdout, startMs };
}

/** A /proc file read `count` times `intervalMs` apart, each block behind an `@@sitrep` marker. */
export async function procSamples(name: string, file: string, count: number, intervalMs = 1000): Promise<RawArtifact> {
  const startMs = Date.now();
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(intervalMs);
    text += `@@sitrep ${(Date.now() / 1000).toFixed(3)}\n${readFileSync(file, 'utf8')}`;
  }
  return { name, path: `proc/${name}.txt`, kind: 'proc', text, startMs };
}

/** `ss -tanp` repeated with markers, as sample/ss-tanp.txt. */
export async function ssSamples(count: number, intervalMs = 1000, filter: string[] = []): Promise<RawArtifact> {
  const startMs = Date.now();
  let text = '';
  for (let i = 0; i < count; i++) {
    if (i > 0) await sleep(intervalMs);
    const marker = `@@sitrep ${(Date.now() / 1000).toFixed(3)}\n`;
    const { stdout } = await run('ss', ['-tanp', ...filter], { maxBuffer: 64 << 20 });
    text += marker + stdout;
  }
  return { name: 'ss-tanp', path: 'sample/ss-tanp.txt', kind: 'sample', text, startMs };
}

/** The standard sampling set for `seconds` seconds, concurrently, like the capture's sample phase. */
/** Pause between two samplers' starts, as the capture script's SITREP_STAGGER_S. */
const STAGGER_MS = 120;

export async function sampleWindow(seconds: number, extra: Promise<RawArtifact>[] = []): Promise<RawArtifact[]> {
  const n = String(seconds);
  // Staggered like the capture's samplers: started together, they wake on the same tick
  // and vmstat counts them in its run queue (one pinned worker read as r = 3 on 2 CPUs).
  const later = <T>(k: number, f: () => Promise<T>): Promise<T> => sleep(k * STAGGER_MS).then(f);
  return Promise.all([
    command('vmstat', 'vmstat', ['-t', '1', n], 'sample', 'sample/vmstat.txt'),
    later(1, () => command('mpstat', 'mpstat', ['-P', 'ALL', '1', String(seconds - 1)], 'sample', 'sample/mpstat.txt')),
    later(2, () => command('iostat', 'iostat', ['-xt', '1', n], 'sample', 'sample/iostat.txt')),
    later(3, () =>
      Promise.all(
        ['stat', 'loadavg', 'meminfo', 'vmstat', 'diskstats', 'net/dev', 'net/snmp', 'net/netstat', 'pressure/cpu', 'pressure/memory', 'pressure/io'].map((f) =>
          procSamples(`proc-${f.replace('/', '-')}`, `/proc/${f}`, seconds),
        ),
      ),
    ),
    ...extra,
  ]).then((all) => all.flat());
}

export interface Load {
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A background load generator; stop() kills its process group and waits for it to exit. */
export function background(cmd: string, args: string[]): Load {
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    child,
    async stop() {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      await exited;
    },
  };
}

/** Events from real log lines through the real signal classifier and timeline builder. */
export function timelineOf(host: string, events: LogEvent[]): TimelineSummary {
  const b = new TimelineBuilder(host);
  for (const e of events) b.add(e, host);
  return mergeTimelines([b.finish()], [{ host, offsetMs: 0, uncertaintyMs: 0, notes: [] }]);
}

/** Thrown when the shared machine never got quiet: the case is skipped, saying so, instead of judged on others' load. */
export class NotQuiet extends Error {}

export const EMPTY_TIMELINE: TimelineSummary = {
  buckets: { startMs: 0, widthMs: 1000, count: 0 },
  histograms: [],
  onsets: [],
  signals: [],
  events: [],
  eventsDropped: 0,
  clocks: [],
  levels: [],
};

/**
 * This machine is shared: wait until it is quiet (runnable threads ≤ CPUs and,
 * unless `psi: false`, low CPU pressure, busy time and load average, for 3
 * reads in a row) before sampling.
 * Returns false if it never got quiet, so the caller can skip and say so.
 */
export async function waitQuiet(maxMs = 90_000, opts: { psi?: boolean } = {}): Promise<boolean> {
  const n = cpus().length;
  const strict = opts.psi !== false;
  const busyTicks = (): [number, number] => {
    const f = (/^cpu\s+(.*)$/m.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? '').trim().split(/\s+/).map(Number);
    const idle = (f[3] ?? 0) + (f[4] ?? 0);
    const total = f.reduce((a, b) => a + b, 0);
    return [total - idle, total];
  };
  let calm = 0;
  let prev = busyTicks();
  const until = Date.now() + maxMs;
  while (Date.now() < until) {
    await sleep(500);
    const now = busyTicks();
    const busyPct = now[1] > prev[1] ? (100 * (now[0] - prev[0])) / (now[1] - prev[1]) : 100;
    prev = now;
    const running = Number(/procs_running (\d+)/.exec(readFileSync('/proc/stat', 'utf8'))?.[1] ?? 99);
    const psi = Number(/some avg10=([\d.]+)/.exec(readFileSync('/proc/pressure/cpu', 'utf8'))?.[1] ?? 100);
    const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    // TIME_WAIT left by an earlier storm lasts 60 s: not idle until it is mostly gone.
    const tw = Number(/TCP:.* tw (\d+)/.exec(readFileSync('/proc/net/sockstat', 'utf8'))?.[1] ?? 0);
    // Strict (idle) also wants no single busy process (total busy under 30%), a load average under the CPU count, few TIME_WAIT.
    const quiet = running <= n && (!strict || (psi < 5 && busyPct < 30 && load1 < n && tw < 2000));
    calm = quiet ? calm + 1 : 0;
    if (calm >= 3) return true;
  }
  return false;
}

const LOCK = '/tmp/sitrep-test-machine.lock';

/**
 * Test files run in parallel forks, and a load one of them generates would be
 * another's noise: every sampling window of these tests (idle or loaded) holds
 * this machine-wide lock (an atomic mkdir; a holder that died is taken over).
 */
export async function withMachineLock<T>(f: () => Promise<T>, maxWaitMs = 15 * 60_000): Promise<T> {
  const until = Date.now() + maxWaitMs;
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(`${LOCK}/pid`, String(process.pid));
      break;
    } catch {
      let holder = NaN;
      try {
        holder = Number(readFileSync(`${LOCK}/pid`, 'utf8'));
      } catch {
        /* being written */
      }
      let alive = true;
      try {
        if (Number.isFinite(holder)) process.kill(holder, 0);
      } catch {
        alive = false;
      }
      if (!alive) rmSync(LOCK, { recursive: true, force: true });
      else if (Date.now() > until) throw new Error(`waited ${maxWaitMs} ms for ${LOCK}`);
      else await sleep(250);
    }
  }
  try {
    return await f();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
