/**
 * Timeline lane geometry. Lanes are plain data (numbers, class names and
 * label strings) that templates/partials/lanes.hbs turns into inline SVG with
 * ordinary escaping, so no markup is ever built by string concatenation here
 * and a hostile label can only ever be text. Every chart shares one time axis.
 */
import { fmtClock, oneLine } from './text.js';

export const CHART = { w: 1000, h: 150, left: 110, right: 12, top: 10, bottom: 22 } as const;
const PLOT_W = CHART.w - CHART.left - CHART.right;
const PLOT_H = CHART.h - CHART.top - CHART.bottom;

export interface Axis {
  t0: number;
  t1: number;
}
export interface Band {
  x: number;
  w: number;
  label: string;
}
export interface Tick {
  x: number;
  label: string;
}
export interface Marker {
  x: number;
  cls: string;
  label: string;
}
export interface Bar {
  x: number;
  y: number;
  w: number;
  h: number;
  label: string;
}
export interface Lane {
  y: number;
  h: number;
  bottom: number;
  labelY: number;
  label: string;
  short: string;
  cls: string;
  windows: Band[];
  bars: Bar[];
  markers: Marker[];
}

export interface LanesView {
  w: number;
  h: number;
  plotX: number;
  plotW: number;
  plotRight: number;
  xTicks: Tick[];
  axisY: number;
  lanes: Lane[];
}

export function xOf(axis: Axis, t: number): number {
  const span = axis.t1 - axis.t0 || 1;
  const x = CHART.left + ((t - axis.t0) / span) * PLOT_W;
  return round(Math.min(CHART.left + PLOT_W, Math.max(CHART.left, x)));
}

function inside(axis: Axis, t: number): boolean {
  return Number.isFinite(t) && t >= axis.t0 && t <= axis.t1;
}

function shorten(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.length <= n ? s : `${cps.slice(0, n - 1).join('')}…`;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

/** About six ticks at a round step (1 s … 1 day). */
export function timeTicks(axis: Axis): Tick[] {
  const span = axis.t1 - axis.t0;
  if (!(span > 0)) return [];
  const steps = [1e3, 5e3, 1e4, 3e4, 6e4, 3e5, 6e5, 18e5, 36e5, 108e5, 216e5, 864e5];
  const step = steps.find((s) => span / s <= 8) ?? Math.ceil(span / 8 / 864e5) * 864e5;
  const out: Tick[] = [];
  // Past most of a day the time of day alone is ambiguous: add the date.
  const withDate = span > 20 * 3600e3;
  for (let t = Math.ceil(axis.t0 / step) * step; t <= axis.t1 && out.length < 12; t += step) {
    const iso = new Date(t).toISOString();
    out.push({ x: xOf(axis, t), label: withDate ? `${iso.slice(5, 10)} ${iso.slice(11, 16)}` : fmtClock(t) });
  }
  return out;
}

export function windowBands(axis: Axis, windows: { start: number | null; end: number | null; label: string }[]): Band[] {
  const out: Band[] = [];
  for (const w of windows) {
    if (w.start === null || w.end === null || !Number.isFinite(w.start) || !Number.isFinite(w.end)) continue;
    const x = xOf(axis, w.start);
    out.push({ x, w: Math.max(1, round(xOf(axis, w.end) - x)), label: oneLine(w.label) });
  }
  return out;
}

export interface LaneInput {
  label: string;
  cls: string;
  windows: { start: number | null; end: number | null; label: string }[];
  /** Per-bucket counts on the shared bucket grid. */
  counts: number[];
  markers: { time: number; cls: string; label: string }[];
}

const LANE_H = 30;

/** One lane per host: capture window shaded, event histogram as small bars, onsets as ticks. */
export function buildLanes(axis: Axis, grid: { startMs: number; widthMs: number }, lanes: LaneInput[]): LanesView {
  const out: Lane[] = lanes.map((l, i) => {
    const y = CHART.top + i * (LANE_H + 6);
    const max = Math.max(1, ...l.counts);
    const bars: Bar[] = [];
    l.counts.forEach((n, b) => {
      const t = grid.startMs + b * grid.widthMs;
      // Buckets off this axis are left out rather than piled up at its edges; overlapping ones are clipped (xOf clamps).
      if (!(n > 0) || !(t + grid.widthMs > axis.t0 && t < axis.t1)) return;
      const x = xOf(axis, t);
      const w = Math.max(1, round(xOf(axis, t + grid.widthMs) - x - 0.3));
      const h = Math.max(1, round((n / max) * (LANE_H - 4)));
      bars.push({ x, w, y: round(y + LANE_H - h), h, label: `${fmtClock(t)}: ${n} events` });
    });
    return {
      y,
      h: LANE_H,
      bottom: y + LANE_H,
      labelY: y + LANE_H / 2 + 4,
      label: oneLine(l.label),
      // The left margin fits about sixteen characters; the full label is the SVG <title>.
      short: shorten(oneLine(l.label), 16),
      cls: l.cls,
      windows: windowBands(axis, l.windows).map((b) => ({ ...b })),
      bars,
      markers: l.markers.filter((m) => inside(axis, m.time)).map((m) => ({ x: xOf(axis, m.time), cls: m.cls, label: oneLine(m.label) })),
    };
  });
  const axisY = CHART.top + lanes.length * (LANE_H + 6);
  return { w: CHART.w, h: axisY + CHART.bottom, plotX: CHART.left, plotW: PLOT_W, plotRight: CHART.left + PLOT_W, xTicks: timeTicks(axis), axisY, lanes: out };
}
