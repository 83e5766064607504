/**
 * Issue 21: bracketed and verbose syslog stamps, a zone name after an ISO time,
 * syslog-ng's stamp macros, and impossible years. The sample lines are real:
 * fail2ban's annotated `zzz-generic-example` (fail2ban/fail2ban@1590f40ada7a,
 * fail2ban/tests/files/logs; the corpus copy lacks that file, so its lines are
 * quoted here with their annotation), its `bsd/syslog-vv.txt` (read from the
 * corpus at run time), and syslog-ng's administration guide
 * (syslog-ng/syslog-ng.github.io@014aa958, doc/_admin-guide: the BSD-syslog
 * sample message `<133>Feb 25 14:09:07 webserver syslogd: restart`, and the
 * stamps its macro reference gives as examples: `$DATE` `Jun 13 15:58:00`,
 * `$FULLDATE` `2006 Jun 13 15:58:00`, `$ISODATE` `2006-06-13T15:58:00.123+01:00`,
 * each put before the sample's `webserver syslogd: restart` as a file template
 * `<stamp macro> $HOST $MSGHDR$MSG` writes it).
 * Expected instants are fail2ban's annotations read as Zurich wall time, as its
 * harness does (TZ=Europe/Zurich, "now" 2005-08-14 12:00 CEST), or worked out by
 * hand next to the case; never taken from the parser's output.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
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
  /** fail2ban's failJSON time of the line (Zurich wall time), or the instant worked out by hand (`…Z`). */
  annotated: string;
  quality: TimeQuality;
  program?: string;
  host?: string;
  level?: Level;
  /** Text the message holds (fail2ban's lines all hold `F2B: `). */
  text?: string;
}

const F2B = 'fail2ban zzz-generic-example';
const SNG = 'syslog-ng admin guide';
const SHAPES: Shape[] = [
  {
    shape: `${F2B}: plain stamp, host, program[pid]`,
    line: 'Jun 21 16:47:46 machine test-demo[13709]: F2B: failure from 192.0.2.1',
    annotated: '2005-06-21T16:47:46',
    quality: 'inferred-year',
    program: 'test-demo',
    host: 'machine',
  },
  {
    shape: `${F2B}: no host`,
    line: 'Jun 21 16:47:48 test-demo[13709]: F2B: failure from 192.0.2.1',
    annotated: '2005-06-21T16:47:48',
    quality: 'inferred-year',
    program: 'test-demo',
  },
  {
    shape: `${F2B}: kernel prefix`,
    line: 'Jun 21 16:47:50 machine kernel: [  970.699396] F2B: failure from 192.0.2.2',
    annotated: '2005-06-21T16:47:50',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
  },
  {
    shape: `${F2B}: [daemon] without a colon`,
    line: 'Jun 21 16:47:52 machine [test-demo] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:47:52',
    quality: 'inferred-year',
    host: 'machine',
  },
  {
    shape: `${F2B}: [daemon][pid] without a colon`,
    line: 'Jun 21 16:47:53 machine [test-demo][13709] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:47:53',
    quality: 'inferred-year',
  },
  {
    shape: `${F2B}: daemon(pam_unix) without a colon`,
    line: 'Jun 21 16:50:00 machine test-demo(pam_unix) F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:50:00',
    quality: 'inferred-year',
    host: 'machine',
  },
  {
    shape: `${F2B}: daemon(pam_unix)[pid] without a colon`,
    line: 'Jun 21 16:50:02 machine test-demo(pam_unix)[13709] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:50:02',
    quality: 'inferred-year',
    host: 'machine',
  },
  {
    shape: `${F2B}: bracketed stamp, verbose <facility.severity>`,
    line: '[Jun 21 16:55:03] <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:55:03',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
    level: 'info',
  },
  {
    shape: `${F2B}: bracketed stamp, host, tag without a colon`,
    line: '[Jun 21 16:56:02] machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.250',
    annotated: '2005-06-21T16:56:02',
    quality: 'inferred-year',
    host: 'machine',
  },
  {
    shape: `${F2B}: verbose <facility.severity> after a plain stamp`,
    line: 'Jun 21 16:55:01 <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test] F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:55:01',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
    level: 'info',
  },
  {
    shape: `${F2B}: verbose <facility.severity> with spaces around`,
    line: 'Jun 21 16:55:02   <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test]    F2B: failure from 192.0.2.3',
    annotated: '2005-06-21T16:55:02',
    quality: 'inferred-year',
    program: 'kernel',
    host: 'machine',
    level: 'info',
  },
  {
    shape: `${F2B}: ISO time, no zone: the host zone`,
    line: '2005-06-21 16:55:09 machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.09',
    annotated: '2005-06-21T16:55:09',
    quality: 'host-zone',
    host: 'machine',
  },
  {
    shape: `${F2B}: ISO time, then UTC: the zone read (14:55:10 UTC is 16:55:10 CEST)`,
    line: '2005-06-21 14:55:10 UTC machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.10',
    annotated: '2005-06-21T16:55:10',
    quality: 'exact',
    host: 'machine',
  },
  {
    shape: `${F2B}: ISO time, then GMT`,
    line: '2005-06-21 14:55:11 GMT machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.11',
    annotated: '2005-06-21T16:55:11',
    quality: 'exact',
    host: 'machine',
  },
  // 2005-02-25 14:09:07 CET (+01:00), year from "now" 2005-08-14; PRI 133 = local0.notice.
  {
    shape: `${SNG}: BSD-syslog sample with PRI`,
    line: '<133>Feb 25 14:09:07 webserver syslogd: restart',
    annotated: '2005-02-25T13:09:07.000Z',
    quality: 'inferred-year',
    program: 'syslogd',
    host: 'webserver',
    level: 'notice',
    text: 'restart',
  },
  // $DATE in brackets and <$FACILITY.$PRIORITY>: 2005-06-13 15:58:00 CEST (+02:00).
  {
    shape: `${SNG}: [$DATE] <$FACILITY.$PRIORITY>`,
    line: '[Jun 13 15:58:00] <local0.notice> webserver syslogd: restart',
    annotated: '2005-06-13T13:58:00.000Z',
    quality: 'inferred-year',
    program: 'syslogd',
    host: 'webserver',
    level: 'notice',
    text: 'restart',
  },
  // $FULLDATE: the year first; 2006-06-13 15:58:00 CEST (+02:00), the host's zone.
  {
    shape: `${SNG}: $FULLDATE`,
    line: '2006 Jun 13 15:58:00 webserver syslogd: restart',
    annotated: '2006-06-13T13:58:00.000Z',
    quality: 'host-zone',
    program: 'syslogd',
    host: 'webserver',
    text: 'restart',
  },
  // $ISODATE with milliseconds and its offset: 15:58:00.123+01:00 = 14:58:00.123Z.
  {
    shape: `${SNG}: $ISODATE`,
    line: '2006-06-13T15:58:00.123+01:00 webserver syslogd: restart',
    annotated: '2006-06-13T14:58:00.123Z',
    quality: 'exact',
    program: 'syslogd',
    host: 'webserver',
    text: 'restart',
  },
];
const want = (a: string): string => (a.endsWith('Z') ? a : zurich(a));

