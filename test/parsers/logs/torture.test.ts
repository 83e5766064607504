/**
 * Hostile and awkward input: year rollover, DST gaps and repeats, mixed zones,
 * out-of-order lines, huge and binary lines, invalid UTF-8. Expected instants
 * are worked out by hand from the zone rules (stated next to each), never taken
 * from the parser's own output.
 */
import { describe, expect, it } from 'vitest';
import { LOG_PARSERS, logParser } from '../../../src/parsers/registry.js';
import type { HostClock } from '../../../src/parsers/types.js';
import { iso, runLines } from './run.js';

const utc: HostClock = { tzName: 'UTC', captureStartMs: Date.parse('2027-01-01T00:10:00Z') };
const berlin: HostClock = { tzName: 'Europe/Berlin', utcOffsetMin: 60 };
const newYork: HostClock = { tzName: 'America/New_York', utcOffsetMin: -300 };

describe('year rollover', () => {
  it('a Dec 31 line in a file written on Jan 1 belongs to the previous year', () => {
    const { events } = runLines(
      logParser('syslog')!,
      [
        'Dec 31 23:59:58 lxc-rhel68-sat56 wrapper[11375]: Launching a JVM...',
        'Jan  1 00:00:02 lxc-rhel68-sat56 yum[11597]: Installed: lynx-2.8.6-27.el6.x86_64',
      ],
      { clock: utc, mtimeMs: Date.parse('2027-01-01T00:00:05Z') },
    );
    expect(events.map((e) => iso(e.time))).toEqual(['2026-12-31T23:59:58.000Z', '2027-01-01T00:00:02.000Z']);
    expect(events.every((e) => e.timeQuality === 'inferred-year')).toBe(true);
  });

  it('without an mtime the capture start bounds the year', () => {
    const { events } = runLines(logParser('syslog')!, ['Dec 31 23:59:58 host wrapper[1]: x'], { clock: utc });
    expect(iso(events[0]!.time)).toBe('2026-12-31T23:59:58.000Z');
  });
});

describe('DST (host zone, no offset printed)', () => {
  // nginx error log stamps are local time without zone.
  const nginx = (stamp: string): string =>
    `${stamp} [error] 18885#18885: *5 upstream timed out (110: Connection timed out) while reading response header from upstream`;
  it('Europe/Berlin spring forward: 02:30 does not exist, read with the offset before (+01:00)', () => {
    const { events } = runLines(logParser('web-error')!, [nginx('2026/03/29 01:59:59'), nginx('2026/03/29 02:30:00'), nginx('2026/03/29 03:00:00')], {
      clock: berlin,
    });
    // 01:59:59 CET = 00:59:59Z; 02:30 "CET" = 01:30Z; 03:00 CEST = 01:00Z
    expect(events.map((e) => iso(e.time))).toEqual(['2026-03-29T00:59:59.000Z', '2026-03-29T01:30:00.000Z', '2026-03-29T01:00:00.000Z']);
    expect(events.every((e) => e.timeQuality === 'host-zone')).toBe(true);
  });
  it('Europe/Berlin fall back: 02:30 happens twice, the earlier (CEST, +02:00) is chosen', () => {
    const { events } = runLines(logParser('web-error')!, [nginx('2026/10/25 01:59:59'), nginx('2026/10/25 02:30:00'), nginx('2026/10/25 03:00:00')], {
      clock: berlin,
    });
    // 01:59:59 CEST = 23:59:59Z (24th); 02:30 CEST = 00:30Z; 03:00 CET = 02:00Z
    expect(events.map((e) => iso(e.time))).toEqual(['2026-10-24T23:59:59.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T02:00:00.000Z']);
  });
  it('America/New_York both changes (MySQL 5.x local stamps)', () => {
    const { events } = runLines(
      logParser('mysql-error')!,
      [
        '260308  2:30:00 [Warning] Neither --relay-log nor --relay-log-index were used',
        '260308  3:30:00 [Warning] Neither --relay-log nor --relay-log-index were used',
        '261101  1:30:00 [ERROR] Failed to open the relay log',
        '261101  2:30:00 [ERROR] Failed to open the relay log',
      ],
      { clock: newYork },
    );
    // 2026-03-08 02:30 skipped → EST (-05:00) = 07:30Z; 03:30 EDT = 07:30Z; 2026-11-01 01:30 repeated → EDT = 05:30Z; 02:30 EST = 07:30Z
    expect(events.map((e) => iso(e.time))).toEqual([
      '2026-03-08T07:30:00.000Z',
      '2026-03-08T07:30:00.000Z',
      '2026-11-01T05:30:00.000Z',
      '2026-11-01T07:30:00.000Z',
    ]);
  });
});

