/**
 * Character-level helpers for the hot path. Parsers look at char codes
 * before running any regex: most lines are rejected or accepted by a few
 * comparisons, and no per-line objects are allocated for it.
 */
import { Char } from './char-codes.js';

export const MAX_MESSAGE = 8 * 1024;

/** The digit value of the char at i, or -1. */
export function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - Char.Zero;
  return c >= 0 && c <= 9 ? c : -1;
}

/** Value of n digits at i, or -1 when any of them is not a digit. */
export function num(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = digit(s, i + k);
    if (d < 0) return -1;
    v = v * 10 + d;
  }
  return v;
}

/** What a regex's `\s` matches, by char code: ASCII spaces, and above 0x7f the Unicode ones (a regex test only there). */
export function isSpace(c: number): boolean {
  return c < Char.NonAscii ? c === Char.Space || (c >= Char.Tab && c <= Char.Cr) : /\s/.test(String.fromCharCode(c));
}

export function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= Char.Zero && c <= Char.Nine;
}

/**
 * The milliseconds of a stamp's fraction digits at i (after its `.` or `,`): the first three
 * digits, scaled as if three were written (`5` → 500, `123456` → 123), 0 when there is none.
 * Three steps, no calls, a plain number: V8 inlines it whole; the readers skip the rest of the
 * digits in their own loop (in a helper it made them tier up later). Cachegrind against the
 * inline copies: a near-fixed +10 to +15 M on the stamped logs, inside the noise (performance.md).
 */
export function fractionMs(s: string, i: number): number {
  let ms = 0;
  let digits = true;
  for (let k = 0; k < 3; k++) {
    const d = s.charCodeAt(i + k) - Char.Zero;
    digits = digits && d >= 0 && d <= 9;
    ms = digits ? ms * 10 + d : ms * 10;
  }
  return ms;
}

export function isUpper(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= Char.A && c <= Char.Z;
}

/** Append a continuation line to a capped message (joined with \n). */
export function appendCapped(message: string, line: string): string {
  if (message.length >= MAX_MESSAGE) return message;
  const joined = message.length === 0 ? line : message + '\n' + line;
  return joined.length > MAX_MESSAGE ? joined.slice(0, MAX_MESSAGE) : joined;
}

export function cap(text: string): string {
  return text.length > MAX_MESSAGE ? text.slice(0, MAX_MESSAGE) : text;
}
