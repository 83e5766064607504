/** Splitting a command's output into lines, the two ways its parsers need. */

/** Lines without terminators, `\r\n`, `\n` and a lone `\r` each ending one (Python's splitlines, as jc reads). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines ended by `\n` or `\r\n` only, so index + 1 is the file's line number; a trailing newline makes no extra line. */
export function numberedLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
