/**
 * The shapes every parser shares. A command parser turns one artifact's text
 * into jc-compatible data (same field names, types and null rules as jc, so
 * `sitrep parse` output matches what people already script against). A log
 * parser turns a line stream into events, one line at a time.
 */

/** How an instant was obtained. Every sample and event says which. */
export type TimeQuality =
  | 'exact' // the line or command printed a full instant (date, time, zone or epoch)
  | 'host-zone' // full date and time printed, zone taken from the host's recorded zone
  | 'inferred-year' // the line had no year; it was inferred from capture time and file mtime
  | 'derived' // no stamp of its own: from the capture's time markers or start plus interval
  | 'unknown'; // no time could be given

export interface Diagnostic {
  level: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based line number in the artifact, when the problem is on a line. */
  line?: number;
}

export interface SampleTime {
  /** Epoch milliseconds (UTC). */
  epochMs: number;
  quality: TimeQuality;
}

/** The host's clock facts from the bundle's meta.txt, needed to place times. */
export interface HostClock {
  /** IANA zone name (e.g. Europe/Berlin) or UTC when unknown. */
  tzName?: string;
  /** Offset east of UTC in minutes at capture start (e.g. +120). */
  utcOffsetMin?: number;
  /** Capture start, epoch ms. */
  captureStartMs?: number;
  /** Boot time, epoch ms (for dmesg's monotonic stamps). */
  bootMs?: number;
  /** Seconds since boot read next to captureStartMs. */
  monoAtStartS?: number;
}

export interface ParseContext {
  /** The artifact path, for messages (`sample/vmstat.txt`). */
  file: string;
  clock: HostClock;
  /** When the command started (manifest `start`), epoch ms: dates stamp-less samples. */
  startMs?: number;
  /** Sampling interval in seconds, when the artifact is a sampling command. */
  intervalS?: number;
}

export interface CommandParseResult<T = unknown> {
  /** jc-compatible data: an array of records or one object, as jc gives for this command. */
  data: T;
  /** For array data: the instant of each record, aligned by index (null when none applies). */
  times?: (SampleTime | null)[];
  diagnostics: Diagnostic[];
}

export interface CommandParser<T = unknown> {
  /** Stable id, used by `sitrep parse --as ID` (`vmstat`, `iostat`, `proc-meminfo`). */
  id: string;
  title: string;
  /** Manifest artifact names this parser reads (see docs/bundle-format.md). */
  artifactNames: string[];
  /** The jc parser whose output this matches exactly, when there is one. */
  jc?: string;
  /** Confidence 0..1 that `head` (the first few KB) is this parser's input; for `sitrep parse` without --as. */
  detect(head: string): number;
  parse(text: string, ctx: ParseContext): CommandParseResult<T>;
}

/**
 * Which kind of log a file is: the signal catalogue (timeline/signals) tries on
 * an event only the entries of its family. Declared by the log parsers
 * (LogParser.family, familyByPath); parsers/families.ts derives it.
 */
export type SourceFamily = 'kernel' | 'syslog' | 'journal' | 'web-access' | 'web-error' | 'db' | 'app';

/** Files a parser reads whose events belong to another family than its format's (kern.log: syslog lines, the kernel's). */
export interface FamilyRule {
  /** Tested on the collected path, lower-cased (`/var/log/kern.log`). */
  path: RegExp;
  family: SourceFamily;
  why: string;
}

export type Level = 'emerg' | 'alert' | 'crit' | 'error' | 'warning' | 'notice' | 'info' | 'debug';

