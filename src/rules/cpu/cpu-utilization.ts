/** CPU utilization us+sy+st: busy CPUs are work being done, so on its own this is information. */
import type { Rule } from '../types.js';
import { cpuProcesses, heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const cpuUtilization: Rule = {
  meta: {
    id: 'cpu-utilization',
    resource: 'cpu',
    signal: 'utilization',
    severity: 'info',
    title: 'CPU busy (us+sy+st)',
    options: {
      busyPct: { default: 90, unit: '%', source: '(ours); Gregg notes above ~70% can already hurt', description: 'all-CPU utilization that counts as busy' },
    },
    explanation:
      'Share of CPU time spent running user, system and stolen time across all CPUs (vmstat us+sy+st, mpstat). A CPU at 100% is doing work; it becomes an outage when runnable threads queue beyond the CPU count (see cpu-saturation), so this finding is information that explains a saturation finding.',
    nextCommands: ['mpstat -P ALL 1 5', 'pidstat -u 1 5', 'top -b -n 1 -o %CPU | head -20'],
  },
  check(ctx) {
    const s = ctx.models.cpu.util;
    const limit = ctx.options.busyPct!;
    const held = sustained(s, (v) => v >= limit);
    if (!s || !held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'all',
        severity: 'info',
        title: `CPU ${round(held.peak[1])}% busy (${held.count}/${held.total} samples ≥ ${limit}%)`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: limit, unit: '%' },
        evidence: [seriesEvidence(s, held, 'busy%')],
        processes: cpuProcesses(ctx, held),
      }),
    ];
  },
};
