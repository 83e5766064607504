/**
 * The ipv6 shape's look-ahead, `(?=[0-9A-Fa-f:]{0,39}::|(?:[0-9A-Fa-f]{0,4}:){7})`
 * (patterns.ts), as a walk the scan runs before it tries the regex: a time of
 * day (`2026:04:00:00`) on nearly every log line passes every other refusal,
 * and the regex engine only refuses it after setting up its backtracking there.
 * test/redact/scan.test.ts holds the scan to the regex on every corpus line.
 */
import { CLASSES, Cls } from './char-class.js';

const COLON = 0x3a;

/** Both alternatives in one walk over the run of hex digits and colons: a time of day ends it after 8 characters. */
export function ipv6Ahead(line: string, at: number): boolean {
  const end = Math.min(line.length, at + 40); // a `::` starts at most 39 in; seven groups span at most 35
  let groups = 0; // groups of the second alternative, each ended by a colon; -1 once one is over four digits
  let digits = 0;
  for (let i = at; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === COLON) {
      // A `::` starting at most 39 characters into the run (`end`).
      if (i + 1 < line.length && line.charCodeAt(i + 1) === COLON) return true;
      // Seven groups of at most four hex digits, each ended by a colon.
      if (groups >= 0 && ++groups === 7) return true;
      digits = 0;
    } else if ((CLASSES[c]! & Cls.Hex) === 0) return false;
    else if (++digits > 4) groups = -1;
  }
  return false;
}
