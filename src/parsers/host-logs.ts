/**
 * One log member streamed line by line through the log parser chosen for it.
 * The first lines are held back only until the parser is chosen; after that
 * every line goes straight to the parser and every completed event straight
 * to the sink, so memory does not grow with the log.
 */
import type { DiagnosticLog } from '../bundle/diagnostics.js';
import type { BundleMember } from '../bundle/member.js';
import type { ManifestEntry } from '../bundle/types.js';
import type { LogCoverage } from './host-data.js';
import { selectLogParser } from './select-log-parser.js';
import type { HostClock, LineReader, LogEvent } from './types.js';

/** Lines given to detect(). */
export const DETECT_LINES = 20;
const PER_ARTIFACT = 20;

export interface LogInput {
  /** Only its path and lines are used: a parse worker passes lines fed from transferred chunks. */
  member: Pick<BundleMember, 'path' | 'lines'>;
  entry: ManifestEntry;
  clock: HostClock;
  emit: (event: LogEvent) => void;
}

/** The collected file's original path (`/var/log/syslog.2.gz`), from the manifest or the member path. */
export function sourcePathOf(entry: ManifestEntry, path: string): string | null {
  if (entry.source.startsWith('/')) return entry.source;
  return path.startsWith('logs/') ? `/${path.slice(5)}` : null;
}

export async function readLogMember(input: LogInput, diags: DiagnosticLog): Promise<LogCoverage> {
  const { member, entry, clock } = input;
  const path = member.path;
  const cov: LogCoverage = { path, parser: '', lines: 0, events: 0, firstMs: null, lastMs: null, quality: {}, diagnostics: 0 };
  const head: [string, number][] = [];
  let reader: LineReader | null = null;
  let dead = false;

  const emit = (ev: LogEvent | undefined): void => {
    if (!ev) return;
    ev.source = path;
    cov.events++;
    cov.quality[ev.timeQuality] = (cov.quality[ev.timeQuality] ?? 0) + 1;
    if (ev.time !== null) {
      if (cov.firstMs === null || ev.time < cov.firstMs) cov.firstMs = ev.time;
      if (cov.lastMs === null || ev.time > cov.lastMs) cov.lastMs = ev.time;
    }
    input.emit(ev);
  };
  const failed = (e: unknown, lineNo?: number): void => {
    // Parsers must not throw; if one does, stop feeding it and say where.
    dead = true;
    diags.addParser('error', `log parser ${cov.parser} failed${lineNo ? ` at line ${lineNo}` : ''}: ${(e as Error).message}; rest of the file not parsed`, path, lineNo);
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
    const source = sourcePathOf(entry, path);
    const choice = selectLogParser(entry.name, source, head.map((h) => h[0]));
    if (!choice) {
      dead = true;
      return;
    }
    cov.parser = choice.parser.id;
    if (choice.how === 'fallback') diags.add('info', `no log format recognized: read with the generic ${choice.parser.id} parser`, path);
    try {
      reader = choice.parser.open({ file: path, clock, ...(entry.mtimeMs !== null ? { mtimeMs: entry.mtimeMs } : {}) });
    } catch (e) {
      dead = true;
      diags.addParser('error', `log parser ${choice.parser.id} failed to open: ${(e as Error).message}`, path);
      return;
    }
    for (const [l, n] of head) push(l, n);
    head.length = 0;
  };

  const splitter = await member.lines((line, n) => {
    if (reader || dead) return push(line, n);
    head.push([line, n]);
    if (head.length >= DETECT_LINES) start();
  });
  if (!reader && !dead) start();
  if (reader && !dead) {
    try {
      emit((reader as LineReader).end());
    } catch (e) {
      failed(e);
    }
  }
  cov.lines = splitter.lineNo;
  const parserDiags = (reader as LineReader | null)?.diagnostics ?? [];
  parserDiags.slice(0, PER_ARTIFACT).forEach((d) => diags.addParser(d.level, d.message, path, d.line));
  if (parserDiags.length > PER_ARTIFACT) diags.addParser('info', `${parserDiags.length - PER_ARTIFACT} more parser diagnostics not listed`, path);
  cov.diagnostics = parserDiags.length + splitter.diagnostics(diags.file, path).length;
  return cov;
}
