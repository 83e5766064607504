/**
 * Turning the stamps logs print into instants, fast: one TimeReader per open
 * file caches the host-zone conversion per wall-clock hour (the zone offset
 * cannot change inside a wall hour: DST and offset changes happen on hour
 * boundaries), so the Intl work runs once per hour of log, not per line.
 * Everything goes through src/parsers/time.ts; nothing reads the laptop's zone.
 */
import { FIRST_YEAR, MONTHS, inferYear, lastStampYear, parseOffset, wallToEpochInZone, zoneOffsetAt } from '../../time.js';
import type { HostClock, LogContext, TimeQuality } from '../../types.js';
import { digit, fractionMs, isDigit, num } from './chars.js';
import { Char } from './char-codes.js';

/** A time-only stamp up to this far after the reference is still that day's: the capture window, small skews. */
const TIME_ONLY_SLACK = 15 * 60_000;

/**
 * What a read returns for a stamp with an impossible year: not NaN, since the line is still an
 * entry (its text, program, level are read), and no instant (EntryReader.event gives it none).
 * -Infinity stays itself through the offset and millisecond arithmetic the parsers do.
 */
export const NO_TIME = -Infinity;

/** Month number from a 3-letter English abbreviation at i (any case), or 0. */
export function monthAt(s: string, i: number): number {
  const a = s.charCodeAt(i) | Char.CaseBit;
  const b = s.charCodeAt(i + 1) | Char.CaseBit;
  const c = s.charCodeAt(i + 2) | Char.CaseBit;
  return MONTHS[String.fromCharCode(a, b, c)] ?? 0;
}

export class TimeReader {
  /**
   * Out-values of the last read, beside the instant it returns (no result object per
   * line): where its stamp ended, and how good that instant is. Set by every read (the
   * methods below, and the format stamp readers given this reader: app-stamps.ts,
   * syslog-line.ts, tai64n.ts, AppStamp, MySQL's short stamp). EntryReader.event gives
   * the event it makes this `quality`: a reader whose instant has a quality of its own
   * (a kernel monotonic stamp, a cached stamp's) writes it here before calling event().
   * Passing it to event() as an argument instead cost ~0.3 % (docs/performance.md).
   */
  end = 0;
  quality: TimeQuality = 'unknown';
  readonly clock: HostClock;
  /** Bound for year inference: the file's mtime, else the capture start. */
  readonly yearRef: number;
  private hourKey = -1;
  private hourBase = 0;
  private ymKey = -1;
  private ymYear = 0;
  /** The last iso() stamp text up to its seconds, its fields and its UTC second. */
  private readonly isoCache = { day: '', y: 0, mo: 0, d: 0, dayUtc: 0 };
  /** The last zone text read (`+0100`, `UTC`) and its offset: a file keeps one zone for hours. */
  private zoneText = '';
  private zoneValue: number | null = null;
  /** Day number (UTC days since 1970) of the reference in the host zone, for time-only stamps; -1 until needed. */
  private refDay = -1;
  /** The last year a stamp may state (time.ts, lastStampYear), and the instant that year ends. */
  readonly lastYear: number;
  readonly latestMs: number;
  /** The year of the last stamp read as NO_TIME, for its diagnostic (read only on that rare path). */
  rejectedYear = 0;

  constructor(ctx: LogContext) {
    this.clock = ctx.clock;
    // Date.now() only when the bundle gave neither: then a year guess is all we can do.
    this.yearRef = ctx.mtimeMs ?? ctx.clock.captureStartMs ?? Date.now();
    this.lastYear = lastStampYear(this.yearRef);
    this.latestMs = Date.UTC(this.lastYear + 1, 0, 1);
  }

  /** Whether a stamp's year can be a log's (FIRST_YEAR to lastYear); remembers the one that cannot. */
  private plausible(y: number): boolean {
    if (y >= FIRST_YEAR && y <= this.lastYear) return true;
    this.rejectedYear = y;
    return false;
  }

  /** A wall time printed in the host's zone (quality 'host-zone'). */
  zoned(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
    const key = ((y * 13 + mo) * 32 + d) * 24 + h;
    if (key !== this.hourKey) {
      this.hourKey = key;
      // Checked once an hour of log: an impossible year's hour is NO_TIME, and so is every stamp in it.
      this.hourBase = this.plausible(y) ? wallToEpochInZone({ year: y, month: mo, day: d, hour: h, minute: 0, second: 0 }, this.clock) : NO_TIME;
    }
    this.quality = 'host-zone';
    return this.hourBase + mi * 60_000 + s * 1000 + ms;
  }

