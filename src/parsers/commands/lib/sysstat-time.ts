/**
 * Times printed by sysstat and procps tools. They print a date once (the
 * `Linux 6.1.0 (host) \t11/26/2026 \t_x86_64_\t(2 CPU)` header) and then only
 * times of day, in 12-hour (`03:14:20 PM`), 24-hour or ISO form depending on
 * locale and S_TIME_FORMAT; we combine the two in the host's zone and roll
 * over midnight. iostat -t prints a full stamp per report instead.
 */
import { parseOffset, stampToEpoch, wallOf, zoneOffsetAt } from '../../time.js';
import type { WallTime } from '../../time.js';
import type { HostClock, ParseContext, SampleTime } from '../../types.js';

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const US_DATE = /^(\d{2})\/(\d{2})\/(\d{2}|\d{4})$/;

function fullYear(y: string): number {
  // sysstat prints 2-digit years with %y in some locales; they are this century
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** A date token as sysstat prints it (`11/26/2026`, `11/26/26`, `2026-11-26`), else null. */
export function parseDateToken(tok: string): DateParts | null {
  let m = ISO_DATE.exec(tok);
  if (m) return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  m = US_DATE.exec(tok);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  // LC_ALL=C prints mm/dd; a first field over 12 can only be a day (dd/mm locales)
  if (a > 12 && b <= 12) return { year: fullYear(m[3] ?? ''), month: b, day: a };
  return a >= 1 && a <= 12 && b >= 1 && b <= 31 ? { year: fullYear(m[3] ?? ''), month: a, day: b } : null;
}

/** True for sysstat's first line: `Linux <release> (<host>) <date> <arch> (<n> CPU)`. */
export function isSysstatHeader(line: string): boolean {
  return /^Linux\s+\S+\s+\(.*\)\s+\S+/.test(line);
}

/** The date of a sysstat header line, or null when the line is not one. */
export function sysstatHeaderDate(line: string): DateParts | null {
  if (!isSysstatHeader(line)) return null;
  // the host name is in parentheses and never looks like a date, so the first date-shaped token is it
  for (const tok of line.trim().split(/\s+/).slice(2)) {
    const d = parseDateToken(tok);
    if (d) return d;
  }
  return null;
}

const TOD = /^(\d{1,2}):(\d{2}):(\d{2})(?:\s*([AaPp][Mm]))?$/;

/** Seconds since midnight of `15:14:20` or `03:14:20 PM`; null when not a time of day. */
export function parseTimeOfDay(text: string): number | null {
  const m = TOD.exec(text.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const ampm = m[4]?.toUpperCase();
  if (h > 23 || (ampm && (h < 1 || h > 12))) return null;
  if (ampm === 'AM' && h === 12) h = 0;
  else if (ampm === 'PM' && h !== 12) h += 12;
  return h * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** A leading time of day (`03:14:20 PM  CPU ...` or `15:14:20 CPU ...`): its text and length, else null. */
export function leadingTime(line: string): { text: string; sec: number; end: number } | null {
  const m = /^(\d{1,2}:\d{2}:\d{2}(?:\s?[AaPp][Mm])?)(?=\s|$)/.exec(line);
  if (!m) return null;
  const sec = parseTimeOfDay(m[1] ?? '');
  return sec === null ? null : { text: m[1] ?? '', sec, end: (m[1] ?? '').length };
}

function addDays(d: DateParts, n: number): DateParts {
  // setUTCFullYear, not Date.UTC: that reads years 0-99 as 1900-1999, and 0070 would become a possible 1970.
  const t = new Date(0);
  t.setUTCFullYear(d.year, d.month - 1, d.day + n);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** The host-zone calendar date of an instant (when a file has no header date of its own). */
export function hostDateOf(epochMs: number, clock: HostClock): DateParts {
  const off = (clock.tzName ? zoneOffsetAt(clock.tzName, epochMs) : null) ?? clock.utcOffsetMin ?? 0;
  const t = new Date(epochMs + off * 60_000);
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/**
 * Turns successive times of day into instants from a base date. A time more
 * than 12 h earlier than the previous one means midnight passed (a DST
 * fall-back only steps back one hour, so it does not count as a new day).
 */
export class DayClock {
  private dayOffset = 0;
  private last = -1;

  constructor(
    private base: DateParts | null,
    private readonly clock: HostClock,
  ) {}

  setBase(base: DateParts): void {
    this.base = base;
    this.dayOffset = 0;
    this.last = -1;
  }

  get hasBase(): boolean {
    return this.base !== null;
  }

  at(secOfDay: number): SampleTime | null {
    if (!this.base) return null;
    if (this.last >= 0 && secOfDay < this.last - 12 * 3600) this.dayOffset++;
    this.last = secOfDay;
    const d = addDays(this.base, this.dayOffset);
    const hour = Math.floor(secOfDay / 3600);
    const minute = Math.floor((secOfDay % 3600) / 60);
    // A base date with an impossible year (a header's, warned by sysstatLines) dates nothing.
    const epochMs = stampToEpoch({ ...d, hour, minute, second: secOfDay % 60 }, this.clock);
    return epochMs === null ? null : { epochMs, quality: 'host-zone' };
  }
}

const ISO_STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(Z|[+-]\d{2}:?\d{2})?$/;
const US_STAMP = /^(\d{2})\/(\d{2})\/(\d{2}|\d{4})\s+(\d{1,2}:\d{2}:\d{2}(?:\s?[AaPp][Mm])?)$/;

/** What parseReportStamp gives for a stamp whose year cannot be a stamp's (time.ts, stampToEpoch): a report with no time of its own. */
export interface RefusedStamp {
  refusedYear: number;
}

/** A report stamp's instant, or the year refused. */
function reportTime(w: WallTime, clock: HostClock, off: number | null): SampleTime | RefusedStamp {
  const epochMs = stampToEpoch(w, clock, off);
  if (epochMs === null) return { refusedYear: w.year };
  return { epochMs, quality: off === null ? 'host-zone' : 'exact' };
}

/** A whole-line report stamp (iostat -t): ISO with or without offset, or `mm/dd/yy[yy] hh:mm:ss [AM|PM]`; null when the line is none. */
export function parseReportStamp(line: string, clock: HostClock): SampleTime | RefusedStamp | null {
  const t = line.trim();
  let m = ISO_STAMP.exec(t);
  if (m) {
    const w = wallOf(m);
    return reportTime(w, clock, m[7] ? parseOffset(m[7]) : null);
  }
  m = US_STAMP.exec(t);
  if (m) {
    const sec = parseTimeOfDay(m[4] ?? '');
    if (sec === null) return null;
    const w = {
      year: fullYear(m[3] ?? ''),
      month: Number(m[1]),
      day: Number(m[2]),
      hour: Math.floor(sec / 3600),
      minute: Math.floor((sec % 3600) / 60),
      second: sec % 60,
    };
    return reportTime(w, clock, null);
  }
  return null;
}

/** A stamp-less sample's time: command start plus i intervals (1 s, the bundle's interval, when unknown). */
export function derivedTime(ctx: ParseContext, i: number): SampleTime | null {
  if (ctx.startMs === undefined) return null;
  return { epochMs: ctx.startMs + i * (ctx.intervalS ?? 1) * 1000, quality: 'derived' };
}
