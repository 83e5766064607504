/**
 * TCP model: socket tables over time (ss -tanp samples, else ss -tanpi /
 * netstat -antp snapshots), retransmits from sar -n TCP,ETCP (else
 * /proc/net/snmp deltas), listen overflows from counter deltas, and the
 * ephemeral port range.
 */
import type { HostData } from '../parsers/host-data.js';
import type { Point, TcpModel, TcpSnapshot, TcpSocket } from './types.js';
import { isRec, num, samplesOf, series, snapshotData, sysctlNumbers } from './samples.js';
import type { Rec, Sample } from './samples.js';
import { sarNetRetransmits } from './sar-net.js';

/** `CLOSE-WAIT`, `close_wait`, `ESTAB` → `CLOSE_WAIT`, `ESTABLISHED`. */
export function normalizeState(s: unknown): string {
  const up = String(s ?? '')
    .toUpperCase()
    .replace(/-/g, '_');
  return up === 'ESTAB' ? 'ESTABLISHED' : up;
}

/** Owning process from jc's ss `opts.process_id` map, a raw `users:((...))` string, or netstat's fields. */
function owner(r: Rec): { process: string | null; pid: number | null } {
  const opts = isRec(r.opts) ? r.opts : null;
  if (opts && isRec(opts.process_id)) {
    const [pid, info] = Object.entries(opts.process_id)[0] ?? [];
    // jc puts the process name under `user` (it reads users:(("name",pid=..)) positionally).
    const name = isRec(info) ? (info.user ?? info.name ?? info.process) : null;
    return { process: typeof name === 'string' ? name : null, pid: num(pid) };
  }
  const raw = [r.process, r.users, r.program_name].find((x) => typeof x === 'string') as string | undefined;
  if (raw) {
    const m = /\(\("([^"]+)",pid=(\d+)/.exec(raw);
    if (m) return { process: m[1] ?? null, pid: Number(m[2]) };
    const slash = /^(\d+)\/(.+)$/.exec(raw); // netstat's `pid/program`
    if (slash) return { process: slash[2] ?? null, pid: Number(slash[1]) };
    return { process: raw, pid: num(r.pid) };
  }
  return { process: null, pid: num(r.pid) };
}

function port(x: unknown, fallback: unknown): number | null {
  return num(fallback) ?? num(x);
}

export function toSocket(r: Rec): TcpSocket | null {
  if (r.netid !== undefined && r.netid !== 'tcp' && r.netid !== 'tcp6') return null;
  if (r.proto !== undefined && !/^tcp/.test(String(r.proto))) return null;
  const state = normalizeState(r.state);
  if (!state) return null;
  const o = owner(r);
  return {
    state,
    localAddress: String(r.local_address ?? ''),
    localPort: port(r.local_port, r.local_port_num),
    peerAddress: String(r.peer_address ?? r.foreign_address ?? ''),
    peerPort: port(r.peer_port ?? r.foreign_port, r.peer_port_num ?? r.foreign_port_num),
    process: o.process,
    pid: o.pid,
  };
}

function snapshots(host: HostData): TcpSnapshot[] {
  const fromBlocks = (samples: Sample[]): TcpSnapshot[] => {
    const byTime = new Map<number, TcpSnapshot>();
    for (const s of samples) {
      const sock = toSocket(s.rec);
      if (!sock) continue;
      const snap = byTime.get(s.t) ?? { time: s.t, artifact: s.artifact, sockets: [] };
      snap.sockets.push(sock);
      byTime.set(s.t, snap);
    }
    return [...byTime.values()].sort((a, b) => a.time - b.time);
  };
  const sampled = fromBlocks(samplesOf(host, 'ss-tanp'));
  if (sampled.length > 0) return sampled;
  const snaps = fromBlocks(samplesOf(host, 'ss-tanpi'));
  return snaps.length > 0 ? snaps : fromBlocks(samplesOf(host, 'netstat-antp'));
}

/** First numeric value under any key matching `re`, searching nested objects (parsers nest by section). */
export function findCounter(x: unknown, re: RegExp, depth = 0): number | null {
  if (Array.isArray(x)) {
    for (const item of x) {
      const hit = findCounter(item, re, depth + 1);
      if (hit !== null) return hit;
    }
    return null;
  }
  if (!isRec(x) || depth > 3) return null;
  for (const [k, v] of Object.entries(x)) {
    if (re.test(k) && num(v) !== null) return num(v);
  }
  for (const v of Object.values(x)) {
    const hit = findCounter(v, re, depth + 1);
    if (hit !== null) return hit;
  }
  return null;
}

