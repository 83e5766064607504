/** Interface rx/tx errors increasing within the window (/proc/net/dev deltas). */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const netErrors: Rule = {
  meta: {
    id: 'net-errors',
    resource: 'network',
    signal: 'errors',
    severity: 'warning',
    title: 'Interface errors',
    options: { rate: { default: 0, unit: 'errors/s', source: 'Gregg (rxerr/txerr increasing)', description: 'error rate above this, in several intervals' } },
    explanation:
      'rx/tx errors on an interface (bad frames, CRC, carrier) from /proc/net/dev counter deltas during the window: errors that keep increasing point at a cable, NIC, driver or duplex problem, and cause retransmits above.',
    nextCommands: ['ip -s link', 'ethtool -S <iface>', 'sar -n EDEV 1 5'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const nic of ctx.models.network) {
      const held = sustained(nic.errors, (v) => v > ctx.options.rate!, { minSamples: 2 });
      if (!nic.errors || !held) continue;
      out.push(
        makeFinding(ctx, this.meta, {
          subject: nic.name,
          severity: this.meta.severity,
          title: `${nic.name}: errors rising, up to ${round(held.peak[1])}/s`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: ctx.options.rate!, unit: 'errors/s' },
          evidence: [seriesEvidence(nic.errors, held, 'errs/s')],
        }),
      );
    }
    return out;
  },
};
