/**
 * Timeline lane geometry. Lanes are plain data (numbers, class names and
 * label strings) that templates/partials/lanes.hbs turns into inline SVG with
 * ordinary escaping, so no markup is ever built by string concatenation here
 * and a hostile label can only ever be text. Every chart shares one time axis.
 */
import { PLOT_W, xAt, type TimeAxis } from './plot.js';
import { fmtClock, oneLine } from './text.js';

export interface Axis {
  t0: number;
  t1: number;
}
export interface Band {
  x: number;
  w: number;
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
  h: number;
  label: string;
  cls: string;
  windows: Band[];
  bars: Bar[];
  markers: Marker[];
}

/**
 * Each lane is its own plot SVG, PLOT_W wide in its own units and stretched to
 * its box; host names and time labels are HTML beside and under it (as in the
 * metric charts), so they keep their size on a phone instead of shrinking
 * with the drawing.
 */
export interface LanesView {
  w: number;
  laneH: number;
  gridX: number[];
  ticks: string[];
  tickCount: number;
  lanes: Lane[];
}

function inside(axis: Axis, t: number): boolean {
  return Number.isFinite(t) && t >= axis.t0 && t <= axis.t1;
}

function round(v: number): number {
  return Math.round(v * 10) / 10;
}

export function windowBands(axis: Axis, windows: { start: number | null; end: number | null; label: string }[]): Band[] {
  const out: Band[] = [];
  for (const w of windows) {
    if (w.start === null || w.end === null || !Number.isFinite(w.start) || !Number.isFinite(w.end)) continue;
    const x = xAt(axis, w.start);
    out.push({ x, w: Math.max(1, round(xAt(axis, w.end) - x)), label: oneLine(w.label) });
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
export function buildLanes(axis: TimeAxis, grid: { startMs: number; widthMs: number }, lanes: LaneInput[]): LanesView {
  const out: Lane[] = lanes.map((l) => {
    const max = l.counts.reduce((m, n) => Math.max(m, n), 1); // not Math.max(...): a spread has an argument limit
    const bars: Bar[] = [];
    l.counts.forEach((n, b) => {
      const t = grid.startMs + b * grid.widthMs;
      // Buckets off this axis are left out rather than piled up at its edges; overlapping ones are clipped (xAt clamps).
      if (!(n > 0) || !(t + grid.widthMs > axis.t0 && t < axis.t1)) return;
      const x = xAt(axis, t);
      const w = Math.max(1, round(xAt(axis, t + grid.widthMs) - x - 0.3));
      const h = Math.max(1, round((n / max) * (LANE_H - 4)));
      bars.push({ x, w, y: round(LANE_H - h), h, label: `${fmtClock(t)}: ${n} events` });
    });
    return {
      h: LANE_H,
      label: oneLine(l.label),
      cls: l.cls,
      windows: windowBands(axis, l.windows),
      bars,
      markers: l.markers.filter((m) => inside(axis, m.time)).map((m) => ({ x: xAt(axis, m.time), cls: m.cls, label: oneLine(m.label) })),
    };
  });
  return { w: PLOT_W, laneH: LANE_H, gridX: axis.tickX, ticks: axis.ticks, tickCount: Math.max(1, axis.ticks.length - 1), lanes: out };
}
