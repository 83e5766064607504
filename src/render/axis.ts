/**
 * The report's time axes. Metric charts and the capture-window timeline share
 * one axis (the hosts' capture windows and the series). Logs often reach far
 * back before the capture; when their range is much wider, the timeline adds
 * a second, whole-history view instead of squashing the window into a sliver.
 */
import type { Analysis } from '../diagnosis/types.js';
import type { Axis } from './svg.js';

export interface Axes {
  window: Axis | null;
  all: Axis | null;
  /** The whole history is much wider than the window: show both. */
  wide: boolean;
  /** The window's span without padding: plots that round their axis to whole ticks start from it. */
  windowRaw: Axis | null;
}

const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

class Span {
  t0 = Infinity;
  t1 = -Infinity;
  see(t: unknown): void {
    if (!fin(t)) return;
    if (t < this.t0) this.t0 = t;
    if (t > this.t1) this.t1 = t;
  }
  axis(): Axis | null {
    if (!(this.t1 >= this.t0)) return null;
    if (this.t1 === this.t0) return { t0: this.t0 - 30_000, t1: this.t1 + 30_000 };
    const pad = (this.t1 - this.t0) * 0.01;
    return { t0: this.t0 - pad, t1: this.t1 + pad };
  }
}

export function axes(a: Analysis): Axes {
  const win = new Span();
  for (const h of a.hosts) {
    win.see(h.window.start);
    win.see(h.window.end);
  }
  for (const s of a.series) for (const p of s.points) win.see(p[0]);
  const all = new Span();
  all.see(win.t0);
  all.see(win.t1);
  for (const e of a.timeline.events) all.see(e.time);
  for (const f of a.findings) all.see(f.onset);
  const g = a.timeline.buckets;
  if (fin(g.startMs) && fin(g.widthMs) && fin(g.count) && g.count > 0 && a.timeline.histograms.length > 0) {
    all.see(g.startMs);
    all.see(g.startMs + g.widthMs * g.count);
  }
  const w = win.axis() ?? all.axis();
  const x = all.axis();
  const wide = !!(w && x && x.t1 - x.t0 > 3 * (w.t1 - w.t0));
  const raw = win.t1 >= win.t0 ? { t0: win.t0, t1: win.t1 } : x && all.t1 >= all.t0 ? { t0: all.t0, t1: all.t1 } : null;
  return { window: w, all: x, wide, windowRaw: raw };
}
