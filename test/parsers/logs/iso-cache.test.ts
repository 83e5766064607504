/**
 * TimeReader.iso caches the date per day (lib/stamps.ts): a stamp read after
 * others must read exactly as a fresh reader reads it (time, where it ends,
 * its quality), whatever came before: seeded sequences of valid and invalid
 * stamps with repeats, days that roll over, second 60, one-digit hours,
 * fractions and zones (offsets and abbreviations, both cached as the last
 * text read), in two host zones.
 */
import { describe, expect, it } from 'vitest';
import { TimeReader } from '../../../src/parsers/logs/lib/stamps.js';
import { rng } from '../../helpers/seeded.js';

function stamps(n: number): string[] {
  const r = rng(9);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    // Mostly valid parts (repeated in the lists), some invalid ones.
    const date = `${pick(['2026', '2026', '2024', '20x6'])}${pick(['-', '-', '/', '.', ':'])}`;
    const sep = date.slice(-1);
    const s =
      `${date}${pick(['02', '11', '12', '12', '13', '1'])}${sep}${pick(['28', '29', '30', '31', '31', '32', '00'])}${pick(['T', 'T', ' ', '  ', 'x'])}` +
      `${pick(['00', '23', '23', '24', '4'])}:${pick(['00', '59', '59', '60', '5'])}:${pick(['00', '59', '60', '60', '61', '4'])}` +
      `${pick(['', '.317', '.634999', ',123', '.'])}${pick(['Z', '+0000', '+01:00', '-0530', ' CET', '', ' xyz', ' UTC', ' UTC', ' PST', ' XYZ', ' UT'])} msg`;
    out.push(s);
    if (r() < 0.5) out.push(s); // the same day and second again: the cached path
  }
  return out;
}

describe('TimeReader.iso per-day cache', () => {
  for (const tzName of ['UTC', 'Europe/Berlin']) {
    it(`reads every stamp as a fresh reader does (${tzName})`, () => {
      const ctx = { file: 'x', clock: { tzName }, mtimeMs: Date.UTC(2026, 10, 26) };
      const shared = new TimeReader(ctx);
      let valid = 0;
      for (const s of stamps(20_000)) {
        for (const abbrev of [false, true]) {
          const fresh = new TimeReader(ctx);
          const want = fresh.iso(s, 0, abbrev);
          const got = shared.iso(s, 0, abbrev);
          expect(got, s).toBe(want);
          if (want === want) {
            valid++;
            expect([shared.end, shared.quality], s).toEqual([fresh.end, fresh.quality]);
          }
        }
      }
      expect(valid).toBeGreaterThan(1_000);
    });
  }
});
