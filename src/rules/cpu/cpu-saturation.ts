/** Runnable threads beyond the CPU count: work queues for CPU, an outage forming. */
import type { Rule } from '../types.js';
import { cpuProcesses, heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

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
    },
    explanation:
      'vmstat r counts threads running or waiting for a CPU (I/O waits excluded, unlike load average). When it stays above the CPU count, threads wait for CPU: latency grows for everything on the host. Sustained means at least 3 samples and 20% of them (and never one).',
    nextCommands: ['vmstat 1 5', 'mpstat -P ALL 1 5', 'pidstat -u 1 5', 'top -b -n 1 -o %CPU | head -20'],
  },
  check(ctx) {
    const { runq, cpus } = ctx.models.cpu;
    if (!runq || !cpus) return [];
    const limit = cpus * ctx.options.ratio!;
    const held = sustained(runq, (v) => v > limit, { strict: true });
    if (!held) return [];
    // Critical only when the doubled run queue itself was sustained, not touched once or twice.
    const critical = sustained(runq, (v) => v >= cpus * ctx.options.criticalRatio!, { strict: true }) !== null;
    return [
      makeFinding(ctx, this.meta, {
        subject: 'runq',
        severity: critical ? 'critical' : 'warning',
        title: `run queue ${round(held.peak[1])} on ${cpus} CPUs (${held.count}/${held.total} samples above ${round(limit)})`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: limit, unit: 'threads' },
        evidence: [seriesEvidence(runq, held, 'r')],
        processes: cpuProcesses(ctx, held),
      }),
    ];
  },
};
