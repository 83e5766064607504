/**
 * lnav's format samples (src/formats/*.json "sample" arrays, extracted into
 * ../shared/corpus/lnav/format-samples): every sample of a format that maps to
 * one of our parsers must parse into one event with a time; where lnav states
 * a level, ours must be the same. One documented difference: lnav rates every
 * 4xx status as `error`; we rate 4xx `warning` and 5xx `error` (a 404 storm is
 * not an outage), so for access_log lnav's `error` on a 4xx equals our `warning`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { linesOf, runLines } from './run.js';

const MAP: Readonly<Record<string, string>> = {
  syslog_log: 'syslog',
  access_log: 'access-log',
  error_log: 'web-error',
  mysql_error_log: 'mysql-error',
  mysql_slow_log: 'mysql-slow',
  postgres_log: 'postgresql',
  java_log: 'app',
};

/** Samples we do not parse, with the reason (format#index). */
const ALLOWED: Readonly<Record<string, string>> = {
  'access_log#2': "lnav's own ISO-first variant (`2013-02-11T06:43:36 10.112.72.172 - GET …`), not an nginx/Apache format",
  'access_log#3': "lnav's own ISO-first variant, not an nginx/Apache format",
  'java_log#22': 'HDFS `081111 101735` (YYMMDD HHMMSS without separators) is not read by the generic parser',
  'java_log#23': 'Spark `17/06/09 20:10:52`: a two-digit-year slashed date is ambiguous, not guessed',
};

interface Sample {
  line: string;
  level?: string;
}

describe.skipIf(!HAS_CORPUS)('lnav format samples', () => {
  it("parse with a time, and with lnav's level where it gives one", () => {
    let total = 0;
    let parsed = 0;
    let levels = 0;
    let levelsMatched = 0;
    const misses: string[] = [];
    for (const [format, id] of Object.entries(MAP)) {
      const doc = JSON.parse(readFileSync(corpusPath('lnav', 'format-samples', `${format}.samples.json`), 'utf8')) as { samples: Sample[] };
      const parser = logParser(id)!;
      doc.samples.forEach((s, i) => {
        total++;
        const key = `${format}#${i}`;
        const { events } = runLines(parser, linesOf(s.line));
        const ev = events[0];
        const ok = events.length === 1 && ev !== undefined && ev.time !== null;
        if (ok) parsed++;
        if (ok === Boolean(ALLOWED[key]))
          misses.push(ok ? `${key} allow-listed but parses: remove it` : `${key} [${id}] ${events.length} events, time ${ev?.time}: ${s.line.slice(0, 100)}`);
        if (s.level && ev) {
          levels++;
          const ours = format === 'access_log' && ev.level === 'warning' ? 'error' : ev.level;
          if (ours === s.level) levelsMatched++;
          else misses.push(`${key} level: lnav ${s.level}, ours ${ev.level}`);
        }
      });
    }
    console.log(
      `[lnav] ${parsed}/${total} samples parsed with a time (${Object.keys(ALLOWED).length} allow-listed); levels matched ${levelsMatched}/${levels}`,
    );
    expect(misses, misses.join('\n')).toEqual([]);
  });

  it('journald JSON export (test/logfile_journald.json) parses every line with time and level', () => {
    const lines = linesOf(readFileSync(corpusPath('lnav', 'test', 'logfile_journald.json'), 'utf8'));
    const { events, badLines } = runLines(logParser('journal')!, lines);
    const withLevel = events.filter((e) => e.level !== undefined && e.time !== null && e.timeQuality === 'exact').length;
    console.log(`[lnav] journald json: ${events.length} events from ${lines.length} lines, ${withLevel} with exact time and level, ${badLines} bad`);
    expect(badLines).toBe(0);
    expect(events.length).toBe(lines.filter((l) => l.startsWith('{')).length);
    expect(withLevel).toBe(events.length);
    // First line: __REALTIME_TIMESTAMP 1534860261221373 µs, PRIORITY 1
    expect(events[0]!.time).toBe(1534860261221);
    expect(events[0]!.level).toBe('alert');
  });
});
