/**
 * Software resources: file descriptors (file-nr vs file-max, per-process
 * open fds vs their limit) and tasks (threads vs kernel.threads-max/pid_max).
 */
import type { HostData } from '../parsers/host-data.js';
import type { FdModel, TasksModel } from './types.js';
import { fieldSeries, firstOf, isRec, num, samplesOf, snapshotData, sysctlNumbers } from './samples.js';
import type { Rec } from './samples.js';

const pickNum = (r: Rec, keys: string[]): number | null => {
  for (const k of keys) {
    const v = num(r[k]);
    if (v !== null) return v;
  }
  return null;
};

/** file-nr as an object ({allocated, unused, max}) or as the three numbers in order. */
function fileNr(r: Rec): { allocated: number | null; max: number | null } {
  const values = Array.isArray(r.values) ? r.values.map(num) : null;
  return {
    allocated: pickNum(r, ['allocated', 'allocated_handles', 'open', 'handles']) ?? values?.[0] ?? null,
    max: pickNum(r, ['max', 'maximum', 'file_max']) ?? values?.[2] ?? null,
  };
}

export function buildFdModel(host: HostData): FdModel {
  const proc = samplesOf(host, 'proc-file-nr');
  const snaps = samplesOf(host, 'file-nr');
  const allocated = firstOf(
    fieldSeries(proc, (r) => fileNr(r).allocated, 'handles', 'proc-file-nr'),
    fieldSeries(snaps, (r) => fileNr(r).allocated, 'handles', 'file-nr'),
  );
  const firstRec = proc[0]?.rec ?? snaps[0]?.rec;
  const max = (firstRec ? fileNr(firstRec).max : null) ?? sysctlNumbers(host, 'fs.file-max')[0] ?? null;

  const processes: FdModel['processes'] = [];
  for (const phase of ['start', 'end'] as const) {
    const snap = snapshotData(host, 'fd-counts', phase);
    if (!snap || !Array.isArray(snap.data)) continue;
    for (const r of snap.data) {
      if (!isRec(r)) continue;
      const pid = pickNum(r, ['pid']);
      const fds = pickNum(r, ['fds', 'open_fds', 'open', 'count']);
      if (pid === null || fds === null) continue;
      const comm = [r.comm, r.command, r.name].find((x) => typeof x === 'string') as string | undefined;
      processes.push({ pid, comm: comm ?? String(pid), fds, limit: pickNum(r, ['limit', 'soft_limit', 'nofile']), time: snap.t, artifact: snap.artifact });
    }
  }
  return { ...(allocated ? { allocated } : {}), max, processes };
}

export function buildTasksModel(host: HostData): TasksModel {
  // /proc/loadavg's 4th field denominator counts every kernel scheduling entity (threads).
  const threads = fieldSeries(samplesOf(host, 'proc-loadavg'), (r) => num(r.available), 'threads', 'proc-loadavg');
  const limits = [sysctlNumbers(host, 'kernel.threads-max')[0], sysctlNumbers(host, 'kernel.pid_max')[0]].filter((x): x is number => x !== undefined && x > 0);
  return { ...(threads ? { threads } : {}), max: limits.length > 0 ? Math.min(...limits) : null };
}
