/** Test helpers: feed lines through a parser's reader and collect what comes out. */
import type { Diagnostic, HostClock, LogContext, LogEvent, LogParser } from '../../../src/parsers/types.js';

/** The clock samples are read with unless a test says otherwise: a UTC host captured 2026-11-26 05:40Z. */
export const SAMPLE_CLOCK: HostClock = {
  tzName: 'UTC',
  utcOffsetMin: 0,
  captureStartMs: Date.parse('2026-11-26T05:40:00Z'),
  bootMs: Date.parse('2026-11-25T05:40:00Z'),
  monoAtStartS: 86_400,
};

export interface Run {
  events: LogEvent[];
  diagnostics: Diagnostic[];
  badLines: number;
}

export function runLines(parser: LogParser, lines: Iterable<string>, ctx?: Partial<LogContext>): Run {
  const reader = parser.open({
    file: ctx?.file ?? 'test.log',
    clock: ctx?.clock ?? SAMPLE_CLOCK,
    ...(ctx?.mtimeMs !== undefined ? { mtimeMs: ctx.mtimeMs } : {}),
  });
  const events: LogEvent[] = [];
  let n = 0;
  for (const line of lines) {
    n++;
    const ev = reader.push(line, n);
    if (ev) events.push(ev);
  }
  const last = reader.end();
  if (last) events.push(last);
  const bad = (reader as unknown as { badLines?: number }).badLines ?? 0;
  return { events, diagnostics: reader.diagnostics, badLines: bad };
}

/** Split file text into lines the way the loader does (LF, CR stripped). */
export function linesOf(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
