/**
 * `--format otlp` over the real samples follows the OTLP/JSON mapping of
 * LogsData (opentelemetry-proto logs/v1, JSON encoding): lowerCamelCase field
 * names, 64-bit integers as decimal strings, enums as integers, attributes as
 * KeyValues holding exactly one typed AnyValue.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { BATCH, otlpLines } from '../../src/export/otlp.js';
import { allRecords, type ExportIndex } from '../../src/export/records.js';
import { sampleIndex } from './fixture.js';

/** The fields proto3 JSON allows on each message we write, and what each holds. */
const LOG_RECORD = new Set(['timeUnixNano', 'observedTimeUnixNano', 'severityNumber', 'severityText', 'body', 'attributes']);
const ANY_VALUE: Record<string, (v: unknown) => boolean> = {
  stringValue: (v) => typeof v === 'string',
  intValue: (v) => typeof v === 'string' && /^-?\d+$/.test(v),
  doubleValue: (v) => typeof v === 'number',
  boolValue: (v) => typeof v === 'boolean',
};

function anyValue(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && ANY_VALUE[keys[0]!]?.((v as Record<string, unknown>)[keys[0]!]) === true;
}

function keyValues(kvs: unknown): boolean {
  return Array.isArray(kvs) && kvs.every((kv) => typeof kv.key === 'string' && Object.keys(kv).length === 2 && anyValue(kv.value));
}

let ix: ExportIndex;
let lines: Record<string, any>[];
beforeAll(async () => {
  ix = await sampleIndex('db-lock');
  lines = [...otlpLines(ix)].map((l) => JSON.parse(JSON.stringify(l)));
});

describe('OTLP JSON mapping', () => {
  it('every line is a LogsData of one resource and one scope, records typed as the mapping says', () => {
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['resourceLogs']);
      expect(line.resourceLogs).toHaveLength(1);
      const rl = line.resourceLogs[0];
      expect(keyValues(rl.resource.attributes)).toBe(true);
      expect(rl.scopeLogs).toHaveLength(1);
      const records = rl.scopeLogs[0].logRecords as Record<string, unknown>[];
      expect(records.length).toBeGreaterThan(0);
      expect(records.length).toBeLessThanOrEqual(BATCH);
      for (const r of records) {
        for (const k of Object.keys(r)) expect(LOG_RECORD.has(k), k).toBe(true);
        expect(r.timeUnixNano).toMatch(/^\d+$/);
        if (r.severityNumber !== undefined)
          expect(Number.isInteger(r.severityNumber) && (r.severityNumber as number) >= 1 && (r.severityNumber as number) <= 24).toBe(true);
        expect(anyValue(r.body)).toBe(true);
        expect(keyValues(r.attributes)).toBe(true);
      }
    }
  });

  it("every record once, under its host's resource; times in nanoseconds", () => {
    const all = lines.flatMap((l) =>
      l.resourceLogs[0].scopeLogs[0].logRecords.map((r: any) => ({
        host: l.resourceLogs[0].resource.attributes.find((a: any) => a.key === 'host.name')?.value.stringValue,
        r,
      })),
    );
    const idOf = (r: any): string => r.attributes.find((a: any) => a.key === 'sitrep.id').value.stringValue;
    expect(all.map((x) => idOf(x.r)).sort()).toEqual([...allRecords(ix)].map((r) => r.r.id).sort());
    const ev = [...allRecords(ix, new Set(['event']))][0]!;
    if (ev.kind !== 'event') throw new Error('no event');
    const out = all.find((x) => idOf(x.r) === ev.r.id)!;
    expect(out.host).toBe(ev.r.hostname);
    expect(out.r.timeUnixNano).toBe(`${ev.r.e.time}000000`);
    expect(out.r.attributes).toContainEqual({ key: 'sitrep.line', value: { intValue: String(ev.r.e.line) } });
  });
});
