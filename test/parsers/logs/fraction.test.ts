/**
 * A stamp's fraction digits (lib/chars.ts `fractionMs`), read by both stamp
 * readers (TimeReader.iso and the syslog `bsdStamp`): the milliseconds are
 * the first three digits as if three were written, the rest is skipped (the
 * readers end after the whole run). Expected values are written from that
 * rule; the stamps through the readers are checked against Date.parse, which
 * reads ISO fractions the same way.
 */
import { describe, expect, it } from 'vitest';
import { fractionMs } from '../../../src/parsers/logs/lib/chars.js';
import { TimeReader } from '../../../src/parsers/logs/lib/stamps.js';
import { bsdStamp } from '../../../src/parsers/logs/lib/syslog-line.js';

// [text, where the digits start, ms]
const CASES: [string, number, number][] = [
  ['04:00:00.Z', 9, 0], // no digit after the dot
  ['04:00:00.', 9, 0], // end of string right after the dot
  ['04:00:00.5', 9, 500], // one digit at the end of the string
  ['04:00:00.5Z', 9, 500],
  ['04:00:00.05 UTC', 9, 50],
  ['04:00:00.48Z', 9, 480],
  ['04:00:00,123Z', 9, 123],
  ['04:00:00.007+0100', 9, 7],
  ['04:00:00.123456+0000', 9, 123],
  ['04:00:00.999999999Z', 9, 999],
  ['04:00:00.000001', 9, 0],
  ['04:00:00.1x23', 9, 100], // the run stops at the first non-digit
  ['.987', 1, 987],
];

describe('fraction digits of a stamp', () => {
  it.each(CASES)('%j from %i: %i ms', (s, at, ms) => {
    expect(fractionMs(s, at)).toBe(ms);
  });

  it('reads an ISO stamp with 0-9 fraction digits as Date.parse does, and ends after the digits', () => {
    const tr = new TimeReader({ file: 'x', clock: { tzName: 'UTC' }, mtimeMs: Date.UTC(2026, 10, 26) });
    for (const frac of ['', '.5', '.48', '.123', '.1234', '.123456', '.123456789', ',250']) {
      const s = `2026-11-25T04:00:17${frac}Z msg`;
      expect(tr.iso(s, 0, true), s).toBe(Date.parse(s.slice(0, s.indexOf(' ')).replace(',', '.')));
      expect(tr.end, s).toBe(s.indexOf(' '));
    }
  });

  it('reads a syslog stamp fraction the same way', () => {
    const tr = new TimeReader({ file: 'x', clock: { tzName: 'UTC' }, mtimeMs: Date.UTC(2026, 10, 26) });
    const base = Date.UTC(2026, 10, 25, 4, 0, 17);
    for (const [frac, ms] of [
      ['', 0],
      ['.5', 500],
      ['.48', 480],
      ['.123', 123],
      ['.123456', 123],
      ['.999999999', 999],
    ] as const) {
      const s = `Nov 25 04:00:17${frac} host prog: msg`;
      expect(bsdStamp(s, 0, tr), s).toBe(base + ms);
      expect(tr.end, s).toBe(15 + frac.length);
    }
  });
});
