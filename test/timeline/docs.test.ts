/**
 * docs/signals.md's table is generated from the catalogue
 * (src/timeline/signals/docs.ts); this test fails when they drift.
 * Regenerate with `npm run docs`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/timeline/signals/index.js';
import { withSignalsTable } from '../../src/timeline/signals/docs.js';
import { REPO_ROOT } from '../helpers/corpus.js';

describe('docs/signals.md', () => {
  const path = join(REPO_ROOT, 'docs', 'signals.md');
  it('holds the table generated from the catalogue', () => {
    const doc = readFileSync(path, 'utf8');
    const want = withSignalsTable(doc);
    expect(want, 'markers present').not.toBeNull();
    expect(doc).toBe(want);
  });
  it('mentions every signal id', () => {
    const doc = readFileSync(path, 'utf8');
    for (const d of SIGNALS) expect(doc, d.id).toContain(`\`${d.id}\``);
  });
});