describe('mixed zones and order', () => {
  it('each line keeps its own offset; out-of-order lines are kept in input order', () => {
    const { events } = runLines(
      logParser('syslog')!,
      [
        '2018-08-14T14:30:02.203151+02:00 linux-sqrz systemd[4179]: Stopped target Basic System.',
        '1986-04-26T01:23:45.388424+04:00 rmbkmonitor04 thermald: constraint_0_power_limit_uw exceeded.',
        '2025-08-31T09:36:55.418891-07:00 stack-pc2 rsyslogd: rsyslogd was HUPed',
        '2019-06-14T10:40:20.912134 localhost sudo: pam_unix(sudo-i:session): session opened for user root',
      ],
      { clock: berlin },
    );
    expect(events.map((e) => iso(e.time))).toEqual([
      '2018-08-14T12:30:02.203Z',
      '1986-04-25T21:23:45.388Z',
      '2025-08-31T16:36:55.418Z',
      '2019-06-14T08:40:20.912Z', // no offset: Berlin CEST in June
    ]);
    expect(events.map((e) => e.timeQuality)).toEqual(['exact', 'exact', 'exact', 'host-zone']);
  });
});

function garbage(bytes: number, seed: number): string {
  let x = seed;
  const buf = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    buf[i] = x >> 16;
  }
  return buf.toString('utf8'); // invalid sequences become U+FFFD, as the loader does
}

describe.each(LOG_PARSERS.map((p) => [p.id, p] as const))('%s survives hostile lines', (_id, parser) => {
  it('64 KiB of binary garbage and 1 MiB of repeated stamp fragments: diagnostics, not exceptions, and fast', () => {
    const lines = [
      garbage(64 * 1024, 7),
      '2026/11/26 06:16:16 [error] '.repeat(2400),
      `127.0.0.1 - - [26/Nov/2026:06:16:16 +0100] "${'GET / '.repeat(10_000)}`,
      `"a", ${'b, '.repeat(20_000)} - - [`,
      '\u0000\u0001\u0002\u001b[31m\uFFFD\uFFFD',
      'x'.repeat(1 << 20),
    ];
    const t0 = performance.now();
    const { events, diagnostics } = runLines(parser, lines);
    const ms = performance.now() - t0;
    expect(ms).toBeLessThan(2000);
    for (const e of events) expect(e.message.length).toBeLessThanOrEqual(8 * 1024);
    expect(Array.isArray(diagnostics)).toBe(true);
  });

  it('invalid UTF-8 lines are counted', () => {
    const reader = parser.open({ file: 'x.log', clock: utc });
    reader.push('2026-11-26T06:15:13.887747+0100 vm sitrep-test[17678]: caf\uFFFD \uFFFD', 1);
    reader.push('\uFFFD\uFFFD\uFFFD', 2);
    reader.end();
    expect(reader.diagnostics.some((d) => /invalid UTF-8/.test(d.message) && d.message.startsWith('2 '))).toBe(true);
  });
});

describe('binary garbage after good lines', () => {
  it('is reported per line and does not lose the good events', () => {
    const lines = ['Jun 27 01:47:20 Tims-MacBook-Air.local configd[17]: network changed'];
    for (let i = 0; i < 120; i++) lines.push(`\u0000${garbage(200, i + 1)}`);
    lines.push('Jun 27 01:47:21 Tims-MacBook-Air.local configd[17]: network changed again');
    const { events, badLines, diagnostics } = runLines(logParser('journal')!, lines, { clock: utc });
    expect(events.filter((e) => e.time !== null)).toHaveLength(2);
    expect(badLines).toBe(120);
    expect(diagnostics.filter((d) => d.line !== undefined)).toHaveLength(50);
    expect(diagnostics.some((d) => d.message.startsWith('120 lines not recognised'))).toBe(true);
  });
});

describe('kernel without clock facts', () => {
  it('gives no time, says why once, and still strips the stamp', () => {
    const { events, diagnostics } = runLines(
      logParser('kernel')!,
      ['[    2.090905] SELinux:  Completing initialization.', "[Firmware Bug]: TSC doesn't count with P0 frequency!"],
      { clock: {} },
    );
    expect(events.map((e) => [e.time, e.timeQuality, e.message])).toEqual([
      [null, 'unknown', 'SELinux:  Completing initialization.'],
      [null, 'unknown', "[Firmware Bug]: TSC doesn't count with P0 frequency!"],
    ]);
    expect(diagnostics.filter((d) => /cannot be placed/.test(d.message))).toHaveLength(1);
  });
});
