/**
 * A metric chart: one line per host on the shared time axis, the rule's
 * threshold as a dashed line in a colour no host uses, the capture window as
 * a bar under the plot (not a shade over all of it), onsets as dashed
 * verticals. Labels are HTML (see plot.ts), so they stay readable when the
 * plot shrinks to a phone's width.
 */
import { niceMax, pathOf, PLOT_W, valueTicks, xAt, yAt, type TimeAxis } from './plot.js';
import { fmtNum, oneLine } from './text.js';

export const METRIC_H = 110;

export interface MetricChartInput {
  id: string;
  title: string;
  unit: string;
  threshold?: number | undefined;
  series: { cls: string; label: string; points: [number, number][] }[];
  onsets: { time: number; cls: string; label: string }[];
  windows: { start: number | null; end: number | null; label: string }[];
  notes: string[];
}

export function metricChart(ax: TimeAxis, c: MetricChartInput) {
  let peak = 0;
  for (const s of c.series) for (const [, v] of s.points) if (Number.isFinite(v) && v > peak) peak = v;
  const thr = c.threshold !== undefined && Number.isFinite(c.threshold) ? c.threshold : null;
  const max = niceMax(Math.max(peak, thr ?? 0));
  const unit = oneLine(c.unit);
  const inside = (t: number): boolean => Number.isFinite(t) && t >= ax.t0 && t <= ax.t1;
  return {
    id: c.id,
    title: unit ? `${oneLine(c.title)} — ${unit}` : oneLine(c.title),
    h: METRIC_H,
    w: PLOT_W,
    yTicks: valueTicks(max),
    ticks: ax.ticks,
    tickX: ax.tickX,
    tickCount: Math.max(1, ax.ticks.length - 1),
    lines: c.series.filter((s) => s.points.length > 0).map((s) => ({ cls: s.cls, label: oneLine(s.label), d: pathOf(ax, s.points, max, METRIC_H) })),
    threshold: thr === null ? null : { y: yAt(thr, max, METRIC_H), label: `threshold ${fmtNum(thr)}${unit ? ` ${unit}` : ''}` },
    windows: c.windows
      .filter((w) => w.start !== null && w.end !== null && Number.isFinite(w.start) && Number.isFinite(w.end))
      .map((w) => ({ x: xAt(ax, w.start as number), w: Math.max(1, xAt(ax, w.end as number) - xAt(ax, w.start as number)), label: oneLine(w.label) })),
    onsets: c.onsets.filter((o) => inside(o.time)).map((o) => ({ x: xAt(ax, o.time), cls: o.cls, label: oneLine(o.label) })),
    legend: c.series.map((s) => ({ cls: s.cls, label: oneLine(s.label) })),
    notes: c.notes,
  };
}
