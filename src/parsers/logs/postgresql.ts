/**
 * PostgreSQL stderr logs with the common log_line_prefix forms: `%m [%p] `
 * (Debian: `%m [%p] %q%u@%d `), `%t [%p]: [%l-1] user=%u,db=%d `, and the
 * colon-separated ones lnav knows. The prefix ends at the severity keyword
 * (`LOG:  `, `ERROR:  `...). DETAIL / STATEMENT / CONTEXT / HINT / QUERY /
 * LOCATION lines of the same backend fold into the preceding event as
 * fields.detail etc.; tab-indented lines continue whatever came last. Stamps
 * carry a zone name or offset (`%m`/`%t` print one): exact.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { appendCapped, cap, isDigit, isSpace } from './lib/chars.js';
import { levelOf } from './lib/levels.js';
import { EntryReader, share } from './lib/reader.js';
import { Char } from './lib/char-codes.js';

const SEVERITY = /(?:^|[\s:\]])(LOG|ERROR|FATAL|PANIC|WARNING|NOTICE|INFO|DEBUG[1-5]|DETAIL|STATEMENT|CONTEXT|HINT|QUERY|LOCATION): {1,2}/;
const BARE = /^(LOG|ERROR|FATAL|PANIC|WARNING|DETAIL|STATEMENT|CONTEXT|HINT):  \S/;
const SECONDARY = new Set(['DETAIL', 'STATEMENT', 'CONTEXT', 'HINT', 'QUERY', 'LOCATION']);
const AT = /(?:^|[\s:])\[?([\w.-]*)\]?@\[?([\w.-]*)\]?(?=[\s:]|$)/;

class PostgresReader extends EntryReader {
  /** Which field of the pending event a continuation line extends ('message' or a secondary's key). */
  private lastField = 'message';
  /** The severity word of the last line head() read. */
  private word = '';

  /**
   * A part of the file may start at a primary line (LOG, ERROR...) only: a
   * DETAIL / STATEMENT / CONTEXT / HINT line folds into the entry before it,
   * which a fresh reader has not seen. A primary line starts an event whatever
   * came before, so the parts read the same as the whole.
   */
  override startsEntry(line: string): boolean {
    return super.startsEntry(line) && !SECONDARY.has(this.word);
  }

  protected head(line: string, lineNo: number): LogEvent | undefined {
    const c = line.charCodeAt(0);
    let t = NaN;
    let from = 0;
    if (c >= Char.Zero && c <= Char.Nine) {
      t = this.time.iso(line, 0, true);
      if (t !== t) return undefined;
      from = this.time.end;
    } else if (c < Char.A || c > Char.Z) return undefined; // prefix-less lines start with the severity
    const rest = from === 0 ? line : line.slice(from);
    const m = SEVERITY.exec(rest);
    if (!m || (from === 0 && m.index !== 0)) return undefined;
    const kwStart = m.index + (m[0].length - m[1]!.length - (m[0].endsWith('  ') ? 3 : 2));
    const prefix = rest.slice(0, Math.max(0, kwStart));
    const word = (this.word = m[1]!);
    const text = rest.slice(m.index + m[0].length);
    const pid = pidOf(prefix);
    if (SECONDARY.has(word) && this.pending && (pid === undefined || this.pending.pid === undefined || pid === this.pending.pid)) {
      const key = word.toLowerCase();
      const f = (this.pending.fields ??= {});
      const prev = f[key];
      f[key] = typeof prev === 'string' ? appendCapped(prev, text) : cap(text);
      this.pending.lineEnd = lineNo;
      this.lastField = key;
      this.consumed = true;
      return undefined;
    }
    this.lastField = 'message';
    const ev = this.event(t, lineNo, cap(text));
    ev.level = levelOf(word) ?? 'info';
    ev.program = 'postgres';
    if (pid !== undefined) ev.pid = pid;
    const fields: Record<string, string | number | null> = {};
    const ud = userDb(prefix) ?? AT.exec(prefix);
    if (ud) {
      if (ud[1]) fields.user = ud[1];
      if (ud[2]) fields.db = ud[2];
    }
    if (text.startsWith('duration: ')) {
      const ms = parseFloat(text.slice(10));
      if (Number.isFinite(ms)) fields.duration_ms = ms;
    }
    ev.fields = fields;
    return ev;
  }

  protected override fold(ev: LogEvent, line: string, lineNo: number): void {
    ev.lineEnd = lineNo;
    if (this.lastField === 'message') ev.message = appendCapped(ev.message, line);
    else {
      const f = ev.fields!;
      f[this.lastField] = appendCapped(String(f[this.lastField] ?? ''), line);
    }
  }
}

