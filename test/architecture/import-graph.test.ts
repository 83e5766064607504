/**
 * docs/architecture.md: "a stage imports only from the stages before it".
 * Every import in src/ is resolved to the stage folder it lands in; an import
 * from a later stage (rules → diagnosis, models → rules, ...) fails, naming
 * the file and the import.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/corpus.js';

const SRC = join(REPO_ROOT, 'src');
/** The pipeline in order; `vocabulary/`, `errors.ts` and `assets.ts` (files shipped beside the code) are the shared bottom. */
// redact/ rewrites bundles (it reads them through bundle/ only); export/, like render/, presents an Analysis.
const STAGES = [
  'vocabulary',
  'errors.ts',
  'assets.ts',
  'bundle',
  'redact',
  'parsers',
  'timeline',
  'models',
  'rules',
  'diagnosis',
  'render',
  'export',
  'cli',
] as const;
const SHARED = new Set(['vocabulary', 'errors.ts', 'assets.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const stageOf = (file: string): string => relative(SRC, file).split('/')[0]!.replace(/\.js$/, '.ts');

/** Relative module specifiers of static imports, re-exports and dynamic imports. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  // `from` clauses may span lines (multi-line import lists); a bare `import './x.js'` has none.
  for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+)['"]/g)) out.push(m[1]!);
  for (const m of text.matchAll(/\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function violations(): string[] {
  const bad: string[] = [];
  for (const file of files(SRC)) {
    const from = stageOf(file);
    const rank = STAGES.indexOf(from as (typeof STAGES)[number]);
    for (const spec of importsOf(readFileSync(file, 'utf8'))) {
      const to = stageOf(resolve(dirname(file), spec));
      if (to === from || SHARED.has(to)) continue;
      const toRank = STAGES.indexOf(to as (typeof STAGES)[number]);
      if (rank < 0 || toRank < 0 || toRank > rank || SHARED.has(from)) bad.push(`${relative(REPO_ROOT, file)} (${from}) imports ${spec} (${to})`);
    }
  }
  return bad;
}

describe('the import graph', () => {
  it('finds the imports it checks (static, re-export, dynamic)', () => {
    expect(
      importsOf(
        `import type { A } from '../a/b.js';\nexport { c } from './c.js';\nconst d = await import('../d.js');\nimport './side.js';\nimport {\n  e,\n  f,\n} from '../e.js';\nconst u = new URL('../../templates/', import.meta.url);`,
      ),
    ).toEqual(['../a/b.js', './c.js', './side.js', '../e.js', '../d.js']);
  });

  it('every src/ file belongs to a known stage', () => {
    const unknown = files(SRC)
      .map(stageOf)
      .filter((s) => !STAGES.includes(s as (typeof STAGES)[number]));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('a stage imports only from the stages before it (and the shared vocabulary and errors)', () => {
    expect(violations()).toEqual([]);
  });
});
