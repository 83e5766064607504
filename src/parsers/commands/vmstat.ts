/**
 * `vmstat` (procps): plain, -a (inact/active), -w, -t, -d (disks), old procps
 * without the `st` column and new procps with `gu`. Data equals jc's `vmstat`
 * parser; columns are matched by header name so added or missing columns do
 * not shift the others. jc's `epoch` is "naive" (wall time read in the zone
 * jc runs in): here it is read in the host's zone, the one that printed it.
 */
import type { CommandParser, HostClock, SampleTime } from '../types.js';
import { refusedYearMessage, stampToEpoch, wallOf } from '../time.js';
import { convertToInt, words } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { derivedTime } from './lib/sysstat-time.js';

/** Built column by column (fields are matched by header name), then typed as VmstatRecord. */
type Rec = Record<string, string | number | null>;

type Count = number | null;

/**
 * One vmstat record, jc's `vmstat` schema: a sample line (the procs fields,
 * null where this vmstat has no such column) or, with -d, one disk's counters.
 * `-t` adds timestamp, timezone and the epochs.
 */
export interface VmstatRecord {
  runnable_procs?: Count;
  uninterruptible_sleeping_procs?: Count;
  virtual_mem_used?: Count;
  free_mem?: Count;
  buffer_mem?: Count;
  cache_mem?: Count;
  inactive_mem?: Count;
  active_mem?: Count;
  swap_in?: Count;
  swap_out?: Count;
  blocks_in?: Count;
  blocks_out?: Count;
  interrupts?: Count;
  context_switches?: Count;
  user_time?: Count;
  system_time?: Count;
  idle_time?: Count;
  io_wait_time?: Count;
  stolen_time?: Count;
  disk?: string;
  total_reads?: Count;
  merged_reads?: Count;
  sectors_read?: Count;
  reading_ms?: Count;
  total_writes?: Count;
  merged_writes?: Count;
  sectors_written?: Count;
  writing_ms?: Count;
  current_io?: Count;
  io_seconds?: Count;
  timestamp?: string | null;
  timezone?: string | null;
  epoch?: number;
  epoch_utc?: number | null;
}

// vmstat column → jc field; buff/cache and inact/active share positions.
const PROC_FIELDS: Record<string, string> = {
  r: 'runnable_procs',
  b: 'uninterruptible_sleeping_procs',
  swpd: 'virtual_mem_used',
  free: 'free_mem',
  buff: 'buffer_mem',
  cache: 'cache_mem',
  inact: 'inactive_mem',
  active: 'active_mem',
  si: 'swap_in',
  so: 'swap_out',
  bi: 'blocks_in',
  bo: 'blocks_out',
  in: 'interrupts',
  cs: 'context_switches',
  us: 'user_time',
  sy: 'system_time',
  id: 'idle_time',
  wa: 'io_wait_time',
  st: 'stolen_time',
};
const PROC_ORDER = Object.values(PROC_FIELDS);
const DISK_FIELDS = [
  'disk',
  'total_reads',
  'merged_reads',
  'sectors_read',
  'reading_ms',
  'total_writes',
  'merged_writes',
  'sectors_written',
  'writing_ms',
  'current_io',
  'io_seconds',
];
const STAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** One `procs` sample line as jc's record: every field present, buff/cache or inact/active nulled. */
function procsRecord(w: string[], cols: string[], diags: Diags, no: number): Rec {
  const rec: Rec = {};
  const buffCache = !cols.includes('inactive_mem');
  for (const f of PROC_ORDER) rec[f] = null;
  cols.forEach((f, k) => {
    if (!f) return;
    rec[f] = convertToInt(w[k] ?? null);
    if (rec[f] === null && w[k] !== '-') diags.add('warning', `${f}: "${w[k] ?? ''}" is not a number`, no);
  });
  if (buffCache) {
    rec.inactive_mem = null;
    rec.active_mem = null;
  } else {
    rec.buffer_mem = null;
    rec.cache_mem = null;
  }
  return rec;
}

