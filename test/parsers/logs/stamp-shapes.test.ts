/**
 * The less common stamp shapes the generic `app` parser (and the access log's
 * localised months) read, one table row per shape. The sample is the real
 * line from fail2ban's test logs (read from the corpus at run time, never
 * copied here); the expected instant is fail2ban's `# failJSON:` annotation of
 * that line (or of the entry it heads), read as Zurich time as fail2ban's
 * harness does. Where the rule itself is the subject (TAI64N arithmetic, the
 * day/month order, the time-only day) the expectation is worked out by hand
 * next to the case, never taken from the parser's output.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { localMonthAt } from '../../../src/parsers/logs/lib/local-months.js';
import { taiToUtcSeconds } from '../../../src/parsers/logs/lib/tai64n.js';
import { logParser } from '../../../src/parsers/registry.js';
import { wallToEpochInZone } from '../../../src/parsers/time.js';
import type { HostClock, TimeQuality } from '../../../src/parsers/types.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { iso, runLines } from './run.js';

/** fail2ban's harness: TZ=Europe/Zurich, "now" 2005-08-14 12:00 CEST. */
const ZURICH: HostClock = { tzName: 'Europe/Zurich', captureStartMs: 1124013600_000 };
const LOGS = corpusPath('fail2ban', 'fail2ban', 'tests', 'files', 'logs');

/** Line n (1-based) of a fail2ban sample log. */
function corpusLine(file: string, n: number): string {
  return readFileSync(`${LOGS}/${file}`, 'utf8').split('\n')[n - 1]!.replace(/\r$/, '');
}

