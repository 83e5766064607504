/** TCP retransmitted segments as a share of segments sent (/proc/net/snmp deltas). */
import type { Point } from '../../models/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const tcpRetransmits: Rule = {
  meta: {
    id: 'tcp-retransmits',
    resource: 'network',
    signal: 'saturation',
    severity: 'warning',
    title: 'TCP retransmits',
    options: {
      pct: {
        default: 1,
        unit: '% of out segments',
        source: '(ours), after Netflix (sar -n ETCP retrans/s: "a sign of a network or server issue")',
        description: 'RetransSegs / OutSegs per interval',
      },
      minOutSegs: {
        default: 100,
        unit: 'segments/s',
        source: '(ours)',
        description: 'ignore intervals with less traffic (a few retransmits of almost nothing is noise)',
      },
    },
    explanation:
      'TcpRetransSegs / TcpOutSegs per interval from /proc/net/snmp deltas. Retransmits mean segments were lost or acknowledged too late: a congested or faulty network, or a peer too saturated to answer. Above about 1% they hurt throughput and latency.',
    nextCommands: ['sar -n ETCP 1 5', 'nstat -az | grep -i retrans', 'ss -ti'],
  },
  check(ctx) {
    const { retransPct, outSegsPerS } = ctx.models.tcp;
    if (!retransPct || !outSegsPerS) return [];
    const busy = new Set(outSegsPerS.points.filter(([, v]) => v >= ctx.options.minOutSegs!).map(([t]) => t));
    const points: Point[] = retransPct.points.map(([t, v]) => [t, busy.has(t) ? v : 0]);
    const s = { ...retransPct, points };
    const held = sustained(s, (v) => v > ctx.options.pct!);
    if (!held) return [];
    return [
      makeFinding(ctx, this.meta, {
        subject: 'retransmits',
        severity: this.meta.severity,
        title: `TCP retransmits ${round(held.peak[1], 2)}% of segments sent`,
        ...heldSpan(held),
        peak: { value: held.peak[1], threshold: ctx.options.pct!, unit: '%' },
        evidence: [seriesEvidence(s, held, 'retrans%')],
      }),
    ];
  },
};
