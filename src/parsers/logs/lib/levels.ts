/** Level words as logs print them, mapped onto our eight syslog-style levels. */
import type { Level } from '../../types.js';
import { isUpper } from './chars.js';
import { Char } from './char-codes.js';

const WORDS: Readonly<Record<string, Level>> = {
  emerg: 'emerg',
  emergency: 'emerg',
  panic: 'emerg',
  alert: 'alert',
  crit: 'crit',
  critical: 'crit',
  fatal: 'crit',
  severe: 'crit',
  fatl: 'crit',
  err: 'error',
  error: 'error',
  eror: 'error',
  errors: 'error',
  e: 'error',
  warn: 'warning',
  warning: 'warning',
  wrn: 'warning',
  w: 'warning',
  notice: 'notice',
  note: 'info',
  n: 'notice',
  system: 'notice',
  info: 'info',
  information: 'info',
  informational: 'info',
  inf: 'info',
  i: 'info',
  log: 'info',
  debug: 'debug',
  dbg: 'debug',
  trace: 'debug',
  fine: 'debug',
  finer: 'debug',
  finest: 'debug',
  d: 'debug',
  t: 'debug',
  debug1: 'debug',
  debug2: 'debug',
  debug3: 'debug',
  debug4: 'debug',
  debug5: 'debug',
};

/** Syslog severities by PRI & 7. */
export const SEVERITIES: readonly Level[] = ['emerg', 'alert', 'crit', 'error', 'warning', 'notice', 'info', 'debug'];

/** The level a word names (any case; Apache's trace1..8 too), or undefined. */
export function levelOf(word: string): Level | undefined {
  if (word.length === 0 || word.length > 13) return undefined;
  const w = word.toLowerCase();
  const hit = WORDS[w];
  if (hit) return hit;
  if (w.startsWith('trace') && w.length === 6) return 'debug';
  return undefined;
}

/**
 * A level stated at the start of a message (`error: ...`, `[WARN] ...`,
 * `<warning> ...`), which many daemons print inside syslog and journal lines.
 */
export function leadingLevel(msg: string): Level | undefined {
  let i = 0;
  const c = msg.charCodeAt(0);
  if (c === Char.LBracket || c === Char.Lt) i = 1; // [ or <
  let j = i;
  while (j < i + 9 && j < msg.length) {
    const u = msg.charCodeAt(j) | Char.CaseBit;
    if (u < Char.a || u > Char.z) break;
    j++;
  }
  if (j - i < 4) return undefined;
  const close = msg.charCodeAt(j);
  if (i === 0 ? close !== Char.Colon : close !== Char.RBracket && close !== Char.Gt) return undefined;
  return levelOf(msg.slice(i, j));
}

/**
 * Level words as applications print them in capitals. No syslog daemon writes
 * one where the hostname goes, so `2026-11-25T04:00:17Z ERROR [app] ...` is an
 * application's line: read as syslog, `ERROR` became the host and the level was lost.
 */
const APP_LEVELS: Readonly<Record<string, Level>> = {
  TRACE: 'debug',
  DEBUG: 'debug',
  INFO: 'info',
  NOTICE: 'notice',
  WARN: 'warning',
  WARNING: 'warning',
  ERROR: 'error',
  CRIT: 'crit',
  CRITICAL: 'crit',
  FATAL: 'crit',
  SEVERE: 'crit',
  PANIC: 'emerg',
  ALERT: 'alert',
  EMERG: 'emerg',
};

/** APP_LEVELS by a number made of the word's letters (A=1 … Z=26, base 32): looked up without slicing the line. */
const APP_LEVEL_CODES = new Map<number, Level>(
  Object.entries(APP_LEVELS).map(([w, l]) => [[...w].reduce((k, c) => k * 32 + c.charCodeAt(0) - (Char.A - 1), 0), l]),
);

/** The level an upper-case level word at i names when it is the line's next word, else undefined. */
export function appLevelAt(s: string, i: number): Level | undefined {
  let j = i;
  let key = 0;
  while (j < i + 9 && isUpper(s, j)) key = key * 32 + s.charCodeAt(j++) - (Char.A - 1);
  if (j - i < 4 || (j < s.length && s.charCodeAt(j) !== Char.Space && s.charCodeAt(j) !== Char.Tab)) return undefined;
  return APP_LEVEL_CODES.get(key);
}
