/**
 * journalctl output: `-o short-iso-precise` (what the capture writes),
 * `-o short-iso`, `-o short-precise`, `-o short` (syslog-framed lines, so the
 * syslog grammar reads them) and `-o json` (one object per line; the time is
 * __REALTIME_TIMESTAMP in µs, the level PRIORITY). `-- Boot ... --`,
 * `-- Logs begin ... --` and `-- No entries --` are markers, skipped.
 * Continuation lines of multi-line messages are indented: folded into the entry.
 */
import type { LineReader, LogContext, LogEvent, LogParser } from '../types.js';
import { appendCapped, cap } from './lib/chars.js';
import { SEVERITIES } from './lib/levels.js';
import { EntryReader, share } from './lib/reader.js';
import { syslogLine } from './lib/syslog-line.js';
import { isSyslogLine } from './syslog.js';
import { Char } from './lib/char-codes.js';

type Json = Record<string, unknown>;

/** MESSAGE may be a string, null, or an array of bytes when it was not valid UTF-8. */
function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const bytes = Uint8Array.from(v.slice(0, 8192).map((b) => (typeof b === 'number' ? b & 255 : 63)));
    return new TextDecoder().decode(bytes);
  }
  return v === null || v === undefined ? '' : String(v);
}

class JournalReader extends EntryReader {
  private lineNo = 0;
  /** Column where the pending entry's message text starts: continuation lines are indented to it. */
  private msgCol = 0;
  private readonly make = (t: number, m: string): LogEvent => this.event(t, this.lineNo, m);

  protected override skip(line: string): boolean {
    return line.startsWith('-- ') && line.endsWith(' --');
  }

  protected override continues(line: string): boolean {
    return line.charCodeAt(0) === Char.Space || line.charCodeAt(0) === Char.Tab;
  }

  protected head(line: string, lineNo: number): LogEvent | undefined {
    this.lineNo = lineNo;
    const c = line.charCodeAt(0);
    if (c === Char.LBrace) return this.json(line, lineNo);
    if (c === Char.Dash || c === Char.Space || c === Char.Tab) return undefined;
    const ev = syslogLine(line, this.time, this.make);
    if (ev) this.msgCol = line.length - ev.message.length;
    return ev;
  }

  protected override fold(ev: LogEvent, line: string, lineNo: number): void {
    // Drop journalctl's alignment, keep the message's own indentation.
    let i = 0;
    while (i < this.msgCol && line.charCodeAt(i) === Char.Space) i++;
    ev.message = appendCapped(ev.message, i > 0 ? line.slice(i) : line);
    ev.lineEnd = lineNo;
  }

  private json(line: string, lineNo: number): LogEvent | undefined {
    let o: Json;
    try {
      const v: unknown = JSON.parse(line);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
      o = v as Json;
    } catch {
      this.bad(lineNo, 'invalid JSON line');
      return undefined;
    }
    const us = Number(o.__REALTIME_TIMESTAMP);
    const t = Number.isFinite(us) && us > 0 ? Math.floor(us / 1000) : NaN;
    this.time.quality = 'exact';
    const ev = this.event(t, lineNo, cap(textOf(o.MESSAGE)));
    const pri = Number(o.PRIORITY);
    if (Number.isInteger(pri) && pri >= 0 && pri <= 7) ev.level = SEVERITIES[pri];
    const ident = o.SYSLOG_IDENTIFIER ?? o._COMM;
    if (typeof ident === 'string') ev.program = ident;
    const pid = Number(o.SYSLOG_PID ?? o._PID);
    if (Number.isInteger(pid) && pid > 0) ev.pid = pid;
    const fields: Record<string, string> = {};
    if (typeof o._HOSTNAME === 'string') fields.host = o._HOSTNAME;
    if (typeof o._SYSTEMD_UNIT === 'string') fields.unit = o._SYSTEMD_UNIT;
    if (typeof o._TRANSPORT === 'string') fields.transport = o._TRANSPORT;
    ev.fields = fields;
    return ev;
  }
}

function looksLikeJournal(l: string): boolean {
  if (l.charCodeAt(0) === Char.LBrace) return l.includes('"__REALTIME_TIMESTAMP"');
  if (l.startsWith('-- ') && l.endsWith(' --')) return true;
  return isSyslogLine(l);
}

export const journal: LogParser = {
  id: 'journal',
  title: 'systemd journal (journalctl short-iso-precise, short-iso, short-precise, json)',
  segmentable: true,
  paths: [/(^|\/)journal\/journal\.txt$/, /journal.*\.(txt|json)$/],
  family: 'journal',
  // A short-format journal is indistinguishable from syslog by content; only markers and JSON are distinctive.
  detect: (lines) => {
    const marker = lines.some(
      (l) => l.startsWith('-- Logs begin') || l.startsWith('-- Boot ') || l.startsWith('-- Journal begins') || l === '-- No entries --',
    );
    const json = share(lines, (l) => l.charCodeAt(0) === Char.LBrace && l.includes('"__REALTIME_TIMESTAMP"'), 0.95);
    return Math.max(json, marker ? share(lines, looksLikeJournal, 0.9) : share(lines, looksLikeJournal, 0.5));
  },
  samples: [
    {
      lines: ['2026-11-26T06:15:13.887747+0100 vm sitrep-test[17678]: sitrep sample line one'],
      expect: { time: '2026-11-26T05:15:13.887Z', program: 'sitrep-test', pid: 17678, message: 'sitrep sample line one', fields: { host: 'vm' } },
      origin: 'captured here: systemd-journald + systemd-cat, TZ=Europe/Berlin journalctl -o short-iso-precise',
    },
    {
      lines: ['2026-11-26T06:15:13+0100 vm multi[17681]: line message'],
      expect: { time: '2026-11-26T05:15:13.000Z', program: 'multi', pid: 17681 },
      origin: 'captured here: TZ=Europe/Berlin journalctl -o short-iso',
    },
    {
      lines: ['Nov 26 06:15:13.896353 vm multi[17681]: multi'],
      expect: { time: '2026-11-26T06:15:13.896Z', program: 'multi', message: 'multi' },
      origin: 'captured here: journalctl -o short-precise (read in the sample clock zone, UTC)',
    },
    {
      lines: [
        '{"SYSLOG_IDENTIFIER":"sitrep-test","_GID":"0","_TRANSPORT":"stdout","PRIORITY":"3","_HOSTNAME":"vm","__REALTIME_TIMESTAMP":"1795670113887747","MESSAGE":"sitrep sample line one","_COMM":"cat","_UID":"0","_PID":"17678"}',
      ],
      expect: { time: '2026-11-26T05:15:13.887Z', level: 'error', program: 'sitrep-test', pid: 17678, message: 'sitrep sample line one' },
      origin: 'captured here: journalctl -o json (fields trimmed to the ones read)',
    },
    {
      lines: [
        '-- Logs begin at Wed 2017-02-08 15:18:00 CET, end at Tue 2017-09-19 09:12:59 CEST. --',
        'May 18 15:13:36 lxc-rhel68-sat56 wrapper[11375]: --> Wrapper Started as Daemon',
      ],
      expect: { time: '2026-05-18T15:13:36.000Z', program: 'wrapper', pid: 11375, message: '--> Wrapper Started as Daemon' },
      origin: 'insights-core test_journalctl/JOURNAL_ALL_MSGINFO.txt',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new JournalReader(ctx);
  },
};
