/**
 * Every registered parser is complete: implemented, documented in
 * docs/parsers/<id>.md, exercised by a test that names it, and (for log
 * parsers) carrying real sample lines that serve as its own tests.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_PARSERS, LOG_PARSERS } from '../../src/parsers/registry.js';
import { REPO_ROOT } from '../helpers/corpus.js';

function testSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...testSources(p));
    else if (name.endsWith('.ts')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}

const tests = testSources(join(REPO_ROOT, 'test')).join('\n');
const all = [...COMMAND_PARSERS.map((p) => ({ kind: 'command', p })), ...LOG_PARSERS.map((p) => ({ kind: 'log', p }))];

describe('parser conformance', () => {
  it('ids are unique', () => {
    const ids = all.map((x) => x.p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const { kind, p } of all) {
    describe(`${kind} parser ${p.id}`, () => {
      it('is implemented', () => {
        expect(p.title).not.toMatch(/not implemented/);
      });
      it('is documented in docs/parsers/<id>.md', () => {
        const doc = join(REPO_ROOT, 'docs', 'parsers', `${p.id}.md`);
        expect(existsSync(doc), doc).toBe(true);
        expect(readFileSync(doc, 'utf8').length).toBeGreaterThan(200);
      });
      it('is named by a test', () => {
        expect(tests.includes(`'${p.id}'`) || tests.includes(`"${p.id}"`), `no test names '${p.id}'`).toBe(true);
      });
      if (kind === 'log' && 'samples' in p) {
        it('carries real sample lines with their origin', () => {
          expect(p.samples.length).toBeGreaterThan(0);
          for (const s of p.samples) expect(s.origin.length).toBeGreaterThan(0);
        });
      }
    });
  }
});
