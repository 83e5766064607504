/**
 * The fallback for application logs: find the stamp and the level in the
 * common shapes — ISO-8601 (zone and fraction optional, `,` or `.`), slashed
 * dates (Go's log, Java wrappers), epoch seconds/ms, log4j/logback
 * (`… ERROR [thread] cls - msg`), Python logging (`… - name - ERROR - msg`),
 * JSON lines (time/ts/timestamp/@timestamp + level/severity/lvl + msg/message)
 * and logfmt (`time=… level=… msg=…`). A line with no stamp belongs to the
 * event before it (stack traces). detect() stays low so that every specific
 * format wins over this one.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { cap, isDigit, num } from './lib/chars.js';
import { appLevelAt, levelOf } from './lib/levels.js';
import { EntryReader, share } from './lib/reader.js';
import { TimeReader, monthAt } from './lib/stamps.js';
import { auditStamp, otherStamp } from './lib/app-stamps.js';
import { DB_FILES, KERNEL_FILES, SYSLOG_FILES, WEB_ACCESS_FILES, WEB_ERROR_FILES } from './lib/named-files.js';
import { Char } from './lib/char-codes.js';

const LEVEL_WORD = /(?:^|[\s[|(<])(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|CRIT|CRITICAL|FATAL|SEVERE|PANIC|ALERT|EMERG)(?=[\s\]|:>)]|$)/;
const LOGFMT_LEVEL = /(?:^|\s)(?:level|lvl|severity)="?(\w+)/;
const LOGFMT_MSG = /(?:^|\s)msg=("(?:[^"\\]|\\.)*"|\S+)/;
const LOGFMT_TIME = /(?:^|\s)(?:time|ts|timestamp|t)="?([^"\s]+)/;
const DATE_INSIDE = /\d{4}[-/]\d\d[-/]\d\d[T ] ?\d?\d:\d\d:\d\d/;
const PY = /^ - (\S+) - ([A-Z]+) - /;
const TIME_KEYS = ['time', 'ts', 'timestamp', '@timestamp', 't', 'date', 'datetime', 'asctime'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'loglevel', 'levelname', 'log.level'];
const MSG_KEYS = ['msg', 'message', 'log', 'text'];
const NUMERIC_LEVELS: readonly [number, LogEvent['level']][] = [
  [60, 'crit'],
  [50, 'error'],
  [40, 'warning'],
  [30, 'info'],
  [20, 'debug'],
  [0, 'debug'],
];

/** Whether LOGFMT_LEVEL can match s[from...]: an '=' after `level`, `lvl` or `severity` (a line's other '=', `pid=4000`, cannot). */
function hasLogfmtLevel(s: string, from: number): boolean {
  for (let e = s.indexOf('=', from); e > from; e = s.indexOf('=', e + 1)) {
    const c = s.charCodeAt(e - 1);
    if (c === Char.l || c === Char.y) return true;
  }
  return false;
}

/**
 * Where s[from...].trimStart() begins when only spaces and tabs come first (then the
 * next character is one trimStart keeps: printable below U+00A0, or the end); -1 otherwise.
 */
function textStart(s: string, from: number): number {
  let i = from;
  while (s.charCodeAt(i) === Char.Space || s.charCodeAt(i) === Char.Tab) i++;
  const c = s.charCodeAt(i);
  return i === s.length || (c > Char.Space && c < Char.Nbsp) ? i : -1;
}

/** Epoch seconds, ms or µs by magnitude (2001..2286 in any of them); NaN otherwise. */
function epochMs(v: number): number {
  if (v >= 1e9 && v < 1e10) return Math.round(v * 1000);
  if (v >= 1e12 && v < 1e13) return Math.round(v);
  if (v >= 1e15 && v < 1e16) return Math.floor(v / 1000);
  return NaN;
}

export class AppStamp {
  constructor(private readonly time: TimeReader) {}

  /** A stamp at the start of s (after an optional '['), or NaN; time.end is set past it. */
  lead(s: string): number {
    const at = s.charCodeAt(0) === Char.LBracket ? 1 : 0;
    let t: number;
    if (!isDigit(s, at)) t = otherStamp(s, at, this.time);
    else if (num(s, at, 9) >= 0)
      return this.epoch(s, at); // 9+ leading digits: epoch s/ms/µs
    else if ((t = this.time.iso(s, at, true)) === t) return t;
    else t = otherStamp(s, at, this.time);
    return t === t || at === 0 ? t : this.afterBracket(s);
  }

