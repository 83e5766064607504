/** Min/max-per-bucket downsampling: bounded output, spikes and dips kept, time order kept. */
import { describe, expect, it } from 'vitest';
import { minMaxBuckets } from '../../src/render/downsample.js';

describe('minMaxBuckets', () => {
  const n = 100_000;
  const pts: [number, number][] = Array.from({ length: n }, (_, i) => [i * 10, 50 + Math.sin(i / 500)]);
  pts[31_337] = [313_370, 999]; // one spike
  pts[77_777] = [777_770, -5]; // one dip

  it('keeps at most two points per bucket and counts what it dropped', () => {
    const d = minMaxBuckets(pts, 0, n * 10, 300);
    expect(d.points.length).toBeLessThanOrEqual(600);
    expect(d.points.length + d.dropped).toBe(n);
  });

  it('keeps the extremes a chart must show', () => {
    const d = minMaxBuckets(pts, 0, n * 10, 300);
    expect(d.points).toContainEqual([313_370, 999]);
    expect(d.points).toContainEqual([777_770, -5]);
  });

  it('returns points in time order, even from unsorted input', () => {
    const shuffled = [...pts].reverse();
    const d = minMaxBuckets(shuffled, 0, n * 10, 300);
    for (let i = 1; i < d.points.length; i++) expect((d.points[i] as [number, number])[0]).toBeGreaterThanOrEqual((d.points[i - 1] as [number, number])[0]);
    expect(d.points).toContainEqual([313_370, 999]);
  });

  it('drops non-finite points and leaves small series alone', () => {
    const d = minMaxBuckets(
      [
        [0, 1],
        [1, Number.NaN],
        [2, 3],
      ],
      0,
      2,
      300,
    );
    expect(d.points).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(d.dropped).toBe(1);
  });
});
