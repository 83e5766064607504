/**
 * Byte-exact line streaming for redaction and verification: bytes are read as
 * latin1 (one char per byte, any encoding survives), split on `\n`. A line
 * longer than MAX_LINE is handed on in pieces of that size so memory stays
 * bounded; a value straddling such a cut is the documented blind spot.
 */
export const MAX_LINE = 8 * 1024 * 1024;

/** Calls `onLine(line, number)` for each line of `chunks`; returns whether the content ended with `\n`. */
export async function eachLine(chunks: AsyncIterable<Buffer>, onLine: (line: string, n: number) => void): Promise<boolean> {
  let pending = '';
  let n = 0;
  for await (const c of chunks) {
    const text = pending + c.toString('latin1');
    let start = 0;
    let nl: number;
    while ((nl = text.indexOf('\n', start)) >= 0) {
      onLine(text.slice(start, nl), ++n);
      start = nl + 1;
    }
    pending = text.slice(start);
    while (pending.length > MAX_LINE) {
      onLine(pending.slice(0, MAX_LINE), ++n);
      pending = pending.slice(MAX_LINE);
    }
  }
  if (pending !== '') onLine(pending, ++n);
  return pending === '';
}
