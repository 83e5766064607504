/**
 * `--format otlp` read as LogsData of the official opentelemetry-proto
 * definitions (v1.11.0, test/fixtures/otlp/) through the OTLP/JSON mapping:
 * the reader (otlp-proto.ts) accepts the project's own example, rejects each
 * way a line can break the mapping, and accepts every line sitrep writes for
 * the four samples, with nothing lost through protobuf binary and back.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { otlpLines } from '../../src/export/otlp.js';
import { noTrace, REPO, sitrep } from '../cli/run.js';
import { SCENARIOS, sampleIndex } from './fixture.js';
import { jsonName, logsDataType, readLogsDataLine } from './otlp-proto.js';

let type: protobuf.Type;
beforeAll(() => {
  type = logsDataType();
});

/** A decoded message's keys back to their JSON names, to compare with the line it came from. */
function camel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(camel);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [jsonName(k), camel(x)]));
}

const EXAMPLE = readFileSync(join(REPO, 'test', 'fixtures', 'otlp', 'logs.example.json'), 'utf8');

/** A valid line, then one change each that the OTLP/JSON mapping forbids. */
const record = (over: Record<string, unknown>): string =>
  JSON.stringify({
    resourceLogs: [
      {
        resource: { attributes: [{ key: 'host.name', value: { stringValue: 'web1' } }] },
        scopeLogs: [{ scope: { name: 'sitrep' }, logRecords: [{ timeUnixNano: '1796430183000000000', body: { stringValue: 'x' }, ...over }] }],
      },
    ],
  });
const INVALID: [string, Record<string, unknown>, RegExp][] = [
  ['an unknown field', { sitrepId: 'a' }, /no field sitrepId in opentelemetry\.proto\.logs\.v1\.LogRecord/],
  ['an original snake_case name', { severity_text: 'info' }, /no field severity_text/],
  ['timeUnixNano as a number', { timeUnixNano: 1796430183000000000 }, /timeUnixNano: fixed64 must be an unsigned decimal string/],
  ['timeUnixNano negative', { timeUnixNano: '-1' }, /unsigned decimal string/],
  ['timeUnixNano beyond 64 bits', { timeUnixNano: '18446744073709551616' }, /unsigned decimal string/],
  ['severityNumber by name', { severityNumber: 'SEVERITY_NUMBER_INFO' }, /SeverityNumber must be one of its integer values/],
  ['severityNumber outside the enum', { severityNumber: 25 }, /SeverityNumber must be one of its integer values/],
  ['severityNumber fractional', { severityNumber: 9.5 }, /integer values/],
  ['an AnyValue with two values', { body: { stringValue: 'a', intValue: '1' } }, /oneof value holds stringValue and intValue/],
  ['intValue as a number', { attributes: [{ key: 'n', value: { intValue: 10 } }] }, /intValue: int64 must be a decimal string/],
  ['an attribute value not an AnyValue', { attributes: [{ key: 'n', value: 'x' }] }, /value: AnyValue must be an object/],
  ['attributes as a map', { attributes: { n: { stringValue: 'x' } } }, /attributes: repeated field must be an array/],
  ['a null body', { body: null }, /body: AnyValue must be an object/],
  ['traceId in base64', { traceId: 'W47/95gDgQPSabYzgT/GDA==' }, /traceId: bytes must be 16 bytes in hex/],
  ['droppedAttributesCount negative', { droppedAttributesCount: -1 }, /uint32 must be an unsigned integer/],
];

describe('the OTLP/JSON reader against opentelemetry-proto', () => {
  it("accepts opentelemetry-proto's own logs example (hex trace ids, arrays, maps)", () => {
    expect(readLogsDataLine(type, EXAMPLE).errors).toEqual([]);
    expect(readLogsDataLine(type, record({ severityNumber: 9, severityText: 'info' })).errors).toEqual([]);
  });

  it.each(INVALID)('rejects %s', (_name, over, message) => {
    const { errors } = readLogsDataLine(type, record(over));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(message);
  });
});

describe('sitrep export --format otlp is LogsData', () => {
  it.each(SCENARIOS)('%s: every line valid, and the same after protobuf binary and back', async (scenario) => {
    const lines = [...otlpLines(await sampleIndex(scenario))].map((l) => JSON.stringify(l));
    let records = 0;
    for (const line of lines) {
      const { errors, decoded } = readLogsDataLine(type, line);
      expect(errors).toEqual([]);
      expect(camel(decoded)).toEqual(JSON.parse(line));
      records += (JSON.parse(line).resourceLogs[0].scopeLogs[0].logRecords as unknown[]).length;
    }
    expect(records).toBeGreaterThan(3);
  });

  it('the file the CLI writes: every line valid', async () => {
    const bundles = ['web', 'app', 'db'].map((t) => join(REPO, 'samples', 'memory', `${t}.tar.gz`));
    const r = await sitrep(['export', ...bundles, '--format', 'otlp', '-o', '-', '-q']);
    expect(r.code, r.stderr).toBe(0);
    expect(noTrace(r.stderr)).toBe(true);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(readLogsDataLine(type, line).errors).toEqual([]);
  });
});