/** The end of a `[^,\s\]]*` run from `i`. */
function runEnd(s: string, i: number): number {
  let e = i;
  for (let c = s.charCodeAt(e); e < s.length && c !== Char.Comma && c !== Char.RBracket && !isSpace(c); c = s.charCodeAt(++e));
  return e;
}

/**
 * `user=U,db=D` as `/user=([^,\s\]]*),\s*db=([^,\s\]]*)/` finds it, in one
 * pass: that regex rescans the value run from every `user=` inside it, which
 * is quadratic on `user=user=…` (0.85 s a crafted line). Every `user=` that
 * starts inside one run ends where it ends, so a failed run is skipped whole.
 */
export function userDb(prefix: string): [string, string, string] | null {
  for (let p = prefix.indexOf('user='); p >= 0;) {
    const e = runEnd(prefix, p + 5);
    if (prefix.charCodeAt(e) === Char.Comma) {
      let d = e + 1;
      while (d < prefix.length && isSpace(prefix.charCodeAt(d))) d++;
      if (prefix.startsWith('db=', d)) return [prefix.slice(p, runEnd(prefix, d + 3)), prefix.slice(p + 5, e), prefix.slice(d + 3, runEnd(prefix, d + 3))];
    }
    p = prefix.indexOf('user=', Math.max(e, p + 1));
  }
  return null;
}

/** First `[digits` in the prefix: `[12345]`, `[608647-3]`, `:[12777]:`. */
function pidOf(prefix: string): number | undefined {
  let i = prefix.indexOf('[');
  while (i >= 0) {
    if (isDigit(prefix, i + 1)) {
      let j = i + 1;
      while (isDigit(prefix, j)) j++;
      return Number(prefix.slice(i + 1, j));
    }
    i = prefix.indexOf('[', i + 1);
  }
  return undefined;
}

const probe = new PostgresReader({ file: 'detect', clock: { tzName: 'UTC' } });

