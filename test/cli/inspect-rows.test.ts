/**
 * `sitrep inspect` on a bundle whose manifest is huge (a crafted one: 200,000
 * rows): the table stops at 500 rows with a count, the missing line at 20
 * names, and nothing overflows the stack (the column widths were a spread).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundleHeader } from '../../src/bundle/header.js';
import { inspectText } from '../../src/cli/commands/inspect.js';
import { REPO_ROOT } from '../helpers/corpus.js';

describe('inspect on a huge manifest', () => {
  it('prints 500 rows, counts the rest, and names 20 missing artifacts', async () => {
    const real = await readBundleHeader(join(REPO_ROOT, 'samples', 'db-lock', 'db.tar.gz'));
    const row = real.manifest[0]!;
    const manifest = Array.from({ length: 200_000 }, (_, i) => ({ ...row, name: `a${i}`, status: i % 2 === 0 ? row.status : 'failed' }));
    const text = inspectText({ ...real, manifest });
    const lines = text.split('\n');
    expect(lines.filter((l) => /^a\d+ /.test(l))).toHaveLength(500);
    expect(text).toContain('… and 199500 more rows (--json - lists them all)');
    expect(text).toMatch(/^missing {2}(a\d+ \(failed\), ){19}a\d+ \(failed\), and 99980 more$/m);
  });

  it('prints a normal bundle whole', async () => {
    const real = await readBundleHeader(join(REPO_ROOT, 'samples', 'db-lock', 'db.tar.gz'));
    const text = inspectText(real);
    expect(real.manifest.length).toBeLessThan(500);
    for (const e of real.manifest) expect(text).toContain(e.name);
    expect(text).not.toContain('more rows');
  });
});