describe('syslog stamp shapes (fail2ban zzz-generic-example, syslog-ng)', () => {
  it.each(SHAPES)('--as syslog: $shape', ({ line, annotated, quality, program, host, level, text }) => {
    const { events, diagnostics } = runLines(logParser('syslog')!, [line], { clock: ZURICH });
    expect(events).toHaveLength(1);
    const ev = events[0]!;
    expect(iso(ev.time)).toBe(want(annotated));
    expect(ev.timeQuality).toBe(quality);
    if (program) expect(ev.program).toBe(program);
    if (host) expect(ev.fields?.host).toBe(host);
    if (level) expect(ev.level).toBe(level);
    expect(ev.message).toContain(text ?? 'F2B: ');
    expect(diagnostics).toEqual([]);
  });

  it('each line starts its own entry: none is folded into the line before', () => {
    const lines = SHAPES.map((s) => s.line);
    const { events } = runLines(logParser('syslog')!, lines, { clock: ZURICH });
    expect(events.map((e) => e.line)).toEqual(lines.map((_, i) => i + 1));
    expect(events.map((e) => iso(e.time))).toEqual(SHAPES.map((s) => want(s.annotated)));
  });

  it('auto-detection picks syslog for a file of these lines', () => {
    expect(pickParser(SHAPES.map((s) => s.line)).id).toBe('syslog');
    const bracketed = SHAPES.filter((s) => s.line.startsWith('['));
    expect(bracketed.length).toBeGreaterThanOrEqual(3);
    expect(pickParser(bracketed.map((s) => s.line)).id).toBe('syslog');
    expect(pickParser(SHAPES.filter((s) => s.shape.startsWith(SNG)).map((s) => s.line)).id).toBe('syslog');
  });

  it(`${F2B}: a date inside a continuation line (a plist dump) is text, not a stamp (annotated "match": false)`, () => {
    const lines = [
      'Jun 22 20:37:04 server test-demo[402]: writeToStorage plist={',
      '             absentCircleWithNoReason = 0;',
      '             applicationDate = "0000-12-30 00:00:00 +0000";',
      '}',
    ];
    const { events, diagnostics } = runLines(logParser('syslog')!, lines, { clock: ZURICH });
    expect(events).toHaveLength(1);
    expect(iso(events[0]!.time)).toBe(zurich('2005-06-22T20:37:04'));
    expect(events[0]!.message).toContain('applicationDate = "0000-12-30 00:00:00 +0000";');
    expect(diagnostics).toEqual([]);
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
