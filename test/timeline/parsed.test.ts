/**
 * The catalogue samples through the real log parsers (registry): what a
 * parser leaves in `message`/`fields` must still classify to the same entry.
 * A sample the parser does not take as its format (no event) is counted and
 * printed, not failed: the raw-line harness in catalogue.test.ts covers it.
 */
import { describe, expect, it } from 'vitest';
import { logParser } from '../../src/parsers/registry.js';
import type { LogEvent } from '../../src/parsers/types.js';
import { SIGNALS, classify, sourceFamily } from '../../src/timeline/signals/index.js';
import type { SourceFamily } from '../../src/timeline/signals/index.js';
import { FAMILY_SOURCE } from './helpers.js';

function parserFor(source: string, fam: SourceFamily): string {
  if (/mysql-slow|slow/.test(source)) return 'mysql-slow';
  if (/mysql|mariadb/.test(source)) return 'mysql-error';
  if (/(^|\/)(dmesg)/.test(source)) return 'kernel';
  const byFamily: Record<SourceFamily, string> = {
    kernel: 'syslog',
    syslog: 'syslog',
    journal: 'journal',
    'web-access': 'access-log',
    'web-error': 'web-error',
    db: 'postgresql',
    app: 'app',
  };
  return byFamily[fam];
}

function parse(id: string, source: string, line: string): LogEvent | undefined {
  const p = logParser(id);
  if (!p) return undefined;
  const r = p.open({ file: source, clock: { tzName: 'UTC', utcOffsetMin: 0, captureStartMs: Date.UTC(2026, 10, 26, 6), monoAtStartS: 1_000_000 } });
  const evs = [r.push(line, 1), r.end()].filter((e): e is LogEvent => e !== undefined);
  const ev = evs[0];
  return ev ? { ...ev, source } : undefined;
}

describe('samples through the real parsers', () => {
  const skipped: string[] = [];
  let parsed = 0;
  for (const d of SIGNALS) {
    for (const [i, s] of d.samples.entries()) {
      const source = s.source ?? FAMILY_SOURCE[d.sources[0]!];
      const id = parserFor(source, sourceFamily(source));
      it(`${d.id} #${i + 1} via ${id}`, () => {
        const ev = parse(id, source, s.line);
        if (!ev || ev.message === '') {
          skipped.push(`${d.id}#${i + 1} (${id})`);
          return;
        }
        parsed++;
        expect(classify(ev), `message: ${ev.message.slice(0, 160)}`).toBe(d.id);
      });
    }
  }
  it('parsed most samples', () => {
    console.log(`[parsed] ${parsed} samples parsed and classified; not taken by their parser: ${skipped.join(', ') || 'none'}`);
    expect(parsed).toBeGreaterThan(skipped.length);
  });
});
