/**
 * jc parity for this group's parsers: every jc fixture mapped to one of them
 * (test/parsers/jc-fixtures.ts) must parse to exactly jc's JSON, with no
 * diagnostics. The shared harness (test/parsers/jc-parity.test.ts) checks the
 * same over all parsers; this one keeps our group honest on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';
import { parserForFixture } from '../jc-fixtures.js';

const MINE = new Set([
  'df', 'ps', 'ss', 'netstat', 'sysctl', 'proc-stat', 'proc-meminfo', 'proc-vmstat',
  'proc-diskstats', 'proc-loadavg', 'proc-net-dev', 'proc-net-snmp',
]);

interface Fixture { dir: string; base: string; input: string; expected: string; parser: string }

function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of readdirSync(corpusPath('jc'))) {
    const files = readdirSync(corpusPath('jc', dir));
    for (const f of files) {
      if (!f.endsWith('.json')) continue;
      const base = f.slice(0, -5);
      const parser = parserForFixture(dir, base);
      if (!parser || !MINE.has(parser)) continue;
      const input = [`${base}.out`, base].map((n) => corpusPath('jc', dir, n)).find((p) => existsSync(p));
      if (input) out.push({ dir, base, input, expected: corpusPath('jc', dir, f), parser });
    }
  }
  return out;
}

describe.skipIf(!HAS_CORPUS)('jc parity (commands-b)', () => {
  const all = HAS_CORPUS ? fixtures() : [];
  const ctx = { file: 'fixture', clock: {} };

  it('finds fixtures for every jc-covered parser of this group', () => {
    const covered = new Set(all.map((f) => f.parser));
    expect([...MINE].filter((p) => !covered.has(p))).toEqual([]);
  });

  for (const f of all) {
    it(`${f.dir}/${f.base} → ${f.parser}`, () => {
      const parser = commandParser(f.parser);
      expect(parser).toBeDefined();
      const res = parser!.parse(readFileSync(f.input, 'utf8'), ctx);
      expect(res.diagnostics).toEqual([]);
      expect(res.data).toEqual(JSON.parse(readFileSync(f.expected, 'utf8')));
    });
  }
});
