/**
 * The one shape every log reader shares: a line either starts an entry (the
 * format's `head` returns a new event) or continues the pending one (stack
 * traces, FastCGI stderr, InnoDB dumps, journal multi-line messages). An
 * entry is complete when the next one starts, so `push` returns the previous.
 * Bad lines become counted diagnostics, never exceptions.
 */
import type { Diagnostic, LogContext, LogEvent, ReaderTally, SegmentReader, TimeQuality } from '../../types.js';
import { appendCapped } from './chars.js';
import { impossibleStampMessage } from '../../time.js';
import { NO_TIME, TimeReader } from './stamps.js';

/** Individual diagnostics kept per file; the rest are only counted. */
const MAX_DIAGNOSTICS = 50;

export abstract class EntryReader implements SegmentReader {
  readonly diagnostics: Diagnostic[] = [];
  /** Lines that neither started nor continued an entry. */
  badLines = 0;
  /** Lines holding U+FFFD (invalid UTF-8 replaced by the splitter): kept, counted. */
  replacedLines = 0;
  protected readonly time: TimeReader;
  protected pending: LogEvent | undefined;
  /** Set by head() when it folded the line into the pending event itself (PostgreSQL DETAIL lines). */
  protected consumed = false;
  private firstBad = 0;

  constructor(protected readonly ctx: LogContext) {
    this.time = new TimeReader(ctx);
  }

  /** A new event when `line` starts an entry, else undefined. */
  protected abstract head(line: string, lineNo: number): LogEvent | undefined;

  /** Whether a line that starts no entry belongs to the pending one. */
  protected continues(line: string): boolean {
    return line.length > 0;
  }

  /** Fold a continuation line into the pending event. */
  protected fold(ev: LogEvent, line: string, lineNo: number): void {
    ev.message = appendCapped(ev.message, line);
    ev.lineEnd = lineNo;
  }

  /** Lines a format knows to ignore (headers, `-- Boot --` markers). */
  protected skip(_line: string): boolean {
    return false;
  }

  push(line: string, lineNo: number): LogEvent | undefined {
    if (line.indexOf('\uFFFD') !== -1) this.replacedLines++;
    const ev = this.head(line, lineNo);
    if (ev) {
      const done = this.pending;
      this.pending = ev;
      return done === undefined ? undefined : this.complete(done);
    }
    if (this.consumed) {
      this.consumed = false;
      return undefined;
    }
    if (line.length === 0 || this.skip(line)) return undefined;
    if (this.pending && this.continues(line)) {
      this.fold(this.pending, line, lineNo);
      return undefined;
    }
    this.bad(lineNo, 'line starts no entry of this format and follows none');
    return undefined;
  }

  /** Last touches once an entry has all its lines (fields a multi-line entry states at its end). */
  protected complete(ev: LogEvent): LogEvent {
    return ev;
  }

  end(): LogEvent | undefined {
    const done = this.endEntries();
    this.diagnostics.push(...readerSummary(this.tally(), this.ctx.file));
    return done;
  }

  /** End of this part of the file: the last pending event, without the file's summary (see tally). */
  endEntries(): LogEvent | undefined {
    const done = this.pending === undefined ? undefined : this.complete(this.pending);
    this.pending = undefined;
    return done;
  }

  /**
   * Whether a part of the file may start at this line (the file cut there
   * and read by another reader): true when it starts an entry. Only sound
   * for formats whose head() reads a line the same whatever came before
   * (LogParser.segmentable); caches and the pending entry do not count.
   */
  startsEntry(line: string): boolean {
    return this.head(line, 0) !== undefined && !this.consumed;
  }

  tally(): ReaderTally {
    return { lineDiagnostics: this.diagnostics.slice(0, MAX_DIAGNOSTICS), badLines: this.badLines, firstBad: this.firstBad, replacedLines: this.replacedLines };
  }

  protected bad(lineNo: number, why: string): void {
    this.badLines++;
    if (this.firstBad === 0) this.firstBad = lineNo;
    if (this.badLines <= MAX_DIAGNOSTICS) this.diagnostics.push({ level: 'warning', message: why, line: lineNo });
  }