export const postgresql: LogParser = {
  id: 'postgresql',
  title: 'PostgreSQL stderr log',
  segmentable: true,
  paths: [/\/postgresql\/.*\.log(\.\d+)?(\.gz)?$/, /\/pg_log\/.*\.log$/, /postgresql-.*\.log(\.\d+)?(\.gz)?$/],
  family: 'db',
  // Prefix-less files (empty log_line_prefix) are recognised by their severity words, a little lower.
  detect: (lines) =>
    Math.max(
      share(lines, (l) => isDigit(l, 0) && (probe as unknown as { head(l: string, n: number): unknown }).head(l, 0) !== undefined, 0.9),
      share(lines, (l) => BARE.test(l), 0.6),
    ),
  samples: [
    {
      lines: [
        '2026-11-26 06:19:21.119 CET [24176] postgres@postgres LOG:  process 24176 still waiting for ShareLock on transaction 725 after 500.166 ms',
        '2026-11-26 06:19:21.119 CET [24176] postgres@postgres DETAIL:  Process holding the lock: 24174. Wait queue: 24176.',
        '2026-11-26 06:19:21.119 CET [24176] postgres@postgres CONTEXT:  while updating tuple (0,1) in relation "t"',
        '2026-11-26 06:19:21.119 CET [24176] postgres@postgres STATEMENT:  update t set v=3 where id=1;',
      ],
      expect: {
        time: '2026-11-26T05:19:21.119Z',
        level: 'info',
        pid: 24176,
        message: 'process 24176 still waiting for ShareLock on transaction 725 after 500.166 ms',
        fields: {
          user: 'postgres',
          db: 'postgres',
          detail: 'Process holding the lock: 24174. Wait queue: 24176.',
          context: 'while updating tuple (0,1) in relation "t"',
          statement: 'update t set v=3 where id=1;',
        },
      },
      origin: 'captured here: PostgreSQL 15.18, log_line_prefix %m [%p] %q%u@%d, log_lock_waits=on',
    },
    {
      lines: [
        '2026-11-26 06:19:21.896 CET [24514] postgres@postgres ERROR:  division by zero',
        '2026-11-26 06:19:21.896 CET [24514] postgres@postgres STATEMENT:  select 1/0,',
        '\t 2;',
      ],
      expect: { level: 'error', message: 'division by zero', fields: { statement: 'select 1/0,\n\t 2;' } },
      origin: 'captured here: PostgreSQL 15.18 (tab-indented continuation of a STATEMENT)',
    },
    {
      lines: [
        '2017-07-31 13:36:43.557 CEST [4983] postgres@postgres LOG:  duration: 37.118 ms  statement: SELECT d.datname as "Name",',
        '\t       pg_catalog.pg_get_userbyid(d.datdba) as "Owner",',
      ],
      expect: {
        time: '2017-07-31T11:36:43.557Z',
        level: 'info',
        pid: 4983,
        message: 'duration: 37.118 ms  statement: SELECT d.datname as "Name",\n\t       pg_catalog.pg_get_userbyid(d.datdba) as "Owner",',
        fields: { user: 'postgres', db: 'postgres', duration_ms: 37.118 },
      },
      origin: 'beats filebeat/module/postgresql/log/test/postgresql-9.6-debian-with-slowlog.log',
    },
    {
      lines: [
        '2025-08-16 13:02:58.095 CEST [885178] ERROR:  invalid input syntax for type json at character 61',
        '2025-08-16 13:02:58.095 CEST [885178] DETAIL:  Token "\'" is invalid.',
        "2025-08-16 13:02:58.095 CEST [885178] CONTEXT:  JSON data, line 1: '...",
      ],
      expect: {
        time: '2025-08-16T11:02:58.095Z',
        level: 'error',
        pid: 885178,
        message: 'invalid input syntax for type json at character 61',
        fields: { detail: 'Token "\'" is invalid.', context: "JSON data, line 1: '..." },
      },
      origin: 'lnav test/logfile_postgres.2',
    },
    {
      lines: [
        '2017-09-06 08:41:43 UTC [44]: [371-1] user=postgres,db=postgres,app=pgbench,client=172.23.0.1 LOG:  duration: 59.911 ms  statement: UPDATE pgbench_branches SET bbalance = bbalance + 4597 WHERE bid = 1;',
      ],
      expect: { time: '2017-09-06T08:41:43.000Z', pid: 44, fields: { user: 'postgres', db: 'postgres', duration_ms: 59.911 } },
      origin: 'lnav format-samples/postgres_log',
    },
    {
      lines: [
        '2022-02-17 06:45:10.440 -0800 [691] [queryid=1081270519976314062] postgres@stackoverflow LOG:  duration: 0.140 ms  statement: set log_min_duration_statement to 0;',
      ],
      expect: { time: '2022-02-17T14:45:10.440Z', pid: 691, fields: { user: 'postgres', db: 'stackoverflow' } },
      origin: 'lnav format-samples/postgres_log',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new PostgresReader(ctx);
  },
};
