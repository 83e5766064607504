/** Swapping (vmstat si/so > 0): memory demand exceeds RAM and pages move to and from disk. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const memorySwapping: Rule = {
  meta: {
    id: 'memory-swapping',
    resource: 'memory',
    signal: 'saturation',
    severity: 'warning',
    title: 'Swapping',
    options: { rate: { default: 0, unit: 'kB/s (vmstat) or pages/s', source: 'Gregg (si/so > 0)', description: 'swap-in or swap-out rate above this' } },
    explanation:
      'vmstat si/so are the rates of memory swapped in from and out to disk. Gregg: any sustained non-zero value is memory saturation; swap-in in particular means a process waits for the disk to get its memory back.',
    nextCommands: ['vmstat 1 5', 'free -m', 'sar -B 1 5', 'smem -rs swap | head'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const [subject, s] of [
      ['swap-in', ctx.models.memory.swapIn],
      ['swap-out', ctx.models.memory.swapOut],
    ] as const) {
      const held = sustained(s, (v) => v > ctx.options.rate!);
      if (!s || !held) continue;
      out.push(
        makeFinding(ctx, this.meta, {
          subject,
          severity: this.meta.severity,
          title: `${subject} ${round(held.peak[1])} ${s.unit} (${held.count}/${held.total} samples)`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: ctx.options.rate!, unit: s.unit },
          evidence: [seriesEvidence(s, held, subject === 'swap-in' ? 'si' : 'so')],
        }),
      );
    }
    return out;
  },
};
