/**
 * The less regular stamps application logs lead with, for the generic `app`
 * parser: ctime (`Wed Apr 14 08:54:22 2021`: vsftpd, monitorix), BIND/PHP
 * (`11-Aug-2013 03:36:11.372`, `[22-Jan-2013 22:28:21 +0200]`), Apache-style
 * without the colon (`[18/Jan/2014 06:41:25]`), month names in other
 * languages there (`02/sept./2015`), numeric dates whose day/month order is
 * not written (`22-06-2014`, `10/06/2013`: TimeReader.dayMonth decides),
 * ISO without its year (`08-03 07:56:53`: FreeSWITCH), DirectAdmin
 * (`2014:07:02-00:17:45`), xrdp (`20220407-12:11:06`), ASSP (`Apr-07-13`),
 * java.util.logging (`Apr 15, 2013 8:34:08 PM`), a time of day alone
 * (`12:57:32.907`: logback), monit (`[PDT Apr 16 21:05:29]`), TAI64N labels,
 * bracketed year-less syslog (`[Jan 18 17:39:50]`: Asterisk) and auditd
 * (`msg=audit(1373330716.415:4063)`, epoch seconds). Only lines the ISO and
 * epoch fast paths rejected get here. Each returns NaN when the shape is not
 * there; TimeReader.end is set after it.
 */
import { ZONE_ABBREVIATIONS } from '../../time.js';
import { digit, isDigit, isUpper, num } from './chars.js';
import { localMonthAt } from './local-months.js';
import { bsdStamp } from './syslog-line.js';
import { type TimeReader, monthAt } from './stamps.js';
import { tai64nStamp } from './tai64n.js';
import { Char } from './char-codes.js';

/** Year sentinels for clock(): the year is inferred (-1), or the whole date is (-2). */
const NO_YEAR = -1;
const NO_DATE = -2;

