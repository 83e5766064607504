/**
 * The diagnosis over input sized by the bundles: no spread of an input-sized
 * array into a call (Math.min(...starts) threw RangeError past a few hundred
 * thousand values). 500,000 points in one downsampling chunk, 500,000 hosts.
 * And no step quadratic in the findings: grouping them copied a group's list
 * for every member (500,000 findings: minutes). Checked by a count, not a
 * time: the array iteration steps diagnose() takes for 2,000 and 16,000
 * findings (spreads and for-of go through Array.prototype[Symbol.iterator]).
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { downsample } from '../../src/diagnosis/series.js';
import { hostileAnalysis } from '../render/fixture.js';
import type { Finding } from '../../src/diagnosis/types.js';

const N = 500_000;
const T0 = Date.UTC(2026, 11, 5);

/** Array iteration steps (spreads, for-of, Array.from) taken by `run`. */
function iterationSteps(run: () => void): number {
  const proto = Array.prototype as unknown as { [Symbol.iterator]: (this: unknown[]) => Iterator<unknown> };
  const original = proto[Symbol.iterator];
  let steps = 0;
  proto[Symbol.iterator] = function (this: unknown[]) {
    const it = original.call(this);
    return {
      next: () => {
        steps++;
        return it.next();
      },
      [Symbol.iterator]() {
        return this;
      },
    } as Iterator<unknown>;
  };
  try {
    run();
  } finally {
    proto[Symbol.iterator] = original;
  }
  return steps;
}

const RESOURCES = ['cpu', 'memory', 'storage-io', 'tcp', 'application'] as const;
const SIGNALS = ['errors', 'utilization', 'saturation'] as const;
const HOSTS = ['web', 'app', 'db'].map((id) => ({ id, tier: id, windowStart: T0, windowEnd: T0 + 3_600_000 }));

/** `n` findings over three hosts, 40 rules, every resource and signal: groups of copies and of victims of n/40 and more. */
function findings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i): Finding => {
    const host = HOSTS[i % 3]!;
    return {
      id: `f${i}`,
      rule: `r${i % 40}`,
      host: host.id,
      tier: host.tier,
      resource: RESOURCES[i % 5]!,
      signal: SIGNALS[(i >> 2) % 3]!,
      severity: i % 2 ? 'critical' : 'warning',
      title: `t${i}`,
      onset: T0 + ((i * 997) % 3_600_000),
      end: T0 + 3_600_000,
      evidence: [],
      explanation: '',
      nextCommands: [],
    };
  });
}

describe('the diagnosis on 500,000-element input', () => {
  it('downsamples 500,000 points into one chunk, keeping the peak', () => {
    const points = Array.from({ length: N }, (_, i): [number, number] => [T0 + i, i === 321_987 ? 1e9 : i % 100]);
    expect(downsample(points, 1)).toEqual({ points: [[T0, 1e9]], dropped: N - 1 });
    expect(downsample(points, 2).points).toEqual([
      [T0, 99],
      [T0 + N / 2, 1e9],
    ]);
  });

  it('takes steps linear in the findings: 8,000 more cost twice what 4,000 more did, not four times', () => {
    const timeline = hostileAnalysis().timeline;
    // Differences cancel the fixed part (the links among the few groups of distinct facts).
    const [s4, s8, s16] = [4_000, 8_000, 16_000].map((n) => {
      const list = findings(n);
      return iterationSteps(() => diagnose(HOSTS, list, timeline));
    });
    expect(s8! - s4!).toBeGreaterThan(4_000);
    expect((s16! - s8!) / (s8! - s4!)).toBeLessThan(2.5);
  });

  it('scopes 500,000 hosts by their earliest start and latest end', () => {
    const hosts = Array.from({ length: N }, (_, i) => ({ id: `h${i}`, tier: 'app', windowStart: T0 + ((i * 7919) % N), windowEnd: T0 + N + i }));
    const d = diagnose(hosts, [], hostileAnalysis().timeline);
    expect(d.verdict).toBe('healthy');
    expect(d.scope).toMatchObject({ start: T0, end: T0 + 2 * N - 1 });
  });
});
