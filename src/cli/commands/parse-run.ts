/** The two ways `sitrep parse` runs a parser: whole text for commands, a line stream for logs. */
import { LineSplitter } from '../../bundle/lines.js';
import { DEFAULT_LIMITS } from '../../bundle/limits.js';
import { splitMarkers } from '../../parsers/markers.js';
import type { CommandParser, CommandParseResult, Diagnostic, HostClock, LineReader, LogEvent, LogParser } from '../../parsers/types.js';
import { stderrLine, writeStdout } from '../output.js';
import { visibleJson } from '../../render/text.js';

/** The first bytes (for detection) and the stream that continues after them. */
export async function readHead(src: AsyncIterable<Buffer>, want = 4096): Promise<{ head: Buffer; rest: AsyncIterable<Buffer> }> {
  const it = src[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let n = 0;
  let done = false;
  while (n < want) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    parts.push(r.value);
    n += r.value.length;
  }
  const rest: AsyncIterable<Buffer> = {
    [Symbol.asyncIterator]: () => (done ? { next: async () => ({ done: true, value: undefined }) } : it),
  };
  return { head: Buffer.concat(parts), rest };
}

function report(file: string, ds: readonly Diagnostic[], lineOffset = 0): void {
  for (const d of ds) stderrLine(`${file}${d.line !== undefined ? `:${d.line + lineOffset}` : ''}: ${d.level}: ${d.message}`);
}

function recognised(parser: CommandParser, text: string): boolean {
  try {
    return parser.detect(text) > 0;
  } catch {
    return false;
  }
}

const empty = (data: unknown): boolean => data == null || (Array.isArray(data) && data.length === 0);

export async function parseCommandText(
  parser: CommandParser,
  file: string,
  head: Buffer | null,
  rest: AsyncIterable<Buffer>,
  clock: HostClock,
  pretty: boolean,
): Promise<boolean> {
  const parts: Buffer[] = head ? [head] : [];
  let n = head?.length ?? 0;
  const cap = DEFAULT_LIMITS.maxHeldBytes;
  for await (const c of rest) {
    parts.push(c);
    n += c.length;
    if (n > cap) {
      stderrLine(`${file}: warning: larger than ${cap} bytes; parsed the first ${cap}`);
      break;
    }
  }
  const text = Buffer.concat(parts).subarray(0, cap).toString('utf8');
  const run = (t: string): CommandParseResult => {
    try {
      return parser.parse(t, { file, clock });
    } catch (e) {
      return { data: [], diagnostics: [{ level: 'error', message: `parser ${parser.id} failed: ${(e as Error).message}` }] };
    }
  };
  const indent = pretty ? 2 : undefined;
  if (/^@@sitrep /m.test(text.slice(0, 4096))) {
    const split = splitMarkers(text);
    report(file, split.diagnostics);
    let any = false;
    for (const b of split.blocks) {
      const r = run(b.text);
      report(file, r.diagnostics, b.firstLine - 1);
      any ||= !empty(r.data);
      await writeStdout(`${visibleJson(JSON.stringify({ time: b.epochMs, data: r.data }, null, indent))}\n`);
    }
    return any || text.trim() === '';
  }
  const r = run(text);
  report(file, r.diagnostics);
  await writeStdout(`${visibleJson(JSON.stringify(r.data, null, indent))}\n`);
  // Nothing parsed is a success only for output that is empty, or looks like this command's (a header
  // and no rows); text the parser does not recognise at all is a failure (exit 6), as docs/cli.md says.
  return !empty(r.data) || text.trim() === '' || (!r.diagnostics.some((d) => d.level === 'error') && recognised(parser, text));
}

export async function parseLogStream(
  parser: LogParser,
  file: string,
  head: Buffer | null,
  rest: AsyncIterable<Buffer>,
  clock: HostClock,
  mtimeMs: number | undefined,
): Promise<boolean> {
  const reader: LineReader = parser.open({ file, clock, ...(mtimeMs !== undefined ? { mtimeMs } : {}) });
  const splitter = new LineSplitter(DEFAULT_LIMITS.maxLineBytes);
  let out = '';
  let events = 0;
  const emit = (ev: LogEvent | undefined): void => {
    if (!ev) return;
    ev.source = file;
    events++;
    out += `${visibleJson(JSON.stringify(ev))}\n`;
  };
  const sink = (line: string, n: number): void => emit(reader.push(line, n));
  try {
    if (head) splitter.push(head, sink);
    for await (const c of rest) {
      splitter.push(c, sink);
      if (out.length > 65536) {
        await writeStdout(out);
        out = '';
      }
    }
    splitter.end(sink);
    emit(reader.end());
  } catch (e) {
    stderrLine(`${file}:${splitter.lineNo}: error: parser ${parser.id} failed: ${(e as Error).message}`);
  }
  await writeStdout(out);
  report(file, reader.diagnostics);
  for (const d of splitter.diagnostics(file, '')) stderrLine(`${file}${d.line ? `:${d.line}` : ''}: ${d.level}: ${d.message}`);
  return events > 0 || splitter.lineNo === 0;
}