/** `H[H]:MM:SS[.frac]` at j, then an optional zone (only with a year); NaN when absent. */
function clock(s: string, j: number, tr: TimeReader, y: number, mo: number, d: number): number {
  let h = num(s, j, 2);
  if (h >= 0 && s.charCodeAt(j + 2) === Char.Colon) j += 3;
  else if ((h = digit(s, j)) >= 0 && s.charCodeAt(j + 1) === Char.Colon) j += 2;
  else return NaN;
  const mi = num(s, j, 2);
  const sec = num(s, j + 3, 2);
  if (mi < 0 || sec < 0 || s.charCodeAt(j + 2) !== Char.Colon || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return NaN;
  j += 5;
  let ms = 0;
  if ((s.charCodeAt(j) === Char.Dot || s.charCodeAt(j) === Char.Comma) && isDigit(s, j + 1)) {
    let k = 0;
    j++;
    while (isDigit(s, j)) {
      if (k++ < 3) ms = ms * 10 + (s.charCodeAt(j) - Char.Zero);
      j++;
    }
    for (; k < 3; k++) ms *= 10;
  }
  tr.end = j;
  if (y === NO_YEAR) return tr.yearless(mo, d, h, mi, sec, ms);
  if (y === NO_DATE) return tr.timeOnly(h, mi, sec, ms);
  const off = tr.zoneAt(s, j, true);
  if (off !== null) return tr.withOffset(y, mo, d, h, mi, sec, ms, off);
  tr.end = j;
  return tr.zoned(y, mo, d, h, mi, sec, ms);
}

/** A date led by two digits and a separator (sep is '-', '/' or '.') at i. */
function dated(s: string, i: number, tr: TimeReader, a: number, sep: number): number {
  // dd-Mmm-yyyy / dd/Mmm/yyyy: English first, other languages only when that failed.
  let mo = monthAt(s, i + 3);
  let j = i + 6;
  if ((mo === 0 || s.charCodeAt(j) !== sep) && s.charCodeAt(i + 3) > Char.At) {
    const lm = localMonthAt(s, i + 3);
    mo = lm & 15;
    j = i + 3 + (lm >> 4);
  }
  if (mo > 0 && s.charCodeAt(j) === sep) {
    const y = num(s, j + 1, 4);
    const gap = s.charCodeAt(j + 5);
    return y < 0 || (gap !== Char.Space && gap !== Char.Colon) ? NaN : clock(s, j + 6, tr, y, mo, a);
  }
  const b = num(s, i + 3, 2);
  if (b < 0) return NaN;
  const after = s.charCodeAt(i + 5);
  if (after === sep) {
    const y = num(s, i + 6, 4);
    if (y < 0) return NaN;
    // Date and time apart by ' ', ':' (cPanel) or ' - ' (Half-Life/Source engine).
    j = i + 10;
    const gap = s.charCodeAt(j);
    if (gap === Char.Space && s.charCodeAt(j + 1) === Char.Dash && s.charCodeAt(j + 2) === Char.Space) j += 3;
    else if (gap === Char.Space || gap === Char.Colon) j++;
    else return NaN;
    const md = tr.dayMonth(a, b, y, sep === Char.Slash);
    return md < 0 ? NaN : clock(s, j, tr, y, md >> 5, md & 31);
  }
  // MM-DD HH:MM:SS: an ISO date without its year keeps ISO's order (unless that is no date).
  if (sep === Char.Dash && after === Char.Space) return a > 12 ? clock(s, i + 6, tr, NO_YEAR, b, a) : clock(s, i + 6, tr, NO_YEAR, a, b);
  return NaN;
}

/** Stamps led by four or more digits with no separator after two: DirectAdmin, xrdp. */
function compact(s: string, i: number, tr: TimeReader): number {
  const y = num(s, i, 4);
  if (y < 0) return NaN;
  const c = s.charCodeAt(i + 4);
  if (c === Char.Colon && s.charCodeAt(i + 7) === Char.Colon && s.charCodeAt(i + 10) === Char.Dash)
    return clock(s, i + 11, tr, y, num(s, i + 5, 2), num(s, i + 8, 2));
  if (s.charCodeAt(i + 8) === Char.Dash && isDigit(s, i + 4)) return clock(s, i + 9, tr, y, num(s, i + 4, 2), num(s, i + 6, 2));
  return NaN;
}

/** ASSP: `Apr-07-13 07:08:36` (month, day, two-digit year: this century's, as fail2ban reads it). */
function assp(s: string, i: number, tr: TimeReader, mo: number): number {
  const d = num(s, i + 4, 2);
  const yy = num(s, i + 7, 2);
  if (d < 0 || yy < 0 || s.charCodeAt(i + 6) !== Char.Dash || s.charCodeAt(i + 9) !== Char.Space) return NaN;
  return clock(s, i + 10, tr, 2000 + yy, mo, d);
}

/** java.util.logging's default `Apr 15, 2013 8:34:08 PM` (Tomcat's catalina.out), host zone. */
function jul(s: string, i: number, tr: TimeReader, mo: number): number {
  let j = i + 4;
  let two = isDigit(s, j + 1);
  const d = num(s, j, two ? 2 : 1);
  j += two ? 2 : 1;
  const y = num(s, j + 2, 4);
  if (d < 1 || d > 31 || y < 0 || s.charCodeAt(j) !== Char.Comma || s.charCodeAt(j + 1) !== Char.Space || s.charCodeAt(j + 6) !== Char.Space) return NaN;
  j += 7;
  two = isDigit(s, j + 1);
  const h = num(s, j, two ? 2 : 1);
  j += two ? 2 : 1;
  const mi = num(s, j + 1, 2);
  const sec = num(s, j + 4, 2);
  const p = s.charCodeAt(j + 7) | Char.CaseBit;
  if (h < 1 || h > 12 || mi < 0 || mi > 59 || sec < 0 || sec > 60 || s.charCodeAt(j) !== Char.Colon || s.charCodeAt(j + 3) !== Char.Colon) return NaN;
  if (s.charCodeAt(j + 6) !== Char.Space || (p !== Char.a && p !== Char.p) || (s.charCodeAt(j + 8) | Char.CaseBit) !== Char.m) return NaN;
  tr.end = j + 9;
  // 12-hour clock: 12 AM is midnight, 12 PM noon.
  return tr.zoned(y, mo, d, (h % 12) + (p === Char.p ? 12 : 0), mi, sec, 0);
}

/** One of the shapes above at i (i is past an opening '[' when there was one). */
export function otherStamp(s: string, i: number, tr: TimeReader): number {
  const c = s.charCodeAt(i);
  if (c >= Char.Zero && c <= Char.Nine) {
    const a = num(s, i, 2);
    if (a < 0) return NaN;
    const sep = s.charCodeAt(i + 2);
    if (sep === Char.Dash || sep === Char.Slash || sep === Char.Dot) return dated(s, i, tr, a, sep);
    // A time of day alone, only where a line starts with it and a space or fraction follows.
    if (sep === Char.Colon && s.charCodeAt(i + 5) === Char.Colon && i === 0) {
      const t = clock(s, i, tr, NO_DATE, 1, 1);
      return t === t && (tr.end === s.length || s.charCodeAt(tr.end) === Char.Space) ? t : NaN;
    }
    return compact(s, i, tr);
  }
  if (c === Char.At) return tai64nStamp(s, i, tr);
  const lower = c >= Char.a && c <= Char.z;
  if ((c < Char.A || c > Char.Z) && !lower) return NaN;
  // Characters before monthAt (which builds a string): most lines led by a word are continuations.
  const c3 = s.charCodeAt(i + 3);
  if (c3 === Char.Dash || (c3 === Char.Space && (s.charCodeAt(i + 5) === Char.Comma || s.charCodeAt(i + 6) === Char.Comma))) {
    const mo = monthAt(s, i);
    if (mo > 0) return c3 === Char.Dash ? assp(s, i, tr, mo) : jul(s, i, tr, mo);
  }
  if (lower) return NaN;
  // Half-Life / Source engine logs: `L 01/01/2014 - 01:25:17: …`.
  if (c === Char.L && s.charCodeAt(i + 1) === Char.Space && isDigit(s, i + 2)) return otherStamp(s, i + 2, tr);
  // ctime: Www Mmm dd HH:MM:SS yyyy
  if (s.charCodeAt(i + 3) === Char.Space && s.charCodeAt(i + 7) === Char.Space && monthAt(s, i + 4) > 0) {
    const mo = monthAt(s, i + 4);
    const d = num(s, i + 8, 2) >= 0 ? num(s, i + 8, 2) : num(s, i + 9, 1);
    const y = num(s, i + 20, 4);
    if (d >= 1 && y >= 0 && s.charCodeAt(i + 19) === Char.Space) {
      const t = clock(s, i + 11, tr, y, mo, d);
      if (t === t) tr.end = i + 24;
      return t;
    }
  }
  if (s.charCodeAt(i - 1) !== Char.LBracket) return NaN;
  // monit: `[`, the zone's abbreviation in capitals, then a year-less stamp (`[CEST Aug  6 10:14:52]`).
  const sp = c3 === Char.Space ? i + 3 : s.charCodeAt(i + 4) === Char.Space ? i + 4 : -1;
  const off = sp > 0 && isUpper(s, i + 1) && isUpper(s, i + 2) ? ZONE_ABBREVIATIONS[s.slice(i, sp)] : undefined;
  return off !== undefined ? bsdStamp(s, sp + 1, tr, off) : bsdStamp(s, i, tr);
}

/** auditd's `msg=audit(<epoch>.<ms>:<serial>)` anywhere in the line. */
export function auditStamp(s: string, tr: TimeReader): number {
  const at = s.indexOf('audit(');
  if (at < 0 || !isDigit(s, at + 6)) return NaN;
  const colon = s.indexOf(':', at);
  const v = Number(s.slice(at + 6, colon));
  if (!Number.isFinite(v) || v < 1e9 || v >= 1e10) return NaN;
  tr.quality = 'exact';
  tr.end = s.indexOf(')', colon) + 1;
  return Math.round(v * 1000);
}
