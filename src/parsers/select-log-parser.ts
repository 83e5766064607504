/**
 * Which log parser reads an artifact: fixed by artifact name for the
 * journal and dmesg, else by the collected source path (LogParser.paths),
 * else by detect() over the first lines in registry order (specific formats
 * first), else the generic application parser (whose `*.log` path pattern
 * would otherwise claim every log before detect() could look at it).
 */
import { rotation } from '../bundle/paths.js';
import { LOG_PARSERS, logParser } from './registry.js';
import type { LogParser } from './types.js';

export interface LogParserChoice {
  parser: LogParser;
  how: 'name' | 'path' | 'detect' | 'fallback';
  score?: number;
}

const BY_NAME: Readonly<Record<string, string>> = { journal: 'journal', dmesg: 'kernel' };

/** The generic parser used when nothing else claims the lines. */
export const FALLBACK_LOG_PARSER = 'app';

export function selectLogParser(name: string, sourcePath: string | null, head: string[]): LogParserChoice | null {
  const byName = BY_NAME[name];
  const named = byName ? logParser(byName) : undefined;
  if (named) return { parser: named, how: 'name' };
  if (sourcePath) {
    // Rotated copies (`syslog.2.gz`) match as their live file does.
    const live = rotation(sourcePath).base;
    // The generic parser's path (`*.log`) claims too much to beat detect(): it only falls back.
    for (const p of LOG_PARSERS) {
      if (p.id === FALLBACK_LOG_PARSER) continue;
      if (p.paths.some((re) => re.test(sourcePath) || re.test(live))) return { parser: p, how: 'path' };
    }
  }
  const best = detectLog(head);
  if (best) return best;
  const fallback = logParser(FALLBACK_LOG_PARSER) ?? LOG_PARSERS[LOG_PARSERS.length - 1];
  return fallback ? { parser: fallback, how: 'fallback' } : null;
}

/** Best-scoring log parser for these lines (first in registry order on ties), null when none scores. */
export function detectLog(head: string[]): LogParserChoice | null {
  let best: LogParserChoice | null = null;
  for (const p of LOG_PARSERS) {
    let score = 0;
    try {
      score = p.detect(head);
    } catch {
      score = 0; // a detector that throws claims nothing
    }
    if (score > 0 && (!best || score > (best.score ?? 0))) best = { parser: p, how: 'detect', score };
  }
  return best;
}
