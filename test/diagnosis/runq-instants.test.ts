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
  it('healthy lab run: r above the CPUs at 3 of 8 instants is info, the verdict healthy', async () => {
    const { analysis } = await analyzeLabRun('healthy');
    expect(mismatches(analysis, HEALTHY)).toEqual([]);
    const runq = analysis.findings.filter((f) => f.rule === 'cpu-saturation');
    expect(runq.map((f) => [f.host, f.severity])).toEqual([['web', 'info']]);
    const f = runq[0]!;
    expect(f.title).toMatch(/^run queue 4 on 2 CPUs at 3\/8 instants, .*wakeups, not a queue$/);
    // each instant's second, as PSI measured it: all under the rule's 10%
    const shares = /PSI cpu some in those seconds: (.*)$/
      .exec(f.evidence[0]!.excerpt)?.[1]
      ?.split(', ')
      .map((s) => Number(s.replace('%', '')));
    expect(shares).toHaveLength(3);
    for (const v of shares!) expect(v).toBeLessThan(10);
  });

  it('a lab run whose CPU was truly queued keeps its run-queue finding (memory-swap: another worktree compiling)', async () => {
    const { analysis } = await analyzeLabRun('memory-swap');
    const runq = analysis.findings.filter((f) => f.rule === 'cpu-saturation' && f.severity !== 'info');
    expect(runq.length).toBeGreaterThan(0);
  });
});
