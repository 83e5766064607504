/**
 * Text hygiene shared by every renderer. Everything that came from a bundle
 * (log lines, hostnames, process names, even tier labels) is untrusted: it
 * may hold lone surrogates, control characters, terminal escape sequences or
 * bidi overrides. These helpers make such text safe to *show*; escaping for
 * a given output syntax (HTML, Markdown) happens on top of them.
 */

/** A lone UTF-16 surrogate cannot be encoded as UTF-8: replace it so every output is well-formed. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

/**
 * C0 controls (but tab and newline), DEL, C1 controls (0x9B is a one-byte
 * CSI), line/paragraph separators and bidi embedding/override/isolate marks.
 * Any of them can reorder, hide or rewrite what a reader sees.
 */
const INVISIBLE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;

function codeTag(c: string): string {
  const cp = c.codePointAt(0) ?? 0;
  if (cp === 0x1b) return '\\e';
  if (cp < 0x100) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return `\\u${cp.toString(16).padStart(4, '0')}`;
}

/** Untrusted text made visible: lone surrogates → U+FFFD, controls → `\xNN` / `\e` / `\uNNNN` written out. Keeps \t and \n. */
export function visible(s: unknown): string {
  const str = typeof s === 'string' ? s : s === null || s === undefined ? '' : String(s);
  return wellFormed(str).replace(INVISIBLE, codeTag);
}

/** As `visible`, on one line: newlines and tabs become spaces (table cells, terminal rows). */
export function oneLine(s: unknown): string {
  return visible(s).replace(/[\t\n]+/g, ' ');
}

/**
 * JSON text with the same invisible characters written as `\uNNNN`, for JSON
 * a terminal shows (`sitrep parse` JSON Lines, `inspect --json -`): the value
 * is unchanged, but no C1 control or bidi mark reaches the terminal raw.
 * JSON.stringify already escapes C0 controls; outside strings there are none.
 */
export function visibleJson(json: string): string {
  return json.replace(INVISIBLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/** Cuts `s` to at most `max` code points (never splitting a surrogate pair) and says how much was cut. */
export function cap(s: string, max: number): { text: string; more: number } {
  if (s.length <= max) return { text: s, more: 0 };
  const cps = Array.from(s);
  if (cps.length <= max) return { text: s, more: 0 };
  return { text: cps.slice(0, max).join(''), more: cps.length - max };
}

/** Epoch ms → `2026-11-26 05:24:00 UTC` (ms shown only when non-zero); `—` when absent or invalid. */
export function fmtTime(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return '—';
  const iso = d.toISOString();
  const frac = iso.slice(19, 23) === '.000' ? '' : iso.slice(19, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${frac} UTC`;
}

/** Short time of day for axis labels. */
export function fmtClock(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.slice(11, 19);
}

export { fmtNum } from '../vocabulary/format.js';

/** A safe HTML id: only [a-z0-9-], prefixed so it never starts with a digit. */
export function safeId(prefix: string, n: number | string): string {
  return `${prefix}-${String(n)
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '_')}`;
}

export { RESOURCE_ORDER, SEVERITY_ORDER, SIGNAL_ORDER } from '../vocabulary/orders.js';

export function rank<T>(order: readonly T[], v: T): number {
  const i = order.indexOf(v);
  return i < 0 ? order.length : i;
}

/**
 * `table[key]` for lookup tables keyed by values from the Analysis: only own
 * properties count, so a value like `constructor` finds nothing instead of
 * Object's inherited function.
 */
export function own<V>(table: Readonly<Record<string, V>>, key: unknown): V | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}
