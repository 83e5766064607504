/** Where the shared corpus is, and a way for corpus tests to skip (and say so) when it is absent. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CORPUS = resolve(REPO_ROOT, '..', 'shared', 'corpus');
export const HAS_CORPUS = existsSync(CORPUS);

if (!HAS_CORPUS) {
  console.warn(`[sitrep tests] ${CORPUS} is absent: corpus tests are skipped`);
}

export function corpusPath(...parts: string[]): string {
  return join(CORPUS, ...parts);
}

/** Every line of every corpus file under 4 MiB, read as latin1 (the bytes as they are). */
export function corpusLines(): string[] {
  const lines: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir)) {
      const p = join(dir, e);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.size < 4 << 20) for (const l of readFileSync(p).toString('latin1').split('\n')) lines.push(l);
    }
  };
  walk(CORPUS);
  return lines;
}

/** `n` seeded lines, each of 1 to `most` atoms drawn from `atoms`: the same lines for the same seed. */
export function seededLines(atoms: readonly string[], n: number, seed: number, most: number): string[] {
  let s = seed >>> 0;
  const rnd = (): number => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(rnd() * most) }, () => atoms[Math.floor(rnd() * atoms.length)]!).join(''));
}
