/** Threads against kernel.threads-max / pid_max. */
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const tasksLimit: Rule = {
  meta: {
    id: 'tasks-limit',
    resource: 'tasks',
    signal: 'utilization',
    severity: 'warning',
    title: 'Threads near the system limit',
    options: { warnPct: { default: 80, unit: '% of limit', source: '(ours)', description: 'threads share of min(kernel.threads-max, kernel.pid_max)' } },
    explanation:
      "Kernel scheduling entities (the 4th field's total in /proc/loadavg) against kernel.threads-max and kernel.pid_max: at the limit fork() and pthread_create() fail with EAGAIN.",
    nextCommands: ['cat /proc/loadavg', 'sysctl kernel.threads-max kernel.pid_max', 'ps -eo nlwp,pid,comm --sort=-nlwp | head'],
  },
  check(ctx) {
    const { threads, max } = ctx.models.tasks;
    if (!threads || !max) return [];
    const pct = { ...threads, unit: '%', points: threads.points.map(([t, v]) => [t, (100 * v) / max] as [number, number]) };
    const held = sustained(pct, (v) => v >= ctx.options.warnPct!, { minSamples: 2 });
    if (!held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'threads',
        severity: this.meta.severity,
        title: `threads at ${round(held.peak[1])}% of the limit (${max})`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: ctx.options.warnPct!, unit: '%' },
        evidence: [seriesEvidence(pct, held, 'threads%')],
      }),
    ];
  },
};
