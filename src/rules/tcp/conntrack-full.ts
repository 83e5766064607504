/** nf_conntrack table full: new connections are dropped by netfilter. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const conntrackFull: Rule = {
  meta: {
    id: 'conntrack-full',
    resource: 'network',
    signal: 'saturation',
    severity: 'critical',
    title: 'Connection tracking table full',
    options: {},
    explanation:
      '"nf_conntrack: table full, dropping packet" means the connection-tracking table reached net.netfilter.nf_conntrack_max: new connections are silently dropped, which looks like timeouts to clients.',
    nextCommands: ['sysctl net.netfilter.nf_conntrack_count net.netfilter.nf_conntrack_max', 'conntrack -S'],
  },
  check(ctx) {
    return eventFindings(ctx, this.meta, ['conntrack'], (n) => `${n} "nf_conntrack: table full" line(s)`);
  },
};
