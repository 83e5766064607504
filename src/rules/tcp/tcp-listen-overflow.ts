/** Accept-queue overflows (ListenOverflows/ListenDrops deltas) and SYN flooding lines. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { eventFindings, makeFinding } from '../helpers.js';

export const tcpListenOverflow: Rule = {
  meta: {
    id: 'tcp-listen-overflow',
    resource: 'tcp',
    signal: 'saturation',
    severity: 'warning',
    title: 'Listen queue overflows',
    options: {
      drops: {
        default: 0,
        unit: 'drops in window',
        source: 'use-method reference TCP table (any is saturation)',
        description: 'increase of ListenOverflows/ListenDrops above this',
      },
    },
    explanation:
      'ListenOverflows / ListenDrops (netstat -s, nstat, /proc/net/netstat) increase when a listening socket\'s accept queue is full: the server is not calling accept() fast enough, so new connections are dropped and clients retry with a delay. "Possible SYN flooding on port" in the kernel log is the same saturation (or an attack). Counted as deltas within the window.',
    nextCommands: ['ss -lnt', 'nstat -az | grep -i listen', 'sysctl net.core.somaxconn net.ipv4.tcp_max_syn_backlog'],
  },
  check(ctx) {
    const out: Finding[] = [];
    const lo = ctx.models.tcp.listenOverflows;
    if (lo && lo.delta > ctx.options.drops!) {
      out.push(
        makeFinding(ctx, this.meta, {
          subject: 'accept-queue',
          severity: this.meta.severity,
          title: `${lo.delta} listen queue overflows/drops during the window`,
          onset: lo.from,
          end: lo.to,
          peak: { value: lo.delta, threshold: ctx.options.drops!, unit: 'drops' },
          evidence: [
            { artifact: lo.artifact, ...(lo.to !== null ? { time: lo.to } : {}), excerpt: `ListenOverflows/ListenDrops +${lo.delta} between start and end` },
          ],
        }),
      );
    }
    return out.concat(eventFindings(ctx, this.meta, ['synFlood'], (n) => `${n} "SYN flooding" kernel line(s)`));
  },
};
