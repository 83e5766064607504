/** Where the shared corpus is, and a way for corpus tests to skip (and say so) when it is absent. */
import { existsSync } from 'node:fs';
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
