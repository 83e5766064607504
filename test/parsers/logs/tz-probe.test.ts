/**
 * Parses a fixed set of lines whose instants were worked out by hand. It runs
 * in the normal test run and again, from tz.test.ts, in a child process with
 * an odd TZ (Pacific/Chatham, +12:45/+13:45) and a Turkish locale: the results
 * must be identical, i.e. nothing depends on the laptop's zone or locale.
 */
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
import type { HostClock } from '../../../src/parsers/types.js';
import { iso, runLines } from './run.js';

const clock: HostClock = { tzName: 'Europe/Berlin', utcOffsetMin: 60, captureStartMs: Date.parse('2026-11-26T05:40:00Z'), monoAtStartS: 100 };

const CASES: ReadonlyArray<[string, string, string]> = [
  ['syslog', 'Nov 26 06:16:16 vm sshd[1]: Accepted publickey', '2026-11-26T05:16:16.000Z'], // CET
  ['syslog', 'Jul  4 12:00:00 vm sshd[1]: Accepted publickey', '2026-07-04T10:00:00.000Z'], // CEST
  ['access-log', '127.0.0.1 - - [26/Nov/2026:06:16:16 +0100] "GET / HTTP/1.1" 200 3 "-" "curl/7.88.1"', '2026-11-26T05:16:16.000Z'],
  ['web-error', '2026/11/26 06:16:15 [notice] 18884#18884: start worker processes', '2026-11-26T05:16:15.000Z'],
  ['web-error', '[Tue Apr 04 06:28:08.605341 2017] [core:error] [pid 17962] AH00135: Invalid method', '2017-04-04T04:28:08.605Z'],
  ['mysql-error', '080721  3:04:01 [ERROR] /usr/sbin/mysqld: unknown variable', '2008-07-21T01:04:01.000Z'],
  ['postgresql', '2026-11-26 06:19:20.175 CET [24161] LOG:  starting PostgreSQL 15.18', '2026-11-26T05:19:20.175Z'],
  ['kernel', '[   10.500000] Out of memory: Killed process 4242 (java)', '2026-11-26T05:38:30.500Z'], // start - 100 s + 10.5 s
  ['kernel', '[Thu Nov 26 05:02:32 2026] Linux version 6.18.44', '2026-11-26T04:02:32.000Z'],
  ['app', '2026-11-26 05:20:26,110 - sitrep.demo - ERROR - boom', '2026-11-26T04:20:26.110Z'],
  // 2026-11-26T05:16:16Z = 1795670176 + 37 s TAI-UTC = 0x6b07c0c5
  ['app', '@400000006b07c0c500000000 svlogd: x', '2026-11-26T05:16:16.000Z'],
  // localised month with an I (lower-cased without the Turkish dotless ı): 12:00 CEST
  ['access-log', '127.0.0.1 - - [04/JUIL./2026:12:00:00 +0200] "GET / HTTP/1.1" 200 3 "-" "curl/7.88.1"', '2026-07-04T10:00:00.000Z'],
  ['app', '06:16:16.000 [main] INFO a', '2026-11-26T05:16:16.000Z'], // CET, the capture's day (06:40 CET)
  ['app', '[CET Nov 26 06:16:16] error    : x', '2026-11-26T05:16:16.000Z'],
  ['app', '11/26/2026 06:16:16 x', '2026-11-26T05:16:16.000Z'], // 26 is no month: month first
];

describe('results do not depend on the process zone or locale', () => {
  it.each(CASES)('%s: %s', (id, line, want) => {
    const { events } = runLines(logParser(id)!, [line], { clock });
    expect(iso(events[0]!.time)).toBe(want);
  });

  it.runIf(process.env.SITREP_TZ_CHILD === '1')('the child really runs in Pacific/Chatham', () => {
    expect(new Date(Date.UTC(2026, 10, 26)).getTimezoneOffset()).toBe(-825); // +13:45 in (southern) summer
  });
});
