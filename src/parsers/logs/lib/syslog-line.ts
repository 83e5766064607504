/**
 * The syslog line grammar shared by `syslog` and `journal` (journalctl's
 * short formats are syslog lines): optional `<PRI>`, a stamp (RFC 3164
 * `Mmm dd HH:MM:SS[.frac]`, optionally with a year; syslog-ng's `[$DATE]` and
 * `$FULLDATE`; or ISO-8601 as rsyslog and RFC 5424 write it, with an offset or
 * a zone name), an optional verbose `<facility.severity>`, an optional
 * hostname, `program[pid]:` and the text.
 */
import type { Level, LogEvent } from '../../types.js';
import { cap, fractionMs, isDigit, isUpper, num } from './chars.js';
import { SEVERITIES, appLevelAt, leadingLevel, levelOf } from './levels.js';
import { type TimeReader, monthAt } from './stamps.js';
import { Char } from './char-codes.js';

/**
 * `Mmm dd HH:MM:SS[.frac][ YYYY]` or `Mmm dd YYYY HH:MM:SS` at i; NaN when absent. Sets tr.end.
 * `off` (minutes east of UTC) when the line named its zone before the stamp (monit); else the host zone.
 * `fixedYear` when the year came before the month (fullDate).
 */
export function bsdStamp(s: string, i: number, tr: TimeReader, off = NaN, fixedYear = -1): number {
  const mo = monthAt(s, i);
  if (mo === 0 || s.charCodeAt(i + 3) !== Char.Space) return NaN;
  let j = i + 4;
  if (s.charCodeAt(j) === Char.Space) j++;
  let d = num(s, j, 2);
  if (d >= 0) j += 2;
  else if ((d = num(s, j, 1)) >= 0) j += 1;
  else return NaN;
  if (s.charCodeAt(j) !== Char.Space) return NaN;
  j++;
  let year = fixedYear;
  if (year < 0 && s.charCodeAt(j + 4) === Char.Space && (year = num(s, j, 4)) >= 0) j += 5;
  const h = num(s, j, 2);
  const mi = num(s, j + 3, 2);
  const sec = num(s, j + 6, 2);
  if (h < 0 || mi < 0 || sec < 0 || s.charCodeAt(j + 2) !== Char.Colon || s.charCodeAt(j + 5) !== Char.Colon) return NaN;
  if (d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return NaN;
  j += 8;
  let ms = 0;
  if (s.charCodeAt(j) === Char.Dot && isDigit(s, j + 1)) {
    ms = fractionMs(s, ++j);
    while (isDigit(s, j)) j++;
  }
  if (year < 0 && s.charCodeAt(j) === Char.Space && (s.charCodeAt(j + 5) === Char.Space || j + 5 === s.length)) {
    const y = num(s, j + 1, 4);
    if (y >= 1970 && y < 2100) {
      year = y;
      j += 5;
    }
  }
  tr.end = j;
  if (off === off) return year >= 0 ? tr.withOffset(year, mo, d, h, mi, sec, ms, off) : tr.yearlessAt(mo, d, h, mi, sec, ms, off);
  return year >= 0 ? tr.zoned(year, mo, d, h, mi, sec, ms) : tr.yearless(mo, d, h, mi, sec, ms);
}

/** syslog-ng's `$FULLDATE` stamp, `YYYY Mmm dd HH:MM:SS` (`2006 Jun 13 15:58:00`), at i; NaN when absent. */
function fullDate(s: string, i: number, tr: TimeReader): number {
  const y = num(s, i, 4);
  return y < 0 || s.charCodeAt(i + 4) !== Char.Space ? NaN : bsdStamp(s, i + 5, tr, NaN, y);
}

/** `[Mmm dd HH:MM:SS]` at i, as syslog-ng templates and some daemons write it; NaN when absent. Sets tr.end past the `]`. */
function bracketedStamp(s: string, i: number, tr: TimeReader): number {
  const t = bsdStamp(s, i + 1, tr);
  if (t !== t || s.charCodeAt(tr.end) !== Char.RBracket) return NaN;
  tr.end++;
  return t;
}

/**
 * Where the text resumes after a verbose `<facility.severity>` (sysklogd's `-v`, syslog-ng's
 * `<$FACILITY.$PRIORITY>`: `<auth.info>`), spaces around it skipped; -1 when there is none.
 */
function verboseEnd(s: string, i: number): number {
  let j = i;
  while (s.charCodeAt(j) === Char.Space) j++;
  if (s.charCodeAt(j) !== Char.Lt) return -1;
  const close = s.indexOf('>', j);
  const dot = s.indexOf('.', j);
  if (close < 0 || close - j > 24 || dot < j + 2 || dot > close - 2) return -1;
  for (let k = j + 1; k < close; k++) {
    const u = s.charCodeAt(k) | Char.CaseBit;
    if (k !== dot && !((u >= Char.a && u <= Char.z) || (u >= Char.Zero && u <= Char.Nine))) return -1;
  }
  j = close + 1;
  if (s.charCodeAt(j) !== Char.Space) return -1;
  while (s.charCodeAt(j) === Char.Space) j++;
  return j;
}

/** Whether s[from, to) holds the character c. */
function holds(s: string, c: number, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (s.charCodeAt(k) === c) return true;
  return false;
}

/** Parse a syslog line into a new event (source/line set by the caller's factory), or undefined. */
export function syslogLine(s: string, tr: TimeReader, make: (t: number, m: string) => LogEvent): LogEvent | undefined {
  let i = 0;
  let pri = -1;
  if (s.charCodeAt(0) === Char.Lt) {
    const close = s.indexOf('>');
    if (close < 2 || close > 4) return undefined;
    pri = num(s, 1, close - 1);
    if (pri < 0) return undefined;
    i = close + 1;
  }
  let rfc5424 = false;
  if (pri >= 0 && isDigit(s, i) && s.charCodeAt(i + 1) === Char.Space) {
    rfc5424 = true;
    i += 2;
  }
  const c = s.charCodeAt(i);
  let t: number;
  // syslog daemons write ISO fractions with '.'; a ',' fraction is log4j/Python, not syslog.
  // A zone name after an ISO time (`2005-06-21 14:55:10 UTC host …`) is read: only known ones (time.ts).
  if (c >= Char.Zero && c <= Char.Nine) {
    t = s.charCodeAt(i + 19) === Char.Comma ? NaN : tr.iso(s, i, true);
    if (t !== t && s.charCodeAt(i + 4) === Char.Space) t = fullDate(s, i, tr);
  } else if (c >= Char.A && c <= Char.Z) t = bsdStamp(s, i, tr);
  else if (c === Char.LBracket && pri < 0) t = bracketedStamp(s, i, tr);
  else return undefined;
  if (t !== t || s.charCodeAt(tr.end) !== Char.Space) return undefined;
  let rest = tr.end + 1;
  let verbose: Level | undefined;
  if (!rfc5424 && (s.charCodeAt(rest) === Char.Lt || s.charCodeAt(rest) === Char.Space)) {
    const after = verboseEnd(s, rest);
    if (after > 0) {
      verbose = levelOf(s.slice(s.lastIndexOf('.', after) + 1, s.lastIndexOf('>', after)));
      rest = after;
    }
  }
  const appLevel = rfc5424 || !isUpper(s, rest) ? undefined : appLevelAt(s, rest);
  if (appLevel !== undefined) {
    // An application's line in a file read as syslog (by its path): its level, no host.
    const ev = make(t, cap(s.slice(rest)));
    ev.level = appLevel;
    return ev;
  }
  const ev = rfc5424 ? body5424(s, rest, t, make) : body3164(s, rest, t, make);
  if (pri >= 0) ev.level = SEVERITIES[pri & 7];
  else if (verbose !== undefined) ev.level = verbose;
  else {
    const lv = leadingLevel(ev.message);
    if (lv) ev.level = lv;
  }
  return ev;
}

function body5424(s: string, i: number, t: number, make: (t: number, m: string) => LogEvent): LogEvent {
  // HOSTNAME APP-NAME PROCID MSGID STRUCTURED-DATA MSG, '-' for nil
  const host = token(s, i);
  const appEnd = host.end < 0 ? -1 : s.indexOf(' ', host.end + 1);
  const procEnd = appEnd < 0 ? -1 : s.indexOf(' ', appEnd + 1);
  const msgidEnd = procEnd < 0 ? -1 : s.indexOf(' ', procEnd + 1);
  if (msgidEnd < 0) return make(t, cap(s.slice(i)));
  const app = s.slice(host.end + 1, appEnd);
  const proc = s.slice(appEnd + 1, procEnd);
  let j = msgidEnd + 1;
  if (s.charCodeAt(j) === Char.LBracket) {
    // structured data: [id k="v" ...]... ; values may hold escaped \] and \"
    while (s.charCodeAt(j) === Char.LBracket) {
      j++;
      while (j < s.length && s.charCodeAt(j) !== Char.RBracket) j += s.charCodeAt(j) === Char.Backslash ? 2 : 1;
      j++;
    }
  } else if (s.charCodeAt(j) === Char.Dash) j++;
  const sd = s.slice(msgidEnd + 1, j);
  const ev = make(t, cap(s.slice(s.charCodeAt(j) === Char.Space ? j + 1 : j).trimStart()));
  if (app !== '-') ev.program = app;
  const pid = Number(proc);
  if (proc !== '-' && Number.isInteger(pid)) ev.pid = pid;
  ev.fields = { host: s.slice(i, host.end) };
  if (sd !== '-' && sd.length > 0) ev.fields.structured_data = sd;
  return ev;
}

function token(s: string, i: number): { end: number } {
  return { end: s.indexOf(' ', i) };
}

function body3164(s: string, i: number, t: number, make: (t: number, m: string) => LogEvent): LogEvent {
  let host: string | undefined;
  // Positions, not slices: only the host, program and message are kept.
  const sp = s.indexOf(' ', i);
  const firstEnd = sp < 0 ? s.length : sp;
  // A first word ending in ':' or holding '[' is the tag itself: no hostname was written.
  if (sp > 0 && !(firstEnd > i && s.charCodeAt(firstEnd - 1) === Char.Colon) && !holds(s, Char.LBracket, i, firstEnd)) {
    host = s.slice(i, sp);
    i = sp + 1;
  }
  const colon = s.indexOf(': ', i);
  let ev: LogEvent;
  if (colon > i && colon - i <= 128 && s.charCodeAt(colon - 1) !== Char.Space) {
    // The tag is s[i, colon): `program[pid]` or `program`.
    const open = s.charCodeAt(colon - 1) === Char.RBracket ? s.lastIndexOf('[', colon - 1) : -1;
    const bracket = open > i ? open : -1;
    if (bracket > 0 || !holds(s, 32, i, colon)) {
      ev = make(t, cap(s.slice(colon + 2)));
      ev.program = s.slice(i, bracket > 0 ? bracket : colon);
      if (bracket > 0) {
        const pid = num(s, bracket + 1, colon - bracket - 2);
        if (pid >= 0) ev.pid = pid;
      }
    } else ev = make(t, cap(s.slice(i)));
  } else if (s.charCodeAt(s.length - 1) === Char.Colon && s.indexOf(' ', i) < 0) {
    ev = make(t, '');
    ev.program = s.slice(i, s.length - 1);
  } else ev = make(t, cap(s.slice(i)));
  if (host !== undefined) ev.fields = { host };
  return ev;
}
