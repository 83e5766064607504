/**
 * Network interfaces: rx/tx bytes, errors and drops per second from `sar -n
 * DEV,EDEV` in the window (sar-net.ts), else /proc/net/dev counter deltas.
 * Link speed is kept when an artifact states it.
 */
import type { HostData } from '../parsers/host-data.js';
import type { InterfaceModel } from './types.js';
import { firstOf, groupBy, isRec, num, rateSeries, samplesOf, snapshotRecords, sumOf } from './samples.js';
import { sarNetInterfaces } from './sar-net.js';

/** Link speed per interface (Mbit/s) from the capture's net-speed snapshot (/sys/class/net), else where ip-link's parser reports one. */
function linkSpeeds(host: HostData): Map<string, number> {
  const out = new Map<string, number>();
  // net-speed last: where both state a speed, the kernel's own (sysfs) wins.
  for (const r of snapshotRecords(host, 'ip-s-link')?.records ?? []) {
    const name = typeof r.name === 'string' ? r.name : typeof r.ifname === 'string' ? r.ifname : null;
    const speed = num(r.speed) ?? num(r.speed_mbps);
    if (name && speed !== null && speed > 0) out.set(name, speed);
  }
  for (const r of snapshotRecords(host, 'net-speed')?.records ?? []) {
    if (r.speed_mbps !== null && r.speed_mbps > 0) out.set(r.name, r.speed_mbps);
  }
  return out;
}

export function buildNetworkModel(host: HostData): InterfaceModel[] {
  const byName = groupBy(samplesOf(host, 'proc-net-dev'), (r) => (typeof r.interface === 'string' ? r.interface : null));
  // sar -n DEV,EDEV in the window first (sysstat), then /proc/net/dev deltas; per series, never mixed
  const sar = sarNetInterfaces(host);
  const speeds = linkSpeeds(host);
  const out: InterfaceModel[] = [];
  for (const name of new Set([...sar.keys(), ...byName.keys()])) {
    const list = byName.get(name) ?? [];
    const s = sar.get(name);
    const rx = firstOf(
      s?.rxBytesPerS,
      rateSeries(list, (r) => num(r.r_bytes), 'B/s', 'proc-net-dev'),
    );
    const tx = firstOf(
      s?.txBytesPerS,
      rateSeries(list, (r) => num(r.t_bytes), 'B/s', 'proc-net-dev'),
    );
    const errors = firstOf(
      s?.errors,
      rateSeries(list, (r) => sumOf(r, ['r_errs', 't_errs']), 'errors/s', 'proc-net-dev'),
    );
    const drops = firstOf(
      s?.drops,
      rateSeries(list, (r) => sumOf(r, ['r_drop', 't_drop', 'r_fifo', 't_fifo']), 'drops/s', 'proc-net-dev'),
    );
    out.push({
      name,
      ...(rx ? { rxBytesPerS: rx } : {}),
      ...(tx ? { txBytesPerS: tx } : {}),
      ...(errors ? { errors } : {}),
      ...(drops ? { drops } : {}),
      speedMbps: speeds.get(name) ?? null,
      source: (rx ?? tx ?? errors ?? drops)?.source ?? 'proc-net-dev',
    });
  }
  return out;
}