  /** A stamp after a leading bracketed tag (Domino's `[28325:00010-3735542592] 22-06-2014 09:56:12`). */
  private afterBracket(s: string): number {
    const close = s.indexOf('] ', 1);
    if (close < 0 || close > 64) return NaN;
    let j = close + 2;
    while (s.charCodeAt(j) === Char.Space) j++;
    if (!isDigit(s, j)) return NaN;
    const t = this.time.iso(s, j, true);
    return t === t ? t : otherStamp(s, j, this.time);
  }

  /** Apache's `[31/Jan/2015:14:29:44 ]` after other fields, in a line no access-log layout fits. */
  inner(s: string): number {
    const b = s.indexOf(' [');
    return b > 0 && b < 120 && s.charCodeAt(b + 4) === Char.Slash && monthAt(s, b + 5) > 0 ? otherStamp(s, b + 2, this.time) : NaN;
  }

  private epoch(s: string, at: number): number {
    let j = at;
    while (isDigit(s, j) || s.charCodeAt(j) === Char.Dot) j++;
    if (j < s.length && s.charCodeAt(j) !== Char.Space && s.charCodeAt(j) !== Char.RBracket && s.charCodeAt(j) !== Char.Tab) return NaN;
    const t = epochMs(Number(s.slice(at, j)));
    this.time.quality = 'exact';
    this.time.end = j;
    return t;
  }

  /** A value from JSON or logfmt: epoch number or ISO string. */
  value(v: unknown): number {
    if (typeof v === 'number') {
      this.time.quality = 'exact';
      return epochMs(v);
    }
    if (typeof v !== 'string' || v.length < 8) return NaN;
    const t = this.lead(v);
    return t;
  }
}

class AppReader extends EntryReader {
  private readonly stamp = new AppStamp(this.time);

  protected head(line: string, lineNo: number): LogEvent | undefined {
    const c = line.charCodeAt(0);
    if (c === Char.LBrace) return this.json(line, lineNo);
    if (c === Char.Space || c === Char.Tab) return undefined; // indented: a continuation (stack frames)
    let t = this.stamp.lead(line);
    // What follows the stamp is line[from...]: read in place, sliced only where a regex needs it.
    let from = 0;
    if (t === t) from = this.time.end + (line.charCodeAt(this.time.end) === Char.RBracket ? 1 : 0);
    else {
      const lf = line.indexOf('=') > 0 ? LOGFMT_TIME.exec(line) : null;
      if (line.startsWith('type=')) t = auditStamp(line, this.time);
      else if (lf) t = this.stamp.value(lf[1]);
      else {
        const m = DATE_INSIDE.exec(line.length > 120 ? line.slice(0, 120) : line);
        t = m ? this.time.iso(line, m.index, true) : this.stamp.inner(line);
      }
      if (t !== t) return undefined;
    }
    let level: LogEvent['level'];
    let program: string | undefined;
    const lead = textStart(line, from);
    let message = lead >= 0 ? line.slice(lead) : line.slice(from).trimStart();
    const py = line.charCodeAt(from + 1) === Char.Dash ? PY.exec(line.slice(from)) : null;
    if (py) {
      program = py[1];
      level = levelOf(py[2]!);
      message = line.slice(from + py[0].length);
    } else if (hasLogfmtLevel(line, from) && LOGFMT_LEVEL.test(line.slice(from))) {
      const rest = line.slice(from);
      level = levelOf(LOGFMT_LEVEL.exec(rest)![1]!);
      const msg = LOGFMT_MSG.exec(rest);
      if (msg) message = msg[1]!.charCodeAt(0) === Char.Quote ? msg[1]!.slice(1, -1) : msg[1]!;
    } else {
      // Most app lines name their level first (`<stamp> ERROR ...`): LEVEL_WORD's first match, without it.
      const at = lead >= 0 ? lead : line.length - message.length;
      level = at - from < 90 ? appLevelAt(line, at) : undefined;
      if (level === undefined) {
        const lw = LEVEL_WORD.exec(line.length - from > 100 ? line.slice(from, from + 100) : line.slice(from));
        if (lw) level = levelOf(lw[1]!);
      }
    }
    const ev = this.event(t, lineNo, cap(message));
    if (level) ev.level = level;
    if (program) ev.program = program;
    return ev;
  }

