/**
 * Hand-written splitting for access-log lines (access-log.ts), the hottest
 * parser: half of a typical bundle's bytes. Each function gives exactly what
 * the regex or split it replaces gives, on the inputs it accepts.
 */
import { Char } from './char-codes.js';

/**
 * tailFrame and refAgent replace access-log.ts' TAIL and REF_AGENT regexes on
 * lines where special() is false (no backslash, CR, U+2028 or U+2029): there
 * `(?:[^"\\]|\\.)*` is just "up to the next quote" and `.` matches
 * everything, so they give exactly the regexes' groups (the two regexes were
 * a tenth of an analysis). Four memchr-like scans beat one character-class
 * regex over the line.
 */
export const special = (l: string): boolean => l.indexOf('\\') !== -1 || l.indexOf('\r') !== -1 || l.indexOf('\u2028') !== -1 || l.indexOf('\u2029') !== -1;
const digit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= Char.Zero && c <= Char.Nine;
};

/** Where tailFrame found the parts of a tail: written into the caller's record, no array per line. */
export interface TailParts {
  request: string;
  status: string;
  bytesS: number;
  bytesE: number;
}

/** TAIL at `p`, its parts written into `into`; false (into unchanged or partly written) when it is not one. */
export function tailFrame(line: string, p: number, into: TailParts): boolean {
  if (line.charCodeAt(p) !== Char.Quote) return false;
  const q = line.indexOf('"', p + 1);
  if (q < 0 || line.charCodeAt(q + 1) !== Char.Space) return false;
  let i = q + 2;
  let status = '-';
  if (line.charCodeAt(i) === Char.Dash) i += 1;
  else if (digit(line, i) && digit(line, i + 1) && digit(line, i + 2)) {
    status = statusText(line, i);
    i += 3;
  } else return false;
  if (line.charCodeAt(i) !== Char.Space) return false;
  const b = ++i;
  if (digit(line, i)) {
    while (digit(line, i)) i++;
  } else if (line.charCodeAt(i) === Char.Dash) i++;
  else return false;
  into.request = line.slice(p + 1, q);
  into.status = status;
  into.bytesS = b;
  into.bytesE = i;
  return true;
}

/** The three status digits at i as a string, from a table: no slice per line. */
const STATUS_TEXT: string[] = [];
function statusText(line: string, i: number): string {
  const n = (line.charCodeAt(i) - Char.Zero) * 100 + (line.charCodeAt(i + 1) - Char.Zero) * 10 + (line.charCodeAt(i + 2) - Char.Zero);
  return (STATUS_TEXT[n] ??= line.slice(i, i + 3));
}

/** REF_AGENT on `rest`: [whole, referrer, agent, rest] or null. */
export function refAgent(rest: string): (string | undefined)[] | null {
  let i = 0;
  while (rest.charCodeAt(i) === Char.Space) i++;
  if (i === 0 || rest.charCodeAt(i) !== Char.Quote) return null;
  const a = rest.indexOf('"', i + 1);
  if (a < 0) return null;
  let j = a + 1;
  while (rest.charCodeAt(j) === Char.Space) j++;
  if (j === a + 1 || rest.charCodeAt(j) !== Char.Quote) return null;
  const b = rest.indexOf('"', j + 1);
  if (b < 0) return null;
  return [undefined, rest.slice(i + 1, a), rest.slice(j + 1, b), rest.slice(b + 1)];
}

/** Non-empty space-separated tokens of `s` into `out` (split(' ') without the empty ones). */
export function spaced(s: string, out: string[]): void {
  let a = 0;
  for (;;) {
    const sp = s.indexOf(' ', a);
    const e = sp < 0 ? s.length : sp;
    if (e > a) out.push(s.slice(a, e));
    if (sp < 0) return;
    a = sp + 1;
  }
}

/**
 * A plain `123.456789` (at most 9 + 6 digits) as whole microseconds, else -1.
 * Nearly every timing is one: this skips split, trim, replace and Number. For
 * these the result equals Math.round(Number(v) * 1e6): the parse and product
 * are off by far less than 0.5 below 1e15, so the rounding lands on the same
 * integer, and dividing it by 1e6 is the same division.
 */
export function plainMicros(v: string): number {
  const n = v.length;
  let i = 0;
  let whole = 0;
  while (i < n && i < 10) {
    const c = v.charCodeAt(i) - Char.Zero;
    if (c < 0 || c > 9) break;
    whole = whole * 10 + c;
    i++;
  }
  if (i === 0 || i > 9) return -1;
  if (i === n) return whole * 1e6;
  if (v.charCodeAt(i) !== Char.Dot || n - i - 1 < 1 || n - i - 1 > 6) return -1;
  let frac = 0;
  for (let k = i + 1; k < n; k++) {
    const c = v.charCodeAt(k) - Char.Zero;
    if (c < 0 || c > 9) return -1;
    frac = frac * 10 + c;
  }
  return whole * 1e6 + frac * SCALE[n - i - 1]!;
}
/** 10 ** (6 - digits), by number of fraction digits: a table, not a pow call per value. */
const SCALE = [1e6, 1e5, 1e4, 1e3, 100, 10, 1];
