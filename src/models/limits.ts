/**
 * Software resources: file descriptors (file-nr vs file-max, per-process
 * open fds vs their limit) and tasks (threads vs kernel.threads-max/pid_max).
 */
import type { HostData } from '../parsers/host-data.js';
import type { FdModel, TasksModel } from './types.js';
import { fieldSeries, firstOf, num, samplesOf, snapshotRecords, sysctlNumbers } from './samples.js';

export function buildFdModel(host: HostData): FdModel {
  const proc = samplesOf(host, 'proc-file-nr');
  const snaps = samplesOf(host, 'file-nr');
  const allocated = firstOf(
    fieldSeries(proc, (r) => num(r.allocated), 'handles', 'proc-file-nr'),
    fieldSeries(snaps, (r) => num(r.allocated), 'handles', 'file-nr'),
  );
  const firstRec = proc[0]?.rec ?? snaps[0]?.rec;
  const max = num(firstRec?.max) ?? sysctlNumbers(host, 'fs.file-max')[0] ?? null;

  const processes: FdModel['processes'] = [];
  for (const phase of ['start', 'end'] as const) {
    const snap = snapshotRecords(host, 'fd-counts', phase);
    for (const r of snap?.records ?? []) {
      const pid = num(r.pid);
      const fds = num(r.open_fds);
      if (pid === null || fds === null) continue;
      processes.push({ pid, comm: r.comm || String(pid), fds, limit: num(r.soft_limit), time: snap!.t, artifact: snap!.artifact });
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
