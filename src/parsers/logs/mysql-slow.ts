/**
 * The MySQL slow query log: one event per query. An entry starts at `# Time:`
 * (`071218 11:48:27` local, or ISO `2021-01-26T23:45:57.678222Z`) or at
 * `# User@Host:` / `# User:`; `# Query_time:` and Percona's extended `# k: v`
 * lines become fields; `SET timestamp=N;` dates the query exactly (its start);
 * without it the last `# Time:` is used (MySQL 5.x prints it only when the
 * second changes). The statement lines are the message.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { appendCapped, isSpace, num } from './lib/chars.js';
import { EntryReader } from './lib/reader.js';
import { Char } from './lib/char-codes.js';

const KEEP = new Set([
  'query_time',
  'lock_time',
  'rows_sent',
  'rows_examined',
  'thread_id',
  'schema',
  'rows_affected',
  'bytes_sent',
  'tmp_tables',
  'full_scan',
  'filesort',
  'innodb_rec_lock_wait',
  'innodb_io_r_wait',
  'innodb_queue_wait',
]);

interface SlowState {
  hasUser: boolean;
  hasStatement: boolean;
  stamped: boolean;
}

class MysqlSlowReader extends EntryReader {
  private lastTime = NaN;
  private lastQ: LogEvent['timeQuality'] = 'unknown';
  private state: SlowState = { hasUser: false, hasStatement: false, stamped: false };

  protected override skip(line: string): boolean {
    // The server writes these banner lines at every start or log flush.
    return line.startsWith('Tcp port: ') || line.startsWith('Time                 Id Command') || / Version: .* started with:$/.test(line);
  }

  protected head(line: string, lineNo: number): LogEvent | undefined {
    if (line.charCodeAt(0) !== Char.Hash) return undefined;
    if (line.startsWith('# Time: ')) {
      this.readTime(line);
      const ev = this.start(lineNo);
      const u = line.indexOf('# User@Host: ', 8);
      if (u > 0) this.user(ev, line.slice(u + 13));
      return ev;
    }
    const user = line.startsWith('# User@Host: ') ? 13 : line.startsWith('# User: ') ? 8 : 0;
    if (user === 0) return undefined;
    if (this.pending && !this.state.hasUser && !this.state.hasStatement) return undefined; // the user line of a `# Time:` entry
    const ev = this.start(lineNo);
    this.user(ev, line.slice(user));
    return ev;
  }

  private start(lineNo: number): LogEvent {
    this.state = { hasUser: false, hasStatement: false, stamped: false };
    this.time.quality = this.lastQ;
    const ev = this.event(this.lastTime, lineNo, '');
    ev.program = 'mysqld';
    ev.fields = {};
    return ev;
  }

  private user(ev: LogEvent, text: string): void {
    this.state.hasUser = true;
    const f = ev.fields!;
    const at = text.indexOf(' @ ');
    f.user = (at >= 0 ? text.slice(0, at) : text).trim();
    if (at >= 0) f.host = text.slice(at + 3).trim();
  }

  private readTime(line: string): void {
    const v = line.slice(8).trim();
    let t: number;
    if (v.charCodeAt(6) === Char.Space && num(v, 0, 6) >= 0) {
      const h = v.charCodeAt(7) === Char.Space ? num(v, 8, 1) : num(v, 7, 2);
      t = this.time.zoned(2000 + num(v, 0, 2), num(v, 2, 2), num(v, 4, 2), h, num(v, 10, 2), num(v, 13, 2), 0);
      if (h < 0 || num(v, 10, 2) < 0 || num(v, 13, 2) < 0) t = NaN;
    } else t = this.time.iso(v, 0, false);
    if (t === t) {
      this.lastTime = t;
      this.lastQ = this.time.quality;
    }
  }

  protected override fold(ev: LogEvent, line: string, lineNo: number): void {
    ev.lineEnd = lineNo;
    const f = ev.fields!;
    if (line.charCodeAt(0) === Char.Hash && !this.state.hasStatement) {
      if (line.startsWith('# User@Host: ') || line.startsWith('# User: ')) {
        this.user(ev, line.slice(line.indexOf(': ') + 2));
        return;
      }
      for (const [key, v] of pairs(line)) {
        const k = key.toLowerCase();
        if (!KEEP.has(k)) continue;
        const n = Number(v);
        f[k] = Number.isFinite(n) ? n : v;
      }
      return;
    }
    if (line.startsWith('SET timestamp=')) {
      const secs = Number(line.slice(14, line.indexOf(';') > 0 ? line.indexOf(';') : undefined));
      if (Number.isFinite(secs)) {
        ev.time = secs * 1000;
        ev.timeQuality = 'exact';
      }
      return;
    }
    if (!this.state.hasStatement && line.startsWith('use ') && line.endsWith(';')) {
      f.db = line.slice(4, -1);
      return;
    }
    this.state.hasStatement = true;
    ev.message = appendCapped(ev.message, line);
  }
}

const isKeyChar = (c: number): boolean => (c >= Char.A && c <= Char.Z) || (c >= Char.a && c <= Char.z) || c === Char.Underscore;

/**
 * The `key: value` pairs of a `#` line, as `/([A-Za-z_]+): +(\S+)/g` finds
 * them, in one pass: that regex retries its key run from every letter of a
 * long word and is quadratic on one (4 crafted lines of 64 KB took 12 s).
 * Each `: ` found reads its key backwards, never before the previous pair's
 * end, so every character is looked at a bounded number of times.
 */
