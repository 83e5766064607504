/**
 * One log member read as one or more parts ("segments"). A whole member is
 * one segment; a member of a segmentable format may be cut before a line that
 * starts an entry and its parts read by separate readers, on separate
 * threads (cli/pipeline/segmenter.ts). Each part returns plain tallies, and
 * finishMember() turns the parts, in file order, into the coverage and
 * diagnostics one reader of the whole file gives.
 */
import type { DiagnosticLog } from '../bundle/diagnostics.js';
import { mergeTallies, splitterDiagnostics, type SplitterTally } from '../bundle/lines.js';
import type { BundleMember } from '../bundle/member.js';
import type { ManifestEntry } from '../bundle/types.js';
import type { LogCoverage } from './host-data.js';
import { familyOf } from './families.js';
import { logParser } from './registry.js';
import { mergeReaderTallies, readerSummary } from './logs/lib/reader.js';
import { selectLogParser, type LogParserChoice } from './select-log-parser.js';
import type { Diagnostic, HostClock, LineReader, LogEvent, ReaderTally, SegmentReader, SourceFamily, TimeQuality } from './types.js';

/** Lines given to detect(). */
export const DETECT_LINES = 20;
/** Parser diagnostics listed per artifact; the rest counted. */
const PER_ARTIFACT = 20;

export interface LogInput {
  /** Only its path and lines are used: a parse worker passes lines fed from transferred chunks. */
  member: Pick<BundleMember, 'path' | 'lines'>;
  entry: ManifestEntry;
  clock: HostClock;
  emit: (event: LogEvent) => void;
  /** `emit` is a TimelineBuilder's: events may come with deferred fields (LogContext.deferFields). */
  deferFields?: boolean;
}

export interface SegmentOptions {
  /** The parser already chosen for the file (from its first lines); absent: choose from this segment's. */
  parserId?: string;
  /** A part of a cut file: end with tallies, not the file's summary (the parser must be segmentable). */
  part?: boolean;
}

/** One segment's result: plain data (it crosses threads). */
export interface SegmentResult {
  parser: string;
  events: number;
  firstMs: number | null;
  lastMs: number | null;
  quality: Record<string, number>;
  splitter: SplitterTally;
  /** A part's reader tally (merged over the parts), or null for a whole file... */
  reader: ReaderTally | null;
  /** ...whose reader's own diagnostics are final. */
  parserDiagnostics: Diagnostic[];
}

/**
 * Events per time quality, in the order the qualities were first seen: a
 * switch per event, where a record keyed by the quality cost a keyed load
 * and store on every line of a bundle.
 */
class QualityTally {
  private readonly n = [0, 0, 0, 0, 0];
  /** Indexes into QUALITIES, first seen first. */
  private readonly order: number[] = [];

  count(q: TimeQuality): void {
    let i: number;
    switch (q) {
      case 'exact':
        i = 0;
        break;
      case 'host-zone':
        i = 1;
        break;
      case 'inferred-year':
        i = 2;
        break;
      case 'derived':
        i = 3;
        break;
      default:
        i = 4;
    }
    if (this.n[i]!++ === 0) this.order.push(i);
  }

  record(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const i of this.order) out[QUALITIES[i]!] = this.n[i]!;
    return out;
  }
}
/** The switch's order. */
const QUALITIES: readonly TimeQuality[] = ['exact', 'host-zone', 'inferred-year', 'derived', 'unknown'];

/** The collected file's original path (`/var/log/syslog.2.gz`), from the manifest or the member path. */
export function sourcePathOf(entry: ManifestEntry, path: string): string | null {
  if (entry.source.startsWith('/')) return entry.source;
  return path.startsWith('logs/') ? `/${path.slice(5)}` : null;
}

/** The parser a member's first lines choose (the same choice on any thread). */
export function chooseParser(entry: ManifestEntry, path: string, head: string[]): LogParserChoice | null {
  return selectLogParser(entry.name, sourcePathOf(entry, path), head);
}

/** The parser given, else the one the first lines choose, opened on this member; reader null when none could be. */
function openReader(
  input: LogInput,
  diags: DiagnosticLog,
  parserId: string | undefined,
  head: string[],
): { parser: string; family: SourceFamily; segmentable: boolean; reader: LineReader | null } {
  const { member, entry, clock } = input;
  const path = member.path;
  const given = parserId ? logParser(parserId) : undefined;
  const choice = given ? { parser: given, how: 'path' as const } : chooseParser(entry, path, head);
  if (!choice) return { parser: '', family: 'app', segmentable: false, reader: null };
  if (choice.how === 'fallback') diags.add('info', `no log format recognized: read with the generic ${choice.parser.id} parser`, path);
  const family = familyOf(choice.parser, sourcePathOf(entry, path) ?? path);
  const base = { parser: choice.parser.id, family, segmentable: choice.parser.segmentable === true };
  try {
    return {
      ...base,
      reader: choice.parser.open({
        file: path,
        clock,
        ...(entry.mtimeMs !== null ? { mtimeMs: entry.mtimeMs } : {}),
        ...(input.deferFields ? { deferFields: true } : {}),
      }),
    };
  } catch (e) {
    diags.addParser('error', `log parser ${choice.parser.id} failed to open: ${(e as Error).message}`, path);
    return { ...base, reader: null };
  }
}

