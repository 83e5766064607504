/**
 * The diagnosis over input sized by the bundles: no spread of an input-sized
 * array into a call (Math.min(...starts) threw RangeError past a few hundred
 * thousand values). 500,000 points in one downsampling chunk, 500,000 hosts.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { downsample } from '../../src/diagnosis/series.js';
import { hostileAnalysis } from '../render/fixture.js';

const N = 500_000;
const T0 = Date.UTC(2026, 11, 5);

describe('the diagnosis on 500,000-element input', () => {
  it('downsamples 500,000 points into one chunk, keeping the peak', () => {
    const points = Array.from({ length: N }, (_, i): [number, number] => [T0 + i, i === 321_987 ? 1e9 : i % 100]);
    expect(downsample(points, 1)).toEqual({ points: [[T0, 1e9]], dropped: N - 1 });
    expect(downsample(points, 2).points).toEqual([
      [T0, 99],
      [T0 + N / 2, 1e9],
    ]);
  });

  it('scopes 500,000 hosts by their earliest start and latest end', () => {
    const hosts = Array.from({ length: N }, (_, i) => ({ id: `h${i}`, tier: 'app', windowStart: T0 + ((i * 7919) % N), windowEnd: T0 + N + i }));
    const d = diagnose(hosts, [], hostileAnalysis().timeline);
    expect(d.verdict).toBe('healthy');
    expect(d.scope).toMatchObject({ start: T0, end: T0 + 2 * N - 1 });
  });
});
