/**
 * Turning a printed wall-clock time into an instant, independent of the
 * laptop's own zone and locale. A time with no zone of its own is read in the
 * host's zone recorded in the bundle (IANA name, so DST is right on both
 * sides of a change; the fixed capture-time offset only when the name is
 * unknown to this Node's ICU).
 */
import type { HostClock } from './types.js';

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms?: number;
}

/** Groups 1-6 of a match (year, month, day, hour, minute, second, as digits) as a wall time. */
export function wallOf(m: RegExpExecArray): WallTime {
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]), minute: Number(m[5]), second: Number(m[6]) };
}

export const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

/** Common zone abbreviations logs print, minutes east of UTC. Ambiguous ones (IST, CST) take their most common meaning. */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  Z: 0,
  UT: 0,
  WET: 0,
  WEST: 60,
  BST: 60,
  IST: 330,
  CET: 60,
  CEST: 120,
  MET: 60,
  MEST: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  ACST: 570,
  ACDT: 630,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
};

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(tz: string): Intl.DateTimeFormat | null {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      f = null; // not a zone this ICU knows
    }
    formatters.set(tz, f);
  }
  return f;
}

const offsetCache = new Map<string, number>();
const QUARTER_HOUR = 15 * 60_000;

/** Offset of `tz` east of UTC, in minutes, at instant `epochMs`; null when the zone is unknown. */
export function zoneOffsetAt(tz: string, epochMs: number): number | null {
  // Offsets change on quarter-hour boundaries at the finest, so cache per quarter hour.
  const bucket = Math.floor(epochMs / QUARTER_HOUR);
  const key = `${tz}|${bucket}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  const f = formatterFor(tz);
  if (!f) return null;
  const at = bucket * QUARTER_HOUR;
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(at))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  const asUtc = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  const offset = Math.round((asUtc - at) / 60_000);
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** Epoch ms of a wall time read with an explicit offset (minutes east of UTC). */
export function wallToEpochWithOffset(w: WallTime, offsetMin: number): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms ?? 0) - offsetMin * 60_000;
}

/**
 * Epoch ms of a wall time printed in the host's zone. In the repeated hour of
 * a DST fall-back the earlier instant is chosen; a time inside the skipped
 * hour of a spring-forward is read with the offset before the change.
 */
export function wallToEpochInZone(w: WallTime, clock: HostClock): number {
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms ?? 0);
  const tz = clock.tzName;
  if (tz && tz !== 'UTC') {
    const before = zoneOffsetAt(tz, asUtc - 12 * 3_600_000);
    const after = zoneOffsetAt(tz, asUtc + 12 * 3_600_000);
    if (before !== null && after !== null) {
      const candidates = [asUtc - before * 60_000, asUtc - after * 60_000]
        .filter((t) => zoneOffsetAt(tz, t) === Math.round((asUtc - t) / 60_000))
        .sort((a, b) => a - b);
      return candidates[0] ?? asUtc - before * 60_000;
    }
  }
  return asUtc - (clock.utcOffsetMin ?? 0) * 60_000;
}

/**
 * The first year a stamp may state: no Linux log or command output predates the epoch, and
 * `Date.UTC` would read years 0-99 as 1900-1999 (`0000-12-30` as 1900). docs/time.md, "Impossible years".
 */
export const FIRST_YEAR = 1970;
/** Years after the reference (file mtime, else capture start) a stamp may still state: a clock set wrong, not year 9999. */
export const FUTURE_YEARS = 50;

/** The last year a stamp written by `refMs` may state. */
export function lastStampYear(refMs: number): number {
  return new Date(refMs).getUTCFullYear() + FUTURE_YEARS;
}

/**
 * Epoch ms of a stamp's wall time, with its own offset (minutes east of UTC) or else in the
 * host's zone; null when its year cannot be a stamp's (before FIRST_YEAR, after
 * lastStampYear of the capture start): the one check for the command parsers' stamps, never
 * a made-up time. Log readers check the same window in TimeReader, once per cached hour or day.
 */
export function stampToEpoch(w: WallTime, clock: HostClock, offsetMin: number | null = null): number | null {
  if (!plausibleYear(w.year, clock)) return null;
  return offsetMin === null ? wallToEpochInZone(w, clock) : wallToEpochWithOffset(w, offsetMin);
}

/** Whether a command's stamp may state year y (stampToEpoch): FIRST_YEAR to lastStampYear of the capture start. */
export function plausibleYear(y: number, clock: HostClock): boolean {
  return y >= FIRST_YEAR && y <= lastStampYear(clock.captureStartMs ?? Date.now());
}

/** The warning for a command's stamp whose year stampToEpoch refused (the caller gives the line). */
export function refusedYearMessage(year: number, clock: HostClock): string {
  return impossibleStampMessage(`year ${String(year).padStart(4, '0')}`, lastStampYear(clock.captureStartMs ?? Date.now()), 'sample');
}

/** The warning for a stamp refused (`what`: `year 0000`, `instant -5 ms`); the caller adds the line. */
export function impossibleStampMessage(what: string, lastYear: number, thing: 'entry' | 'sample' = 'entry'): string {
  return `stamp ${what} is not a ${thing === 'entry' ? "log's" : "command's"} (before ${FIRST_YEAR} or after ${lastYear}): the ${thing} has no time`;
}

/** Parse `+hh:mm`, `+hhmm`, `+hh`, `Z` or a known abbreviation; null when not an offset. */
export function parseOffset(text: string): number | null {
  if (text === 'Z' || text === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (m) {
    const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
    return m[1] === '-' ? -minutes : minutes;
  }
  const abbr = ZONE_ABBREVIATIONS[text.toUpperCase()];
  return abbr ?? null;
}

/**
 * The year of a year-less stamp (syslog `Nov 26 05:03:02`): the latest year
 * that does not put the line after `notAfterMs` (the file's mtime, or the
 * capture time) by more than a day. This is right across a December to
 * January rollover: a `Dec 31` line in a file written on Jan 1 is last year's.
 */
export function inferYear(month: number, day: number, notAfterMs: number): number {
  const ref = new Date(notAfterMs);
  const year = ref.getUTCFullYear();
  const candidate = Date.UTC(year, month - 1, day);
  return candidate > notAfterMs + 86_400_000 ? year - 1 : year;
}
