/** Device busy time (%util): near 100% a single-queue disk is saturated; parallel devices are not. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const diskUtilization: Rule = {
  meta: {
    id: 'disk-utilization',
    resource: 'storage-io',
    signal: 'utilization',
    severity: 'warning',
    title: 'Disk busy',
    options: {
      busyPct: { default: 60, unit: '%', source: 'Gregg (> 60% usually hurts)', description: '%util that starts to hurt (info)' },
      saturatedPct: { default: 90, unit: '%', source: '(ours), after Gregg\'s "near 100% is saturation"', description: '%util that is a warning' },
    },
    explanation:
      'iostat -x %util (or Δio_ticks/Δt from /proc/diskstats) is the share of time the device had at least one request in flight. Above about 60% requests start queueing; near 100% a single-queue disk is saturated. Logical and multi-queue devices (dm-, md, nvme, virtio) serve requests in parallel and can show 100% without being saturated, so for those the finding stays information and aqu-sz/await decide.',
    nextCommands: ['iostat -xz 1 5', 'iotop -o -b -n 3', 'pidstat -d 1 5'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const dev of ctx.models.storage.devices) {
      const s = dev.util;
      const held = sustained(s, (v) => v >= ctx.options.busyPct!);
      if (!s || !held) continue;
      const hot = sustained(s, (v) => v >= ctx.options.saturatedPct!);
      const severity = hot && !dev.logical ? 'warning' : 'info';
      const note = dev.logical ? ' (parallel/logical device: %util overstates saturation)' : '';
      out.push(
        makeFinding(ctx, this.meta, {
          subject: dev.device,
          severity,
          title: `${dev.device} ${round(held.peak[1])}% busy${note}`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: hot ? ctx.options.saturatedPct! : ctx.options.busyPct!, unit: '%' },
          evidence: [seriesEvidence(s, held, '%util')],
        }),
      );
    }
    return out;
  },
};
