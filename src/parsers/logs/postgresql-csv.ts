/**
 * PostgreSQL csvlog: RFC 4180 records whose quoted fields may span lines
 * (a statement with newlines). Lines are gathered until the quotes balance,
 * then split. Columns (9.0 onwards; 13+ add backend_type, 14+ leader_pid and
 * query_id at the end): log_time, user_name, database_name, process_id,
 * connection_from, session_id, session_line_num, command_tag,
 * session_start_time, virtual_transaction_id, transaction_id,
 * error_severity, sql_state_code, message, detail, hint, internal_query,
 * internal_query_pos, context, query, query_pos, location, application_name.
 */
import type { Diagnostic, LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { MAX_MESSAGE, cap, isDigit } from './lib/chars.js';
import { levelOf } from './lib/levels.js';
import { checkedTime, logEvent } from './lib/reader.js';
import { TimeReader } from './lib/stamps.js';
import { Char } from './lib/char-codes.js';

/** A record bigger than this is abandoned (an unbalanced quote would otherwise swallow the file). */
const MAX_RECORD = 256 * 1024;
const TEXT_COLUMNS: ReadonlyArray<[number, string]> = [
  [14, 'detail'],
  [15, 'hint'],
  [18, 'context'],
  [19, 'query'],
  [22, 'application_name'],
  [12, 'sqlstate'],
  [7, 'command_tag'],
  [1, 'user'],
  [2, 'db'],
  [4, 'connection_from'],
  [23, 'backend_type'],
];

/** Split one complete CSV record. */
export function splitCsv(rec: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= rec.length) {
    if (rec.charCodeAt(i) === Char.Quote) {
      let v = '';
      let j = i + 1;
      for (;;) {
        const q = rec.indexOf('"', j);
        if (q < 0) {
          v += rec.slice(j);
          j = rec.length;
          break;
        }
        v += rec.slice(j, q);
        if (rec.charCodeAt(q + 1) === Char.Quote) {
          v += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      out.push(v);
      i = j + 1; // skip the comma
    } else {
      const c = rec.indexOf(',', i);
      out.push(c < 0 ? rec.slice(i) : rec.slice(i, c));
      if (c < 0) break;
      i = c + 1;
    }
  }
  return out;
}

function quotes(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

class CsvReader implements LineReader {
  readonly diagnostics: Diagnostic[] = [];
  badLines = 0;
  replacedLines = 0;
  private readonly time: TimeReader;
  private buf = '';
  private open = false;
  private first = 0;

  constructor(private readonly ctx: LogContext) {
    this.time = new TimeReader(ctx);
  }

  push(line: string, lineNo: number): LogEvent | undefined {
    if (line.indexOf('\uFFFD') !== -1) this.replacedLines++;
    if (!this.open) {
      if (line.length === 0) return undefined;
      this.buf = line;
      this.first = lineNo;
    } else if (this.buf.length < MAX_RECORD) this.buf += '\n' + line;
    const odd = (quotes(line) & 1) === 1;
    this.open = this.open !== odd;
    if (this.open && this.buf.length < MAX_RECORD) return undefined;
    if (this.open) this.bad(this.first, 'csvlog record never closes its quote; abandoned');
    this.open = false;
    return this.record(this.buf, this.first, lineNo);
  }

  end(): LogEvent | undefined {
    if (this.replacedLines > 0) this.diagnostics.push({ level: 'info', message: `${this.replacedLines} lines held invalid UTF-8 (shown as U+FFFD)` });
    if (this.badLines > 50)
      this.diagnostics.push({ level: 'warning', message: `${this.badLines} records not recognised in ${this.ctx.file}; the first 50 are listed` });
    if (!this.open) return undefined;
    this.open = false;
    return this.record(this.buf, this.first, this.first);
  }

  private record(rec: string, lineNo: number, lineEnd: number): LogEvent | undefined {
    if (!isDigit(rec, 0)) {
      this.bad(lineNo, 'not a csvlog record');
      return undefined;
    }
    const f = splitCsv(rec);
    const t = this.time.iso(f[0] ?? '', 0, true);
    const severity = f[11] ?? '';
    const level = levelOf(severity);
    if (f.length < 14 || t !== t || !level) {
      this.bad(lineNo, 'not a csvlog record');
      return undefined;
    }
    const fields: Record<string, string | number | null> = {};
    for (const [i, k] of TEXT_COLUMNS) {
      const v = f[i];
      if (v !== undefined && v !== '') fields[k] = v.length > MAX_MESSAGE ? v.slice(0, MAX_MESSAGE) : v;
    }
    const msg = f[13] ?? '';
    if (msg.startsWith('duration: ')) {
      const ms = parseFloat(msg.slice(10));
      if (Number.isFinite(ms)) fields.duration_ms = ms;
    }
    const time = checkedTime(t, this.time, lineNo, this.diagnostics);
    const ev = logEvent(time, time === null ? 'unknown' : this.time.quality, this.ctx.file, lineNo, cap(msg));
    ev.level = level;
    ev.program = 'postgres';
    ev.fields = fields;
    if (lineEnd !== lineNo) ev.lineEnd = lineEnd;
    const pid = Number(f[3]);
    if (Number.isInteger(pid) && pid > 0) ev.pid = pid;
    return ev;
  }

  private bad(line: number, message: string): void {
    this.badLines++;
    if (this.badLines <= 50) this.diagnostics.push({ level: 'warning', message, line });
  }
}

const CSV_HEAD = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? [A-Z+\-\d]+,("[^"]*"|[^,]*),("[^"]*"|[^,]*),\d+,/;

export const postgresqlCsv: LogParser = {
  id: 'postgresql-csv',
  title: 'PostgreSQL csvlog',
  paths: [/\/postgresql\/.*\.csv(\.\d+)?(\.gz)?$/, /\/pg_log\/.*\.csv$/, /postgresql-.*\.csv(\.\d+)?(\.gz)?$/],
  family: 'db',
  detect: (lines) => {
    const heads = lines.filter((l) => CSV_HEAD.test(l)).length;
    return heads === 0 ? 0 : Math.min(0.95, 0.5 + heads / 10);
  },
  samples: [
    {
      lines: [
        '2026-11-26 06:19:21.119 CET,"postgres","postgres",24176,"[local]",6b07c158.5e70,1,"UPDATE waiting",2026-11-26 06:19:20 CET,4/2,726,LOG,00000,"process 24176 still waiting for ShareLock on transaction 725 after 500.166 ms","Process holding the lock: 24174. Wait queue: 24176.",,,,"while updating tuple (0,1) in relation ""t""","update t set v=3 where id=1;",,,"psql","client backend",,0',
      ],
      expect: {
        time: '2026-11-26T05:19:21.119Z',
        level: 'info',
        pid: 24176,
        message: 'process 24176 still waiting for ShareLock on transaction 725 after 500.166 ms',
        fields: {
          detail: 'Process holding the lock: 24174. Wait queue: 24176.',
          context: 'while updating tuple (0,1) in relation "t"',
          query: 'update t set v=3 where id=1;',
          user: 'postgres',
          db: 'postgres',
          sqlstate: '00000',
          command_tag: 'UPDATE waiting',
        },
      },
      origin: 'captured here: PostgreSQL 15.18 csvlog, log_lock_waits=on, log_timezone=Europe/Berlin',
    },
    {
      lines: [
        '2026-11-26 06:19:21.896 CET,"postgres","postgres",24514,"[local]",6b07c159.5fc2,1,"SELECT",2026-11-26 06:19:21 CET,3/8,0,ERROR,22012,"division by zero",,,,,,"select 1/0,',
        ' 2;",,,"psql","client backend",,0',
      ],
      expect: { level: 'error', message: 'division by zero', fields: { sqlstate: '22012', query: 'select 1/0,\n 2;', application_name: 'psql' } },
      origin: 'captured here: PostgreSQL 15.18 csvlog (a quoted field spanning two lines)',
    },
    {
      lines: [
        '2026-11-26 06:19:22.407 CET,,,24161,,6b07c158.5e61,4,,2026-11-26 06:19:20 CET,,0,LOG,00000,"received fast shutdown request",,,,,,,,,"","postmaster",,0',
      ],
      expect: { time: '2026-11-26T05:19:22.407Z', pid: 24161, message: 'received fast shutdown request', fields: { backend_type: 'postmaster' } },
      origin: 'captured here: PostgreSQL 15.18 csvlog',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new CsvReader(ctx);
  },
};
