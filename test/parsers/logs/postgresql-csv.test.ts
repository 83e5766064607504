/**
 * csvlog record assembly: records spanning lines, doubled quotes, and a
 * stray quote that must not swallow the rest of the file. Lines are from a
 * PostgreSQL 15.18 csvlog captured on this machine (log_timezone Europe/Berlin).
 */
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
import { iso, runLines } from './run.js';

const csv = logParser('postgresql-csv')!;
const REAL = [
  '2026-11-26 06:19:20.176 CET,,,24161,,6b07c158.5e61,2,,2026-11-26 06:19:20 CET,,0,LOG,00000,"listening on Unix socket ""/tmp/pgs/.s.PGSQL.15433""",,,,,,,,,"","postmaster",,0',
  '2026-11-26 06:19:21.864 CET,"postgres","postgres",24511,"[local]",6b07c159.5fbf,1,"SELECT",2026-11-26 06:19:21 CET,3/6,0,ERROR,42P01,"relation ""nosuch"" does not exist",,,,,,"select * from nosuch;",15,,"psql","client backend",,0',
  '2026-11-26 06:19:21.896 CET,"postgres","postgres",24514,"[local]",6b07c159.5fc2,1,"SELECT",2026-11-26 06:19:21 CET,3/8,0,ERROR,22012,"division by zero",,,,,,"select 1/0,',
  ' 2;",,,"psql","client backend",,0',
  '2026-11-26 06:19:22.496 CET,,,24161,,6b07c158.5e61,7,,2026-11-26 06:19:20 CET,,0,LOG,00000,"database system is shut down",,,,,,,,,"","postmaster",,0',
];

describe('postgresql-csv', () => {
  it('assembles records across lines and unescapes doubled quotes', () => {
    const { events, badLines } = runLines(csv, REAL);
    expect(badLines).toBe(0);
    expect(events.map((e) => [iso(e.time), e.level, e.line, e.lineEnd ?? e.line])).toEqual([
      ['2026-11-26T05:19:20.176Z', 'info', 1, 1],
      ['2026-11-26T05:19:21.864Z', 'error', 2, 2],
      ['2026-11-26T05:19:21.896Z', 'error', 3, 4],
      ['2026-11-26T05:19:22.496Z', 'info', 5, 5],
    ]);
    expect(events[0]!.message).toBe('listening on Unix socket "/tmp/pgs/.s.PGSQL.15433"');
    expect(events[1]!.fields).toMatchObject({ sqlstate: '42P01', query: 'select * from nosuch;' });
    expect(events[2]!.fields?.query).toBe('select 1/0,\n 2;');
  });

  it('a record that never closes its quote is abandoned with a diagnostic, not the whole file', () => {
    const broken =
      '2026-11-26 06:19:21.896 CET,"postgres","postgres",24514,"[local]",6b07c159.5fc2,1,"SELECT",2026-11-26 06:19:21 CET,3/8,0,ERROR,22012,"division by zero';
    const filler = Array.from({ length: 3000 }, () => 'x'.repeat(100));
    const { events, badLines, diagnostics } = runLines(csv, [broken, ...filler, REAL[4]!]);
    expect(badLines).toBeGreaterThanOrEqual(1);
    expect(diagnostics[0]!.message).toMatch(/never closes/);
    expect(events.at(-1)?.message).toBe('database system is shut down');
  });

  it('is detected on csvlog content and not on stderr logs', () => {
    expect(csv.detect(REAL)).toBeGreaterThan(0.5);
    expect(csv.detect(['2026-11-26 06:19:20.175 CET [24161] LOG:  starting PostgreSQL 15.18'])).toBe(0);
  });
});
