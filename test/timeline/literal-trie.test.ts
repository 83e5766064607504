/**
 * The trie regex the catalogue's gates use answers test() exactly as the
 * plain alternation of the same literals: on every catalogue sample line, on
 * real corpus logs, and on cuts of those lines (partial literals).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/timeline/signals/catalogue.js';
import { literalTrie } from '../../src/timeline/signals/literal-trie.js';
import { HAS_CORPUS, corpusPath } from '../helpers/corpus.js';

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (lits: string[]): RegExp => new RegExp(lits.map(esc).join('|'));

const SAMPLE_LINES = SIGNALS.flatMap((d) => d.samples.map((s) => s.line));
const CORPUS = [
  'lnav/test/logfile_syslog.0',
  'insights-core/test_messages/MSGINFO.txt',
  'insights-core/test_dmesg_log/DMESG_EXAMPLE.txt',
  'lnav/test/logfile_postgres.2',
];
const corpusLines = (): string[] => (HAS_CORPUS ? CORPUS.flatMap((p) => readFileSync(corpusPath(p), 'utf8').split('\n')) : []);

describe('literalTrie', () => {
  it.each([
    [['Too many open files', 'too many open files', 'EMFILE'], 'x: too many open files', true],
    [['fork:', 'fork failed'], 'bash: fork: retry', true],
    [['fork:', 'fork failed'], 'forking', false],
    [['a-b[c]', 'x.y'], 'see a-b[c] here', true],
    [['a-b[c]', 'x.y'], 'xzy', false],
    [['ab', 'abc'], 'zab', true],
    [['lock', 'Lock wait'], 'Lock wai', false],
  ])('%j on %j: %s', (lits, text, want) => {
    expect(literalTrie(lits).test(text)).toBe(want);
    expect(alternation(lits).test(text)).toBe(want);
  });

  it("gives the alternation's answer for every gate of the catalogue, on samples, corpus lines and their cuts", () => {
    const lines = [...SAMPLE_LINES, ...corpusLines()];
    const texts = lines.flatMap((l) => [l, l.slice(0, Math.floor(l.length / 2)), l.slice(Math.floor(l.length / 3))]);
    const sets = [...new Set(SIGNALS.map((d) => d.sources.join()))].map((fams) => [
      ...new Set(SIGNALS.filter((d) => d.sources.join() === fams).flatMap((d) => d.literals ?? [])),
    ]);
    let hits = 0;
    for (const lits of sets.filter((s) => s.length > 0)) {
      const trie = literalTrie(lits);
      const alt = alternation(lits);
      for (const t of texts) {
        const want = alt.test(t);
        if (want) hits++;
        expect(trie.test(t), `${trie.source} on ${t}`).toBe(want);
      }
    }
    expect(hits).toBeGreaterThan(SAMPLE_LINES.length / 2); // the lines do exercise the literals
  });
});
