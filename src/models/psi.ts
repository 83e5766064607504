/**
 * Pressure stall information (PSI) over the capture window.
 *
 * The kernel's Documentation/accounting/psi.rst: each /proc/pressure/* line
 * gives `avg10`/`avg60`/`avg300` (running averages over 10, 60 and 300 s)
 * and `total`, the cumulative stall time in microseconds, exported "to allow
 * detection of latency spikes which wouldn't necessarily make a dent in the
 * time averages, or to average trends over custom time frames". The window
 * is such a custom time frame: the share of each sampling interval that was
 * stalled is exactly Δtotal (µs) / Δt (µs). avg10 is not: it still carries
 * the seconds before the window (an idle capture taken right after a build
 * read "some avg10 31.8 %"), so it is kept only as a hint of what came
 * before the first interval, and stands in for the series only when no two
 * samples give a delta.
 */
import type { PressureLine } from '../parsers/commands/proc-pressure.js';
import type { HostData } from '../parsers/host-data.js';
import type { Point, PsiModel, Series } from './types.js';
import { fieldSeries, samplesOf, series } from './samples.js';
import type { Sample } from './samples.js';

type Kind = 'some' | 'full';

/** The parser gives one record per line; this is the sample's `some` or `full` line, or null. */
const line = (r: PressureLine, kind: Kind): PressureLine | null => (r.type === kind ? r : null);

/**
 * Stalled share of each interval between consecutive samples, in percent.
 * A counter that went backwards (impossible short of a reboot) or an interval
 * of no length gives no point. The share is capped at 100: `total` is read a
 * moment after the sample's time marker, so a fully stalled interval can
 * come out a hair above its wall time.
 */
function deltaSeries(samples: Sample<PressureLine>[], kind: Kind, name: string): Series | undefined {
  const points: Point[] = [];
  let prev: { t: number; total: number } | null = null;
  for (const s of samples) {
    const total = line(s.rec, kind)?.total ?? null;
    if (total === null) continue;
    if (prev && s.t > prev.t && total >= prev.total) {
      const stalledUs = total - prev.total;
      const wallUs = (s.t - prev.t) * 1000;
      points.push([s.t, Math.min(100, (100 * stalledUs) / wallUs)]);
    }
    prev = { t: s.t, total };
  }
  return series(points, '%', name, samples[0]?.artifact ?? '');
}

/** `some`/`full` per interval from the `total` deltas; avg10 only as the hint before the first delta. */
export function psiModel(host: HostData, name: 'proc-pressure-cpu' | 'proc-pressure-memory' | 'proc-pressure-io'): PsiModel {
  const samples = samplesOf(host, name);
  const out: PsiModel = {};
  const before: NonNullable<PsiModel['before']> = { t: samples[0]?.t ?? 0 };
  for (const kind of ['some', 'full'] as const) {
    // An array shape gives one record per line: both land in samples, each kind keeps its own.
    const mine = samples.filter((s) => line(s.rec, kind) !== null);
    const first = mine[0];
    const avg10 = first ? (line(first.rec, kind)?.avg10 ?? null) : null;
    if (avg10 !== null) before[kind] = avg10;
    const exact = deltaSeries(mine, kind, name);
    const fallback = exact ? undefined : fieldSeries(mine, (r) => line(r, kind)?.avg10 ?? null, '%', name);
    const s = exact ?? fallback;
    if (s) out[kind] = s;
    if (exact) out.method = 'total-delta';
    else if (fallback) out.method ??= 'avg10';
  }
  if (before.some !== undefined || before.full !== undefined) out.before = before;
  return out;
}
