/**
 * frame() is the access log's one acceptance test, written for speed (no
 * array per line). It must accept exactly the lines a plain reference
 * accepts (TAIL regex, split and join of the items, as the parser did
 * before), and find the same request and status, on real lines and on
 * seeded mutants built around the characters that matter.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countItems, frame, newFrame } from '../../../src/parsers/logs/lib/access-frame.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { mutants, rng } from '../../helpers/seeded.js';
import { FILES } from './corpus-list.js';

const TAIL = /"((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(.*)$/y;

/** Items of a prefix the way a reader would write it: split on spaces, a token ending in ',' joins the next. */
function referenceItems(prefix: string): number {
  const groups: string[] = [];
  let cur: string[] = [];
  for (const tok of prefix.split(' ').filter((t) => t !== '')) {
    cur.push(tok);
    if (!tok.endsWith(',')) {
      groups.push(cur.join(' '));
      cur = [];
    }
  }
  return cur.length > 0 ? -1 : groups.length;
}

function reference(line: string): { request: string; status: string } | null {
  const open = line.indexOf(' [');
  if (open < 5 || open > 1024) return null;
  const close = line.indexOf('] "', open);
  if (close < 0 || close - open < 22 || close - open > 34) return null;
  TAIL.lastIndex = close + 2;
  const tail = TAIL.exec(line);
  if (!tail) return null;
  let prefix = line.slice(0, open);
  let quoted = false;
  if (prefix.startsWith('"')) {
    const q = prefix.indexOf('" ', 1);
    if (q < 0) return null;
    prefix = prefix.slice(q + 2);
    quoted = true;
  }
  const n = referenceItems(prefix);
  if (n < 3 || n > (quoted ? 3 : 4)) return null;
  return { request: tail[1]!, status: tail[2]! };
}

// Real shapes (tests/samples of access-log.ts), cut into parts and mutated.
const PREFIXES = [
  '127.0.0.1 - - ',
  'www.example.com 1.2.3.4 - theuser ',
  '"10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - ',
  '10.0.0.2, 10.0.0.1, 127.0.0.1 - - ',
  '10.0.0.2,  10.0.0.1 - - ',
  'a, - - ',
  '"q" a b c d ',
];
const STAMPS = ['[26/Nov/2026:06:16:16 +0100] ', '[29/Aug/2023 22:02:58] ', '[01/sept./2023:22:02:58 +0200] '];
const TAILS = [
  '"GET /slow HTTP/1.1" 504 167 "-" "curl/7.88.1" 1.002 1.002',
  '"GET / HTTP/1.0" 304 - "http://x/" "Mozilla/5.0 (X11)" rt=0.5 urt="0.1, 0.2"',
  '"-" 400 0 "-" "-"',
  '"GET /~scottp/publish.html" 200 271',
  '"POST /a?b=\\"c\\"" 502 157   "ref"  "ua \\\\ x"',
];
const ALPHABET = ['"', ' ', '\\', '-', '0', '5', ',', '\r', '\u2028', 'a', '  ', '[', ']'];

function agree(lines: string[]): number {
  const parts = newFrame();
  let accepted = 0;
  for (const l of lines) {
    const want = reference(l);
    const got = frame(l, parts);
    expect(got !== null, l).toBe(want !== null);
    if (want && got) {
      expect({ request: got.request, status: got.status }, l).toEqual(want);
      expect(got.statusNum).toBe(want.status === '-' ? null : Number(want.status));
      accepted++;
    }
  }
  return accepted;
}

describe('frame()', () => {
  it('counts items as split-and-join does', () => {
    const r = rng(3);
    const chars = [' ', ' ', ',', 'a', '1', '-'];
    for (let i = 0; i < 50_000; i++) {
      let p = '';
      for (let k = Math.floor(r() * 14); k > 0; k--) p += chars[Math.floor(r() * chars.length)]!;
      expect(countItems(p, 0, p.length), JSON.stringify(p)).toBe(referenceItems(p));
    }
  });

  it('accepts exactly what the reference accepts, with the same request and status (seeded mutants)', () => {
    const accepted = agree(mutants(60_000, 11, (i) => PREFIXES[i % PREFIXES.length]! + STAMPS[i % STAMPS.length]! + TAILS[i % TAILS.length]!, ALPHABET));
    expect(accepted).toBeGreaterThan(15_000);
    expect(accepted).toBeLessThan(60_000);
  });

  it.skipIf(!HAS_CORPUS)('accepts exactly what the reference accepts on the corpus access logs', () => {
    const files = FILES.filter(([, id]) => id === 'access-log');
    expect(files.length).toBeGreaterThan(3);
    let accepted = 0;
    for (const [path] of files) accepted += agree(readFileSync(corpusPath(path), 'utf8').split('\n'));
    expect(accepted).toBeGreaterThan(1_000);
  });
});
