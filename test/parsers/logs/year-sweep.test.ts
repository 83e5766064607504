/**
 * Issue 21's sweeps. First on real stamp shapes: every line of fail2ban's annotated
 * sample logs and lnav's test logs (../shared/corpus, read at run time) that
 * states a year 2000-2099, one line per stamp shape, with that year replaced
 * by every year 0000-0099 and by 1969, through every registered log parser.
 * No event may be dated before 1970, nor 1970-1999 (Date.UTC's reading of
 * 70-99: the clock here is 2005, so any year left is the line's own or
 * inferred from the clock); and a line whose stamp was read before the
 * change must give, after it, no time and a warning naming the line.
 * Then fail2ban's `0000-12-30` line, every parser's own samples with their
 * year replaced, and each stamp shape the parsers read with every year.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_PARSERS, logParser } from '../../../src/parsers/registry.js';
import type { HostClock, LogParser } from '../../../src/parsers/types.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { linesOf, runLines } from './run.js';

/** fail2ban's harness clock: Europe/Zurich, "now" 2005-08-14 12:00 CEST. */
const CLOCK: HostClock = { tzName: 'Europe/Zurich', captureStartMs: 1124013600_000 };
const YEARS = [...Array.from({ length: 100 }, (_, n) => String(n).padStart(4, '0')), '1969'];
const YEAR = /\b20\d\d\b/;
const Y2000 = Date.UTC(2000, 0, 1);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** One real line per stamp shape (its first 32 characters with digits and letters folded), with the year it states. */
function shapes(): { line: string; year: string; origin: string }[] {
  const roots = [corpusPath('fail2ban', 'fail2ban', 'tests', 'files'), corpusPath('lnav', 'test')];
  const seen = new Map<string, { line: string; year: string; origin: string }>();
  for (const path of roots.flatMap(files)) {
    if (statSync(path).size > 1_000_000) continue;
    for (const line of linesOf(readFileSync(path, 'utf8'))) {
      const m = YEAR.exec(line);
      if (line.startsWith('#') || !m || m.index > 40) continue;
      const key = line.slice(0, 32).replace(/\d/g, '9').replace(/[a-z]/gi, 'a');
      if (!seen.has(key)) seen.set(key, { line, year: m[0], origin: path.slice(path.indexOf('corpus/') + 7) });
    }
  }
  return [...seen.values()];
}

/** The parsers whose time for the line comes from the year it states: another year there moves it (an epoch elsewhere in the line does not). */
function readers(line: string, year: string): LogParser[] {
  const before = line.split(year).join(String(Number(year) - 1));
  return LOG_PARSERS.filter((p) => {
    const a = runLines(p, [line], { clock: CLOCK }).events[0]?.time;
    const b = runLines(p, [before], { clock: CLOCK }).events[0]?.time;
    return a != null && b != null && a !== b;
  });
}

describe.skipIf(!HAS_CORPUS)('every year 0000-0099 and 1969 in real stamp shapes, through every log parser', () => {
  const rows = HAS_CORPUS ? shapes() : [];

  it('covers many shapes, read by every parser that states a year', () => {
    const read = new Set(rows.flatMap((r) => readers(r.line, r.year).map((p) => p.id)));
    console.log(`[year-sweep] ${rows.length} stamp shapes; read with their year by: ${[...read].sort().join(', ')}`);
    expect(rows.length).toBeGreaterThan(100);
    for (const id of ['syslog', 'app', 'access-log', 'web-error', 'mysql-error', 'postgresql']) expect(read.has(id), id).toBe(true);
  });

  it('no event before 2000, and no time at all where the stamp stated the year', () => {
    const problems: string[] = [];
    for (const { line, year, origin } of rows) {
      const stated = new Set(readers(line, year));
      for (const y of YEARS) {
        const changed = line.split(year).join(y);
        for (const p of LOG_PARSERS) {
          const { events, diagnostics } = runLines(p, [changed], { clock: CLOCK });
          for (const ev of events) {
            if (ev.time !== null && ev.time < Y2000) problems.push(`${p.id} ${y} ${origin}: ${new Date(ev.time).toISOString()} from ${changed}`);
            if (stated.has(p) && ev.line === 1 && ev.time !== null) problems.push(`${p.id} ${y} ${origin}: a time from ${changed}`);
            if (stated.has(p) && ev.line === 1 && !diagnostics.some((d) => d.line === 1 && d.message.includes(`year ${y}`)))
              problems.push(`${p.id} ${y} ${origin}: no diagnostic for ${changed}`);
          }
        }
      }
    }
    expect(problems.slice(0, 20), `${problems.length} problems`).toEqual([]);
  });
});

