/** Page scanning and major faults from /proc/vmstat deltas: reclaim and reads from disk to get memory back. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const memoryPaging: Rule = {
  meta: {
    id: 'memory-paging',
    resource: 'memory',
    signal: 'saturation',
    severity: 'warning',
    title: 'Page scanning / major faults',
    options: {
      scanRate: { default: 0, unit: 'pages/s', source: 'Gregg (sar -B pgscank+pgscand > 0)', description: 'page scan rate above this' },
      majorFaultRate: { default: 100, unit: 'faults/s', source: '(ours)', description: 'major fault rate above this' },
    },
    explanation:
      'pgscan_kswapd/pgscan_direct count pages the kernel scanned to reclaim memory; sustained scanning (direct scanning especially, which stalls the allocating task) is memory saturation. Major faults are page-ins that must read the disk: many per second mean the working set does not fit. Rates come from /proc/vmstat deltas within the window, never since-boot totals.',
    nextCommands: ['sar -B 1 5', 'vmstat 1 5', 'grep -E "pgscan|pgmajfault" /proc/vmstat'],
  },
  check(ctx) {
    const out: Finding[] = [];
    const checks = [
      ['page-scan', ctx.models.memory.pageScan, ctx.options.scanRate!, 'scan/s'],
      ['major-faults', ctx.models.memory.majorFaults, ctx.options.majorFaultRate!, 'majflt/s'],
    ] as const;
    for (const [subject, s, limit, label] of checks) {
      const held = sustained(s, (v) => v > limit);
      if (!s || !held) continue;
      out.push(
        makeFinding(ctx, this.meta, {
          subject,
          severity: this.meta.severity,
          title: `${subject === 'page-scan' ? 'page scanning' : 'major faults'} ${round(held.peak[1])} ${s.unit}`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: limit, unit: s.unit },
          evidence: [seriesEvidence(s, held, label)],
        }),
      );
    }
    return out;
  },
};
