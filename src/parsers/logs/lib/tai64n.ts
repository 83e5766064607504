/**
 * TAI64N labels (`@400000004c91b044077a9e94`: 16 hex digits of seconds, 8 of
 * nanoseconds), as daemontools' multilog, runit's svlogd -t and s6-log lead
 * their lines with. The label is 2^62 + seconds of TAI since 1970-01-01
 * 00:00:00 TAI (D. J. Bernstein's TAI64 definition), so the UTC instant is that
 * count minus TAI−UTC at the time: 10 s plus the leap seconds inserted so far
 * (37 s since 2017). docs/time.md says why the leap seconds are subtracted and
 * which writers that places a few tens of seconds early.
 */
import type { TimeReader } from './stamps.js';
import { Char } from './char-codes.js';

/**
 * TAI−UTC steps, from IERS Bulletin C (the same list as tzdata's `leapseconds`
 * file): [year, month (1-12), TAI−UTC in seconds from 00:00 UTC that day].
 * The last step is 2016-12-31 (tzdata list updated 2025-07-07); one announced later
 * belongs here.
 */
const STEPS: ReadonlyArray<readonly [number, number, number]> = [
  [1972, 1, 10],
  [1972, 7, 11],
  [1973, 1, 12],
  [1974, 1, 13],
  [1975, 1, 14],
  [1976, 1, 15],
  [1977, 1, 16],
  [1978, 1, 17],
  [1979, 1, 18],
  [1980, 1, 19],
  [1981, 7, 20],
  [1982, 7, 21],
  [1983, 7, 22],
  [1985, 7, 23],
  [1988, 1, 24],
  [1990, 1, 25],
  [1991, 1, 26],
  [1992, 7, 27],
  [1993, 7, 28],
  [1994, 7, 29],
  [1996, 1, 30],
  [1997, 7, 31],
  [1999, 1, 32],
  [2006, 1, 33],
  [2009, 1, 34],
  [2012, 7, 35],
  [2015, 7, 36],
  [2017, 1, 37],
];

/** [TAI seconds since 1970 at which a step starts, TAI−UTC from then on], latest first. */
const BY_TAI: ReadonlyArray<readonly [number, number]> = STEPS.map(([y, m, off]) => [Date.UTC(y, m - 1, 1) / 1000 + off, off] as const).reverse();

/** TAI seconds since 1970-01-01 00:00:00 TAI → UTC epoch seconds. The inserted second 23:59:60 reads as the next 00:00:00. */
export function taiToUtcSeconds(tai: number): number {
  for (const [from, off] of BY_TAI) if (tai >= from) return tai - off;
  return tai - 10; // before 1972 TAI−UTC was not a whole number of seconds; 10 s is TAI64's own convention
}

/** Value of n hex digits (lower or upper case) at i, or -1. */
function hex(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) | Char.CaseBit;
    const d = c >= Char.Zero && c <= Char.Nine ? c - Char.Zero : c >= Char.a && c <= Char.f ? c - (Char.a - 10) : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** A TAI64N label at i (s[i] is '@'), quality 'exact'; NaN when absent. Sets tr.end. */
export function tai64nStamp(s: string, i: number, tr: TimeReader): number {
  // The top seven hex digits are 4000000 until the year 4147: the rest (36 bits) fits a double exactly.
  if (!s.startsWith('4000000', i + 1)) return NaN;
  const sec = hex(s, i + 8, 9);
  const ns = hex(s, i + 17, 8);
  const after = s.charCodeAt(i + 25);
  if (sec < 0 || ns < 0 || ns >= 1e9 || (i + 25 < s.length && after !== Char.Space && after !== Char.Tab)) return NaN;
  tr.quality = 'exact';
  tr.end = i + 25;
  return taiToUtcSeconds(sec) * 1000 + Math.floor(ns / 1e6);
}
