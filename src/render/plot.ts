/**
 * Plots whose text is HTML, not SVG: the plot area is an SVG stretched to its
 * box (preserveAspectRatio none, strokes that do not scale), and the time and
 * value labels are ordinary text laid out by CSS. The axis starts and ends on
 * a tick, so evenly spread labels sit exactly under their ticks, and the text
 * stays readable at any width, 390 px phones included.
 */
import { fmtNum } from './text.js';

export const PLOT_W = 1000;

export interface TimeAxis {
  t0: number;
  t1: number;
  ticks: string[];
  tickX: number[];
}

const STEPS = [1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4, 12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5];

/** An axis over [t0, t1] widened to whole steps, with 3 to 9 ticks, labelled HH:MM:SS (HH:MM past a minute's step, a date past a day). */
export function timeAxis(t0: number, t1: number): TimeAxis {
  const span = Math.max(1000, t1 - t0);
  // Of the round steps giving 3 to 8 intervals, the one that wastes the least of the plot.
  const fit = (s: number): number => span / Math.max(s, Math.ceil(t1 / s) * s - Math.floor(t0 / s) * s);
  const ok = STEPS.filter((s) => span / s >= 2 && span / s <= 8);
  const step =
    ok.length > 0 ? ok.reduce((b, s) => (fit(s) > fit(b) + 1e-9 ? s : b)) : (STEPS.find((s) => span / s <= 6) ?? Math.ceil(span / 6 / 864e5) * 864e5);
  const a0 = Math.floor(t0 / step) * step;
  const a1 = Math.max(a0 + step, Math.ceil(t1 / step) * step);
  const n = Math.round((a1 - a0) / step);
  const days = new Set<string>();
  const ticks: string[] = [];
  const tickX: number[] = [];
  for (let i = 0; i <= n; i++) days.add(new Date(a0 + i * step).toISOString().slice(0, 10));
  for (let i = 0; i <= n; i++) {
    const iso = new Date(a0 + i * step).toISOString();
    const time = step >= 6e4 ? iso.slice(11, 16) : iso.slice(11, 19);
    ticks.push(days.size > 1 ? `${iso.slice(5, 10)} ${time}` : time);
    tickX.push(Math.round((i / n) * PLOT_W * 10) / 10);
  }
  return { t0: a0, t1: a1, ticks, tickX };
}

export function xAt(ax: { t0: number; t1: number }, t: number): number {
  const x = ((t - ax.t0) / (ax.t1 - ax.t0 || 1)) * PLOT_W;
  return Math.round(Math.min(PLOT_W, Math.max(0, x)) * 10) / 10;
}

/** The smallest 1/2/2.5/5 × 10^k at or above `v` (1 for nothing). */
export function niceMax(v: number): number {
  if (!(v > 0) || !Number.isFinite(v)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v * 0.999999) return m * p;
  return 10 * p;
}

/** Labels for the value axis, top first: max, half, 0. */
export function valueTicks(max: number): string[] {
  return [fmtNum(max), fmtNum(max / 2), '0'];
}

/** A path through points, x on the axis and y scaled to [0, max] in a plot `h` high. */
export function pathOf(ax: { t0: number; t1: number }, points: readonly [number, number][], max: number, h: number): string {
  return points
    .filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v))
    .map(([t, v], i) => `${i === 0 ? 'M' : 'L'}${xAt(ax, t)} ${yAt(v, max, h)}`)
    .join('');
}

export function yAt(v: number, max: number, h: number): number {
  return Math.round((h - (Math.max(0, Math.min(max, v)) / (max || 1)) * h) * 10) / 10;
}
