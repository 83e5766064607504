/**
 * Byte-exact line streaming for redaction and verification: bytes are read as
 * latin1 (one char per byte, any encoding survives), split on `\n`. A line
 * longer than MAX_LINE is refused (fail closed): cutting it would leave a
 * value straddling the cut neither redacted nor seen, so no byte escapes.
 */
import { SitrepError } from '../errors.js';

export const MAX_LINE = 8 * 1024 * 1024;

export function refuse(line: number): never {
  throw new SitrepError('INPUT_UNREADABLE', `line longer than ${MAX_LINE} bytes refused: it could not be checked whole`, { line });
}

/**
 * Pushes the complete lines of `text` to `lines` and returns what follows the
 * last `\n`, to carry into the next chunk; `before` lines came earlier (for
 * the number of a refused one).
 */
export function takeLines(text: string, lines: string[], before: number): string {
  let start = 0;
  let nl: number;
  while ((nl = text.indexOf('\n', start)) >= 0) {
    if (nl - start > MAX_LINE) refuse(before + lines.length + 1);
    lines.push(text.slice(start, nl));
    start = nl + 1;
  }
  const rest = text.slice(start);
  if (rest.length > MAX_LINE) refuse(before + lines.length + 1);
  return rest;
}

/** The lines completed by one chunk read, and at the end the last line if no `\n` ended it. */
export interface LineBatch {
  lines: string[];
  partial?: string;
}

/** The lines of `chunks`, one batch per chunk read, so a member is never held whole. */
export async function* lineBatches(chunks: AsyncIterable<Buffer>): AsyncGenerator<LineBatch> {
  let pending = '';
  let n = 0;
  for await (const c of chunks) {
    const lines: string[] = [];
    pending = takeLines(pending + c.toString('latin1'), lines, n);
    n += lines.length;
    if (lines.length > 0) yield { lines };
  }
  if (pending !== '') yield { lines: [], partial: pending };
}

/** Calls `onLine(line, number)` for each line of `chunks`; returns whether the content ended with `\n`. */
export async function eachLine(chunks: AsyncIterable<Buffer>, onLine: (line: string, n: number) => void): Promise<boolean> {
  let n = 0;
  let endsNl = true;
  for await (const b of lineBatches(chunks)) {
    for (const line of b.lines) onLine(line, ++n);
    if (b.partial !== undefined) {
      onLine(b.partial, ++n);
      endsNl = false;
    }
  }
  return endsNl;
}