  /** A wall time with its own offset (quality 'exact'). */
  withOffset(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number, offMin: number): number {
    this.quality = 'exact';
    if (!this.plausible(y)) return NO_TIME;
    return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offMin * 60_000;
  }

  /** A year-less wall time (syslog): year inferred, host zone (quality 'inferred-year'). */
  yearless(mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
    const k = mo * 32 + d;
    if (k !== this.ymKey) {
      this.ymKey = k;
      this.ymYear = inferYear(mo, d, this.yearRef);
    }
    const t = this.zoned(this.ymYear, mo, d, h, mi, s, ms);
    this.quality = 'inferred-year';
    return t;
  }

  /** A year-less wall time with its own zone (monit's `[PDT Apr 16 21:05:29]`): year inferred, then the offset. */
  yearlessAt(mo: number, d: number, h: number, mi: number, s: number, ms: number, offMin: number): number {
    const k = mo * 32 + d;
    if (k !== this.ymKey) {
      this.ymKey = k;
      this.ymYear = inferYear(mo, d, this.yearRef);
    }
    this.quality = 'inferred-year';
    return Date.UTC(this.ymYear, mo - 1, d, h, mi, s, ms) - offMin * 60_000;
  }

  /**
   * A time of day with no date (logback's `%d{HH:mm:ss.SSS}`): the reference's day in the host
   * zone, or the day before when that would put the line more than TIME_ONLY_SLACK after the
   * reference, as fail2ban assumes "today, else yesterday". Quality 'inferred-year' (the whole
   * date is inferred). A file spanning several days cannot be placed: every line lands in the
   * 24 hours before its reference.
   */
  timeOnly(h: number, mi: number, s: number, ms: number): number {
    if (this.refDay < 0) {
      // The reference's wall date in the host zone (once per file).
      const off = (this.clock.tzName ? zoneOffsetAt(this.clock.tzName, this.yearRef) : null) ?? this.clock.utcOffsetMin ?? 0;
      this.refDay = Math.floor((this.yearRef + off * 60_000) / 86_400_000);
    }
    let t = this.onDay(this.refDay, h, mi, s, ms);
    if (t > this.yearRef + TIME_ONLY_SLACK) t = this.onDay(this.refDay - 1, h, mi, s, ms);
    this.quality = 'inferred-year';
    return t;
  }

