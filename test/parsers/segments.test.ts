/**
 * Segmentable formats (LogParser.segmentable): a real file cut before lines
 * that start an entry, each part read by its own reader (as parse workers
 * do), gives exactly the events and diagnostics one reader of the whole file
 * gives. Cuts are made as densely as possible (before every line that may
 * start a part) and sparsely; a file with bad lines and replaced bytes checks
 * the merged tallies. PostgreSQL is cut only before primary lines, and the
 * formats left out are shown to need their state.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mergeReaderTallies, readerSummary } from '../../src/parsers/logs/lib/reader.js';
import { LOG_PARSERS, logParser } from '../../src/parsers/registry.js';
import type { LogEvent, LogParser, SegmentReader } from '../../src/parsers/types.js';
import { HAS_CORPUS, corpusPath } from '../helpers/corpus.js';
import { FILES } from './logs/corpus-list.js';
import { SAMPLE_CLOCK, linesOf, runLines } from './logs/run.js';

const ctx = (file: string) => ({ file, clock: { ...SAMPLE_CLOCK, tzName: 'Europe/Berlin' } });

/** Line indexes (0-based) where a part may start, as the segmenter decides it. */
function cutPoints(parser: LogParser, file: string, lines: string[]): number[] {
  const probe = parser.open(ctx(file)) as SegmentReader;
  return lines.flatMap((l, i) => (i > 0 && l.length > 0 && probe.startsEntry(l) ? [i] : []));
}

function inParts(parser: LogParser, file: string, lines: string[], cuts: number[]) {
  const events: LogEvent[] = [];
  const tallies = [];
  const bounds = [0, ...cuts, lines.length];
  for (let k = 0; k + 1 < bounds.length; k++) {
    const r = parser.open(ctx(file)) as SegmentReader;
    for (let i = bounds[k]!; i < bounds[k + 1]!; i++) {
      const ev = r.push(lines[i]!, i + 1);
      if (ev) events.push(ev);
    }
    const last = r.endEntries();
    if (last) events.push(last);
    tallies.push(r.tally());
  }
  const t = mergeReaderTallies(tallies);
  return { events, diagnostics: [...t.lineDiagnostics, ...readerSummary(t, file)], parts: bounds.length - 1 };
}

const SEGMENTABLE = LOG_PARSERS.filter((p) => p.segmentable);

describe('segmentable parsers', () => {
  it('are the line-oriented formats whose heads need nothing before them', () => {
    expect(SEGMENTABLE.map((p) => p.id).sort()).toEqual(['access-log', 'app', 'journal', 'postgresql', 'syslog', 'web-error']);
  });
});

describe.skipIf(!HAS_CORPUS)('a real file read in parts equals the file read whole', () => {
  const files = FILES.filter(([, id]) => logParser(id)?.segmentable);
  it('covers every segmentable parser with corpus files', () => {
    for (const p of SEGMENTABLE)
      expect(
        files.some(([, id]) => id === p.id),
        p.id,
      ).toBe(true);
  });
  it.each(files)('%s (%s)', (path, id) => {
    const parser = logParser(id)!;
    const lines = linesOf(readFileSync(corpusPath(path), 'utf8'));
    const whole = runLines(parser, lines, ctx(path));
    const cuts = cutPoints(parser, path, lines);
    for (const every of [1, 3, 17]) {
      const got = inParts(
        parser,
        path,
        lines,
        cuts.filter((_, i) => i % every === 0),
      );
      expect(got.events).toEqual(whole.events);
      expect(got.diagnostics).toEqual(whole.diagnostics);
    }
    console.log(`[segments] ${path} (${id}): ${lines.length} lines, ${cuts.length} cut points, ${whole.events.length} events`);
  });

  it('merges bad-line and invalid-UTF-8 tallies as one reader counts them', () => {
    // An access log with a kernel log's lines in between (not access lines: bad) and U+FFFD-replaced lines.
    const acc = linesOf(readFileSync(corpusPath('lnav/test/logfile_access_log.0'), 'utf8'));
    const kern = linesOf(readFileSync(corpusPath('insights-core/test_dmesg/TS_MSGINFO.txt'), 'utf8'));
    const lines = Array.from({ length: 120 }, (_, i) => [acc[i % acc.length]!, kern[i % kern.length]!, `${acc[(i + 1) % acc.length]!}\uFFFD`]).flat();
    const parser = logParser('access-log')!;
    const whole = runLines(parser, lines, ctx('mixed.log'));
    expect(whole.badLines).toBeGreaterThan(50);
    const cuts = cutPoints(parser, 'mixed.log', lines);
    const got = inParts(
      parser,
      'mixed.log',
      lines,
      cuts.filter((_, i) => i % 5 === 0),
    );
    expect(got.parts).toBeGreaterThan(10);
    expect(got.events).toEqual(whole.events);
    expect(got.diagnostics).toEqual(whole.diagnostics);
    expect(got.diagnostics.at(-1)?.message).toMatch(/lines held invalid UTF-8/);
  });
});

describe.skipIf(!HAS_CORPUS)('what came before a line', () => {
  it('postgresql: a DETAIL line is no cut point: read by a fresh reader it would not fold into its statement', () => {
    // Each DETAIL / CONTEXT / STATEMENT line has the log prefix but belongs to the entry before it.
    const path = 'lnav/test/logfile_postgres.2';
    const lines = linesOf(readFileSync(corpusPath(path), 'utf8'));
    const parser = logParser('postgresql')!;
    const detail = lines.findIndex((l) => / DETAIL: {2}/.test(l));
    expect(detail).toBeGreaterThan(0);
    expect((parser.open(ctx(path)) as SegmentReader).startsEntry(lines[detail]!)).toBe(false);
    expect(cutPoints(parser, path, lines)).not.toContain(detail);
    const whole = runLines(parser, lines, ctx(path));
    const a = runLines(parser, lines.slice(0, detail), ctx(path));
    const b = runLines(parser, lines.slice(detail), ctx(path));
    expect([...a.events, ...b.events]).not.toEqual(whole.events);
  });

  it('the formats left out (MySQL slow log headers, raw dmesg) are not segmentable', () => {
    expect(logParser('mysql-slow')!.segmentable).toBeFalsy();
    expect(logParser('kernel')!.segmentable).toBeFalsy();
  });
});