/** Sets the record's timestamp fields from vmstat -t's stamp; its time, or null when there is none to read. */
function stampRecord(rec: Rec, stamp: string | null, tz: string | null, clock: HostClock, diags: Diags, line: number): SampleTime | null {
  rec.timestamp = stamp;
  rec.timezone = tz || null;
  const m = stamp ? STAMP.exec(stamp) : null;
  if (m) {
    const wall = wallOf(m);
    const naive = stampToEpoch(wall, clock);
    const utc = stampToEpoch(wall, clock, 0);
    rec.epoch = naive === null ? null : naive / 1000;
    rec.epoch_utc = tz === 'UTC' && utc !== null ? utc / 1000 : null;
    if (naive === null || utc === null) {
      // A year no stamp can have (0000, 1900): no time from it; the sample is dated as a stamp-less one.
      diags.add('warning', refusedYearMessage(wall.year, clock), line);
      return null;
    }
    // vmstat prints the zone's abbreviation; only UTC/GMT are unambiguous enough to call exact
    return tz === 'UTC' || tz === 'GMT' ? { epochMs: utc, quality: 'exact' } : { epochMs: naive, quality: 'host-zone' };
  }
  if (stamp) diags.add('warning', `unreadable timestamp "${stamp}"`);
  return null;
}

export const vmstat: CommandParser<VmstatRecord[]> = {
  id: 'vmstat',
  title: 'vmstat: processes, memory, swap, io, system and cpu per interval',
  artifactNames: ['vmstat'],
  jc: 'vmstat',
  detect(head) {
    if (/^-*procs-* -+memory/m.test(head) && /^\s*r\s+b\s+swpd\s+free/m.test(head)) return 0.95;
    if (/^disk- -+reads/m.test(head)) return 0.9;
    return 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Rec[] = [];
    const times: (SampleTime | null)[] = [];
    let mode: 'procs' | 'disk' | null = null;
    let tstamp = false;
    let tz: string | null = null;
    let cols: string[] = []; // jc field per numeric column, '' for columns jc has no field for
    let sample = -1;
    const seenDisks = new Set<string>();
    const lines = numberedLines(text);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const no = i + 1;
      if (line.trim() === '') continue;
      if (/^\s*-*(procs|disk-)/.test(line)) {
        if (!mode) mode = line.includes('procs') ? 'procs' : 'disk';
        tstamp = line.includes('-timestamp-');
        continue;
      }
      const w = words(line);
      if (w[0] === 'r' && w[1] === 'b') {
        const names = tstamp ? w.slice(0, -1) : w;
        tz = tstamp ? (w[w.length - 1] ?? null) : null;
        cols = names.map((n) => PROC_FIELDS[n] ?? '');
        continue;
      }
      if (w[0] === 'total' && w.includes('merged') && w.includes('sectors')) {
        tz = tstamp ? (w[w.length - 1] ?? null) : null;
        continue;
      }
      if (mode === 'procs') {
        if (cols.length === 0) cols = PROC_ORDER.filter((f) => f !== 'inactive_mem' && f !== 'active_mem');
        if (w.length < cols.length || !/^\d+$/.test(w[0] ?? '')) {
          diags.add('warning', `not a vmstat sample line: ${line.slice(0, 80)}`, no);
          continue;
        }
        const stamp = tstamp ? w.slice(cols.length).join(' ') || null : null;
        finish(procsRecord(w, cols, diags, no), stamp, data.length, no); // one line per interval
      } else if (mode === 'disk') {
        if (w.length < 11 || !/^\d+$/.test(w[1] ?? '')) {
          diags.add('warning', `not a vmstat -d line: ${line.slice(0, 80)}`, no);
          continue;
        }
        if (seenDisks.has(w[0] as string) || seenDisks.size === 0) {
          seenDisks.clear();
          sample++;
        }
        seenDisks.add(w[0] as string);
        const rec: Rec = { disk: w[0] as string };
        for (let k = 1; k < 11; k++) rec[DISK_FIELDS[k] as string] = convertToInt(w[k] ?? null);
        finish(rec, tstamp ? w.slice(11).join(' ') || null : null, sample, no);
      } else {
        diags.add('warning', `line before any vmstat header: ${line.slice(0, 80)}`, no);
      }
    }

    function finish(rec: Rec, stamp: string | null, idx: number, no: number): void {
      data.push(rec);
      times.push(stampRecord(rec, stamp, tz, ctx.clock, diags, no) ?? derivedTime(ctx, Math.max(0, idx)));
    }

    return { data: data as VmstatRecord[], times, diagnostics: diags.done() };
  },
};