/** The instant of the failJSON annotation on the line before line n, read as Zurich wall time. */
function annotated(file: string, n: number): number {
  const m = /failJSON:\s*(\{.*\})/.exec(corpusLine(file, n - 1));
  const t = (JSON.parse(m![1]!) as { time: string }).time;
  const [y, mo, d, h, mi, s] = t.split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  return wallToEpochInZone({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, ZURICH);
}

interface Shape {
  shape: string;
  /** The sample line: file and line number in fail2ban's test logs. */
  at: [string, number];
  /** Whose annotation holds the expected instant, when not the sample's own (a multi-line entry's head). */
  want?: [string, number];
  parser?: string;
  quality: TimeQuality;
}

const SHAPES: Shape[] = [
  { shape: 'ASSP `Apr-07-13 07:08:36` (two-digit year)', at: ['assp', 2], quality: 'host-zone' },
  { shape: 'monit `[PDT Apr 16 21:05:29]`: zone before a year-less stamp', at: ['monit', 3], quality: 'inferred-year' },
  { shape: 'monit `[CEST Aug  6 10:14:52]`: four-letter zone, space-padded day', at: ['monit', 24], quality: 'inferred-year' },
  { shape: 'localised month `[02/sept./2015:00:11:31 +0200]` (access log)', at: ['openhab', 3], parser: 'access-log', quality: 'exact' },
  { shape: 'slashed numeric `10/06/2013 15:50:41`: month first by default', at: ['squirrelmail', 3], quality: 'host-zone' },
  { shape: 'Half-Life `L 01/01/2014 - 01:25:17:`', at: ['counter-strike', 2], quality: 'host-zone' },
  { shape: 'DirectAdmin `2014:07:02-00:17:45:`', at: ['directadmin', 2], quality: 'host-zone' },
  { shape: 'xrdp `[20220407-12:11:06]`', at: ['xrdp', 6], quality: 'host-zone' },
  { shape: 'stamp after a bracketed tag (Domino), dashed day first', at: ['domino-smtp', 4], quality: 'host-zone' },
  { shape: 'FreeSWITCH `08-03 07:56:53.026292`: ISO without its year', at: ['freeswitch', 24], quality: 'inferred-year' },
  { shape: 'time of day alone `12:57:32.907` (after "now": the day before)', at: ['guacamole', 17], quality: 'inferred-year' },
  { shape: 'Apache `[31/Jan/2015:14:29:44 ]` after four fields', at: ['apache-fakegooglebot', 3], quality: 'host-zone' },
  { shape: 'java.util.logging `apr 15, 2013 8:34:08 PM`', at: ['guacamole', 2], want: ['guacamole', 4], quality: 'host-zone' },
  { shape: 'java.util.logging, AM', at: ['guacamole', 6], want: ['guacamole', 8], quality: 'host-zone' },
];

describe.skipIf(!HAS_CORPUS)('stamp shapes on their fail2ban sample lines', () => {
  it.each(SHAPES)('$shape', ({ at, want, parser, quality }) => {
    const { events } = runLines(logParser(parser ?? 'app')!, [corpusLine(...at)], { clock: ZURICH });
    const t = events[0]?.time ?? null;
    // The annotations state whole seconds.
    expect(iso(t === null ? null : Math.floor(t / 1000) * 1000)).toBe(iso(annotated(...(want ?? at))));
    expect(events[0]?.timeQuality).toBe(quality);
  });

  it('TAI64N: 0x4c91b044 TAI seconds minus 34 s (TAI-UTC in 2010), 0x077a9e94 ns', () => {
    // 0x4c91b044 = 1284616260; TAI-UTC = 34 s from 2009-01-01 to 2012-07-01 → 1284616226 = 2010-09-16T05:50:26Z;
    // 0x077a9e94 = 125476500 ns → .125.
    const { events } = runLines(logParser('app')!, [corpusLine('dovecot', 2)], { clock: ZURICH });
    expect(iso(events[0]!.time)).toBe('2010-09-16T05:50:26.125Z');
    expect(events[0]!.timeQuality).toBe('exact');
    expect(events[0]!.message.startsWith('imap-login: Info: Aborted login')).toBe(true);
  });

  it('localised September spellings read as the annotated instant', () => {
    const line = corpusLine('openhab', 3);
    for (const month of ['Sep.', 'Sept.', 'set', 'septembre', 'September', 'sept']) {
      const { events } = runLines(logParser('access-log')!, [line.replace('sept.', month)], { clock: ZURICH });
      expect(iso(events[0]?.time ?? null), month).toBe(iso(annotated('openhab', 3)));
    }
  });
});

describe('TAI64N leap seconds', () => {
  const list = '/usr/share/zoneinfo/leap-seconds.list';
  it.skipIf(!existsSync(list))("agree with tzdata's leap-seconds.list at every step", () => {
    // Each entry: NTP seconds (since 1900) of the UTC midnight a new TAI-UTC starts, and that TAI-UTC.
    const rows = readFileSync(list, 'utf8')
      .split('\n')
      .filter((l) => /^\d/.test(l))
      .map((l) => l.split(/\s+/).map(Number) as [number, number]);
    expect(rows.length).toBeGreaterThan(20);
    for (const [ntp, off] of rows) {
      const utc = ntp - 2_208_988_800;
      expect(taiToUtcSeconds(utc + off), `step to ${off}`).toBe(utc);
      if (off > 10) expect(taiToUtcSeconds(utc + off - 2), `second before step to ${off}`).toBe(utc - 1);
    }
  });

  it('a 2026 label: TAI-UTC is 37 s since 2017', () => {
    // 2026-11-26T05:40:00Z = 1795671600; + 37 = 1795671637 TAI seconds.
    expect(taiToUtcSeconds(1_795_671_637)).toBe(Date.parse('2026-11-26T05:40:00Z') / 1000);
  });
});

describe('localised month names', () => {
  const cases: [string, number][] = [
    ['Jan', 1],
    ['janv.', 1],
    ['Jänner', 1],
    ['févr.', 2],
    ['Feb', 2],
    ['Mär', 3],
    ['März', 3],
    ['Mrz', 3],
    ['mars', 3],
    ['mrt', 3],
    ['avr.', 4],
    ['Mai', 5],
    ['mei', 5],
    ['mag', 5],
    ['juin', 6],
    ['Juni', 6],
    ['giu', 6],
    ['juil.', 7],
    ['Juli', 7],
    ['lug', 7],
    ['août', 8],
    ['ago', 8],
    ['sept.', 9],
    ['set', 9],
    ['Okt', 10],
    ['ott', 10],
    ['out', 10],
    ['Dez', 12],
    ['déc.', 12],
    ['dic', 12],
  ];
  it.each(cases)('%s is month %i, read to its end', (word, month) => {
    const v = localMonthAt(`01/${word}/2015`, 3);
    expect(v & 15).toBe(month);
    expect(v >> 4).toBe(word.length);
  });
  it('a word that is no month is not one', () => {
    expect(localMonthAt('01/Error/2015', 3)).toBe(0);
    expect(localMonthAt('01/Sun/2015', 3)).toBe(0);
  });
});

describe('numeric dates: day/month order', () => {
  const utc = (t: string): HostClock => ({ tzName: 'UTC', captureStartMs: Date.parse(t) });
  const times = (lines: string[], clock: HostClock): (string | null)[] => runLines(logParser('app')!, lines, { clock }).events.map((e) => iso(e.time));
  const late = utc('2030-01-01T00:00:00Z');

  it('slashes: month first, dashes and dots: day first, when nothing else decides', () => {
    expect(times(['10/06/2013 15:50:41 a', '10-06-2013 15:50:41 b', '10.06.2013 15:50:41 c'], late)).toEqual([
      '2013-10-06T15:50:41.000Z',
      '2013-06-10T15:50:41.000Z',
      '2013-06-10T15:50:41.000Z',
    ]);
  });

  it('a reading that is no date loses; the lines before do not count (a file may be read in parts)', () => {
    // 25/06: 25 is no month → day first. The next line, 10/06, still reads by the convention: 6 October.
    expect(times(['25/06/2013 10:00:00 a', '10/06/2013 11:00:00 b'], late)).toEqual(['2013-06-25T10:00:00.000Z', '2013-10-06T11:00:00.000Z']);
    // 06-25: 25 is no month → month first, also for dashes; 10-06 then reads day first (10 June).
    expect(times(['06-25-2013 10:00:00 a', '10-06-2013 11:00:00 b'], late)).toEqual(['2013-06-25T10:00:00.000Z', '2013-06-10T11:00:00.000Z']);
  });

  it("fail2ban's own template examples (datedetector.py comments): cPanel's `:` before the time, x11vnc day first", () => {
    // 20 and 23 are no months: each line's order is fixed by itself.
    expect(times(['05/20/2008:01:57:39 a'], late)).toEqual(['2008-05-20T01:57:39.000Z']);
    expect(times(['23/01/2005 21:59:59 a'], late)).toEqual(['2005-01-23T21:59:59.000Z']);
  });

  it('the default reading loses when it is after the reference (+1 day) and the other is not', () => {
    // Captured 2013-07-01: 10/06 as 6 October is in the future, as 10 June it is not.
    expect(times(['10/06/2013 15:50:41 a'], utc('2013-07-01T00:00:00Z'))).toEqual(['2013-06-10T15:50:41.000Z']);
    // Both in the past: the convention stands.
    expect(times(['10/06/2013 15:50:41 a'], utc('2013-12-01T00:00:00Z'))).toEqual(['2013-10-06T15:50:41.000Z']);
  });
});

describe('time of day alone', () => {
  it('up to 15 minutes after the reference is still its day; later is the day before', () => {
    const clock: HostClock = { tzName: 'UTC', captureStartMs: Date.parse('2026-11-26T12:00:00Z') };
    const { events } = runLines(logParser('app')!, ['12:10:00.000 [main] INFO a', '12:20:00.000 [main] INFO b'], { clock });
    expect(events.map((e) => iso(e.time))).toEqual(['2026-11-26T12:10:00.000Z', '2026-11-25T12:20:00.000Z']);
  });
});
