/** ClickHouse rows of real sample records have exactly the columns of schema/clickhouse.sql, in order, with its types' shapes. */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clickhouseRow, TABLES } from '../../src/export/clickhouse.js';
import { allRecords, type ExportIndex, type RecordKind } from '../../src/export/records.js';
import { sampleIndex } from './fixture.js';

/** Column names and types of one CREATE TABLE in schema/clickhouse.sql, in order. */
function columns(table: string): [string, string][] {
  const sql = readFileSync(new URL('../../schema/clickhouse.sql', import.meta.url), 'utf8');
  const body = new RegExp(`CREATE TABLE IF NOT EXISTS ${table} \\(([^;]*?)\\) ENGINE`).exec(sql)?.[1];
  if (!body) throw new Error(`no table ${table}`);
  return body
    .split(',\n')
    .map((c) => c.trim().split(/\s+/) as [string, string])
    .filter((c) => c[0]);
}

/** The JSON shape JSONEachRow needs for a column type. */
function fits(type: string, v: unknown): boolean {
  if (type === 'String') return typeof v === 'string';
  if (type === 'DateTime') return typeof v === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v);
  if (type === 'Array(String)') return Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (type === 'Float64') return typeof v === 'number';
  const u = /^UInt(8|16|32|64)$/.exec(type);
  if (u) return Number.isInteger(v) && (v as number) >= 0 && (v as number) < 2 ** Math.min(53, Number(u[1]));
  return false;
}

let ix: ExportIndex;
beforeAll(async () => {
  ix = await sampleIndex('db-lock');
});

describe('clickhouse rows match schema/clickhouse.sql', () => {
  for (const kind of ['capture', 'diagnosis', 'finding', 'event'] as RecordKind[]) {
    it(`${TABLES[kind]}: every row has the table's columns in order, each of its type`, () => {
      const cols = columns(TABLES[kind]);
      const rows = [...allRecords(ix, new Set([kind]))].map(clickhouseRow);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.keys(row)).toEqual(cols.map((c) => c[0]));
        for (const [name, type] of cols) expect(fits(type, row[name]), `${name} ${type} ${JSON.stringify(row[name])}`).toBe(true);
      }
    });
  }

  it('splits a time into seconds and milliseconds', () => {
    const [rec] = allRecords(ix, new Set(['event']));
    if (rec?.kind !== 'event') throw new Error('no event');
    const row = clickhouseRow(rec);
    const t = rec.r.e.time!;
    expect(Date.parse(`${String(row.time).replace(' ', 'T')}Z`) + Number(row.time_ms)).toBe(t);
  });
});
