/** Choosing a parser by content, as `sitrep parse` without --as does: the highest detect() score, registry order on ties. */
import { LOG_PARSERS } from '../../../src/parsers/registry.js';
import type { LogParser } from '../../../src/parsers/types.js';

export function pickParser(lines: string[]): LogParser {
  let best = LOG_PARSERS[LOG_PARSERS.length - 1]!;
  let score = 0;
  for (const p of LOG_PARSERS) {
    const s = p.detect(lines);
    if (s > score) {
      score = s;
      best = p;
    }
  }
  return best;
}
