/** Steal time: the hypervisor gave this VM's CPU time to someone else. */
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const cpuSteal: Rule = {
  meta: {
    id: 'cpu-steal',
    resource: 'cpu',
    signal: 'utilization',
    severity: 'warning',
    title: 'CPU steal',
    options: { stealPct: { default: 10, unit: '%', source: '(ours); Netflix reads %st in vmstat/mpstat', description: 'steal time share' } },
    explanation:
      "Steal (st) is time a virtual CPU wanted to run but the hypervisor ran something else. Sustained steal means the host is oversubscribed: this VM's work slows although its own CPU usage looks moderate.",
    nextCommands: ['mpstat -P ALL 1 5', 'vmstat 1 5'],
  },
  check(ctx) {
    const s = ctx.models.cpu.steal;
    const held = sustained(s, (v) => v >= ctx.options.stealPct!);
    if (!s || !held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'steal',
        severity: this.meta.severity,
        title: `CPU steal ${round(held.peak[1])}% (${held.count}/${held.total} samples ≥ ${ctx.options.stealPct}%)`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: ctx.options.stealPct!, unit: '%' },
        evidence: [seriesEvidence(s, held, 'st%')],
      }),
    ];
  },
};
