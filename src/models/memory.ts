/**
 * Memory and swap model. Preference: /proc/meminfo samples (every interval)
 * over vmstat's free/buff/cache over `free` snapshots (start and end only).
 * Paging activity comes from /proc/vmstat counter deltas, never totals.
 */
import type { HostData } from '../parsers/host-data.js';
import type { MemoryModel, Point, Series } from './types.js';
import { fieldSeries, firstOf, num, rateSeries, samplesOf, series } from './samples.js';
import type { Rec } from './samples.js';
import { psiModel } from './psi.js';

/** The sum of the values that are numbers; null when none is. */
const sumPresent = (values: readonly unknown[]): number | null => {
  let total = 0;
  let seen = false;
  for (const x of values) {
    const v = num(x);
    if (v !== null) {
      total += v;
      seen = true;
    }
  }
  return seen ? total : null;
};
const sumFields = (r: Rec, keys: string[]): number | null => sumPresent(keys.map((k) => r[k]));

export function buildMemoryModel(host: HostData): MemoryModel {
  const mi = samplesOf(host, 'proc-meminfo');
  const vm = samplesOf(host, 'vmstat').filter((s) => s.rec.free_mem !== undefined || s.rec.swap_in !== undefined);
  const fr = samplesOf(host, 'free');
  const frMem = fr.filter((s) => typeof s.rec.type === 'string' && /^mem/i.test(s.rec.type));
  const frSwap = fr.filter((s) => typeof s.rec.type === 'string' && /^swap/i.test(s.rec.type));
  const pv = samplesOf(host, 'proc-vmstat');

  const totalKb = num(mi[0]?.rec.MemTotal) ?? num(frMem[0]?.rec.total) ?? num(host.meta?.mem_total_kb);
  const availableKb = firstOf(
    fieldSeries(mi, (r) => num(r.MemAvailable), 'kB', 'proc-meminfo'),
    fieldSeries(frMem, (r) => num(r.available), 'kB', 'free'),
  );
  let availablePct: Series | undefined;
  if (availableKb && totalKb) {
    const pts: Point[] = availableKb.points.map(([t, v]) => [t, (100 * v) / totalKb]);
    availablePct = series(pts, '%', availableKb.source, availableKb.artifact);
  }
  const cacheKb = firstOf(
    fieldSeries(mi, (r) => sumFields(r, ['Buffers', 'Cached']), 'kB', 'proc-meminfo'),
    fieldSeries(vm, (r) => sumPresent([r.buffer_mem, r.cache_mem]), 'kB', 'vmstat', true),
    fieldSeries(frMem, (r) => num(r.buff_cache) ?? sumPresent([r.buffers, r.cache]), 'kB', 'free'),
  );
  const swapIn = firstOf(
    fieldSeries(vm, (r) => num(r.swap_in), 'kB/s', 'vmstat', true),
    rateSeries(pv, (r) => num(r.pswpin), 'pages/s', 'proc-vmstat'),
  );
  const swapOut = firstOf(
    fieldSeries(vm, (r) => num(r.swap_out), 'kB/s', 'vmstat', true),
    rateSeries(pv, (r) => num(r.pswpout), 'pages/s', 'proc-vmstat'),
  );
  const majorFaults = rateSeries(pv, (r) => num(r.pgmajfault), 'faults/s', 'proc-vmstat');
  // Kernel versions name the scan counters differently; sum whichever exist.
  const scanKeys = (r: Rec): string[] => Object.keys(r).filter((k) => /^pgscan_(kswapd|direct)/.test(k) && !/throttle/.test(k));
  const pageScan = rateSeries(pv, (r) => sumFields(r, scanKeys(r)), 'pages/s', 'proc-vmstat');

  const swapTotalKb = num(mi[0]?.rec.SwapTotal) ?? num(frSwap[0]?.rec.total);
  const swapUsedKb = firstOf(
    fieldSeries(
      mi,
      (r) => {
        const t = num(r.SwapTotal),
          f = num(r.SwapFree);
        return t === null || f === null ? null : t - f;
      },
      'kB',
      'proc-meminfo',
    ),
    fieldSeries(frSwap, (r) => num(r.used), 'kB', 'free'),
  );

  return {
    totalKb,
    ...(availableKb ? { availableKb } : {}),
    ...(availablePct ? { availablePct } : {}),
    ...(cacheKb ? { cacheKb } : {}),
    ...(swapIn ? { swapIn } : {}),
    ...(swapOut ? { swapOut } : {}),
    ...(majorFaults ? { majorFaults } : {}),
    ...(pageScan ? { pageScan } : {}),
    swapTotalKb,
    ...(swapUsedKb ? { swapUsedKb } : {}),
    psi: psiModel(host, 'proc-pressure-memory'),
  };
}