export function* pairs(line: string): Generator<[string, string]> {
  let from = 0;
  for (let c = line.indexOf(': '); c >= 0; c = line.indexOf(': ', c + 1)) {
    let k = c;
    while (k > from && isKeyChar(line.charCodeAt(k - 1))) k--;
    if (k === c) continue;
    let v = c + 1;
    while (line.charCodeAt(v) === Char.Space) v++;
    let e = v;
    while (e < line.length && !isSpace(line.charCodeAt(e))) e++;
    if (e === v) continue;
    yield [line.slice(k, c), line.slice(v, e)];
    from = e;
    c = e - 1;
  }
}

export const mysqlSlow: LogParser = {
  id: 'mysql-slow',
  title: 'MySQL slow query log',
  paths: [/slow(-query|_query|query)?[._-]?log(\.\d+)?(\.gz)?$/, /\/mysql\/.*slow.*$/, /-slow\.log(\.\d+)?(\.gz)?$/],
  family: 'db',
  detect: (lines) => {
    const heads = lines.filter((l) => l.startsWith('# Time: ') || l.startsWith('# User@Host: ') || l.startsWith('# Query_time: ')).length;
    return heads >= 2 || (heads === 1 && lines.length <= 3) ? 0.9 : heads === 1 ? 0.5 : 0;
  },
  samples: [
    {
      lines: [
        '# Time: 071218 11:48:27 # User@Host: [SQL_SLAVE] @  []',
        '# Thread_id: 10',
        '# Query_time: 0.000012  Lock_time: 0.000000  Rows_sent: 0  Rows_examined: 0',
        'BEGIN;',
      ],
      expect: {
        time: '2007-12-18T11:48:27.000Z',
        message: 'BEGIN;',
        fields: { query_time: 0.000012, lock_time: 0, rows_sent: 0, rows_examined: 0, thread_id: 10, user: '[SQL_SLAVE]' },
      },
      origin: 'percona-toolkit lib/samples/slowlogs/slow002.txt',
    },
    {
      lines: [
        '# User@Host: [SQL_SLAVE] @  []',
        '# Query_time: 0.726052  Lock_time: 0.000091  Rows_sent: 0  Rows_examined: 62951',
        'use db1;',
        'SET timestamp=1197996507;',
        'update db2.tuningdetail_21_265507 n',
        '      inner join db1.gonzo a using(gonzo) ',
      ],
      expect: {
        time: '2007-12-18T16:48:27.000Z',
        message: 'update db2.tuningdetail_21_265507 n\n      inner join db1.gonzo a using(gonzo) ',
        fields: { query_time: 0.726052, rows_examined: 62951, db: 'db1' },
      },
      origin: 'percona-toolkit lib/samples/slowlogs/slow002.txt (first two statement lines)',
    },
    {
      lines: ['# Time: 2021-01-26T23:45:57.678222Z'],
      expect: { time: '2021-01-26T23:45:57.678Z', message: '' },
      origin: 'lnav format-samples/mysql_slow_log',
    },
    {
      lines: ['# Time: 170213 16:00:33'],
      expect: { time: '2017-02-13T16:00:33.000Z' },
      origin: 'lnav format-samples/mysql_slow_log',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new MysqlSlowReader(ctx);
  },
};
