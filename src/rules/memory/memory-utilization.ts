/** Available memory as a share of total: low means reclaim, swapping or OOM are close. */
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const memoryUtilization: Rule = {
  meta: {
    id: 'memory-utilization',
    resource: 'memory',
    signal: 'utilization',
    severity: 'warning',
    title: 'Little memory available',
    options: {
      availablePct: { default: 10, unit: '% of total', source: '(ours)', description: 'MemAvailable below this share of MemTotal' },
      criticalPct: { default: 5, unit: '% of total', source: '(ours)', description: 'below this it is critical' },
    },
    explanation:
      'MemAvailable (free -w "available") estimates memory usable without swapping: free pages plus reclaimable cache. Used memory is not the measure (Linux fills memory with cache on purpose); a low available share is, because the next allocations force reclaim, swapping or the OOM killer.',
    nextCommands: ['free -m', 'vmstat 1 5', 'ps -eo pid,rss,comm --sort=-rss | head', 'cat /proc/meminfo'],
  },
  check(ctx) {
    const s = ctx.models.memory.availablePct;
    const held = sustained(s, (v) => v < ctx.options.availablePct!, { worse: 'low' });
    if (!s || !held) return [];
    const critical = held.peak[1] < ctx.options.criticalPct!;
    return [
      makeFinding(ctx, this.meta, {
        subject: 'available',
        severity: critical ? 'critical' : 'warning',
        title: `memory available down to ${round(held.peak[1])}% of total`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: ctx.options.availablePct!, unit: '% available' },
        evidence: [seriesEvidence(s, held, 'available%')],
      }),
    ];
  },
};
