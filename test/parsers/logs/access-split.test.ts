/**
 * The hand-written access-log splitting gives exactly what the regexes and
 * Number() it replaces on the hot path give, on seeded random lines built
 * around the characters that matter (quotes, escapes, spaces, digits, line
 * terminators `.` does not match).
 */
import { describe, expect, it } from 'vitest';
import { plainMicros, refAgent, spaced, special, tailFrame } from '../../../src/parsers/logs/lib/access-split.js';
import { mutants, rng } from '../../helpers/seeded.js';

// The regexes access-log.ts keeps for lines where special() is true.
const TAIL = /"((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(.*)$/y;
const REF_AGENT = /^ +"((?:[^"\\]|\\.)*)" +"((?:[^"\\]|\\.)*)"(.*)$/;

/** tailFrame's result as TAIL's groups: [whole, request, status, bytes, rest] or null. */
function tailAt(line: string, p: number): (string | undefined)[] | null {
  const t = { request: '', status: '-', bytesS: 0, bytesE: 0 };
  if (!tailFrame(line, p, t)) return null;
  return [undefined, t.request, t.status, line.slice(t.bytesS, t.bytesE), line.slice(t.bytesE)];
}

const BASE = [
  '"GET /items HTTP/1.1" 200 1234 "-" "curl/7.88.1" 0.123 0.120',
  '"GET / HTTP/1.0" 304 - "http://x/" "Mozilla/5.0 (X11)" rt=0.5 urt="0.1, 0.2"',
  '"-" 400 0 "-" "-"',
  '"GET /~p.html" 200 271',
  '"POST /a?b=\\"c\\"" 502 157   "ref"  "ua \\\\ x"',
];
const ALPHABET = ['"', ' ', '\\', '-', '0', '5', '9', ',', '\r', '\u2028', '\u2029', 'a', '.', '  '];

describe('access-log hand splitting', () => {
  const lines = mutants(60_000, 42, (i) => BASE[i % BASE.length]!, ALPHABET);
  const clean = lines.filter((l) => !special(l));

  it('special() is true exactly for lines with a backslash, CR, U+2028 or U+2029', () => {
    for (const l of lines) expect(special(l)).toBe(/[\\\r\u2028\u2029]/.test(l));
    expect(clean.length).toBeGreaterThan(20_000);
    expect(clean.length).toBeLessThan(lines.length);
  });

  it('tailFrame gives the TAIL regex groups on clean lines, at any start', () => {
    let matched = 0;
    for (const l of clean) {
      for (const p of [0, 1]) {
        TAIL.lastIndex = p;
        const want = TAIL.exec(l);
        const got = tailAt(l, p);
        expect(got === null ? null : got.slice(1), l).toEqual(want === null ? null : [...want].slice(1));
        if (want) matched++;
      }
    }
    expect(matched).toBeGreaterThan(10_000);
  });

  it('refAgent gives the REF_AGENT regex groups on clean rests', () => {
    let matched = 0;
    for (const l of clean) {
      // What follows the bytes field (where access-log.ts applies it), and shifted variants.
      const tail = tailAt(l, 0)?.[4] ?? l;
      for (const rest of [tail, tail.slice(1), ` ${tail}`, ` ${l}`]) {
        const want = REF_AGENT.exec(rest);
        const got = refAgent(rest);
        expect(got === null ? null : got.slice(1), rest).toEqual(want === null ? null : [...want].slice(1));
        if (want) matched++;
      }
    }
    expect(matched).toBeGreaterThan(5_000);
  });

  it('spaced gives split(" ") without empty tokens', () => {
    for (const l of lines.slice(0, 5_000)) {
      const out: string[] = [];
      spaced(l, out);
      expect(out).toEqual(l.split(' ').filter((t) => t !== ''));
    }
  });

  it('plainMicros(v) / 1e6 is Math.round(Number(v) * 1e6) / 1e6 where it accepts, and it refuses the rest', () => {
    const r = rng(7);
    let accepted = 0;
    for (let i = 0; i < 100_000; i++) {
      const whole = String(Math.floor(r() * 10 ** Math.floor(r() * 11)));
      let frac = '';
      for (let k = Math.floor(r() * 9); k > 0; k--) frac += String(Math.floor(r() * 10));
      const v = r() < 0.05 ? `${whole}.` : r() < 0.05 ? `-${whole}` : frac === '' ? whole : `${whole}.${frac}`;
      const m = plainMicros(v);
      const plain = /^\d{1,9}(\.\d{1,6})?$/.test(v);
      expect(m >= 0, v).toBe(plain);
      if (plain) {
        accepted++;
        expect(m / 1e6, v).toBe(Math.round(Number(v) * 1e6) / 1e6);
      }
    }
    expect(accepted).toBeGreaterThan(40_000);
    for (const v of ['', '-', '.5', '1.', '1.5.', '0x10', '1e3', ' 1', '1 ', '1234567890', '0.1234567']) expect(plainMicros(v), v).toBe(-1);
    expect(plainMicros('0.123')).toBe(123_000);
    expect(plainMicros('12')).toBe(12_000_000);
  });
});
