/** Seeded randomness for differential tests: the same seed gives the same inputs on every run. */

/** A linear congruential generator: numbers in [0, 1). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1103515245 + 12345) >>> 0) / 4294967296;
}

/**
 * `n` lines, the i-th made from `base(i)` by up to three edits at random
 * places (insert, delete or replace with a piece of `alphabet`).
 */
export function mutants(n: number, seed: number, base: (i: number) => string, alphabet: readonly string[]): string[] {
  const r = rng(seed);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    let l = base(i);
    for (let k = Math.floor(r() * 4); k > 0; k--) {
      const at = Math.floor(r() * (l.length + 1));
      const ch = alphabet[Math.floor(r() * alphabet.length)]!;
      const op = r();
      l = op < 0.5 ? l.slice(0, at) + ch + l.slice(at) : op < 0.8 ? l.slice(0, at) + l.slice(at + 1) : l.slice(0, at) + ch + l.slice(at + 1);
    }
    out.push(l);
  }
  return out;
}
