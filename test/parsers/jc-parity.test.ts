/**
 * jc parity: every jc fixture (../shared/corpus/jc/<dir>/<name>.out + .json)
 * that test/parsers/jc-fixtures.ts maps to a sitrep parser is parsed by that
 * parser from the registry and deep-compared with jc's JSON. Parsers still
 * stubbed are counted and skipped; every other one must match exactly,
 * except the fixtures in JC_WRONG (each with its reason).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commandParser } from '../../src/parsers/registry.js';
import type { ParseContext } from '../../src/parsers/types.js';
import { CORPUS, HAS_CORPUS } from '../helpers/corpus.js';
import { parserForFixture } from './jc-fixtures.js';

/**
 * Fixtures where jc's expected JSON is demonstrably wrong. Keep this tiny and
 * say why for each: `<dir>/<name>` → reason.
 */
const JC_WRONG: Readonly<Record<string, string>> = {};

/**
 * jc's fixtures were generated with TZ=America/Los_Angeles: its "naive"
 * epochs are the printed wall time read in that zone (centos-7.7/vmstat-at-5-10:
 * `2021-09-16 20:33:13 PDT` ↔ epoch 1631849593). Our parsers read naive
 * times in the host's zone, so the fixtures' host zone is that one.
 */
const JC_HOST_CLOCK = { tzName: 'America/Los_Angeles' };

interface Fixture {
  dir: string;
  name: string;
  input: string;
  expected: string;
  parser: string;
}

function fixtures(): Fixture[] {
  const root = join(CORPUS, 'jc');
  if (!HAS_CORPUS || !existsSync(root)) return [];
  const out: Fixture[] = [];
  for (const dir of readdirSync(root).sort()) {
    const files = new Set(readdirSync(join(root, dir)));
    for (const f of [...files].sort()) {
      if (!f.endsWith('.json')) continue;
      const name = f.slice(0, -'.json'.length);
      const input = files.has(`${name}.out`) ? `${name}.out` : files.has(name) ? name : null;
      const parser = parserForFixture(dir, name);
      if (!input || !parser) continue;
      out.push({ dir, name, input: join(root, dir, input), expected: join(root, dir, f), parser });
    }
  }
  return out;
}

const ALL = fixtures();
const tally = new Map<string, { matched: number; total: number; stub: boolean; mismatches: string[] }>();

function isStub(id: string): boolean {
  const p = commandParser(id);
  return !p || p.title.endsWith('(not implemented)');
}

describe.skipIf(!HAS_CORPUS)('jc parity', () => {
  it('finds the jc fixtures', () => {
    expect(ALL.length).toBeGreaterThan(50);
  });

  for (const fx of ALL) {
    const key = `${fx.dir}/${fx.name}`;
    const stub = isStub(fx.parser);
    const t = tally.get(fx.parser) ?? { matched: 0, total: 0, stub, mismatches: [] };
    t.total++;
    tally.set(fx.parser, t);
    it.skipIf(stub)(`${fx.parser} ← ${key}`, () => {
      const parser = commandParser(fx.parser);
      expect(parser, `parser ${fx.parser} is registered`).toBeDefined();
      if (!parser) return;
      const ctx: ParseContext = { file: key, clock: JC_HOST_CLOCK };
      const got = parser.parse(readFileSync(fx.input, 'utf8'), ctx).data;
      const want: unknown = JSON.parse(readFileSync(fx.expected, 'utf8'));
      const same = isDeepStrictEqualJson(got, want);
      if (same) t.matched++;
      else t.mismatches.push(key);
      if (JC_WRONG[key] !== undefined) {
        // Still parsed, so a fix in jc or in us shows up as "no longer differs".
        expect(same, `${key} is allow-listed (${JC_WRONG[key]}) but now matches: drop it`).toBe(false);
        return;
      }
      expect(got).toStrictEqual(want);
    });
  }

  afterAll(() => {
    const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
    let m = 0;
    let n = 0;
    const lines = ['jc parity (matched / total):'];
    for (const [id, t] of rows) {
      const state = t.stub ? 'stub, skipped' : t.mismatches.length ? `MISMATCH: ${t.mismatches.join(', ')}` : 'ok';
      lines.push(`  ${id.padEnd(16)} ${String(t.matched).padStart(3)} / ${String(t.total).padEnd(3)} ${state}`);
      m += t.matched;
      n += t.total;
    }
    lines.push(`  ${'TOTAL'.padEnd(16)} ${String(m).padStart(3)} / ${n}`);
    console.log(lines.join('\n'));
  });
});

/** Deep equality on JSON values (no throwing), for the tally. */
function isDeepStrictEqualJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && isDeepStrictEqualJson(ra[k], rb[k]));
}
