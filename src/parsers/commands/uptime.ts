/**
 * `uptime`: the classic line (` 10:25:20 up 3 days,  2:54,  2 users,  load
 * average: 0.00, 0.01, 0.05`, with `1 user`, `0 user`, or no user count as
 * in containers and BusyBox), `uptime -p` (`up 2 hours, 3 minutes`) and
 * `uptime -s` (`2026-11-26 05:02:33`). The classic form equals jc's `uptime`
 * parser (one object); -p fills the uptime fields with the rest null; -s
 * gives `since` as printed and `since_epoch` read in the host's zone.
 */
import type { CommandParser, ParseContext } from '../types.js';
import { refusedYearMessage, stampToEpoch, wallOf } from '../time.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';

type Obj = Record<string, string | number | null>;

export interface UptimeRaw {
  time: string | null;
  uptime: string;
  users: string | null;
  load_1m: string;
  load_5m: string;
  load_15m: string;
}

// Lazy groups are bounded by literal anchors (`,`, `load average`), so there is no runaway
// backtracking. pt-summary keeps the line from the uptime on (no `HH:MM:SS up`); locales
// with a decimal comma print `0,40, 0,72, 0,86`.
const CLASSIC =
  /^\s*(?:(\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?)\s+up\s+)?(\d.*?),\s+(?:(\d+)\s+users?,\s+)?load averages?:\s+(\d+[.,]\d+),?\s+(\d+[.,]\d+),?\s+(\d+[.,]\d+)\s*$/;

/** The fields of the classic line (also top's first line after `top - `), unconverted; null when it is not one. */
export function parseUptimeLine(line: string): UptimeRaw | null {
  const m = CLASSIC.exec(line);
  if (!m) return null;
  const load = (v: string | undefined): string => (v ?? '').replace(',', '.');
  return {
    time: m[1] ?? null,
    uptime: (m[2] ?? '').trim().split(/\s+/).join(' '),
    users: m[3] ?? null,
    load_1m: load(m[4]),
    load_5m: load(m[5]),
    load_15m: load(m[6]),
  };
}

/** jc's split of the uptime text (`3 days, 2:54`, `1 day, 29 min`, `16:59`) into days, hours, minutes. */
function uptimeParts(up: string): Obj {
  let days = 0;
  let hours = 0;
  let minutes = 0;
  const w = up.split(' ');
  const hm = /(\d+):(\d+)$/.exec(up);
  if (hm) {
    hours = Number(hm[1]);
    minutes = Number(hm[2]);
  }
  const min = /(\d+)\s+min/.exec(up);
  if (min) minutes = Number(min[1]);
  const hr = /(\d+)\s+(?:hr|hour)/.exec(up);
  if (hr) hours = Number(hr[1]);
  if (up.includes('day')) days = Number(w[0]) || 0;
  return {
    uptime_days: days,
    uptime_hours: hours,
    uptime_minutes: minutes,
    uptime_total_seconds: days * 86400 + hours * 3600 + minutes * 60,
  };
}

function classic(raw: UptimeRaw): Obj {
  const t = (raw.time ?? '').replace(/\s?[AaPp][Mm]$/, '').split(':');
  const n = (v: string | undefined): number | null => (v === undefined || v === '' ? null : Number(v));
  return {
    time: raw.time,
    uptime: raw.uptime,
    users: raw.users === null ? null : Number(raw.users),
    load_1m: Number(raw.load_1m),
    load_5m: Number(raw.load_5m),
    load_15m: Number(raw.load_15m),
    time_hour: n(t[0]),
    time_minute: n(t[1]),
    time_second: n(t[2]),
    ...uptimeParts(raw.uptime),
  };
}

function pretty(line: string): Obj | null {
  const m = /^\s*up\s+(.+?)\s*$/.exec(line);
  if (!m) return null;
  const text = m[1] ?? '';
  const n = (re: RegExp): number => Number(re.exec(text)?.[1] ?? 0);
  // -p counts weeks and years too; fold them into days
  const days = n(/(\d+) years?/) * 365 + n(/(\d+) weeks?/) * 7 + n(/(\d+) days?/);
  const hours = n(/(\d+) hours?/);
  const minutes = n(/(\d+) minutes?/);
  return {
    time: null,
    uptime: text,
    users: null,
    load_1m: null,
    load_5m: null,
    load_15m: null,
    time_hour: null,
    time_minute: null,
    time_second: null,
    uptime_days: days,
    uptime_hours: hours,
    uptime_minutes: minutes,
    uptime_total_seconds: days * 86400 + hours * 3600 + minutes * 60,
  };
}

function since(line: string, ctx: ParseContext): Obj | null {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})\s*$/.exec(line);
  if (!m) return null;
  const w = wallOf(m);
  // since_epoch null for a year no stamp can have (0000, 1900): parse() warns.
  const ms = stampToEpoch(w, ctx.clock);
  return { since: line.trim(), since_epoch: ms === null ? null : ms / 1000 };
}

export const uptime: CommandParser<Obj> = {
  id: 'uptime',
  title: 'uptime: time, uptime, users and load averages',
  artifactNames: ['uptime'],
  jc: 'uptime',
  detect(head) {
    const first = head.split('\n', 1)[0] ?? '';
    if (CLASSIC.test(first)) return 0.95;
    return /^\s*up\s+\d+\s+(minute|hour|day|week|year)/.test(first) ? 0.7 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const lines = numberedLines(text);
    const idx = lines.findIndex((l) => l.trim() !== '');
    const line = lines[idx] ?? '';
    if (idx < 0) return { data: {}, diagnostics: [{ level: 'warning', message: `${ctx.file}: empty uptime output` }] };
    const raw = parseUptimeLine(line);
    const data = raw ? classic(raw) : (pretty(line) ?? since(line, ctx));
    if (!data) diags.add('error', `not an uptime line: ${line.slice(0, 80)}`, idx + 1);
    else if (data.since_epoch === null) diags.add('warning', refusedYearMessage(Number(line.trim().slice(0, 4)), ctx.clock), idx + 1);
    for (let i = idx + 1; i < lines.length; i++) {
      if ((lines[i] as string).trim() !== '') diags.add('warning', 'extra line after the uptime line', i + 1);
    }
    return { data: data ?? {}, diagnostics: diags.done() };
  },
};
