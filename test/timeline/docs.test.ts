/**
 * docs/signals.md's table is generated from the catalogue data; this test
 * fails when they drift. Regenerate with `SITREP_UPDATE_DOCS=1 npx vitest run test/timeline/docs.test.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNALS } from '../../src/timeline/signals/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const BEGIN = '<!-- signals:begin (generated from src/timeline/signals by test/timeline/docs.test.ts) -->';
const END = '<!-- signals:end -->';
const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function table(): string {
  const rows = SIGNALS.map((d) => {
    const match = d.field
      ? `field \`${d.field.field}\` ${d.field.oneOf ? `= ${d.field.oneOf.join('/')}` : `in ${d.field.min ?? ''}..${d.field.max ?? ''}`}`
      : d.levels
        ? `level ${d.levels.join('/')}`
        : `${(d.literals ?? []).map((l) => `\`${cell(l)}\``).join(', ')}${d.threshold ? ` (${d.threshold.group} ≥ ${d.threshold.min})` : ''}`;
    const origins = [...new Set(d.samples.map((s) => s.origin.replace(/^https:\/\/github\.com\//, 'gh:').split(' (')[0]!.slice(0, 70)))].join('; ');
    return `| \`${d.id}\` | ${cell(d.title)} | ${d.resource} | ${d.kind} | ${d.severity} | ${d.sources.join(', ')} | ${match} | ${d.blame} | ${d.samples.length} | ${cell(origins || (d.noSample ?? ''))} |`;
  });
  return [
    BEGIN,
    '| id | title | resource | kind | severity | sources | match (prefilter) | blame | samples | sample origins |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    END,
  ].join('\n');
}

describe('docs/signals.md', () => {
  const path = join(REPO_ROOT, 'docs', 'signals.md');
  it('holds the table generated from the catalogue', () => {
    const doc = readFileSync(path, 'utf8');
    const a = doc.indexOf(BEGIN);
    const b = doc.indexOf(END);
    expect(a, 'markers present').toBeGreaterThanOrEqual(0);
    const current = doc.slice(a, b + END.length);
    if (process.env['SITREP_UPDATE_DOCS'] === '1' && current !== table()) {
      writeFileSync(path, doc.slice(0, a) + table() + doc.slice(b + END.length));
      return;
    }
    expect(current).toBe(table());
  });
  it('mentions every signal id', () => {
    const doc = readFileSync(path, 'utf8');
    for (const d of SIGNALS) expect(doc, d.id).toContain(`\`${d.id}\``);
  });
});
