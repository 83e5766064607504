/**
 * Network namespaces for real network faults that cannot touch the machine's
 * own interfaces: each scenario builds its namespaces, runs its traffic and
 * the real capture script inside one of them (`ip netns exec`, so /proc/net/*
 * and /sys/class/net are that namespace's), then deletes everything.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCapture } from '../helpers/capture.js';
import { NeedMissing, need as needShared } from '../helpers/need.js';
import { background, sleep, withMachineLock, type Load } from './fixtures.js';
import { NotQuiet } from './inputs.js';
import type { Recording } from './recordings.js';

/** A scenario this machine cannot run (not root, a tool or kernel feature missing): the case is skipped, saying why. */
export class Unavailable extends NotQuiet {}

/** Once per test file, under the machine lock (another file's load is not in the sample). */
export const memoLocked = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | null = null;
  return () => (p ??= withMachineLock(f));
};

/** Throws Unavailable unless root and every tool is there (helpers/need.ts: a failure under CI). */
export function need(why: string, tools: string[]): void {
  try {
    needShared(why, { root: true, tools });
  } catch (e) {
    throw e instanceof NeedMissing ? new Unavailable(e.message) : e;
  }
}

/** Runs a setup command; a kernel or tool refusal (no such qdisc, device type) becomes Unavailable. */
export function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Unavailable(`${cmd} ${args.join(' ')} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

export interface Lab {
  /** Creates a namespace (named after this process, so parallel runs never collide) with lo up. */
  ns(tag: string): string;
  /** `ip -n NS ...` */
  ip(ns: string, ...args: string[]): string;
  /** A background process inside a namespace; stopped (process group killed) at the end. */
  start(ns: string, cmd: string, args: string[]): Load;
  /**
   * The real capture script run inside the namespace for `seconds`: its
   * bundle, as written (recorded as is, read by the real bundle loader). Every background process must still be
   * running when it ends (the fault lasted the whole window), else it throws.
   */
  capture(ns: string, seconds: number, tier?: string): Promise<Recording>;
}

/** Runs `f` with a fresh Lab; every process, namespace and output directory is removed afterwards, also on failure. */
export async function withNetLab<T>(f: (lab: Lab) => Promise<T>): Promise<T> {
  const names: string[] = [];
  const loads: Load[] = [];
  const dirs: string[] = [];
  const lab: Lab = {
    ns(tag) {
      const name = `sitrep-${tag}-${process.pid}`;
      sh('ip', ['netns', 'add', name]);
      names.push(name);
      sh('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
      return name;
    },
    ip: (ns, ...args) => sh('ip', ['-n', ns, ...args]),
    start(ns, cmd, args) {
      const l = background('ip', ['netns', 'exec', ns, cmd, ...args]);
      loads.push(l);
      return l;
    },
    async capture(ns, seconds, tier = 'app') {
      const out = mkdtempSync(join(tmpdir(), 'sitrep-netns-'));
      dirs.push(out);
      const since = `@${Math.floor(Date.now() / 1000)}`;
      const r = await runCapture(['-d', String(seconds), '-o', out, '--no-discover', '--since', since, '-q', '-t', tier], {
        prefix: ['ip', 'netns', 'exec', ns],
        timeoutMs: 120_000,
      });
      if (!r.bundlePath) throw new Error(`capture in ${ns} failed (exit ${r.exitCode}): ${r.stderr.slice(-2000)}`);
      const gone = loads.filter((l) => l.child.exitCode !== null || l.child.signalCode !== null);
      if (gone.length > 0)
        throw new Error(
          `traffic stopped before the capture window ended: ${gone.map((l) => `${l.child.spawnargs.slice(3, 5).join(' ')} exit ${l.child.exitCode ?? l.child.signalCode}`).join(', ')}`,
        );
      return { format: 'bundle', bytes: readFileSync(r.bundlePath) };
    },
  };
  try {
    return await f(lab);
  } finally {
    for (const l of loads.reverse()) await l.stop();
    for (const n of names) {
      try {
        execFileSync('ip', ['netns', 'del', n], { stdio: 'ignore' });
      } catch {
        /* already gone */
      }
    }
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

/** A file read inside the namespace: its /proc/net/* and /sys/class/net/* are the namespace's own. */
export function readIn(ns: string, path: string): string {
  return execFileSync('ip', ['netns', 'exec', ns, 'cat', path], { encoding: 'utf8' });
}

/** [RetransSegs, OutSegs] of the namespace's /proc/net/snmp. */
export function tcpSegs(ns: string): number[] {
  const [head, vals] = readIn(ns, '/proc/net/snmp')
    .split('\n')
    .filter((l) => l.startsWith('Tcp:'))
    .map((l) => l.split(/\s+/));
  return ['RetransSegs', 'OutSegs'].map((k) => Number(vals?.[head?.indexOf(k) ?? -1]));
}

/** One counter of /sys/class/net/DEV/statistics in the namespace (tx_errors, tx_dropped, tx_bytes). */
export const ifStat = (ns: string, dev: string, stat: string): number => Number(readIn(ns, `/sys/class/net/${dev}/statistics/${stat}`));

/**
 * Waits until the fault is really happening before the capture starts: the
 * counters `read` returns, as per-second rates over each second, must pass
 * `ok` in `seconds` consecutive seconds within `withinS`. A machine that
 * never produces it (another kernel's TCP, a starved sender) makes the case
 * Unavailable, with the rates it saw.
 */
export async function whenHappening(what: string, read: () => number[], ok: (perS: number[]) => boolean, seconds = 2, withinS = 20): Promise<void> {
  const seen: string[] = [];
  const counters = (): number[] => {
    const v = read();
    if (v.some((x) => !Number.isFinite(x))) throw new Error(`${what}: unreadable counters ${JSON.stringify(v)}`);
    return v;
  };
  let prev = counters(),
    t = Date.now(),
    run = 0;
  const until = t + withinS * 1000;
  while (Date.now() < until) {
    await sleep(1000);
    const cur = counters(),
      now = Date.now();
    const perS = cur.map((v, i) => ((v - prev[i]!) * 1000) / (now - t));
    seen.push(perS.map((v) => Math.round(v)).join('/'));
    run = ok(perS) ? run + 1 : 0;
    if (run >= seconds) return;
    prev = cur;
    t = now;
  }
  throw new Unavailable(`${what} not seen in ${seconds} consecutive seconds within ${withinS} s (per second: ${seen.join(' ')})`);
}

/**
 * A TAP device held by a small python process (the tun driver needs an open
 * file to carry traffic): `hold` never reads, so the driver's ring fills and
 * it drops; `drain` reads and discards every frame.
 */
export const TAP_PY = [
  'import fcntl, os, struct, sys, time',
  "fd = os.open('/dev/net/tun', os.O_RDWR)",
  "fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH', sys.argv[1].encode(), 0x0002 | 0x1000))  # TUNSETIFF, IFF_TAP | IFF_NO_PI",
  "while sys.argv[2] == 'drain': os.read(fd, 65536)",
  'time.sleep(600)',
].join('\n');

/** How long every traffic process runs: the readiness wait, the capture's own start and its window, with margin (stopped at the end). */
export const TRAFFIC_MS = 300_000;

/** A UDP sender paced at `perSecond` datagrams of `bytes` bytes (node, so nothing but node is needed). */
export function udpSender(ip: string, perSecond: number, bytes: number): string[] {
  return [
    '-e',
    `const d = require('dgram').createSocket('udp4'); const b = Buffer.alloc(${bytes}); const t0 = Date.now(); let n = 0;
d.on('error', () => {});
setInterval(() => { const want = Math.floor(((Date.now() - t0) * ${perSecond}) / 1000); while (n < want) { d.send(b, 9, '${ip}'); n++; } }, 5);
setTimeout(() => process.exit(0), ${TRAFFIC_MS});`,
  ];
}