function retransmits(host: HostData): Pick<TcpModel, 'retransPct' | 'retransPerS' | 'outSegsPerS'> {
  // One record per section per block: keep the Tcp section (RetransSegs, OutSegs).
  const sn = samplesOf(host, 'proc-net-snmp').filter((s) => s.rec.type === undefined || s.rec.type === 'Tcp');
  const pct: Point[] = [],
    rate: Point[] = [],
    out: Point[] = [];
  for (let i = 1; i < sn.length; i++) {
    const a = sn[i - 1]!,
      b = sn[i]!;
    const ra = findCounter(a.rec, /^(Tcp)?RetransSegs$/i),
      rb = findCounter(b.rec, /^(Tcp)?RetransSegs$/i);
    const oa = findCounter(a.rec, /^(Tcp)?OutSegs$/i),
      ob = findCounter(b.rec, /^(Tcp)?OutSegs$/i);
    const dt = (b.t - a.t) / 1000;
    if (ra === null || rb === null || oa === null || ob === null || dt <= 0 || rb < ra || ob < oa) continue;
    rate.push([b.t, (rb - ra) / dt]);
    out.push([b.t, (ob - oa) / dt]);
    pct.push([b.t, ob > oa ? (100 * (rb - ra)) / (ob - oa) : 0]);
  }
  const art = sn[0]?.artifact ?? '';
  const retransPct = series(pct, '%', 'proc-net-snmp', art);
  const retransPerS = series(rate, 'segments/s', 'proc-net-snmp', art);
  const outSegsPerS = series(out, 'segments/s', 'proc-net-snmp', art);
  return { ...(retransPct ? { retransPct } : {}), ...(retransPerS ? { retransPerS } : {}), ...(outSegsPerS ? { outSegsPerS } : {}) };
}

const LISTEN_RE = /^(TcpExt)?Listen(Overflows|Drops)$|listen queue.*overflow/i;

function listenOverflows(host: HostData): TcpModel['listenOverflows'] {
  // proc-net-netstat samples first (every interval), then nstat / netstat -s start vs end.
  const proc = samplesOf(host, 'proc-net-netstat').filter((s) => s.rec.type === undefined || s.rec.type === 'TcpExt');
  const pairs: [string, () => { a: unknown; b: unknown; art: string; from: number | null; to: number | null } | null][] = [
    [
      'proc-net-netstat',
      () =>
        proc.length >= 2 ? { a: proc[0]!.rec, b: proc[proc.length - 1]!.rec, art: proc[0]!.artifact, from: proc[0]!.t, to: proc[proc.length - 1]!.t } : null,
    ],
    ...(['nstat', 'netstat-s'] as const).map(
      (name) =>
        [
          name,
          () => {
            const s = snapshotData(host, name, 'start'),
              e = snapshotData(host, name, 'end');
            return s && e && s !== e ? { a: s.data, b: e.data, art: e.artifact, from: s.t, to: e.t } : null;
          },
        ] as [string, () => { a: unknown; b: unknown; art: string; from: number | null; to: number | null } | null],
    ),
  ];
  for (const [, get] of pairs) {
    const p = get();
    if (!p) continue;
    const a = findCounter(p.a, LISTEN_RE),
      b = findCounter(p.b, LISTEN_RE);
    if (a === null || b === null) continue;
    return { delta: Math.max(0, b - a), artifact: p.art, from: p.from, to: p.to };
  }
  return null;
}

export function buildTcpModel(host: HostData): TcpModel {
  const range = sysctlNumbers(host, 'net.ipv4.ip_local_port_range');
  const ephemeralPorts = range.length >= 2 && range[1]! >= range[0]! ? { low: range[0]!, high: range[1]! } : null;
  // sar -n TCP,ETCP in the window first (sysstat), then /proc/net/snmp deltas
  const sar = sarNetRetransmits(host);
  return { snapshots: snapshots(host), ...(sar.retransPct ? sar : retransmits(host)), listenOverflows: listenOverflows(host), ephemeralPorts };
}
