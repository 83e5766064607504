/**
 * The sysstat parsers' shared loop head, on sysstat's own reference output:
 * blank lines and the dated header are not data, the header's date is
 * handed over, every other line comes out once with its index.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { numberedLines } from '../../src/parsers/commands/lib/lines.js';
import { startDate, sysstatLines } from '../../src/parsers/commands/lib/sysstat-lines.js';
import type { DateParts } from '../../src/parsers/commands/lib/sysstat-time.js';
import { corpusPath } from '../helpers/corpus.js';

const FILE = corpusPath('sysstat', 'tests', 'expected.mpstat-A');

describe.skipIf(!existsSync(FILE))('sysstatLines', () => {
  it('skips blank lines and the header, handing over its date', () => {
    const lines = numberedLines(readFileSync(FILE, 'utf8'));
    const dates: DateParts[] = [];
    const got = [...sysstatLines(lines, (d) => dates.push(d))];
    // the header line of this file reads `Linux 1.2.3-TEST (SYSSTAT.TEST) \t06/01/20 ...`
    expect(dates).toEqual([{ year: 2020, month: 6, day: 1 }]);
    const kept = lines.map((l, i) => [l, i] as const).filter(([l]) => l.trim() !== '' && !l.startsWith('Linux '));
    expect(got).toEqual(kept);
  });

  it('starts from the command date in the host zone, or none without one', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin
    const ms = Date.UTC(2025, 11, 31, 23, 30);
    expect(startDate({ file: 'x', clock: { tzName: 'Europe/Berlin' }, startMs: ms })).toEqual({ year: 2026, month: 1, day: 1 });
    expect(startDate({ file: 'x', clock: { tzName: 'UTC' } })).toBeNull();
  });
});
