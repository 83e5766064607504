/**
 * docs/signals.md's table, generated from the catalogue so the two cannot
 * drift: test/timeline/docs.test.ts fails on a difference and `npm run docs`
 * (scripts/docs.mjs) rewrites it.
 */
import { SIGNALS } from './catalogue.js';

export const SIGNALS_TABLE_BEGIN = '<!-- signals:begin (generated from src/timeline/signals by npm run docs) -->';
export const SIGNALS_TABLE_END = '<!-- signals:end -->';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderSignalsTable(): string {
  const rows = SIGNALS.map((d) => {
    const match = d.field
      ? `field \`${d.field.field}\` ${d.field.oneOf ? `= ${d.field.oneOf.join('/')}` : `in ${d.field.min ?? ''}..${d.field.max ?? ''}`}`
      : d.levels
        ? `level ${d.levels.join('/')}`
        : `${(d.literals ?? []).map((l) => `\`${cell(l)}\``).join(', ')}${d.threshold ? ` (${d.threshold.group} ≥ ${d.threshold.min})` : ''}`;
    const origins = [
      ...new Set(
        d.samples.map((s) =>
          s.origin
            .replace(/^https:\/\/github\.com\//, 'gh:')
            .split(' (')[0]!
            .slice(0, 70),
        ),
      ),
    ].join('; ');
    return `| \`${d.id}\` | ${cell(d.title)} | ${d.resource} | ${d.kind} | ${d.severity} | ${d.sources.join(', ')} | ${match} | ${d.blame} | ${d.samples.length} | ${cell(origins || (d.noSample ?? ''))} |`;
  });
  return [
    SIGNALS_TABLE_BEGIN,
    '| id | title | resource | kind | severity | sources | match (prefilter) | blame | samples | sample origins |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    SIGNALS_TABLE_END,
  ].join('\n');
}

/** The document with its table replaced by the generated one; null when the markers are missing. */
export function withSignalsTable(doc: string): string | null {
  const a = doc.indexOf(SIGNALS_TABLE_BEGIN.split(' (')[0]!);
  const b = doc.indexOf(SIGNALS_TABLE_END);
  if (a < 0 || b < a) return null;
  return doc.slice(0, a) + renderSignalsTable() + doc.slice(b + SIGNALS_TABLE_END.length);
}
