/** Drops, FIFO overruns: packets the interface or kernel could not take in time (saturation). */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const netDrops: Rule = {
  meta: {
    id: 'net-drops',
    resource: 'network',
    signal: 'saturation',
    severity: 'warning',
    title: 'Interface drops / overruns',
    options: { rate: { default: 0, unit: 'drops/s', source: 'Gregg (drops, overruns increasing)', description: 'drop+fifo rate above this, sustained' } },
    explanation:
      'rx/tx drops and FIFO overruns from /proc/net/dev deltas: packets discarded because a ring buffer or backlog was full. Sustained drops are network saturation (or a host too busy to drain its queues).',
    nextCommands: ['ip -s link', 'ethtool -S <iface> | grep -i -e drop -e fifo', 'sar -n EDEV 1 5', 'nstat -az | grep -i drop'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const nic of ctx.models.network) {
      const held = sustained(nic.drops, (v) => v > ctx.options.rate!);
      if (!nic.drops || !held) continue;
      out.push(
        makeFinding(ctx, this.meta, {
          subject: nic.name,
          severity: this.meta.severity,
          title: `${nic.name}: drops up to ${round(held.peak[1])}/s`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: ctx.options.rate!, unit: 'drops/s' },
          evidence: [seriesEvidence(nic.drops, held, 'drops/s')],
        }),
      );
    }
    return out;
  },
};