describe('impossible years: no time, a diagnostic naming the line', () => {
  const ZERO = '0000-12-30 00:00:00 server test-demo[47831]:  F2B: failure from 192.0.2.1';

  it('fail2ban\'s `0000-12-30` line (annotated "time": null) keeps its text, gets no time', () => {
    const before: Readonly<Record<string, string>> = { syslog: 'Jun 21 16:47:46 machine test-demo[13709]: F2B: a', app: '2005-06-21 16:55:09 machine F2B: a' };
    for (const id of ['syslog', 'app']) {
      const { events, diagnostics } = runLines(logParser(id)!, [before[id]!, ZERO], { clock: CLOCK });
      expect(events, id).toHaveLength(2);
      expect(events[1]).toMatchObject({ time: null, timeQuality: 'unknown', line: 2 });
      expect(events[1]!.message).toContain('F2B: failure from 192.0.2.1');
      expect(
        diagnostics.filter((d) => d.line === 2),
        id,
      ).toHaveLength(1);
      expect(diagnostics.find((d) => d.line === 2)!.message).toContain('year 0000');
    }
  });

  // Each parser's own sample with its stamp's year replaced: 0000-0099, 1900, 1969, and 60 and 7973 years after the capture.
  const years = [...YEARS, '1900', '2087', '9999'];
  const clock: HostClock = { tzName: 'UTC', captureStartMs: Date.parse('2026-11-26T05:40:00Z') };
  const rows = LOG_PARSERS.flatMap((p) => p.samples.map((s, k) => ({ p, s, k }))).filter(({ s }) => /\b(?:19[7-9]\d|20\d\d)\b/.test(s.lines.join('\n')));

  it.each(rows.map((r) => [`${r.p.id}#${r.k}`, r] as const))('%s: a stamp in another year gives no time', (_, { p, s }) => {
    const year = /\b(?:19[7-9]\d|20\d\d)\b/.exec(s.lines.join('\n'))![0];
    for (const y of years) {
      const lines = s.lines.map((l) => l.split(year).join(y));
      const { events, diagnostics } = runLines(p, lines, { clock, mtimeMs: clock.captureStartMs! });
      for (const ev of events) {
        if (ev.time !== null) {
          // A time may stand only where the line did not state the year (an epoch, a year-less stamp).
          expect(ev.time, `${y}: ${lines[0]}`).toBeGreaterThanOrEqual(0);
          expect(new Date(ev.time).getUTCFullYear(), `${y}: ${lines[0]}`).not.toBe(Number(y) < 100 ? 1900 + Number(y) : Number(y));
        } else
          expect(
            diagnostics.some((d) => d.line === ev.line && d.message.includes(`year ${y}`)),
            `${y}: ${lines[0]}`,
          ).toBe(true);
      }
    }
  });

  it('the sweep covers every log parser that states a year in its samples', () => {
    const covered = new Set(rows.map((r) => r.p.id));
    for (const id of ['syslog', 'app', 'access-log', 'web-error', 'mysql-error', 'postgresql', 'postgresql-csv', 'kernel'])
      expect(covered.has(id), id).toBe(true);
  });

  it('every year 0000-0099 and 1969, in every stamp shape that states one, gives no event before 1970', () => {
    const shapes = [
      (y: string) => `${y}-06-21 16:55:09 machine test-demo[1]: a`, // syslog ISO, host zone
      (y: string) => `${y}-06-21T16:55:09+02:00 machine test-demo[1]: a`, // rsyslog ISO, offset
      (y: string) => `Jun 21 ${y} 16:55:09 machine test-demo[1]: a`, // BSD stamp with a year
      (y: string) => `${y}-06-21 16:55:09,123 ERROR [main] a`, // log4j
      (y: string) => `${y}/06/21 16:55:09 [error] 1#1: *1 connect() failed`, // nginx error
      (y: string) => `127.0.0.1 - - [21/Jun/${y}:16:55:09 +0200] "GET / HTTP/1.1" 200 1 "-" "-"`, // access log
      (y: string) => `${y}-06-21 16:55:09.123 UTC [1] LOG:  a`, // PostgreSQL
      (y: string) => `${y}-06-21T16:55:09.123456Z 0 [Note] a`, // MySQL 8
      (y: string) => `# Time: ${y}-06-21T16:55:09.123456Z`, // MySQL 5.7 slow log
      (y: string) => `${y} Jun 21 16:55:09 machine test-demo[1]: a`, // syslog-ng $FULLDATE
      (y: string) => `[Mon Jun 21 16:55:09 ${y}] a`, // dmesg -T
      (y: string) => `[Mon Jun 21 16:55:09.123456 ${y}] [core:error] [pid 1] a`, // Apache 2.4 error
      (y: string) => `Mon Jun 21 16:55:09 ${y} [pid 1] a`, // ctime (vsftpd)
      (y: string) => `21-Jun-${y}16:55:09.372 a`, // BIND
      (y: string) => `Jun 21, ${y} 4:55:09 PM org.example.Main main`, // java.util.logging
      (y: string) => `21/06/${y} 16:55:09 a`, // numeric day first
    ];
    for (const y of YEARS) {
      for (const shape of shapes) {
        const line = shape(y);
        for (const p of LOG_PARSERS) {
          const { events } = runLines(p, [line], { clock });
          // Not before 1970, and not 1970-1999 either (Date.UTC's reading of 70-99): any time left is the capture's era.
          for (const ev of events) expect(ev.time === null || new Date(ev.time).getUTCFullYear() >= 2000, `${p.id}: ${line}`).toBe(true);
        }
      }
    }
  });
});
