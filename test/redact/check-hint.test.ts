/**
 * The check of a changed line tests for keyword and name stems only around
 * its replacements when the line it was made from held none (batch.ts
 * stemIn). Oracle: the leaks a batch reports equal the leaks of the whole
 * check (Checker.line, PEM states carried, as --verify runs it) over the lines
 * the batch wrote, line by line: corpus lines, edge lines and seeded random
 * lines, with each kind left by redaction in turn so that there are leaks to
 * find. The word `k198` is a collected value that `k10.0.0.1` becomes (a
 * private IPv4 alias is in 198.18/15): a stem no original line held, made by
 * a replacement and the character before it.
 */
import { describe, expect, it } from 'vitest';
import { BatchRedactor, openState, type BatchLeak } from '../../src/redact/batch.js';
import { Checker } from '../../src/redact/checker.js';
import type { Literal } from '../../src/redact/patterns.js';
import type { PemState } from '../../src/redact/pem.js';
import type { RedactKind } from '../../src/redact/redactor.js';
import { corpusLines, HAS_CORPUS, seededLines } from '../helpers/corpus.js';

const LITERALS: Literal[] = [
  { value: 'web1', kind: 'host' },
  { value: 'deploy', kind: 'user' },
  { value: 'k198', kind: 'word' },
];
const KEY = new Uint8Array(32).fill(5);
const LEFT: RedactKind[][] = [
  [],
  ['ipv4'],
  ['ipv6'],
  ['literal'],
  ['secret', 'authorization'],
  ['cloud-key', 'email', 'mac', 'ipv4-dashed', 'url-credentials'],
];

const EDGES = [
  'login from 10.0.22.225 by deploy password=hunter2 at web1',
  'fe80::1234sia 10.0.0.1uthorization: Bearer x 2001:db8::5 key=v',
  'g10.1.2.3 x 10.1.2.3 ghost 192.168.0.1',
  'tcp 10.0.0.1:443    10.0.0.2:5555    ESTAB',
];

function randomLines(n: number, seed: number): string[] {
  const atoms = [
    '1',
    '25',
    '198',
    '10',
    'a',
    'f',
    'db8',
    ':',
    '::',
    '.',
    '-',
    '@',
    ' ',
    '  ',
    '=',
    'sia',
    'uthorization',
    'g',
    'h',
    'key',
    'web1',
    'pass',
    'fe80',
    'AKIA',
    ' 10.0.0.1 ',
    'k10.0.0.1 ',
    'k198',
    ' fd00::1 ',
    ' 172.16.5.4 ',
  ];
  return seededLines(atoms, n, seed, 30);
}

/** The batch's own leaks, and the whole check's over the lines it wrote. */
function both(lines: string[], left: RedactKind[]): { batch: BatchLeak[]; whole: BatchLeak[]; changed: number } {
  const input = Buffer.from(lines.join('\n'), 'latin1');
  const r = new BatchRedactor({ literals: LITERALS, key: KEY, disable: left }).run(input, openState());
  const out = r.bytes.toString('latin1').split('\n');
  const checker = new Checker(LITERALS, []);
  const st: PemState = { inPem: false, lines: 0 };
  out.forEach((l, i) => checker.line(l, st, '', i + 1));
  return { batch: r.leaks, whole: checker.leaks.map((l) => ({ line: l.line!, kind: l.kind })), changed: out.filter((l, i) => l !== lines[i]).length };
}

describe('the check of a changed line, its stems tested around the replacements', () => {
  for (const left of LEFT) {
    it(`finds what the whole check finds: edges and 20,000 random lines (left: ${left.join(', ') || 'none'})`, () => {
      const r = both([...EDGES, ...randomLines(20_000, 11)], left);
      expect(r.batch).toEqual(r.whole);
      expect(r.changed).toBeGreaterThan(5_000);
      // Not vacuous: but where private IPv4 is left as it is, `k` and an alias spell the word k198,
      // most on lines that held no stem.
      if (!left.includes('ipv4')) expect(r.whole.filter((l) => l.kind === 'word name').length).toBeGreaterThan(1_000);
    });
  }
  it.skipIf(!HAS_CORPUS)('finds what the whole check finds on every corpus line', () => {
    const lines = corpusLines();
    for (const left of [[], ['ipv4', 'secret']] as RedactKind[][]) {
      const r = both(lines, left);
      expect(r.batch).toEqual(r.whole);
      if (left.length > 0) expect(r.whole.length).toBeGreaterThan(1_000);
    }
  });
});
