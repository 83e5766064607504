/**
 * jc parity: every jc fixture of a registered command parser (jc-fixtures.ts,
 * found from each parser's `jc` name) is parsed by that parser and compared
 * with jc's JSON, exactly, with no diagnostics. Fixtures where jc's JSON is
 * demonstrably wrong go in JC_WRONG with the reason.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_PARSERS, commandParser } from '../../../src/parsers/registry.js';
import type { ParseContext } from '../../../src/parsers/types.js';
import { HAS_CORPUS } from '../../helpers/corpus.js';
import { jcFixtures } from './jc-fixtures.js';

/** `<dir>/<name>` → why jc's expected JSON is wrong. Keep this tiny. */
const JC_WRONG: Readonly<Record<string, string>> = {};

/**
 * jc's fixtures were generated with TZ=America/Los_Angeles: its "naive"
 * epochs are the printed wall time read in that zone (centos-7.7/vmstat-at-5-10:
 * `2021-09-16 20:33:13 PDT` ↔ epoch 1631849593). Our parsers read naive
 * times in the host's zone, so the fixtures' host zone is that one.
 */
const JC_HOST_CLOCK = { tzName: 'America/Los_Angeles' };

const ALL = jcFixtures();
const tally = new Map<string, { matched: number; total: number; mismatches: string[] }>();

describe.skipIf(!HAS_CORPUS)('jc parity', () => {
  it('finds the jc fixtures', () => {
    expect(ALL.length).toBeGreaterThan(50);
  });

  it('every parser that names a jc parser has fixtures', () => {
    const covered = new Set(ALL.map((f) => f.parser));
    expect(COMMAND_PARSERS.filter((p) => p.jc !== undefined && !covered.has(p.id)).map((p) => p.id)).toEqual([]);
  });

  for (const fx of ALL) {
    const t = tally.get(fx.parser) ?? { matched: 0, total: 0, mismatches: [] };
    t.total++;
    tally.set(fx.parser, t);
    it(`${fx.parser} ← ${fx.key}`, () => {
      const parser = commandParser(fx.parser)!;
      const text = readFileSync(fx.input, 'utf8');
      const ctx: ParseContext = { file: fx.key, clock: JC_HOST_CLOCK };
      const res = parser.parse(text, ctx);
      const want: unknown = JSON.parse(readFileSync(fx.expected, 'utf8'));
      const same = isDeepStrictEqualJson(res.data, want);
      if (same) t.matched++;
      else t.mismatches.push(fx.key);
      if (JC_WRONG[fx.key] !== undefined) {
        // Still parsed, so a fix in jc or in us shows up as "no longer differs".
        expect(same, `${fx.key} is allow-listed (${JC_WRONG[fx.key]}) but now matches: drop it`).toBe(false);
        return;
      }
      expect(res.data).toStrictEqual(want);
      expect(res.diagnostics).toEqual([]);
      // A host without a zone name reads the same records where jc's hold no naive time's epoch.
      if (!/"epoch"\s*:/.test(readFileSync(fx.expected, 'utf8'))) expect(parser.parse(text, { file: fx.key, clock: {} }).data).toEqual(want);
    });
  }

  afterAll(() => {
    const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
    let m = 0;
    let n = 0;
    const lines = ['jc parity (matched / total):'];
    for (const [id, t] of rows) {
      lines.push(
        `  ${id.padEnd(16)} ${String(t.matched).padStart(3)} / ${String(t.total).padEnd(3)} ${t.mismatches.length ? `MISMATCH: ${t.mismatches.join(', ')}` : 'ok'}`,
      );
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