  private onDay(day: number, h: number, mi: number, s: number, ms: number): number {
    const d = new Date(day * 86_400_000);
    return this.zoned(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), h, mi, s, ms);
  }

  /**
   * Month and day (`mo * 32 + d`) of a numeric date `a<sep>b<sep>y` that does not say which
   * of a, b is the month; -1 when neither reading is a date. In order (docs/time.md): a
   * reading that is no date loses; else the separator's convention (slash: month first,
   * dash or dot: day first), unless that reading is in the future of the reference and the
   * other is not. Nothing from earlier lines counts: app logs are cut into parts read by
   * separate readers (LogParser.segmentable), so a line must read the same wherever it is.
   */
  dayMonth(a: number, b: number, y: number, slash: boolean): number {
    const dayFirst = a >= 1 && a <= 31 && b >= 1 && b <= 12;
    const monthFirst = a >= 1 && a <= 12 && b >= 1 && b <= 31;
    if (!dayFirst && !monthFirst) return -1;
    if (!monthFirst || a === b) return b * 32 + a;
    if (!dayFirst) return a * 32 + b;
    const mo = slash ? a : b;
    const d = slash ? b : a;
    const limit = this.yearRef + 86_400_000;
    if (Date.UTC(y, mo - 1, d) > limit && Date.UTC(y, d - 1, mo) <= limit) return d * 32 + mo;
    return mo * 32 + d;
  }

  /**
   * `YYYY-MM-DD[T| ]H:MM:SS[.,frac][ ][zone]` at i (also `/` or `.` as date separator and
   * one-digit hours, as MariaDB prints). Zone: Z, ±hh[:mm], or a known abbreviation
   * after one space when `abbrev`. NaN when there is no such stamp.
   */
  iso(s: string, i: number, abbrev: boolean): number {
    // Cached per day: lines of one day share the date text (`2026-11-25T`), so a compare
    // replaces its parsing and Date.UTC; the time of day is a few digits (a cache per second
    // missed on every line of a log that writes less than a line a second).
    const c = this.isoCache;
    let j: number;
    if (c.day.length > 0 && s.startsWith(c.day, i)) j = i + c.day.length;
    else {
      const y = num(s, i, 4);
      const sep = s.charCodeAt(i + 4);
      if (y < 0 || (sep !== Char.Dash && sep !== Char.Slash && sep !== Char.Dot) || s.charCodeAt(i + 7) !== sep) return NaN;
      const mo = num(s, i + 5, 2);
      const d = num(s, i + 8, 2);
      const t = s.charCodeAt(i + 10);
      if ((t !== Char.T && t !== Char.Space) || mo < 1 || mo > 12 || d < 1 || d > 31) return NaN;
      j = i + 11;
      c.day = s.slice(i, j);
      c.y = y;
      c.mo = mo;
      c.d = d;
      // Checked once a day of log: an impossible year's day is NO_TIME, and so is every stamp on it.
      c.dayUtc = this.plausible(y) ? Date.UTC(y, mo - 1, d) : NO_TIME;
    }
    while (s.charCodeAt(j) === Char.Space) j++;
    let h = num(s, j, 2);
    if (h >= 0 && s.charCodeAt(j + 2) === Char.Colon) j += 3;
    else if ((h = digit(s, j)) >= 0 && s.charCodeAt(j + 1) === Char.Colon) j += 2;
    else return NaN;
    const mi = num(s, j, 2);
    if (mi < 0 || s.charCodeAt(j + 2) !== Char.Colon) return NaN;
    const sec = num(s, j + 3, 2);
    if (sec < 0 || h > 23 || mi > 59 || sec > 60) return NaN;
    j += 5;
    // Date.UTC's own arithmetic: a second 60 is the next minute's first.
    const utc = c.dayUtc + ((h * 60 + mi) * 60 + sec) * 1000;
    let ms = 0;
    const fc = s.charCodeAt(j);
    if ((fc === Char.Dot || fc === Char.Comma) && isDigit(s, j + 1)) {
      // fractionMs (chars.ts) is shared with bsdStamp; the rest of the digits is skipped here, in the reader.
      ms = fractionMs(s, ++j);
      while (isDigit(s, j)) j++;
    }
    const off = this.zoneAt(s, j, abbrev);
    if (off !== null) {
      // withOffset() without Date.UTC: ms is a whole 0..999, so adding it to the second is exact.
      this.quality = 'exact';
      return utc + ms - off * 60_000;
    }
    this.end = j;
    return this.zoned(c.y, c.mo, c.d, h, mi, sec, ms);
  }

  /** An offset or zone name at j (sets end past it), or null (end = j). */
  zoneAt(s: string, j: number, abbrev: boolean): number | null {
    const c = s.charCodeAt(j);
    if (c === Char.Z) {
      this.end = j + 1;
      return 0;
    }
    if ((c === Char.Plus || c === Char.Dash) && isDigit(s, j + 1) && isDigit(s, j + 2)) {
      let k = j + 3;
      if (s.charCodeAt(k) === Char.Colon && isDigit(s, k + 1)) k += 3;
      else if (isDigit(s, k) && isDigit(s, k + 1)) k += 2;
      if (isDigit(s, k)) return null;
      return this.offsetAt(s, j, k);
    }
    let k = c === Char.Space ? j + 1 : j;
    if ((c === Char.Space && s.charCodeAt(k) === Char.Plus) || (c === Char.Space && s.charCodeAt(k) === Char.Dash)) return this.zoneAt(s, k, false);
    if (!abbrev) return null;
    const start = k;
    while (k - start < 5) {
      const u = s.charCodeAt(k);
      if (u < Char.A || u > Char.Z) break;
      k++;
    }
    if (k - start < 1 || (k < s.length && s.charCodeAt(k) !== Char.Space && s.charCodeAt(k) !== Char.Colon && s.charCodeAt(k) !== Char.RBracket)) return null;
    return this.offsetAt(s, start, k);
  }

  /**
   * parseOffset of s[from, to), compared in place with the last zone text instead of sliced
   * and parsed on every line (PostgreSQL writes `UTC`, the journal `+0000`, on each); sets end.
   */
  private offsetAt(s: string, from: number, to: number): number | null {
    if (to - from !== this.zoneText.length || !s.startsWith(this.zoneText, from)) {
      this.zoneText = s.slice(from, to);
      this.zoneValue = parseOffset(this.zoneText);
    }
    if (this.zoneValue !== null) this.end = to;
    return this.zoneValue;
  }
}
