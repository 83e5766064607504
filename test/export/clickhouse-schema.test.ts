import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/diagnosis/types.js';
import { eventRow, findingRow } from '../../src/export/clickhouse.js';
import type { TimelineEvent } from '../../src/timeline/types.js';

/** Column names of one CREATE TABLE in schema/clickhouse.sql, in order. */
function columns(table: string): string[] {
  const sql = readFileSync(new URL('../../schema/clickhouse.sql', import.meta.url), 'utf8');
  const body = new RegExp(`CREATE TABLE IF NOT EXISTS ${table} \\(([^;]*?)\\) ENGINE`).exec(sql)?.[1];
  if (!body) throw new Error(`no table ${table}`);
  return body
    .split(',')
    .map((c) => c.trim().split(/\s+/)[0]!)
    .filter(Boolean);
}

describe('clickhouse rows match schema/clickhouse.sql', () => {
  it('events', () => {
    const e = {
      host: 'db1',
      time: 1767225600123,
      timeQuality: 'exact',
      source: 'logs/var/log/syslog',
      line: 7,
      message: 'Out of memory',
    } as unknown as TimelineEvent;
    const row = eventRow('c1', e);
    expect(Object.keys(row)).toEqual(columns('sitrep_events'));
    expect(row.time).toBe('2026-01-01 00:00:00');
    expect(row.time_ms).toBe(123);
  });
  it('findings', () => {
    const f = { rule: 'memory.errors', host: 'db1', tier: 'db', severity: 'critical', title: 'OOM kill', onset: 1767225600000 } as unknown as Finding;
    expect(Object.keys(findingRow('c1', f, 'a', 'b'))).toEqual(columns('sitrep_findings'));
  });
});
