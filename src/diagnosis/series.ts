/** Chart series from the models, with the thresholds the rules use, downsampled keeping peaks. */
import type { HostModels, Point, Series } from '../models/types.js';
import type { MetricSeries, Resource } from './types.js';

export const MAX_SERIES_POINTS = 600;

/** Chunks of consecutive points → the chunk's first time and its maximum: a downsampled chart still shows peaks. */
export function downsample(points: Point[], max: number): { points: Point[]; dropped: number } {
  if (points.length <= max) return { points, dropped: 0 };
  const size = Math.ceil(points.length / max);
  const out: Point[] = [];
  for (let i = 0; i < points.length; i += size) {
    // A loop, not Math.max(...chunk): a chunk of a long series overflows a call's arguments (RangeError).
    let peak = -Infinity;
    for (let j = i; j < Math.min(i + size, points.length); j++) peak = Math.max(peak, points[j]![1]);
    out.push([points[i]![0], peak]);
  }
  return { points: out, dropped: points.length - out.length };
}

export function buildSeries(models: HostModels, opts: { maxPoints?: number; timeWaitThreshold?: number } = {}): MetricSeries[] {
  const max = opts.maxPoints ?? MAX_SERIES_POINTS;
  const out: MetricSeries[] = [];
  const add = (resource: Resource, metric: string, label: string, s: Series | Point[] | undefined, unit: string, threshold?: number): void => {
    const pts = Array.isArray(s) ? s : s?.points;
    if (!pts || pts.length === 0) return;
    const d = downsample(pts, max);
    out.push({
      host: models.host,
      resource,
      metric,
      label,
      unit,
      ...(threshold !== undefined ? { threshold } : {}),
      points: d.points,
      ...(d.dropped ? { pointsDropped: d.dropped } : {}),
    });
  };
  const { cpu, memory, storage, tcp } = models;
  add('cpu', 'cpu.util', `CPU busy (us+sy+st, ${cpu.util?.source ?? '-'})`, cpu.util, '%', 90);
  add('cpu', 'cpu.runq', `Runnable threads (${cpu.runq?.source ?? '-'})`, cpu.runq, 'threads', cpu.cpus ?? undefined);
  add('cpu', 'cpu.iowait', 'CPU iowait', cpu.iowait, '%');
  add('cpu', 'cpu.psi.some', 'CPU pressure (some, per interval)', cpu.psi.some, '%', 25);
  add('memory', 'mem.available', 'Memory available', memory.availablePct, '% of total', 10);
  add('memory', 'mem.cache', 'Buffers + cache', memory.cacheKb, 'kB');
  add('memory', 'mem.swap_in', 'Swap in', memory.swapIn, memory.swapIn?.unit ?? '', 0);
  for (const d of storage.devices) {
    add('storage-io', `disk.${d.device}.util`, `${d.device} %util${d.logical ? ' (parallel device)' : ''}`, d.util, '%', 60);
    add('storage-io', `disk.${d.device}.aqu`, `${d.device} aqu-sz`, d.aqu, 'requests', 1);
    add('storage-io', `disk.${d.device}.await`, `${d.device} await`, d.await, 'ms');
  }
  const count = (state: string): Point[] => tcp.snapshots.map((s) => [s.time, s.sockets.filter((x) => x.state === state).length]);
  add('tcp', 'tcp.close_wait', 'CLOSE_WAIT sockets', count('CLOSE_WAIT'), 'sockets');
  add('tcp', 'tcp.time_wait', 'TIME_WAIT sockets', count('TIME_WAIT'), 'sockets', opts.timeWaitThreshold);
  add('tcp', 'tcp.established', 'ESTABLISHED sockets', count('ESTABLISHED'), 'sockets');
  add('network', 'tcp.retrans_pct', 'TCP retransmits', tcp.retransPct, '% of out segments', 1);
  return out;
}