export interface LogEvent {
  /** Epoch ms, or null when no time could be given. */
  time: number | null;
  timeQuality: TimeQuality;
  /** Artifact path in the bundle (`logs/var/log/nginx/error.log`); set by the loader. */
  source: string;
  /** The family of the file, from the parser that read it and its path (families.ts); set by the loader. */
  family?: SourceFamily;
  /** 1-based first and last line numbers in the source. */
  line: number;
  lineEnd?: number;
  level?: Level;
  /** syslog tag / program / logger name. */
  program?: string;
  pid?: number;
  /** The message text (first line plus continuation lines joined with \n), capped. */
  message: string;
  /** Format-specific fields: status, request_time, upstream_response_time, client, sqlstate... */
  fields?: LogFields;
  /**
   * Set only by a reader opened with `deferFields`: `fields` then holds only
   * what classification reads, and completeFields() (deferred.ts) builds the
   * rest from `raw`, for the few events that are kept.
   */
  expand?: FieldExpander;
  /** The text the deferred fields are built from (the line; nginx error entries: the message). */
  raw?: string;
}

export type LogFields = Record<string, string | number | null>;

/** Builds the whole `fields` of an event from its raw text and the fields it came with (the reader that deferred them). */
export interface FieldExpander {
  fieldsOf(raw: string, fields: LogFields | undefined): LogFields;
}

export interface LogContext {
  file: string;
  clock: HostClock;
  /** Source file mtime, epoch ms: bounds year inference. */
  mtimeMs?: number;
  /**
   * The consumer is a TimelineBuilder, which reads few fields of most events:
   * a reader may defer building them (LogEvent.expand). Others get whole events.
   */
  deferFields?: boolean;
}

/** A stateful line consumer: multi-line entries complete when the next entry starts. */
export interface LineReader {
  /** Feed one line (without its newline). Returns the event completed by this line, if any. */
  push(line: string, lineNo: number): LogEvent | undefined;
  /** End of input: returns the last pending event, if any. */
  end(): LogEvent | undefined;
  /** Bad lines, counted and reported with their numbers (capped). */
  readonly diagnostics: Diagnostic[];
}

/** A reader's counts for one part of a file: the parts' tallies merge in file order (logs/lib/reader.ts). */
export interface ReaderTally {
  /** Bad-line diagnostics, the first few. */
  lineDiagnostics: Diagnostic[];
  badLines: number;
  firstBad: number;
  replacedLines: number;
}

/** A reader of a format a file can be cut into parts of, each read by its own reader (LogParser.segmentable). */
export interface SegmentReader extends LineReader {
  /** Whether a part may start at this line: it starts an entry, read the same whatever came before. */
  startsEntry(line: string): boolean;
  /** The end of one part: the pending event, without the file's summary diagnostics. */
  endEntries(): LogEvent | undefined;
  tally(): ReaderTally;
}

/** An lnav-style sample: a real line and what its parse must contain. It is the format's own test. */
export interface LogSample {
  lines: string[];
  expect: Partial<Pick<LogEvent, 'level' | 'program' | 'pid' | 'message'>> & {
    /** ISO-8601 instant the event must have (with clock `UTC` unless `clock` says otherwise); null: none (an impossible year). */
    time?: string | null;
    fields?: Record<string, string | number | null>;
  };
  /** Where the line comes from (corpus path or project). */
  origin: string;
}

export interface LogParser {
  id: string;
  title: string;
  /** Source paths (as collected, e.g. /var/log/nginx/access.log) this parser reads by default. */
  paths: RegExp[];
  /** The family of the files this format is: its events' family unless familyByPath names another. */
  family: SourceFamily;
  /** Files read in this format that belong to another family, by path; the first match wins. */
  familyByPath?: readonly FamilyRule[];
  /** Confidence 0..1 that these first lines are this format. */
  detect(lines: string[]): number;
  samples: LogSample[];
  open(ctx: LogContext): LineReader;
  /**
   * A file of this format can be cut before any line that starts an entry and
   * the parts read by separate readers (on separate threads) with the events a
   * single reader gives: head() reads a line the same whatever came before it.
   * open() then returns a SegmentReader. Checked on real files by
   * test/parsers/segments.test.ts.
   */
  segmentable?: boolean;
}

/** Receives each completed event while a bundle streams. */
export type EventSink = (event: LogEvent, host: string) => void;
