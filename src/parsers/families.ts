/**
 * Which family a log is (the signal catalogue's SourceFamily), derived from
 * the log parsers' declarations alone: the parser that reads a file gives its
 * format's family (LogParser.family) unless one of its familyByPath rules
 * names the path (kern.log: syslog lines, the kernel's). The loader stamps
 * the family on each event of a file (log-segment.ts); pathFamily() makes the
 * same decision from the path alone, for an event no loader read.
 */
import { selectLogParser } from './select-log-parser.js';
import type { LogParser, SourceFamily } from './types.js';

/** The family of the events `parser` reads from the file at `path` (collected path or member path). */
export function familyOf(parser: LogParser, path: string): SourceFamily {
  const rules = parser.familyByPath;
  if (rules !== undefined) {
    const p = path.toLowerCase();
    for (const r of rules) if (r.path.test(p)) return r.family;
  }
  return parser.family;
}

/** A member's collected path: `/var/log/syslog` for `logs/var/log/syslog`; else the member path (`cmd/dmesg.txt`). */
export function collectedPath(member: string): string {
  return member.startsWith('logs/') ? member.slice(4) : member;
}

/** The family of a member from its path alone: as read by the parser its path claims, else by the generic one. */
export function pathFamily(member: string): SourceFamily {
  const path = collectedPath(member);
  const choice = selectLogParser('', path, []);
  return choice ? familyOf(choice.parser, path) : 'app';
}