export async function readSegment(input: LogInput, diags: DiagnosticLog, opts: SegmentOptions = {}): Promise<SegmentResult> {
  const { member } = input;
  const path = member.path;
  const r: SegmentResult = { parser: '', events: 0, firstMs: null, lastMs: null, quality: {}, splitter: null!, reader: null, parserDiagnostics: [] };
  const head: [string, number][] = [];
  const tally = new QualityTally();
  let reader: LineReader | null = null;
  let segmentable = false;
  let dead = false;
  let family: SourceFamily = 'app';

  const emit = (ev: LogEvent | undefined): void => {
    if (!ev) return;
    ev.source = path;
    ev.family = family;
    r.events++;
    tally.count(ev.timeQuality);
    if (ev.time !== null) {
      if (r.firstMs === null || ev.time < r.firstMs) r.firstMs = ev.time;
      if (r.lastMs === null || ev.time > r.lastMs) r.lastMs = ev.time;
    }
    input.emit(ev);
  };
  const failed = (e: unknown, lineNo?: number): void => {
    // Parsers must not throw; if one does, stop feeding it and say where.
    dead = true;
    const rest = opts.part ? 'rest of this part of the file not parsed' : 'rest of the file not parsed';
    diags.addParser('error', `log parser ${r.parser} failed${lineNo ? ` at line ${lineNo}` : ''}: ${(e as Error).message}; ${rest}`, path, lineNo);
  };
  // The hot path (once per line): no closure allocated per call.
  const push = (line: string, n: number): void => {
    if (dead || !reader) return;
    try {
      emit(reader.push(line, n));
    } catch (e) {
      failed(e, n);
    }
  };
  const start = (): void => {
    const opened = openReader(
      input,
      diags,
      opts.parserId,
      head.map((h) => h[0]),
    );
    if (!opened.reader) {
      dead = true;
      r.parser = opened.parser;
      return;
    }
    r.parser = opened.parser;
    family = opened.family;
    segmentable = opened.segmentable;
    reader = opened.reader;
    for (const [l, n] of head) push(l, n);
    head.length = 0;
  };

  if (opts.parserId) start();
  const splitter = await member.lines((line, n) => {
    if (reader || dead) return push(line, n);
    head.push([line, n]);
    if (head.length >= DETECT_LINES) start();
  });
  if (!reader && !dead) start();
  const rd = reader as LineReader | null;
  const part = opts.part === true && segmentable && rd !== null;
  if (rd && !dead) {
    try {
      emit(part ? (rd as SegmentReader).endEntries() : rd.end());
    } catch (e) {
      failed(e);
    }
  }
  r.splitter = splitter.tally();
  r.quality = tally.record();
  if (part) r.reader = (rd as SegmentReader).tally();
  else r.parserDiagnostics = rd?.diagnostics ?? [];
  return r;
}

/** The parser diagnostics of a file read in these segments (in file order): what one reader would have listed. */
export function parserDiagnosticsOf(segments: readonly SegmentResult[], file: string): Diagnostic[] {
  const parts = segments.flatMap((s) => (s.reader ? [s.reader] : []));
  if (parts.length === 0) return segments.flatMap((s) => s.parserDiagnostics);
  const t = mergeReaderTallies(parts);
  return [...t.lineDiagnostics, ...readerSummary(t, file)];
}

/** Adds a file's parser diagnostics to the bundle's log (the first PER_ARTIFACT, then a count). */
export function addParserDiagnostics(diags: DiagnosticLog, path: string, list: readonly Diagnostic[]): void {
  list.slice(0, PER_ARTIFACT).forEach((d) => diags.addParser(d.level, d.message, path, d.line));
  if (list.length > PER_ARTIFACT) diags.addParser('info', `${list.length - PER_ARTIFACT} more parser diagnostics not listed`, path);
}

/**
 * The end of a member read in segments elsewhere: its splitter diagnostics
 * and parser diagnostics go to the log, and the segments become one coverage.
 */
export function finishMember(path: string, segments: readonly SegmentResult[], diags: DiagnosticLog, maxLineBytes: number): LogCoverage {
  const tally = mergeTallies(segments.map((s) => s.splitter));
  const split = splitterDiagnostics(tally, maxLineBytes, diags.file, path);
  split.forEach((d) => diags.push(d));
  const parserDiags = parserDiagnosticsOf(segments, path);
  addParserDiagnostics(diags, path, parserDiags);
  return coverageOf(path, segments, tally.lines, parserDiags.length + split.length);
}

/**
 * The quality tally of a log without events, shared: a bundle of 100,000 empty
 * logs kept 100,000 empty objects (5 MB, and four times that in V8's heap growth).
 */
const NO_QUALITY: Record<string, number> = Object.freeze({});

export function coverageOf(path: string, segments: readonly SegmentResult[], lines: number, diagnostics: number): LogCoverage {
  const quality = segments.some((s) => Object.keys(s.quality).length > 0) ? {} : NO_QUALITY;
  const cov: LogCoverage = { path, parser: segments[0]?.parser ?? '', lines, events: 0, firstMs: null, lastMs: null, quality, diagnostics };
  for (const s of segments) {
    cov.events += s.events;
    if (s.firstMs !== null && (cov.firstMs === null || s.firstMs < cov.firstMs)) cov.firstMs = s.firstMs;
    if (s.lastMs !== null && (cov.lastMs === null || s.lastMs > cov.lastMs)) cov.lastMs = s.lastMs;
    for (const [q, n] of Object.entries(s.quality)) cov.quality[q] = (cov.quality[q] ?? 0) + n;
  }
  return cov;
}
