/**
 * `sar -n DEV,EDEV,TCP,ETCP 1 N` in the window (sample/sar-net.txt): sysstat
 * output, so the preferred network and TCP retransmit source over the
 * /proc/net/dev and /proc/net/snmp deltas. sar already prints per-second
 * rates over each interval; its summary rows (Average:) carry no time and
 * are not samples.
 */
import type { SarRecord } from '../parsers/commands/sar.js';
import type { HostData } from '../parsers/host-data.js';
import type { InterfaceModel, Point, Series, TcpModel } from './types.js';
import { fieldSeries, groupBy, num, samplesOf, series, sumOf } from './samples.js';

export type SarInterface = Pick<InterfaceModel, 'rxBytesPerS' | 'txBytesPerS' | 'errors' | 'drops'>;

/** Per interface: rx/tx bytes/s (sar's kB are 1024 bytes), errors/s and drops/s as the /proc model sums them. */
export function sarNetInterfaces(host: HostData): Map<string, SarInterface> {
  const all = samplesOf(host, 'sar-net');
  const iface = (r: SarRecord): string | null => (typeof r.iface === 'string' ? r.iface : null);
  const out = new Map<string, SarInterface>();
  const entry = (name: string): SarInterface => out.get(name) ?? (out.set(name, {}), out.get(name)!);
  for (const [name, list] of groupBy(
    all.filter((s) => s.rec.section === 'DEV'),
    iface,
  )) {
    const rx = fieldSeries(
      list,
      (r) => {
        const v = num(r.rxkb_s);
        return v === null ? null : v * 1024;
      },
      'B/s',
      'sar-net',
    );
    const tx = fieldSeries(
      list,
      (r) => {
        const v = num(r.txkb_s);
        return v === null ? null : v * 1024;
      },
      'B/s',
      'sar-net',
    );
    Object.assign(entry(name), rx ? { rxBytesPerS: rx } : {}, tx ? { txBytesPerS: tx } : {});
  }
  for (const [name, list] of groupBy(
    all.filter((s) => s.rec.section === 'EDEV'),
    iface,
  )) {
    const errors = fieldSeries(list, (r) => sumOf(r, ['rxerr_s', 'txerr_s']), 'errors/s', 'sar-net');
    const drops = fieldSeries(list, (r) => sumOf(r, ['rxdrop_s', 'txdrop_s', 'rxfifo_s', 'txfifo_s']), 'drops/s', 'sar-net');
    Object.assign(entry(name), errors ? { errors } : {}, drops ? { drops } : {});
  }
  return out;
}

/**
 * Retransmitted segments per second (ETCP `retrans/s`, `retrsg/s` before
 * sysstat 12.5) and as a percent of segments sent (TCP `oseg/s`) at the
 * same instant; an interval that sent nothing retransmitted nothing.
 */
export function sarNetRetransmits(host: HostData): Pick<TcpModel, 'retransPct' | 'retransPerS' | 'outSegsPerS'> {
  const all = samplesOf(host, 'sar-net');
  const etcp = all.filter((s) => s.rec.section === 'ETCP');
  const tcp = all.filter((s) => s.rec.section === 'TCP');
  const retr = (r: SarRecord): number | null => num(r.retrans_s) ?? num(r.retrsg_s);
  const outAt = new Map(tcp.map((s) => [s.t, num(s.rec.oseg_s)]));
  const pct: Point[] = [];
  for (const s of etcp) {
    const r = retr(s.rec),
      o = outAt.get(s.t);
    if (r === null || o === undefined || o === null) continue;
    pct.push([s.t, o > 0 ? (100 * r) / o : 0]);
  }
  const art = etcp[0]?.artifact ?? '';
  const retransPct: Series | undefined = series(pct, '%', 'sar-net', art);
  const retransPerS = fieldSeries(etcp, retr, 'segments/s', 'sar-net');
  const outSegsPerS = fieldSeries(tcp, (r) => num(r.oseg_s), 'segments/s', 'sar-net');
  return { ...(retransPct ? { retransPct } : {}), ...(retransPerS ? { retransPerS } : {}), ...(outSegsPerS ? { outSegsPerS } : {}) };
}
