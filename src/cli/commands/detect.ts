/**
 * `sitrep parse` without `--as`: which parser a file's first few KB look like.
 * Every parser scores the head (detect()); the best score wins, command
 * parsers winning ties (registry order). One more check for the formats whose
 * lines are "stamp host tag: message" (syslog, journal): most lines must carry
 * the tag. dpkg.log's "2025-06-24 14:36:25 startup archives unpack" has a
 * stamp and a word after it, and was read as syslog from a host "startup".
 */
import { COMMAND_PARSERS, LOG_PARSERS } from '../../parsers/registry.js';
import type { CommandParser, LogEvent, LogParser } from '../../parsers/types.js';

export interface Detected {
  parser: CommandParser | LogParser;
  kind: 'command' | 'log';
}

const TAGGED = new Set(['syslog', 'journal']);

/** At least half of the head's events name the program that logged them. */
function tagged(parser: LogParser, lines: string[]): boolean {
  const events: LogEvent[] = [];
  try {
    const reader = parser.open({ file: 'detect', clock: { tzName: 'UTC' } });
    lines.forEach((l, i) => {
      const ev = reader.push(l, i + 1);
      if (ev) events.push(ev);
    });
    const last = reader.end();
    if (last) events.push(last);
  } catch {
    return false;
  }
  return events.length > 0 && events.filter((e) => e.program !== undefined).length * 2 >= events.length;
}

export function detectType(head: string): Detected | null {
  let best: (Detected & { score: number }) | null = null;
  const lines = head.split('\n').slice(0, 20);
  const consider = (parser: CommandParser | LogParser, kind: 'command' | 'log', score: () => number): void => {
    let s = 0;
    try {
      s = score();
    } catch {
      s = 0;
    }
    if (s > 0 && (!best || s > best.score)) best = { parser, kind, score: s };
  };
  const text = head.replace(/^@@sitrep[^\n]*\n/, ''); // a marked file: detect on its first block
  for (const p of COMMAND_PARSERS) consider(p, 'command', () => p.detect(text));
  for (const p of LOG_PARSERS) consider(p, 'log', () => (TAGGED.has(p.id) && !tagged(p, lines) ? 0 : p.detect(lines)));
  const b = best as (Detected & { score: number }) | null;
  return b ? { parser: b.parser, kind: b.kind } : null;
}
