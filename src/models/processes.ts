/**
 * Per-process CPU, memory and I/O: what ties a busy CPU to the process (and
 * so the tier) that burned it. Preference: pidstat (every interval of the
 * window) over the end, else start, `top -b` snapshot (%CPU since top's
 * previous refresh) over `ps` (%CPU averaged over each process's lifetime:
 * the weakest, a long-idle daemon's burst barely shows).
 */
import type { PsRecord } from '../parsers/commands/ps.js';
import type { TopProcess, TopRecord } from '../parsers/commands/top.js';
import type { HostData } from '../parsers/host-data.js';
import type { ProcessCpu, ProcessRef, ProcessSample, ProcessesModel } from './types.js';
import { isRec, num, samplesOf, snapshotRecords } from './samples.js';

function fromPidstat(host: HostData): ProcessesModel | null {
  const ps = samplesOf(host, 'pidstat').filter((s) => s.rec.average !== true);
  const samples: ProcessSample[] = [];
  for (const s of ps) {
    const pid = num(s.rec.pid);
    const command = typeof s.rec.command === 'string' && s.rec.command !== '' ? s.rec.command : null;
    if (pid === null || command === null) continue;
    samples.push({
      t: s.t,
      pid,
      command,
      cpuPct: num(s.rec.percent_cpu),
      memPct: num(s.rec.percent_mem),
      rssKb: num(s.rec.rss),
      readKBs: num(s.rec.kb_rd_s),
      writeKBs: num(s.rec.kb_wr_s),
      waitPct: num(s.rec.percent_wait),
    });
  }
  if (samples.length === 0) return null;
  return { source: 'pidstat', artifact: ps[0]!.artifact, times: [...new Set(samples.map((s) => s.t))], samples };
}

/** A snapshot's process row in one shape: top and ps name the fields differently. */
interface SnapshotRow {
  pid: unknown;
  command: string | null;
  cpu: number | null;
  mem: number | null;
  rssKb: number | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** top's last iteration's table: the freshest. */
function topRows(records: TopRecord[]): SnapshotRow[] {
  const table =
    records
      .map((it) => it.processes)
      .filter(Array.isArray)
      .pop() ?? [];
  return table.filter(isRec).map((p: TopProcess) => ({
    pid: p.pid,
    command: text(p.command),
    cpu: num(p.percent_cpu),
    mem: num(p.percent_mem),
    rssKb: num(p.rss) ?? num(p.resident_mem),
  }));
}

function psRows(records: PsRecord[]): SnapshotRow[] {
  return records.map((p) => ({
    pid: p.pid,
    command: text(p.comm) ?? text(p.command),
    cpu: num(p.cpu_percent),
    mem: num(p.mem_percent),
    rssKb: num(p.rss),
  }));
}

function fromSnapshot(host: HostData, artifact: 'top' | 'ps'): ProcessesModel | null {
  for (const phase of ['end', 'start'] as const) {
    const snap = artifact === 'top' ? snapshotRecords(host, 'top', phase) : snapshotRecords(host, 'ps', phase);
    if (!snap) continue;
    const rows = artifact === 'top' ? topRows(snap.records as TopRecord[]) : psRows(snap.records as PsRecord[]);
    const t = snap.t ?? host.windowStartMs;
    if (t === null) continue;
    const samples: ProcessSample[] = [];
    for (const r of rows) {
      const pid = num(r.pid);
      if (pid === null || r.command === null) continue;
      samples.push({ t, pid, command: r.command, cpuPct: r.cpu, memPct: r.mem, rssKb: r.rssKb, readKBs: null, writeKBs: null });
    }
    if (samples.length > 0) return { source: artifact, artifact: snap.artifact, times: [t], samples };
  }
  return null;
}

export function buildProcessesModel(host: HostData): ProcessesModel {
  return fromPidstat(host) ?? fromSnapshot(host, 'top') ?? fromSnapshot(host, 'ps') ?? { source: null, artifact: '', times: [], samples: [] };
}

/**
 * The processes that used the most CPU between `from` and `to` (ms), most
 * first: mean %CPU over the sampling instants in that span (a process
 * pidstat did not print at an instant used none), peak, and how often it
 * appeared. A span holding none of pidstat's instants (its samples fell
 * just outside) takes the whole window. Snapshots give their one instant.
 */
export function topCpu(model: ProcessesModel, from: number, to: number, n = 5): ProcessCpu | null {
  if (model.source === null) return null;
  let times = model.source === 'pidstat' ? model.times.filter((t) => t >= from && t <= to) : model.times;
  if (times.length === 0) times = model.times;
  const inSpan = new Set(times);
  const byPid = new Map<number, { command: string; sum: number; peak: number; samples: number }>();
  for (const s of model.samples) {
    if (!inSpan.has(s.t) || s.cpuPct === null) continue;
    const e = byPid.get(s.pid) ?? { command: s.command, sum: 0, peak: 0, samples: 0 };
    e.sum += s.cpuPct;
    e.peak = Math.max(e.peak, s.cpuPct);
    e.samples++;
    byPid.set(s.pid, e);
  }
  const round = (v: number): number => Math.round(v * 10) / 10;
  const top: ProcessRef[] = [...byPid.entries()]
    .map(([pid, e]) => ({ command: e.command, pid, cpuPct: round(e.sum / times.length), peakCpuPct: round(e.peak), samples: e.samples }))
    .filter((p) => p.cpuPct > 0)
    .sort((a, b) => b.cpuPct - a.cpuPct || a.pid - b.pid)
    .slice(0, n);
  return {
    source: model.source,
    artifact: model.artifact,
    from: times.reduce((a, b) => Math.min(a, b)),
    to: times.reduce((a, b) => Math.max(a, b)),
    samples: times.length,
    top,
  };
}

/**
 * Each process's parent (pid → ppid) from the bundle's `ps` snapshots, start
 * and end: what ties a worker or a child to the process that holds a tier's
 * logs open. A pid seen in both keeps the later parent (reparenting).
 */
export function parentPids(host: HostData): Map<number, number> {
  const parents = new Map<number, number>();
  for (const phase of ['start', 'end'] as const) {
    for (const r of snapshotRecords(host, 'ps', phase)?.records ?? []) {
      const pid = num(r.pid);
      const ppid = num(r.ppid);
      if (pid !== null && ppid !== null) parents.set(pid, ppid);
    }
  }
  return parents;
}

/**
 * The process behind most of the window's major faults (pidstat's
 * majflt/s summed over its intervals), when it made at least half of those
 * pidstat listed; else null. Under swapping a major fault is a page read back
 * from swap: the process faulting most is the one being swapped.
 */
export function majorFaulter(host: HostData): { pid: number; command: string; share: number } | null {
  const byPid = new Map<number, { command: string; sum: number }>();
  for (const s of samplesOf(host, 'pidstat')) {
    if (s.rec.average === true) continue;
    const pid = num(s.rec.pid);
    const v = num(s.rec.majflt_s);
    const command = typeof s.rec.command === 'string' && s.rec.command !== '' ? s.rec.command : null;
    if (pid === null || v === null || command === null || v <= 0) continue;
    const e = byPid.get(pid) ?? { command, sum: 0 };
    e.sum += v;
    byPid.set(pid, e);
  }
  const total = [...byPid.values()].reduce((a, e) => a + e.sum, 0);
  const best = [...byPid.entries()].sort((a, b) => b[1].sum - a[1].sum)[0];
  if (!best || total <= 0 || best[1].sum < total / 2) return null;
  return { pid: best[0], command: best[1].command, share: Math.round((best[1].sum / total) * 100) / 100 };
}
