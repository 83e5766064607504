/**
 * LiteralHits marks exactly the entries with a literal in the text (what one
 * indexOf per literal says), so classify may skip the others: on synthetic
 * sets with prefixes, overlaps and repeats, and on every family of the
 * catalogue over sample lines, corpus lines, their cuts and seeded mutants
 * that plant several literals in one line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAMILIES, SIGNALS } from '../../src/timeline/signals/catalogue.js';
import { LiteralHits } from '../../src/timeline/signals/literal-hits.js';
import { HAS_CORPUS, corpusPath } from '../helpers/corpus.js';
import { mutants } from '../helpers/seeded.js';

type Entries = (readonly string[] | undefined)[];

/** Entries with a literal in the text, by indexOf. */
const brute = (entries: Entries, text: string): number[] => entries.flatMap((l, i) => (l?.some((x) => text.includes(x)) ? [i] : []));
/** Positions where some literal starts (the scan's hits). */
const starts = (entries: Entries, text: string): number => {
  const lits = [...new Set(entries.flatMap((l) => l ?? []))];
  let n = 0;
  for (let p = 0; p < text.length; p++) if (lits.some((x) => text.startsWith(x, p))) n++;
  return n;
};
const marked = (h: LiteralHits, entries: Entries, text: string): number[] | false =>
  h.find(text) ? entries.flatMap((_, i) => (h.mark[i] === h.stamp ? [i] : [])) : false;

describe('LiteralHits', () => {
  const SETS: [string, Entries][] = [
    ['a literal and a longer one it begins, in different entries', [['fork'], ['fork failed'], undefined, ['EMFILE']]],
    ['overlapping literals', [['abab'], ['bab'], ['ba']]],
    ['one literal in two entries', [['Lock wait'], ['timeout', 'Lock wait'], ['deadlock']]],
  ];
  const TEXTS = [
    'fork failed: x',
    'fork: retry',
    'no',
    'EMFILE and fork failed',
    'ababab',
    'xbab',
    'Lock wait timeout',
    'deadlock: Lock wait',
    '',
    'forkfork failed',
  ];
  it.each(SETS)('%s: marks exactly the entries indexOf finds', (_name, entries) => {
    const h = new LiteralHits(entries);
    for (const t of TEXTS) {
      const want = brute(entries, t);
      expect(marked(h, entries, t), t).toEqual(want.length > 0 ? want : false);
    }
  });

  it('past 16 hits in one text marks every entry (each still checks its own literal)', () => {
    const entries: Entries = [['x'], ['y'], ['zz']];
    const h = new LiteralHits(entries);
    expect(marked(h, entries, 'x'.repeat(16))).toEqual([0]);
    expect(marked(h, entries, 'x'.repeat(17))).toEqual([0, 1, 2]);
    expect(marked(h, entries, 'zz')).toEqual([2]); // the next text starts clean
  });

  it('every catalogue family: the marked entries are those indexOf finds', () => {
    const texts = [...SIGNALS.flatMap((d) => d.samples.map((s) => s.line)), ...corpusLines()];
    const lits = [...new Set(SIGNALS.flatMap((d) => d.literals ?? []))];
    // Several literals planted in one line: the case one gate scan per run of entries never had to get right.
    const planted = mutants(4000, 11, (i) => texts[i % texts.length]!, lits);
    const all = [...texts, ...texts.map((t) => t.slice(Math.floor(t.length / 3))), ...planted];
    let withHits = 0;
    let multi = 0;
    for (const f of FAMILIES) {
      const entries = SIGNALS.filter((d) => d.sources.includes(f)).map((d) => d.literals);
      const h = new LiteralHits(entries);
      for (const t of all) {
        const want = brute(entries, t);
        if (want.length > 0) withHits++;
        if (want.length > 1) multi++;
        const got = marked(h, entries, t);
        if (starts(entries, t) > 16) expect(got).toEqual(entries.map((_, i) => i));
        else expect(got, `${f}: ${t}`).toEqual(want.length > 0 ? want : false);
      }
    }
    console.log(`[literal-hits] ${all.length} texts × ${FAMILIES.length} families: ${withHits} with a literal, ${multi} with several entries' literals`);
    expect(multi).toBeGreaterThan(1000);
  });
});

function corpusLines(): string[] {
  if (!HAS_CORPUS) return [];
  const files = [
    'lnav/test/logfile_syslog.0',
    'insights-core/test_messages/MSGINFO.txt',
    'insights-core/test_dmesg_log/DMESG_EXAMPLE.txt',
    'lnav/test/logfile_postgres.2',
    'insights-core/test_nginx_log/NGINX_ERROR_LOG.txt',
  ];
  return files.flatMap((p) => readFileSync(corpusPath(p), 'utf8').split('\n'));
}
