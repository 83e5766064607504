/**
 * Every field the ECS export writes, over the records of every sample, is a
 * field of the vendored ECS field list (test/fixtures/ecs/, the release
 * ECS_VERSION names) with a compatible type, or a `labels.*` key with a
 * string value (ECS `labels`: custom keyword pairs).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { bulkLines, ECS_VERSION, ecsDoc } from '../../src/export/ecs.js';
import { allRecords } from '../../src/export/records.js';
import { sampleIndex, SCENARIOS } from './fixture.js';

const DIR = new URL('../fixtures/ecs/', import.meta.url);
const FIELDS = new Map(
  readFileSync(new URL('fields.csv', DIR), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',') as [string, string]),
);

/** Leaf fields of a document as dotted names; `labels` stays one object (its keys are free). */
function leaves(o: Record<string, unknown>, prefix = ''): [string, unknown][] {
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] => {
    const name = prefix + k;
    if (name === 'labels' || v === null || typeof v !== 'object' || Array.isArray(v)) return [[name, v]];
    return leaves(v as Record<string, unknown>, `${name}.`);
  });
}

/** Does a JSON value fit an ECS type (arrays of it too: every ECS field may hold several values)? */
function fits(type: string, v: unknown): boolean {
  if (Array.isArray(v)) return v.every((x) => fits(type, x));
  if (['keyword', 'match_only_text', 'text', 'wildcard', 'constant_keyword'].includes(type)) return typeof v === 'string';
  if (type === 'date') return typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(v) && !Number.isNaN(Date.parse(v));
  if (['long', 'integer', 'short', 'byte'].includes(type)) return Number.isInteger(v);
  if (['float', 'double', 'scaled_float', 'half_float'].includes(type)) return typeof v === 'number';
  if (type === 'object') return typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string');
  return false;
}

let docs: Record<string, unknown>[] = [];
beforeAll(async () => {
  for (const s of SCENARIOS) docs.push(...[...allRecords(await sampleIndex(s))].map((r) => ecsDoc(r).doc));
});

describe('ECS export against the ECS field list', () => {
  it(`the vendored list is the release ECS_VERSION names (${ECS_VERSION})`, () => {
    expect(readFileSync(new URL('PROVENANCE.md', DIR), 'utf8')).toContain(`release **v${ECS_VERSION}**`);
    expect(FIELDS.get('@timestamp')).toBe('date');
    expect(FIELDS.size).toBeGreaterThan(200);
  });

  it('every emitted field exists in ECS with a compatible type', () => {
    const kinds = new Set(docs.map((d) => (d.event as { kind: string }).kind));
    expect([...kinds].sort()).toEqual(['alert', 'event', 'state']);
    const seen = new Set<string>();
    for (const d of docs) {
      for (const [name, v] of leaves(d)) {
        seen.add(name);
        const type = FIELDS.get(name);
        expect(type, `${name} is not an ECS ${ECS_VERSION} field`).toBeDefined();
        expect(fits(type!, v), `${name} (${type}) = ${JSON.stringify(v)}`).toBe(true);
      }
    }
    // The fields the issue names are all there.
    for (const f of [
      '@timestamp',
      'ecs.version',
      'message',
      'host.name',
      'log.file.path',
      'log.level',
      'event.kind',
      'event.dataset',
      'event.severity',
      'rule.id',
      'rule.name',
      'rule.description',
      'labels',
    ]) {
      expect(seen.has(f), f).toBe(true);
    }
  });

  it('every document has its time, version and id; bulk pairs create that id', () => {
    for (const d of docs) {
      expect(d['@timestamp']).toEqual(expect.any(String));
      expect(d.ecs).toEqual({ version: ECS_VERSION });
      expect((d.labels as Record<string, string>).sitrep_capture ?? (d.event as { dataset: string }).dataset).toBeTruthy();
    }
    const ids = docs.map((d) => (d.event as { id: string }).id);
    expect(new Set(ids).size).toBe(ids.length);
    const [action, doc] = bulkLines({ _id: ids[0]!, doc: docs[0]! });
    expect(action).toEqual({ create: { _id: ids[0] } });
    expect(doc).toBe(docs[0]);
  });
});
