/**
 * `sitrep parse` without --as picks the parser whose detect() scores highest
 * on the first 4 KB. On real outputs of our commands, the right parser must
 * win over every registered command parser.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMMAND_PARSERS } from '../../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';
import { parserForJcFixture } from './jc-fixtures.js';

/** The commands sampled over the capture window, whose real outputs the corpus has in numbers (jc, sysstat, iostat-tool). */
const SAMPLED = new Set(['vmstat', 'iostat', 'mpstat', 'pidstat', 'free', 'top', 'uptime', 'sar', 'sadf-json']);

function cases(): { path: string; want: string }[] {
  if (!HAS_CORPUS) return [];
  const out: { path: string; want: string }[] = [];
  const jc = corpusPath('jc');
  for (const dir of readdirSync(jc)) {
    for (const f of readdirSync(`${jc}/${dir}`)) {
      if (!f.endsWith('.out')) continue;
      const want = parserForJcFixture(dir, f.slice(0, -4));
      if (want && SAMPLED.has(want)) out.push({ path: `${jc}/${dir}/${f}`, want });
    }
  }
  const tsv = corpusPath('sysstat', 'tests', 'COMMANDS.tsv');
  if (existsSync(tsv)) {
    for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const [file, , , cmd = ''] = line.split('\t');
      const m = /\.\/(iostat|mpstat|pidstat|sar|sadf -j) /.exec(cmd);
      if (!file || !m || /JSON|--human|--pretty|\s-[A-Za-z]*[hT]/.test(cmd)) continue;
      const path = corpusPath('sysstat', 'tests', file);
      if (existsSync(path) && readFileSync(path, 'utf8').split('\n').length > 3) out.push({ path, want: m[1] === 'sadf -j' ? 'sadf-json' : (m[1] as string) });
    }
  }
  for (const f of existsSync(corpusPath('iostat-tool', 'tests', 'fixtures')) ? readdirSync(corpusPath('iostat-tool', 'tests', 'fixtures')) : []) {
    out.push({ path: corpusPath('iostat-tool', 'tests', 'fixtures', f), want: 'iostat' });
  }
  return out;
}

describe.skipIf(!HAS_CORPUS)('detect() picks the right parser on real outputs', () => {
  const all = cases();
  it('has cases', () => expect(all.length).toBeGreaterThan(50));
  for (const c of all) {
    it(`${c.want} ← ${c.path.split('/corpus/')[1] ?? c.path}`, () => {
      const head = readFileSync(c.path, 'utf8').slice(0, 4096);
      const scores = COMMAND_PARSERS.map((p) => ({ id: p.id, s: p.detect(head) })).sort((a, b) => b.s - a.s);
      const mine = scores.find((x) => x.id === c.want)?.s ?? 0;
      expect(mine, `${c.want} scores ${mine}`).toBeGreaterThanOrEqual(0.5);
      expect(scores[0]?.id, JSON.stringify(scores.slice(0, 3))).toBe(c.want);
      expect(scores[1]?.s ?? 0).toBeLessThan(mine);
    });
  }
});
