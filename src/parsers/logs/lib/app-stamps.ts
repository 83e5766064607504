/**
 * The less regular stamps application logs lead with, for the generic `app`
 * parser: ctime (`Wed Apr 14 08:54:22 2021`: vsftpd, monitorix), BIND/PHP
 * (`11-Aug-2013 03:36:11.372`, `[22-Jan-2013 22:28:21 +0200]`), Apache-style
 * without the colon (`[18/Jan/2014 06:41:25]`), day-first dashed numeric
 * (`22-06-2014 09:56:12`: dashes mean day-first; slashed numeric dates are
 * ambiguous and left alone), bracketed year-less syslog (`[Jan 18 17:39:50]`:
 * Asterisk) and auditd (`msg=audit(1373330716.415:4063)`, epoch seconds).
 * Each returns NaN when the shape is not there; TimeReader.end is set after it.
 */
import { digit, isDigit, num } from './chars.js';
import { bsdStamp } from './syslog-line.js';
import { type TimeReader, monthAt } from './stamps.js';

/** Seconds part `HH:MM:SS[.frac]` at j, then an optional zone; NaN when absent. */
function clock(s: string, j: number, tr: TimeReader, y: number, mo: number, d: number): number {
  let h = num(s, j, 2);
  if (h >= 0 && s.charCodeAt(j + 2) === 58) j += 3;
  else if ((h = digit(s, j)) >= 0 && s.charCodeAt(j + 1) === 58) j += 2;
  else return NaN;
  const mi = num(s, j, 2);
  const sec = num(s, j + 3, 2);
  if (mi < 0 || sec < 0 || s.charCodeAt(j + 2) !== 58 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return NaN;
  j += 5;
  let ms = 0;
  if ((s.charCodeAt(j) === 46 || s.charCodeAt(j) === 44) && isDigit(s, j + 1)) {
    let k = 0;
    j++;
    while (isDigit(s, j)) {
      if (k++ < 3) ms = ms * 10 + (s.charCodeAt(j) - 48);
      j++;
    }
    for (; k < 3; k++) ms *= 10;
  }
  const off = tr.zoneAt(s, j, true);
  if (off !== null) return tr.withOffset(y, mo, d, h, mi, sec, ms, off);
  tr.end = j;
  return tr.zoned(y, mo, d, h, mi, sec, ms);
}

/** One of the shapes above at i (i is past an opening '[' when there was one). */
export function otherStamp(s: string, i: number, tr: TimeReader): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    const d = num(s, i, 2);
    const sep = s.charCodeAt(i + 2);
    if (d < 0 || (sep !== 45 && sep !== 47)) return NaN;
    const mo = monthAt(s, i + 3);
    if (mo > 0 && s.charCodeAt(i + 6) === sep) {
      const y = num(s, i + 7, 4);
      const gap = s.charCodeAt(i + 11);
      return y < 0 || (gap !== 32 && gap !== 58) ? NaN : clock(s, i + 12, tr, y, mo, d);
    }
    if (sep === 45 && s.charCodeAt(i + 5) === 45 && s.charCodeAt(i + 10) === 32) {
      const y = num(s, i + 6, 4);
      return y < 0 ? NaN : clock(s, i + 11, tr, y, num(s, i + 3, 2), d);
    }
    return NaN;
  }
  if (c < 65 || c > 90) return NaN;
  // ctime: Www Mmm dd HH:MM:SS yyyy
  if (s.charCodeAt(i + 3) === 32 && s.charCodeAt(i + 7) === 32 && monthAt(s, i + 4) > 0) {
    const mo = monthAt(s, i + 4);
    const d = num(s, i + 8, 2) >= 0 ? num(s, i + 8, 2) : num(s, i + 9, 1);
    const y = num(s, i + 20, 4);
    if (d < 1 || y < 0 || s.charCodeAt(i + 19) !== 32) return NaN;
    const t = clock(s, i + 11, tr, y, mo, d);
    if (t === t) tr.end = i + 24;
    return t;
  }
  return s.charCodeAt(i - 1) === 91 ? bsdStamp(s, i, tr) : NaN;
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
