/** Load average per CPU: a smoothed hint of saturation (Linux counts D-state I/O waits too). */
import type { Rule } from '../types.js';
import { cpuProcesses, heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const cpuLoad: Rule = {
  meta: {
    id: 'cpu-load',
    resource: 'cpu',
    signal: 'saturation',
    severity: 'info',
    title: 'Load average above CPU count',
    options: { ratio: { default: 1, unit: 'x CPUs', source: 'Gregg (load average / CPU count)', description: '1-minute load per CPU' } },
    explanation:
      'The 1-minute load average divided by the CPU count. Above 1 means demand exceeded the CPUs over the last minute, but Linux also counts threads blocked on I/O, and the average lags: it is information that supports (or contradicts) the run queue.',
    nextCommands: ['uptime', 'vmstat 1 5', "ps -eo stat,pid,comm | awk '$1 ~ /D/'"],
  },
  check(ctx) {
    const { load1, cpus } = ctx.models.cpu;
    if (!load1 || !cpus) return [];
    const held = sustained(load1, (v) => v > cpus * ctx.options.ratio!);
    if (!held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'load1',
        severity: 'info',
        title: `load average ${round(held.peak[1], 2)} on ${cpus} CPUs`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: cpus * ctx.options.ratio!, unit: 'load' },
        evidence: [seriesEvidence(load1, held, 'load1')],
        processes: cpuProcesses(ctx, held),
      }),
    ];
  },
};
