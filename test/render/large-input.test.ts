/**
 * Renderers over input sized by a hostile or simply huge bundle: no spread of
 * an input-sized array into a call (Math.max(...vals) threw RangeError past a
 * few hundred thousand values). 500,000 points in a series, 500,000 histogram
 * buckets, 500,000 values in a lane: a report, not a crash.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml, renderMarkdown } from '../../src/render/index.js';
import { timeAxis } from '../../src/render/plot.js';
import { buildLanes } from '../../src/render/svg.js';
import { hostileAnalysis } from './fixture.js';

const N = 500_000;

describe('renderers on 500,000-element input', () => {
  it('a series of 500,000 points and histograms of 500,000 buckets: HTML and Markdown', () => {
    const a = hostileAnalysis();
    const { startMs, widthMs } = a.timeline.buckets;
    a.timeline.buckets.count = N;
    for (const h of a.timeline.histograms) h.counts = Array.from({ length: N }, (_, i) => i % 13);
    // Every series of every finding's resource: the chart's activity test and the cause strip read them all.
    for (const s of a.series) s.points = Array.from({ length: N }, (_, i): [number, number] => [startMs + (i * widthMs) / 100, (i * 7919) % 1000]);
    // Budget aside (its own test): this is about reaching the end.
    const html = renderHtml(a, { maxBytes: 1 << 30 });
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(renderMarkdown(a).length).toBeGreaterThan(0);
  });

  it('a lane of 500,000 buckets is scaled by its largest', () => {
    const counts = Array.from({ length: N }, (_, i) => (i === 123_456 ? 40 : 1));
    const view = buildLanes(timeAxis(0, N), { startMs: 0, widthMs: 1 }, [{ label: 'h', cls: 'h', windows: [], counts, markers: [] }]);
    const heights = view.lanes[0]!.bars.map((b) => b.h);
    expect(heights).toHaveLength(N);
    // The tallest bar is the 40 (the lane's full height less its margin), a 1 is a fortieth of it, at least 1.
    expect(heights.reduce((m, h) => Math.max(m, h), 0)).toBe(26);
    expect(heights[0]).toBe(1);
  });
});
