/** Throughput against link speed, where the speed is known. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const netThroughput: Rule = {
  meta: {
    id: 'net-throughput',
    resource: 'network',
    signal: 'utilization',
    severity: 'warning',
    title: 'Interface near link speed',
    options: { busyPct: { default: 80, unit: '% of link speed', source: '(ours)', description: 'rx or tx throughput share of the link speed' } },
    explanation:
      'rx/tx bytes per second (/proc/net/dev deltas) as a share of the link speed (sar %ifutil). Near the link speed packets queue and drop. Without a known link speed (virtual interfaces, loopback) this rule stays silent.',
    nextCommands: ['sar -n DEV 1 5', 'ethtool <iface> | grep Speed', 'nicstat 1 5'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const nic of ctx.models.network) {
      if (!nic.speedMbps) continue;
      const capacity = (nic.speedMbps * 1e6) / 8;
      for (const [dir, s] of [
        ['rx', nic.rxBytesPerS],
        ['tx', nic.txBytesPerS],
      ] as const) {
        if (!s) continue;
        const pct = { ...s, unit: '%', points: s.points.map(([t, v]) => [t, (100 * v) / capacity] as [number, number]) };
        const held = sustained(pct, (v) => v >= ctx.options.busyPct!);
        if (!held) continue;
        out.push(
          makeFinding(ctx, this.meta, {
            subject: `${nic.name}:${dir}`,
            severity: this.meta.severity,
            title: `${nic.name} ${dir} at ${round(held.peak[1])}% of ${nic.speedMbps} Mbit/s`,
            ...heldSpan(held),
            peak: { value: held.peak[1], threshold: ctx.options.busyPct!, unit: '%' },
            evidence: [seriesEvidence(pct, held, `${dir}%`)],
          }),
        );
      }
    }
    return out;
  },
};