  private json(line: string, lineNo: number): LogEvent | undefined {
    let o: Record<string, unknown>;
    try {
      const v: unknown = JSON.parse(line);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      o = v as Record<string, unknown>;
    } catch {
      return undefined; // not JSON after all: a continuation or a bad line
    }
    let t = NaN;
    for (const k of TIME_KEYS) if (o[k] !== undefined && (t = this.stamp.value(o[k])) === t) break;
    let msg = '';
    for (const k of MSG_KEYS)
      if (typeof o[k] === 'string') {
        msg = o[k] as string;
        break;
      }
    const ev = this.event(t, lineNo, cap(msg || line));
    for (const k of LEVEL_KEYS) {
      const v = o[k];
      if (typeof v === 'string') ev.level = levelOf(v);
      else if (typeof v === 'number') ev.level = NUMERIC_LEVELS.find(([n]) => v >= n)?.[1];
      if (v !== undefined) break;
    }
    const name = o.logger ?? o.name ?? o.logger_name;
    if (typeof name === 'string') ev.program = name;
    return ev;
  }
}

const probe = new TimeReader({ file: 'detect', clock: { tzName: 'UTC' } });
const probeStamp = new AppStamp(probe);

export const app: LogParser = {
  id: 'app',
  title: 'application log (generic: ISO/epoch/log4j/python/Go/JSON/logfmt)',
  segmentable: true,
  paths: [/\.log(\.\d+)?(\.gz)?$/],
  family: 'app',
  // What no specific parser claims is read here (or by what its lines are): filed by the technology its path names.
  familyByPath: [KERNEL_FILES, WEB_ACCESS_FILES, WEB_ERROR_FILES, DB_FILES, SYSLOG_FILES],
  detect: (lines) =>
    share(
      lines,
      (l) => {
        if (l.charCodeAt(0) === Char.LBrace) return /"(time|ts|timestamp|@timestamp)"\s*:/.test(l);
        const t = probeStamp.lead(l);
        return t === t || LOGFMT_TIME.test(l);
      },
      0.3,
    ),
  samples: [
    {
      lines: [
        '2026-11-26 05:20:26,110 - sitrep.demo - ERROR - boom',
        'Traceback (most recent call last):',
        '  File "<string>", line 6, in <module>',
        'ZeroDivisionError: division by zero',
      ],
      expect: {
        time: '2026-11-26T05:20:26.110Z',
        level: 'error',
        program: 'sitrep.demo',
        message: 'boom\nTraceback (most recent call last):\n  File "<string>", line 6, in <module>\nZeroDivisionError: division by zero',
      },
      origin: 'captured here: Python 3 logging, format "%(asctime)s - %(name)s - %(levelname)s - %(message)s", TZ=UTC',
    },
    {
      lines: [
        'time="2021-09-15T21:17:10.220731Z" level=error msg="error retrieving pod status: pod inc-1-enh-domain-c14-ns-2/hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp is not found: PodNotFound" namespace=in',
      ],
      expect: {
        time: '2021-09-15T21:17:10.220Z',
        level: 'error',
        message: 'error retrieving pod status: pod inc-1-enh-domain-c14-ns-2/hello-inc-1-enh-domain-c14-ns-2-3-d8f465685-k75gp is not found: PodNotFound',
      },
      origin: 'lnav test/logfile_logfmt.0 (first line, cut after namespace=in)',
    },
    {
      lines: ['{"ts": "2013-09-06T22:00:49.124817Z", "lvl": "INFO", "msg": "Shutting down service", "user": "steve@example.com"}'],
      expect: { time: '2013-09-06T22:00:49.124Z', level: 'info', message: 'Shutting down service' },
      origin: 'lnav test/logfile_json.json',
    },
    {
      lines: ['2015-05-22 16:10:00,123 [DefaultQuartzScheduler_Worker-5] INFO  com.redhat.rhn.taskomatic.task.ErrataCacheTask  - In the queue: 24'],
      expect: { time: '2015-05-22T16:10:00.123Z', level: 'info' },
      origin: 'lnav format-samples/java_log',
    },
    {
      lines: ['1428634687123 Hello, World!'],
      expect: { time: '2015-04-10T02:58:07.123Z', message: 'Hello, World!' },
      origin: 'lnav test/logfile_epoch.0',
    },
    {
      lines: [
        'INFO   | jvm 1    | 2015/04/28 18:40:00 | 2015-04-28 18:40:00,077 [DefaultQuartzScheduler_Worker-8] INFO  com.redhat.rhn.taskomatic.TaskoJob - errata-queue-default: bunch errata-queue-bunch STARTED',
      ],
      expect: { time: '2015-04-28T18:40:00.000Z', level: 'info' },
      origin: 'lnav format-samples/java_log',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new AppReader(ctx);
  },
};
