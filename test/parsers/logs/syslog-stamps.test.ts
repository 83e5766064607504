/**
 * Issue 21: bracketed and verbose syslog stamps, a zone name after an ISO time,
 * and impossible years. The sample lines are real: fail2ban's annotated
 * `zzz-generic-example` (fail2ban/fail2ban@1590f40, tests/files/logs; the
 * corpus copy lacks that file, so the few lines are quoted here with their
 * annotation) and its `bsd/syslog-vv.txt` (read from the corpus at run time).
 * Expected instants are fail2ban's annotations read as Zurich wall time, as its
 * harness does (TZ=Europe/Zurich, "now" 2005-08-14 12:00 CEST), or worked out by
 * hand next to the case; never taken from the parser's output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOG_PARSERS, logParser } from '../../../src/parsers/registry.js';
import { wallToEpochInZone } from '../../../src/parsers/time.js';
import type { HostClock, Level, TimeQuality } from '../../../src/parsers/types.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { pickParser } from './pick.js';
import { iso, runLines } from './run.js';

const ZURICH: HostClock = { tzName: 'Europe/Zurich', captureStartMs: 1124013600_000 };
const zurich = (t: string): string => {
  const [y, mo, d, h, mi, s] = t.split(/[-T:]/).map(Number) as [number, number, number, number, number, number];
  return iso(wallToEpochInZone({ year: y, month: mo, day: d, hour: h, minute: mi, second: s }, ZURICH))!;
};

interface Shape {
  shape: string;
  line: string;
  /** fail2ban's failJSON time of the line (Zurich wall time). */
  annotated: string;
  quality: TimeQuality;
  program?: string;
  host?: string;
  level?: Level;
}

const SHAPES: Shape[] = [
  {
    shape: 'bracketed stamp, verbose <facility.severity>',
    line: '[Jun 21 16:55:03] <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:55:03',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
    level: 'info',
  },
  {
    shape: 'bracketed stamp, host, tag without a colon',
    line: '[Jun 21 16:56:02] machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.250',
    annotated: '2005-06-21T16:56:02',
    quality: 'inferred-year',
    host: 'machine',
  },
  {
    shape: 'verbose <facility.severity> after a plain stamp',
    line: 'Jun 21 16:55:01 <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:55:01',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
    level: 'info',
  },
  {
    shape: 'verbose <facility.severity> with spaces around',
    line: 'Jun 21 16:55:02   <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test]    F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:55:02',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
    level: 'info',
  },
  {
    shape: 'ISO time, no zone: the host zone',
    line: '2005-06-21 16:55:09 machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.09',
    annotated: '2005-06-21T16:55:09',
    quality: 'host-zone',
    host: 'machine',
  },
  {
    shape: 'ISO time, then UTC: the zone read (14:55:10 UTC is 16:55:10 CEST)',
    line: '2005-06-21 14:55:10 UTC machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.10',
    annotated: '2005-06-21T16:55:10',
    quality: 'exact',
    host: 'machine',
  },
  {
    shape: 'ISO time, then GMT',
    line: '2005-06-21 14:55:11 GMT machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.11',
    annotated: '2005-06-21T16:55:11',
    quality: 'exact',
    host: 'machine',
  },
];

describe('syslog stamp shapes (fail2ban zzz-generic-example)', () => {
  it.each(SHAPES)('--as syslog: $shape', ({ line, annotated, quality, program, host, level }) => {
    const { events, diagnostics } = runLines(logParser('syslog')!, [line], { clock: ZURICH });
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(iso(ev.time)).toBe(zurich(annotated));
    expect(ev.timeQuality).toBe(quality);
    if (program) expect(ev.program).toBe(program);
    if (host) expect(ev.fields?.host).toBe(host);
    if (level) expect(ev.level).toBe(level);
    expect(ev.message).toContain('F2B: ');
    expect(diagnostics).toEqual([]);
  });

  it('each line starts its own entry: none is folded into the line before', () => {
    const lines = ['Jun 21 16:47:46 machine test-demo[13709]: F2B: failure from 192.0.2.1', ...SHAPES.map((s) => s.line)];
    const { events } = runLines(logParser('syslog')!, lines, { clock: ZURICH });
    expect(events.map((e) => e.line)).toEqual(lines.map((_, i) => i + 1));
    expect(events.map((e) => iso(e.time))).toEqual(['2005-06-21T16:47:46', ...SHAPES.map((s) => s.annotated)].map(zurich));
  });

  it('auto-detection picks syslog for a file of these lines', () => {
    expect(pickParser(SHAPES.map((s) => s.line)).id).toBe('syslog');
    expect(pickParser([SHAPES[0]!.line, SHAPES[1]!.line]).id).toBe('syslog');
  });

  it.skipIf(!HAS_CORPUS)('sysklogd -v (fail2ban bsd/syslog-vv.txt): `<auth.info>` read as the level, the host after it', () => {
    const text = readFileSync(corpusPath('fail2ban', 'fail2ban', 'tests', 'files', 'logs', 'bsd', 'syslog-vv.txt'), 'utf8');
    const first = text.split('\n')[0]!;
    expect(first.startsWith('Mar 19 23:48:18 <auth.info> pancake sshd[55517]: ')).toBe(true);
    const { events } = runLines(logParser('syslog')!, [first], { clock: ZURICH });
    // Year inferred from "now" (2005-08-14): 2005-03-19 23:48:18 CET (+01:00) = 22:48:18Z.
    expect(iso(events[0]!.time)).toBe('2005-03-19T22:48:18.000Z');
    expect(events[0]).toMatchObject({ program: 'sshd', pid: 55517, level: 'info', fields: { host: 'pancake' } });
  });
});

