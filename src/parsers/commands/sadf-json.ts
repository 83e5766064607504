/**
 * `sadf -j` (sysstat's JSON export of sa files; the bundle's sar/<saNN>.json
 * from `sadf -j <file> -- -A`). jc has no parser for it. We flatten
 * `sysstat.hosts[].statistics[]`, `restarts[]` and `comments[]` into one
 * array in time order:
 *   {kind: 'sample', host, date, time, interval, metrics: {<sadf group>: ...}}
 *   {kind: 'restart', host, date, time, cpus}
 *   {kind: 'comment', host, date, time, comment}
 * `metrics` keeps sadf's own groups and names (cpu-load, memory, queue,
 * network.net-dev, disk, psi...) unchanged. Stamps marked UTC (`"tz": "UTC"`,
 * or `"utc": 1` before sysstat 11.7) are exact; others (sadf -T) are read in
 * the host's zone.
 */
import type { CommandParser, HostClock, SampleTime } from '../types.js';
import { stampToEpoch } from '../time.js';
import { Diags } from './lib/diags.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JObj = { [k: string]: Json };

export interface SadfRecord {
  kind: 'sample' | 'restart' | 'comment';
  host: string | null;
  date: string | null;
  time: string | null;
  interval?: number | null;
  metrics?: JObj;
  cpus?: number | null;
  comment?: string | null;
}

const isObj = (v: Json | undefined): v is JObj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | null => (typeof v === 'string' ? v : null);
const num = (v: Json | undefined): number | null => (typeof v === 'number' ? v : null);

/** The instant of a sadf {date, time, tz|utc} stamp; null when it cannot be read. */
function instant(stamp: JObj, clock: HostClock): SampleTime | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(str(stamp.date) ?? '');
  const t = /^(\d{2}):(\d{2}):(\d{2})$/.exec(str(stamp.time) ?? '');
  if (!d || !t) return null;
  const w = {
    year: Number(d[1]),
    month: Number(d[2]),
    day: Number(d[3]),
    hour: Number(t[1]),
    minute: Number(t[2]),
    second: Number(t[3]),
  };
  const tz = str(stamp.tz);
  const utc = stamp.utc === 1 || tz === 'UTC' || tz === 'GMT';
  // null for a year no stamp can have (0000, 1900): warned as unreadable by the caller.
  const epochMs = stampToEpoch(w, clock, utc ? 0 : null);
  return epochMs === null ? null : { epochMs, quality: utc ? 'exact' : 'host-zone' };
}

export const sadfJson: CommandParser<SadfRecord[]> = {
  id: 'sadf-json',
  title: 'sadf -j: historical sar data (JSON) as samples, restarts and comments',
  artifactNames: ['sar-history'],
  detect(head) {
    return /^\s*\{\s*"sysstat"\s*:\s*\{/.test(head) ? 0.95 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    let root: Json;
    try {
      root = JSON.parse(text) as Json;
    } catch (e) {
      diags.add('error', `not valid JSON (truncated export?): ${(e as Error).message}`);
      return { data: [], times: [], diagnostics: diags.done() };
    }
    const hosts = isObj(root) && isObj(root.sysstat) ? root.sysstat.hosts : undefined;
    if (!Array.isArray(hosts)) {
      diags.add('error', 'no sysstat.hosts array');
      return { data: [], times: [], diagnostics: diags.done() };
    }
    const out: { rec: SadfRecord; t: SampleTime | null; seq: number }[] = [];
    const push = (rec: SadfRecord, stamp: JObj): void => {
      const t = instant(stamp, ctx.clock);
      if (!t) diags.add('warning', `${rec.kind} ${out.length + 1}: unreadable timestamp ${JSON.stringify(stamp)}`);
      out.push({ rec, t, seq: out.length });
    };
    for (const h of hosts) {
      if (!isObj(h)) continue;
      const host = str(h.nodename);
      for (const s of Array.isArray(h.statistics) ? h.statistics : []) {
        // sadf writes an empty {} between files and for records it skips
        if (!isObj(s) || !isObj(s.timestamp)) continue;
        const { timestamp, ...metrics } = s;
        push(
          {
            kind: 'sample',
            host,
            date: str(timestamp.date),
            time: str(timestamp.time),
            interval: num(timestamp.interval),
            metrics,
          },
          timestamp,
        );
      }
      for (const r of Array.isArray(h.restarts) ? h.restarts : []) {
        const b = isObj(r) ? r.boot : undefined;
        if (!isObj(b)) continue;
        push({ kind: 'restart', host, date: str(b.date), time: str(b.time), cpus: num(b.cpu_count) }, b);
      }
      for (const c of Array.isArray(h.comments) ? h.comments : []) {
        const b = isObj(c) ? c.comment : undefined;
        if (!isObj(b)) continue;
        push({ kind: 'comment', host, date: str(b.date), time: str(b.time), comment: str(b.com) }, b);
      }
    }
    // one time line: restarts and comments fall between the samples they happened between
    out.sort((a, b) => (a.t?.epochMs ?? Infinity) - (b.t?.epochMs ?? Infinity) || a.seq - b.seq);
    return { data: out.map((o) => o.rec), times: out.map((o) => o.t), diagnostics: diags.done() };
  },
};
