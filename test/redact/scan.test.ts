/**
 * The fast scan against what it means: the shapes as one left-to-right
 * alternation (the first shape listed wins where several match at the
 * leftmost position), run here the slow way, with one regex. Every line of the
 * corpus, the shapes' edge cases and seeded random lines built from the
 * shapes' own characters must give the same matches in the same order.
 */
import { describe, expect, it } from 'vitest';
import { buildPatterns, type Literal, type Match, type PatternSet } from '../../src/redact/patterns.js';
import { scanLine } from '../../src/redact/scan.js';
import { corpusLines, HAS_CORPUS, seededLines } from '../helpers/corpus.js';

/** The alternation the set means, and for each alternative its kind and group numbers. */
function alternation(set: PatternSet): (line: string) => Match[] {
  const slots: { kind: Match['kind']; prefix?: number; value: number }[] = [];
  let group = 1;
  for (const s of set.scanners) {
    slots.push(s.prefixed ? { kind: s.kind, prefix: group, value: group + 1 } : { kind: s.kind, value: group });
    group += s.prefixed ? 2 : 1;
  }
  const re = new RegExp(set.scanners.map((s) => s.source).join('|'), 'gi');
  return (line) => {
    const out: Match[] = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const slot = slots.find((s) => m![s.value] !== undefined)!;
      out.push({ kind: slot.kind, index: m.index, text: m[0], prefix: slot.prefix !== undefined ? m[slot.prefix]! : '', value: m[slot.value]! });
    }
    return out;
  };
}

function fast(set: PatternSet, line: string): Match[] {
  const out: Match[] = [];
  scanLine(set, line, (m) => {
    out.push({ ...m });
    return m.text;
  });
  return out;
}

const LITERALS: Literal[] = [
  { value: 'web1', kind: 'host' },
  { value: 'web1.shop.example.org', kind: 'host' },
  { value: 'vm', kind: 'host' }, // a sysctl root: vm.swappiness is not the host
  { value: 'deploy', kind: 'user' },
  { value: 'longuse+', kind: 'user', canonical: 'longusername' },
];
const SETS: [string, PatternSet][] = [
  ['with literals', buildPatterns(LITERALS)],
  ['without literals', buildPatterns([])],
  ['ipv6 and secrets off', buildPatterns(LITERALS, new Set(['ipv6', 'secret']))],
];

const EDGES = [
  '10.0.0.1 - - [25/Nov/2026:04:00:00 +0000] "GET /items HTTP/1.1" 200 16012 "-" "curl/7.88.1" 0.086',
  '1234.5.6.7 12.34.56.78.9 1.2.3.4.5 .1.2.3.4 01.002.3.4 999.1.1.1',
  '::1 ::1:631 ::5432 fe80::1%eth0 2001:db8::1 abcde:1:2 ab:cd:ef:01:23:45 ab:cd:ef:01:23:45:67 a::b::c',
  '::ffff:10.0.0.1 1:2:3:4:5:6:7:8 12:34:56.789 2026:04:00:00 :::: ::::::::::::::::::',
  // The ipv6 look-ahead's bounds (ipv6-ahead.ts): a `::` 39 and 40 characters into a run of
  // no seven short groups, seven groups, six, and a group of five.
  'aaaa:bbbb:cccc:dddd:eeee:ffff:111112222:: aaaa:bbbb:cccc:dddd:eeee:ffff:1111122222::',
  '1:2:3:4:5:6:7:8 1:2:3:4:5:6:7 11111:2:3:4:5:6:7:8 1:2:3:4:5:6:7:89abc 1:2:3:4:5:6:77777:8',
  'dhcp-192-168-0-66 1-2-3-4-5 12-34-56-78 0-0-0-0',
  'mail user.name+tag@mail.example.com a@b.c x@y.co @@@ a@@b.org ' + 'a'.repeat(70) + '@long.example.org',
  'https://admin:s3cret@db.example.com:5432/app postgres://u:p@10.0.0.2/db',
  'Authorization: Bearer abc.def password=hunter2 --db-password secret1 api_key: "k" token=x&y=1',
  'AKIAABCDEFGHIJKLMNOP ghp_' + 'a'.repeat(36) + ' xoxb-1234567890-abc AIza' + 'b'.repeat(35),
  'WEB1 web1.shop.example.org web1-api vm.swappiness = 60 vm deploy longuse+ 3598 web1:8080',
  'user@10.0.0.1 10.0.0.1@host deploy@web1 web1@deploy.example 00:1a:2b:3c:4d:5e@x',
  '\t  10.0.0.1   10.0.0.2  \r',
];

/** Seeded lines of the shapes' own characters: separators, hex, digits, keywords. */
function randomLines(n: number, seed: number): string[] {
  const atoms = [
    '1',
    '25',
    '255',
    '10',
    'a',
    'f',
    'ab',
    'G',
    '.',
    ':',
    '-',
    '@',
    '/',
    '//',
    ' ',
    '_',
    '%',
    '+',
    'x',
    'web1',
    'vm',
    'pass=',
    'Token:',
    '::',
    '.com',
    'AKIA',
  ];
  return seededLines(atoms, n, seed, 40);
}

describe('scanLine finds what the alternation finds', () => {
  for (const [name, set] of SETS) {
    const slow = alternation(set);
    it(`edge cases (${name})`, () => {
      for (const line of EDGES) expect(fast(set, line), line).toEqual(slow(line));
      // Not vacuous: the access line's client address, never its time (no `::`, not eight groups: no address);
      // on line 4 neither 12:34:56.789 nor 2026:04:00:00, and a run of colons as far as the shape's seven groups.
      expect(fast(set, EDGES[0]!).map((m) => m.text)).toEqual(['10.0.0.1']);
      const v6 = set.scanners.some((s) => s.kind === 'ipv6');
      expect(fast(set, EDGES[3]!).map((m) => `${m.kind} ${m.text}`)).toEqual(
        v6 ? ['ipv6 ::ffff:10.0.0.1', 'ipv6 1:2:3:4:5:6:7:8', 'ipv6 ::::', 'ipv6 :::::::'] : ['ipv4 10.0.0.1'],
      );
    });
    it(`20,000 seeded random lines (${name})`, () => {
      let matches = 0;
      for (const line of randomLines(20_000, 7)) {
        const want = slow(line);
        matches += want.length;
        expect(fast(set, line), line).toEqual(want);
      }
      expect(matches).toBeGreaterThan(5_000);
    });
  }
  it.skipIf(!HAS_CORPUS)('every line of the corpus', () => {
    const set = SETS[0]![1];
    const slow = alternation(set);
    const lines = corpusLines();
    let matches = 0;
    for (const line of lines) {
      const want = slow(line);
      matches += want.length;
      if (want.length > 0 || line.length > 0) expect(fast(set, line)).toEqual(want);
    }
    expect(lines.length).toBeGreaterThan(100_000);
    expect(matches).toBeGreaterThan(10_000);
  });
});

describe('a hostile bundle naming many users', () => {
  it('builds the scan over 200,000 literals (no argument spread) and finds the last', () => {
    const lits: Literal[] = Array.from({ length: 200_000 }, (_, i) => ({ value: `user${i}`, kind: 'user' }));
    const set = buildPatterns(lits);
    expect(fast(set, 'login by user199999 from 10.0.0.1').map((m) => [m.kind, m.text])).toEqual([
      ['literal', 'user199999'],
      ['ipv4', '10.0.0.1'],
    ]);
  });
});
