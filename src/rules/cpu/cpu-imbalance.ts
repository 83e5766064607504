/** One CPU pegged while the rest idle: a single-threaded bottleneck the all-CPU average hides. */
import type { Finding } from '../../vocabulary/types.js';
import type { Point } from '../../models/types.js';
import type { Rule } from '../types.js';
import { cpuProcesses, heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const cpuImbalance: Rule = {
  meta: {
    id: 'cpu-imbalance',
    resource: 'cpu',
    signal: 'utilization',
    severity: 'warning',
    title: 'One CPU hot, others idle',
    options: {
      hotPct: { default: 90, unit: '%', source: '(ours)', description: 'utilization of the hot CPU' },
      othersPct: { default: 50, unit: '%', source: '(ours)', description: 'average utilization of the other CPUs stays below this' },
    },
    explanation:
      "Gregg's checklist reads mpstat -P ALL per CPU because one hot CPU with idle neighbours is a single-threaded bottleneck (one process, one interrupt queue) that the all-CPU average hides. It needs at least two CPUs and a sustained pattern.",
    nextCommands: ['mpstat -P ALL 1 5', 'pidstat -u -t 1 5', 'cat /proc/interrupts'],
  },
  check(ctx) {
    const perCpu = ctx.models.cpu.perCpu;
    const ids = Object.keys(perCpu);
    if (ids.length < 2) return [];
    const out: Finding[] = [];
    for (const id of ids) {
      const hot = perCpu[id]!;
      // For each sample of the hot CPU, the mean of the others at the same instant.
      const gap: Point[] = hot.points.map(([t, v]) => {
        const others = ids
          .filter((o) => o !== id)
          .map((o) => perCpu[o]!.points.find((p) => p[0] === t)?.[1])
          .filter((x): x is number => x !== undefined);
        const mean = others.length ? others.reduce((a, b) => a + b, 0) / others.length : 100;
        return [t, v >= ctx.options.hotPct! && mean < ctx.options.othersPct! ? v : -1];
      });
      const held = sustained({ ...hot, points: gap }, (v) => v >= 0);
      if (!held) continue;
      out.push(
        makeFinding(ctx, this.meta, {
          subject: `cpu${id}`,
          severity: this.meta.severity,
          title: `CPU ${id} at ${round(held.peak[1])}% while the others average under ${ctx.options.othersPct}%`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: ctx.options.hotPct!, unit: '%' },
          evidence: [seriesEvidence(hot, held, `cpu${id}%`)],
          processes: cpuProcesses(ctx, held),
        }),
      );
    }
    return out;
  },
};
