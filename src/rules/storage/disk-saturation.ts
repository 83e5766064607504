/** Requests queued at a device (aqu-sz > 1) and the time they wait (await). */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { heldSpan, makeFinding, round, seriesEvidence, sustained } from '../helpers.js';

export const diskSaturation: Rule = {
  meta: {
    id: 'disk-saturation',
    resource: 'storage-io',
    signal: 'saturation',
    severity: 'warning',
    title: 'Disk queue',
    options: {
      queue: { default: 1, unit: 'requests', source: 'Gregg (aqu-sz > 1)', description: 'average queue length above this' },
      criticalQueue: { default: 8, unit: 'requests', source: '(ours)', description: 'queue length that makes it critical' },
      awaitMs: { default: 50, unit: 'ms', source: '(ours)', description: 'average wait per I/O reported with the queue' },
    },
    explanation:
      'iostat aqu-sz (avgqu-sz; Δweighted_io_ticks/Δt from /proc/diskstats) is the average number of requests queued or in service. Above 1 requests wait for the device; await is how long applications wait per I/O, and it rising with the queue is saturation. Parallel devices (nvme, dm-, md, virtio) can hold a few requests in flight without harm, so their findings say so; a queue of `criticalQueue` or more is critical on any device.',
    nextCommands: ['iostat -xz 1 5', 'pidstat -d 1 5', 'iotop -o -b -n 3', 'cat /proc/pressure/io'],
  },
  check(ctx) {
    const out: Finding[] = [];
    for (const dev of ctx.models.storage.devices) {
      const s = dev.aqu;
      const held = sustained(s, (v) => v > ctx.options.queue!);
      if (!s || !held) continue;
      const awaitPeak = dev.await?.points.reduce((m, p) => Math.max(m, p[1]), 0) ?? null;
      // A deep queue means waiting on any device; only %util is misleading on parallel ones.
      const critical = held.peak[1] >= ctx.options.criticalQueue!;
      const evidence = [seriesEvidence(s, held, 'aqu-sz')];
      const awaitHeld = sustained(dev.await, (v) => v >= ctx.options.awaitMs!);
      if (dev.await && awaitHeld) evidence.push(seriesEvidence(dev.await, awaitHeld, 'await'));
      const note = dev.logical ? ' (parallel/logical device)' : '';
      out.push(
        makeFinding(ctx, this.meta, {
          subject: dev.device,
          severity: critical ? 'critical' : 'warning',
          title: `${dev.device} queue ${round(held.peak[1])}${awaitPeak !== null ? `, await up to ${round(awaitPeak)} ms` : ''}${note}`,
          ...heldSpan(held),
          peak: { value: held.peak[1], threshold: ctx.options.queue!, unit: 'requests' },
          evidence,
        }),
      );
    }
    return out;
  },
};