describe('impossible years: no time, a diagnostic naming the line', () => {
  const ZERO = '0000-12-30 00:00:00 server test-demo[47831]:  F2B: failure from 192.0.2.1';

  it('fail2ban\'s `0000-12-30` line (annotated "time": null) keeps its text, gets no time', () => {
    const before: Readonly<Record<string, string>> = { syslog: 'Jun 21 16:47:46 machine test-demo[13709]: F2B: a', app: '2005-06-21 16:55:09 machine F2B: a' };
    for (const id of ['syslog', 'app']) {
      const { events, diagnostics } = runLines(logParser(id)!, [before[id]!, ZERO], { clock: ZURICH });
      expect(events, id).toHaveLength(2);
      expect(events[1]).toMatchObject({ time: null, timeQuality: 'unknown', line: 2 });
      expect(events[1]!.message).toContain('F2B: failure from 192.0.2.1');
      expect(
        diagnostics.filter((d) => d.line === 2),
        id,
      ).toHaveLength(1);
      expect(diagnostics.find((d) => d.line === 2)!.message).toContain('year 0000');
    }
  });

  // Each parser's own sample with its stamp's year replaced: before 1970, and 60 years after the capture.
  const years = ['0000', '0001', '0069', '0070', '0099', '1900', '1969', '2087', '9999'];
  const clock: HostClock = { tzName: 'UTC', captureStartMs: Date.parse('2026-11-26T05:40:00Z') };
  const rows = LOG_PARSERS.flatMap((p) => p.samples.map((s, k) => ({ p, s, k }))).filter(({ s }) => /\b(?:19[7-9]\d|20\d\d)\b/.test(s.lines.join('\n')));

  it.each(rows.map((r) => [`${r.p.id}#${r.k}`, r] as const))('%s: a stamp in another year gives no time', (_, { p, s }) => {
    const year = /\b(?:19[7-9]\d|20\d\d)\b/.exec(s.lines.join('\n'))![0];
    for (const y of years) {
      const lines = s.lines.map((l) => l.split(year).join(y));
      const { events, diagnostics } = runLines(p, lines, { clock, mtimeMs: clock.captureStartMs! });
      for (const ev of events) {
        if (ev.time !== null) {
          // A time may stand only where the line did not state the year (an epoch, a year-less stamp).
          expect(ev.time, `${y}: ${lines[0]}`).toBeGreaterThanOrEqual(0);
          expect(new Date(ev.time).getUTCFullYear(), `${y}: ${lines[0]}`).not.toBe(Number(y) < 100 ? 1900 + Number(y) : Number(y));
        } else
          expect(
            diagnostics.some((d) => d.line === ev.line && d.message.includes(`year ${y}`)),
            `${y}: ${lines[0]}`,
          ).toBe(true);
      }
    }
  });

  it('the sweep covers every log parser that states a year in its samples', () => {
    const covered = new Set(rows.map((r) => r.p.id));
    for (const id of ['syslog', 'app', 'access-log', 'web-error', 'mysql-error', 'postgresql', 'postgresql-csv', 'kernel'])
      expect(covered.has(id), id).toBe(true);
  });

  it('every year 0000-0099, in every stamp shape that states one, gives no event before 1970', () => {
    const shapes = [
      (y: string) => `${y}-06-21 16:55:09 machine test-demo[1]: a`, // syslog ISO, host zone
      (y: string) => `${y}-06-21T16:55:09+02:00 machine test-demo[1]: a`, // rsyslog ISO, offset
      (y: string) => `Jun 21 ${y} 16:55:09 machine test-demo[1]: a`, // BSD stamp with a year
      (y: string) => `${y}-06-21 16:55:09,123 ERROR [main] a`, // log4j
      (y: string) => `${y}/06/21 16:55:09 [error] 1#1: *1 connect() failed`, // nginx error
      (y: string) => `127.0.0.1 - - [21/Jun/${y}:16:55:09 +0200] "GET / HTTP/1.1" 200 1 "-" "-"`, // access log
      (y: string) => `${y}-06-21 16:55:09.123 UTC [1] LOG:  a`, // PostgreSQL
      (y: string) => `${y}-06-21T16:55:09.123456Z 0 [Note] a`, // MySQL 8
    ];
    for (let n = 0; n < 100; n++) {
      const y = String(n).padStart(4, '0');
      for (const shape of shapes) {
        const line = shape(y);
        for (const p of LOG_PARSERS) {
          const { events } = runLines(p, [line], { clock });
          // Not before 1970, and not 1970-1999 either (Date.UTC's reading of 70-99): any time left is the capture's era.
          for (const ev of events) expect(ev.time === null || new Date(ev.time).getUTCFullYear() >= 2000, `${p.id}: ${line}`).toBe(true);
        }
      }
    }
  });
});