  /** A fresh event with the reader's last time read. */
  protected event(time: number, lineNo: number, message: string): LogEvent {
    const tr = this.time;
    if (time >= 0 && time < tr.latestMs) return logEvent(time, tr.quality, this.ctx.file, lineNo, message);
    return logEvent(checkedTime(time, tr, lineNo, this.diagnostics), 'unknown', this.ctx.file, lineNo, message);
  }

  /** The instant a line's stamp gave, or null (checkedTime). */
  protected checked(time: number, lineNo: number): number | null {
    return time >= 0 && time < this.time.latestMs ? time : checkedTime(time, this.time, lineNo, this.diagnostics);
  }
}

/**
 * The instant a line's stamp gave, or null: NaN (no stamp) and any instant a log cannot hold
 * (NO_TIME from an impossible year, an epoch before 1970, more than FUTURE_YEARS after the file)
 * give no time, and the latter a diagnostic naming the line, never a made-up time.
 * Line 0 is a probe (startsEntry): no diagnostic.
 */
export function checkedTime(time: number, tr: TimeReader, lineNo: number, diagnostics: Diagnostic[]): number | null {
  if (time >= 0 && time < tr.latestMs) return time;
  if (time !== time || lineNo <= 0 || diagnostics.length >= MAX_DIAGNOSTICS) return null;
  const what = time === NO_TIME ? `year ${String(tr.rejectedYear).padStart(4, '0')}` : `instant ${time} ms`;
  diagnostics.push({ level: 'warning', line: lineNo, message: impossibleStampMessage(what, tr.lastYear) });
  return null;
}

/**
 * Every log event is made here, with every key in one order (the unset ones
 * undefined, JSON leaves them out): events of every format then share one
 * hidden class, and the code every event goes through (the loaders, the
 * timeline builder, classification) reads them at one shape instead of a
 * dozen: ~3 % fewer instructions over the bench's mix of logs (performance.md).
 */
export function logEvent(time: number | null, timeQuality: TimeQuality, source: string, line: number, message: string): LogEvent {
  return {
    time,
    timeQuality,
    source,
    family: undefined,
    line,
    message,
    level: undefined,
    program: undefined,
    pid: undefined,
    fields: undefined,
    lineEnd: undefined,
    expand: undefined,
    raw: undefined,
  };
}

export function mergeReaderTallies(parts: readonly ReaderTally[]): ReaderTally {
  const out: ReaderTally = { lineDiagnostics: [], badLines: 0, firstBad: 0, replacedLines: 0 };
  for (const t of parts) {
    out.lineDiagnostics.push(...t.lineDiagnostics.slice(0, MAX_DIAGNOSTICS - out.lineDiagnostics.length));
    if (out.firstBad === 0) out.firstBad = t.firstBad;
    out.badLines += t.badLines;
    out.replacedLines += t.replacedLines;
  }
  return out;
}

/** The summary an EntryReader adds at the end of a file. */
export function readerSummary(t: ReaderTally, file: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (t.badLines > MAX_DIAGNOSTICS) {
    out.push({
      level: 'warning',
      message: `${t.badLines} lines not recognised in ${file} (first at line ${t.firstBad}); the first ${MAX_DIAGNOSTICS} are listed`,
    });
  }
  if (t.replacedLines > 0) out.push({ level: 'info', message: `${t.replacedLines} lines held invalid UTF-8 (shown as U+FFFD)` });
  return out;
}

/** detect() helper: fraction of non-empty lines `test` accepts, scaled by `weight`. */
export function share(lines: string[], test: (l: string) => boolean, weight: number): number {
  let seen = 0;
  let hit = 0;
  for (const l of lines) {
    if (l.length === 0) continue;
    seen++;
    if (test(l)) hit++;
    if (seen >= 50) break;
  }
  return seen === 0 ? 0 : (hit / seen) * weight;
}
