/**
 * The committed samples (real lab runs, scripts/lab/make-samples.mjs) are
 * what a new user's first command analyzes: each must still be diagnosed as
 * its scenario expects, through the real CLI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { SCENARIOS } from '../scripts/lab/scenarios.mjs';
import { REPO_ROOT } from './helpers/corpus.js';
import type { Analysis } from '../src/diagnosis/types.js';
import { mismatches, verdictLine, type Expect } from './lab/expect.js';

const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const SAMPLES = join(REPO_ROOT, 'samples');

interface Scenario {
  name: string;
  expect: Expect;
}

describe('samples/', () => {
  const names = readdirSync(SAMPLES).filter((n) => existsSync(join(SAMPLES, n, 'web.tar.gz')));
  it('holds the demo incident', () => {
    expect(names).toContain('db-lock');
  });
  for (const name of names) {
    it(`${name}: diagnosed as the lab scenario expects`, () => {
      const s = (SCENARIOS as Scenario[]).find((x) => x.name === name);
      expect(s, `samples/${name} is not a lab scenario`).toBeDefined();
      const bundles = ['web', 'app', 'db'].map((t) => join(SAMPLES, name, `${t}.tar.gz`));
      const a = JSON.parse(execFileSync('node', [CLI, 'analyze', ...bundles, '--json', '-', '-q'], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Analysis;
      expect(mismatches(a, s!.expect), verdictLine(name, a, s!.expect)).toEqual([]);
    });
  }
});
