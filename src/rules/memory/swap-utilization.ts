/** Swap space in use: capacity left before swap-backed memory runs out. */
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const swapUtilization: Rule = {
  meta: {
    id: 'swap-utilization',
    resource: 'memory',
    signal: 'utilization',
    severity: 'warning',
    title: 'Swap space nearly full',
    options: { usedPct: { default: 80, unit: '% of swap', source: '(ours)', description: 'swap used above this share of SwapTotal' } },
    explanation:
      'Gregg lists swap in use under capacity. A nearly full swap means the next memory shortfall cannot be absorbed by swapping and goes straight to the OOM killer. Swap in use without swap-in activity (memory-swapping) is old, cold pages and harmless.',
    nextCommands: ['free -m', 'swapon --show', 'vmstat 1 5'],
  },
  check(ctx) {
    const { swapUsedKb, swapTotalKb } = ctx.models.memory;
    if (!swapUsedKb || !swapTotalKb) return [];
    const pct = { ...swapUsedKb, unit: '%', points: swapUsedKb.points.map(([t, v]) => [t, (100 * v) / swapTotalKb] as [number, number]) };
    const held = sustained(pct, (v) => v >= ctx.options.usedPct!);
    if (!held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'swap',
        severity: this.meta.severity,
        title: `swap ${round(held.peak[1])}% used`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: ctx.options.usedPct!, unit: '%' },
        evidence: [seriesEvidence(pct, held, 'swap%')],
      }),
    ];
  },
};
