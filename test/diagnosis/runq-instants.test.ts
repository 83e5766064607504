/**
 * vmstat r is one instant per sample. On a real healthy lab run
 * (fixtures/lab-runs/healthy, README there) it read above the CPU count in
 * 3 of 8 samples while PSI said tasks hardly waited for a CPU in those
 * seconds: wakeups, not a queue, and the verdict is healthy.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { SCENARIOS } from '../../scripts/lab/scenarios.mjs';
import { mismatches, type Expect } from '../lab/expect.js';
import { analyzeLabRun } from './tiers.js';

const HEALTHY = (SCENARIOS as { name: string; expect: Expect }[]).find((s) => s.name === 'healthy')!.expect;

describe('run queue instants without CPU waits', () => {
  it('healthy lab run: r above the CPUs at 3 of 8 instants, no CPU waits then, no finding and the verdict healthy', async () => {
    const { analysis } = await analyzeLabRun('healthy');
    expect(mismatches(analysis, HEALTHY)).toEqual([]);
    expect(analysis.findings.filter((f) => f.rule === 'cpu-saturation')).toEqual([]);
    // The instants are in web's series, and PSI's share of each of their seconds is under the rule's 10%.
    const series = (metric: string): [number, number][] => analysis.series.find((s) => s.host === 'web' && s.metric === metric)!.points as [number, number][];
    const above = series('cpu.runq').filter(([, v]) => v > 2);
    expect(above.map(([, v]) => v)).toEqual([3, 4, 3]);
    const psi = series('cpu.psi.some');
    for (const [t] of above) {
      const second = psi.find(([u]) => u >= t)!;
      expect(second[0] - t).toBeLessThanOrEqual(1500);
      expect(second[1]).toBeLessThan(10);
    }
  });

  it('a lab run whose CPU was truly queued keeps its run-queue finding (memory-swap: another worktree compiling)', async () => {
    const { analysis } = await analyzeLabRun('memory-swap');
    const runq = analysis.findings.filter((f) => f.rule === 'cpu-saturation' && f.severity !== 'info');
    expect(runq.length).toBeGreaterThan(0);
  });
});
