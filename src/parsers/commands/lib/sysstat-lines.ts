/**
 * The loop head every sysstat text parser (mpstat, pidstat, iostat, sar)
 * shares: blank lines carry nothing, and the `Linux <release> (<host>)
 * <date> ...` header is not data but the date the following times of day
 * belong to (a file can hold several, e.g. sar over two days' files).
 */
import { plausibleYear, refusedYearMessage } from '../../time.js';
import type { ParseContext } from '../../types.js';
import type { Diags } from './diags.js';
import { hostDateOf, sysstatHeaderDate, type DateParts } from './sysstat-time.js';

/**
 * The date times of day count from until a header says otherwise: the
 * command's start date in the host's zone (an output cut before its header
 * is still dated), or null when the bundle did not say when it started.
 */
export function startDate(ctx: ParseContext): DateParts | null {
  return ctx.startMs !== undefined ? hostDateOf(ctx.startMs, ctx.clock) : null;
}

/**
 * The lines of a sysstat output that a parser has to read, with their
 * 0-based index (line number - 1): blank lines skipped, dated header lines
 * consumed and their date handed to `onDate`. A header whose date cannot be
 * read is yielded like any other line, so each parser reports it as before;
 * one whose year cannot be a stamp's (0000) is warned of in `diags` (the times
 * of day after it then get no time: DayClock).
 */
export function* sysstatLines(
  lines: readonly string[],
  onDate?: (date: DateParts) => void,
  diags?: Diags,
  ctx?: ParseContext,
): Generator<[line: string, index: number]> {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const date = sysstatHeaderDate(line);
    if (date) {
      if (diags && ctx && !plausibleYear(date.year, ctx.clock)) diags.add('warning', refusedYearMessage(date.year, ctx.clock), i + 1);
      onDate?.(date);
      continue;
    }
    yield [line, i];
  }
}
