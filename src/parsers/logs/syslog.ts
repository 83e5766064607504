/**
 * syslog files as rsyslog, syslog-ng and sysklogd write them: RFC 3164
 * (year-less), RFC 5424, and rsyslog's ISO-8601 forms, with or without PRI
 * and hostname. /var/log/kern.log is read here too: it is syslog-framed, and
 * its stamps are wall-clock times (unlike raw dmesg, see `kernel`).
 * A line that starts no entry continues the previous one.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { EntryReader, share } from './lib/reader.js';
import { appLevelAt } from './lib/levels.js';
import { syslogLine } from './lib/syslog-line.js';
import { TimeReader } from './lib/stamps.js';
import { KERNEL_FILES, DB_FILES } from './lib/named-files.js';
import { Char } from './lib/char-codes.js';

class SyslogReader extends EntryReader {
  private lineNo = 0;
  private readonly make = (t: number, m: string): LogEvent => this.event(t, this.lineNo, m);

  protected head(line: string, lineNo: number): LogEvent | undefined {
    const c = line.charCodeAt(0);
    // Prefilter: every syslog entry starts with '<', a digit, a capital (month) or '[' (a bracketed stamp).
    if (!(c === Char.Lt || (c >= Char.Zero && c <= Char.Nine) || (c >= Char.A && c <= Char.Z) || c === Char.LBracket)) return undefined;
    this.lineNo = lineNo;
    return syslogLine(line, this.time, this.make);
  }
}

const probe = new TimeReader({ file: 'detect', clock: { tzName: 'UTC' }, mtimeMs: 0 });
const noop = (t: number, m: string): LogEvent => ({ time: t, timeQuality: 'unknown', source: '', line: 0, message: m });

/** A syslog line: a stamp, then a host or tag, not an application's level word (syslog-line.ts, appLevelAt). */
export function isSyslogLine(l: string): boolean {
  return syslogLine(l, probe, noop) !== undefined && appLevelAt(l, probe.end + 1) === undefined;
}

export const syslog: LogParser = {
  id: 'syslog',
  title: 'syslog (RFC 3164, RFC 5424, rsyslog ISO-8601)',
  segmentable: true,
  paths: [/\/var\/log\/(syslog|messages|kern\.log|auth\.log|secure|daemon\.log|user\.log|cron|maillog|mail\.log|debug)(\.\d+)?(\.gz)?$/],
  family: 'syslog',
  // kern.log is the kernel's lines in syslog form; mongod 3.x lines (ISO stamp, `[conn1]`) read as syslog are the database's.
  familyByPath: [KERNEL_FILES, DB_FILES],
  detect: (lines) => share(lines, isSyslogLine, 0.8),
  samples: [
    {
      lines: ['Jun 27 01:47:20 Tims-MacBook-Air.local configd[17]: network changed: v4(en0-:192.168.1.8) DNS- Proxy- SMB'],
      expect: { time: '2026-06-27T01:47:20.000Z', program: 'configd', pid: 17, message: 'network changed: v4(en0-:192.168.1.8) DNS- Proxy- SMB' },
      origin: 'lnav format-samples/syslog_log (year from clock: captureStart 2026-11-26)',
    },
    {
      lines: ['<78>1 2017-04-27T08:09:01+02:00 nextcloud CRON 1472 - -  (root) CMD (  [ -x /usr/lib/php5/sessionclean ] && /usr/lib/php5/sessionclean)'],
      expect: { time: '2017-04-27T06:09:01.000Z', program: 'CRON', pid: 1472, level: 'info', fields: { host: 'nextcloud' } },
      origin: 'lnav format-samples/syslog_log',
    },
    {
      lines: [
        '2025-08-31T09:36:55.418891-07:00 stack-pc2 rsyslogd: [origin software="rsyslogd" swVersion="8.2312.0" x-pid="1186" x-info="https://www.rsyslog.com"] rsyslogd was HUPed',
      ],
      expect: { time: '2025-08-31T16:36:55.418Z', program: 'rsyslogd', fields: { host: 'stack-pc2' } },
      origin: 'lnav format-samples/syslog_log',
    },
    {
      lines: ['1986-04-26T01:23:45.101+0400 rmbkmonitor04 shutdown[2649]: shutting down for system halt'],
      expect: { time: '1986-04-25T21:23:45.101Z', program: 'shutdown', pid: 2649, message: 'shutting down for system halt' },
      origin: 'beats filebeat/module/system/syslog/test/tz-offset.log',
    },
    {
      lines: ['Jan  4 10:23:26 Tims-MacBook-Air Setup Assistant[1173]: Creating connection'],
      expect: { time: '2026-01-04T10:23:26.000Z', program: 'Setup Assistant', pid: 1173 },
      origin: 'lnav format-samples/syslog_log',
    },
    {
      lines: [
        '[Jun 21 16:55:03] <auth.info> machine kernel: [  970.699396] @vserver_demo test-demo(pam_unix)[13709] [ID 255 test] F2B: failure from 192.0.2.3',
      ],
      expect: { time: '2026-06-21T16:55:03.000Z', program: 'kernel', level: 'info', fields: { host: 'machine' } },
      origin: 'fail2ban tests/files/logs/zzz-generic-example @1590f40 (not in the corpus copy; its "brackets as date ambit" line)',
    },
    {
      lines: ['2005-06-21 14:55:10 UTC machine test-demo(pam_unix)[13709] F2B: error from 192.0.2.10'],
      expect: { time: '2005-06-21T14:55:10.000Z', fields: { host: 'machine' } },
      origin: 'fail2ban tests/files/logs/zzz-generic-example @1590f40 (annotated 16:55:10 CEST: the UTC zone read)',
    },
    {
      lines: ['0000-12-30 00:00:00 server test-demo[47831]:  F2B: failure from 192.0.2.1'],
      expect: { time: null, program: 'test-demo', pid: 47831, fields: { host: 'server' } },
      origin: 'fail2ban tests/files/logs/zzz-generic-example @1590f40 (annotated "time": null: an impossible year)',
    },
    {
      lines: ['<133>Feb 25 14:09:07 webserver syslogd: restart'],
      expect: { time: '2026-02-25T14:09:07.000Z', program: 'syslogd', level: 'notice', message: 'restart', fields: { host: 'webserver' } },
      origin: 'syslog-ng admin guide, BSD-syslog message format (syslog-ng/syslog-ng.github.io)',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new SyslogReader(ctx);
  },
};
