/** Runnable threads beyond the CPU count: work queues for CPU, an outage forming. */
import type { Point, PsiModel, Series } from '../../models/types.js';
import type { Rule } from '../types.js';
import { cpuProcesses, heldSpan, makeFinding, round, seriesEvidence, sustained, type Held } from '../helpers.js';

/** PSI points end the interval they measure; a runq instant belongs to the first one ending after it, within this. */
const PSI_MATCH_MS = 1500;

/**
 * The PSI `some` share of the second holding each runq instant. Only exact
 * per-interval values (the `total` deltas): the avg10 fallback averages ten
 * seconds, not that one.
 */
function waitShares(runq: Series, psi: PsiModel): Map<Point, number> {
  const shares = new Map<Point, number>();
  const some = psi.method === 'total-delta' ? psi.some?.points : undefined;
  if (!some) return shares;
  let i = 0;
  for (const p of runq.points) {
    while (i < some.length && some[i]![0] < p[0]) i++;
    const q = some[i];
    if (q && q[0] - p[0] <= PSI_MATCH_MS) shares.set(p, q[1]);
  }
  return shares;
}

/** The PSI shares of the held instants, for the evidence ("" when PSI had none of them). */
function waitNote(held: Held, shares: Map<Point, number>): string {
  const known = held.matching.map((p) => shares.get(p)).filter((v): v is number => v !== undefined);
  return known.length ? `; PSI cpu some in those seconds: ${known.map((v) => `${round(v)}%`).join(', ')}` : '';
}

export const cpuSaturation: Rule = {
  meta: {
    id: 'cpu-saturation',
    resource: 'cpu',
    signal: 'saturation',
    severity: 'warning',
    title: 'Run queue above CPU count',
    options: {
      ratio: { default: 1, unit: 'x CPUs', source: 'Gregg (vmstat r > CPU count)', description: 'runnable threads per CPU above which work waits' },
      criticalRatio: { default: 2, unit: 'x CPUs', source: '(ours)', description: 'runnable threads per CPU that make it critical, when sustained too' },
      minWaitPct: {
        default: 10,
        unit: '%',
        source: '(ours); PSI: Linux kernel Documentation/accounting/psi.rst',
        description: 'where PSI measured the same second, the share of it in which a task waited for a CPU for r to count as a queue',
      },
    },
    explanation:
      'vmstat r counts threads running or waiting for a CPU (I/O waits excluded, unlike load average). When it stays above the CPU count, threads wait for CPU: latency grows for everything on the host. Sustained means at least 3 samples and 20% of them (and never one). r is one instant per sample: where the bundle has PSI (/proc/pressure/cpu), a sample counts only when tasks also waited for a CPU during at least 10% of that second. A crowd of short processes waking together (samplers, cron jobs) puts r above the CPU count for a moment while nothing queues: such instants are no finding.',
    nextCommands: ['vmstat 1 5', 'mpstat -P ALL 1 5', 'pidstat -u 1 5', 'top -b -n 1 -o %CPU | head -20'],
  },
  check(ctx) {
    const { runq, cpus } = ctx.models.cpu;
    if (!runq || !cpus) return [];
    const limit = cpus * ctx.options.ratio!;
    const shares = waitShares(runq, ctx.models.cpu.psi);
    const waited = (p: Point): boolean => (shares.get(p) ?? Infinity) >= ctx.options.minWaitPct!;
    const held = sustained(runq, (v, p) => v > limit && waited(p), { strict: true });
    if (!held) return [];
    // Critical only when the doubled run queue itself was sustained, not touched once or twice.
    const critical = sustained(runq, (v, p) => v >= cpus * ctx.options.criticalRatio! && waited(p), { strict: true }) !== null;
    const evidence = seriesEvidence(runq, held, 'r');
    evidence.excerpt += waitNote(held, shares);
    return [
      makeFinding(ctx, this.meta, {
        subject: 'runq',
        severity: critical ? 'critical' : 'warning',
        title: `run queue ${round(held.peak[1])} on ${cpus} CPUs (${held.count}/${held.total} samples above ${round(limit)})`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: limit, unit: 'threads' },
        evidence: [evidence],
        processes: cpuProcesses(ctx, held),
      }),
    ];
  },
};
