/**
 * MySQL / MariaDB error logs in their three stamp generations:
 * 5.0–5.5 `080721  3:04:00 [Warning] …` (YYMMDD, local time), MariaDB 10
 * `2019-10-16 17:24:15 0 [Note] …` (local time, one-digit hours space-padded),
 * and 5.7/8.0 `2019-03-24T13:44:25.484123Z 0 [System] [MY-013169] [Server] …`
 * (UTC, or an offset with log_timestamps=SYSTEM). Lines with no stamp (InnoDB
 * dumps, wrapped messages, mysqld_safe noise) belong to the previous entry.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { cap, isDigit, num } from './lib/chars.js';
import { levelOf } from './lib/levels.js';
import { EntryReader, share } from './lib/reader.js';
import { Char } from './lib/char-codes.js';

class MysqlErrorReader extends EntryReader {
  protected head(line: string, lineNo: number): LogEvent | undefined {
    if (!isDigit(line, 0) || !isDigit(line, 1)) return undefined;
    let t: number;
    if (line.charCodeAt(6) === Char.Space && isDigit(line, 5)) t = this.short(line);
    else if (line.charCodeAt(4) === Char.Dash) t = this.time.iso(line, 0, false);
    else return undefined;
    if (t !== t) return undefined;
    let i = this.time.end;
    while (line.charCodeAt(i) === Char.Space || line.charCodeAt(i) === Char.Tab) i++;
    const fields: Record<string, string | number | null> = {};
    // Thread / connection id before the level (5.7+, MariaDB 10)
    let j = i;
    while (isDigit(line, j)) j++;
    if (j > i && line.charCodeAt(j) === Char.Space && line.charCodeAt(j + 1) === Char.LBracket) {
      fields.thread = Number(line.slice(i, j));
      i = j + 1;
    }
    let level: LogEvent['level'];
    if (line.charCodeAt(i) === Char.LBracket) {
      const close = line.indexOf(']', i);
      level = close > 0 ? levelOf(line.slice(i + 1, close)) : undefined;
      if (level) {
        i = close + 2;
        if (line.startsWith('[MY-', i)) {
          const c2 = line.indexOf(']', i);
          fields.code = line.slice(i + 1, c2);
          i = c2 + 2;
          if (line.charCodeAt(i) === Char.LBracket) {
            const c3 = line.indexOf(']', i);
            fields.subsystem = line.slice(i + 1, c3);
            i = c3 + 2;
          }
        }
      }
    }
    const ev = this.event(t, lineNo, cap(line.slice(Math.min(i, line.length))));
    if (level) ev.level = level;
    ev.program = 'mysqld';
    ev.fields = fields;
    return ev;
  }

  /** `YYMMDD HH:MM:SS` or `YYMMDD  H:MM:SS` (5.0–5.5), local time. */
  private short(s: string): number {
    const yy = num(s, 0, 2);
    const mo = num(s, 2, 2);
    const d = num(s, 4, 2);
    const h = s.charCodeAt(7) === Char.Space ? num(s, 8, 1) : num(s, 7, 2);
    const mi = num(s, 10, 2);
    const sec = num(s, 13, 2);
    if (s.charCodeAt(9) !== Char.Colon || s.charCodeAt(12) !== Char.Colon || h < 0 || mi < 0 || sec < 0 || mo < 1 || mo > 12 || d < 1) return NaN;
    this.time.end = 15;
    // Two-digit years: MySQL 5.0 (2005) onwards, so 20YY.
    return this.time.zoned(2000 + yy, mo, d, h, mi, sec, 0);
  }
}

const STAMP = /^(\d{6} [ \d]\d:\d\d:\d\d|\d{4}-\d\d-\d\d[T ] ?\d?\d:\d\d:\d\d)/;

export const mysqlError: LogParser = {
  id: 'mysql-error',
  title: 'MySQL / MariaDB error log',
  // Not /var/log/mysql/mysql.log: on Debian that is the general query log.
  paths: [/\/(mysql|mariadb)\/[^/]*err[^/]*$/, /\/mysqld\.log(\.\d+)?(\.gz)?$/, /\.err(\.\d+)?(\.gz)?$/, /\/mariadb\/mariadb\.log/],
  family: 'db',
  detect: (lines) => share(lines, (l) => STAMP.test(l) && / \[(Note|Warning|ERROR|Error|System)\] |InnoDB:|mysqld/.test(l), 0.9),
  samples: [
    {
      lines: [
        '2019-03-24T13:44:27.924508Z 5 [Warning] [MY-010453] [Server] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.',
      ],
      expect: { time: '2019-03-24T13:44:27.924Z', level: 'warning', fields: { thread: 5, code: 'MY-010453', subsystem: 'Server' } },
      origin: 'beats filebeat/module/mysql/error/test/mysql-ubuntu-8.0.15.log',
    },
    {
      lines: ['2019-10-16 17:24:15 0 [Note] InnoDB: Using Linux native AIO'],
      expect: { time: '2019-10-16T17:24:15.000Z', level: 'info', message: 'InnoDB: Using Linux native AIO', fields: { thread: 0 } },
      origin: 'beats filebeat/module/mysql/error/test/mariadb-10.4.8.log',
    },
    {
      lines: ["080721  3:04:01 [ERROR] /usr/sbin/mysqld: unknown variable 'ssl-key=/opt/mysql.pdns/.cert/server-key.pem'"],
      expect: {
        time: '2008-07-21T03:04:01.000Z',
        level: 'error',
        message: "/usr/sbin/mysqld: unknown variable 'ssl-key=/opt/mysql.pdns/.cert/server-key.pem'",
      },
      origin: 'percona-toolkit lib/samples/errlogs/errlog001.txt',
    },
    {
      lines: ['161109 14:28:24 InnoDB: Initializing buffer pool, size = 128.0M'],
      expect: { time: '2016-11-09T14:28:24.000Z', message: 'InnoDB: Initializing buffer pool, size = 128.0M' },
      origin: 'insights-core test_mariadb_log/MARIADB_LOG.txt',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new MysqlErrorReader(ctx);
  },
};
