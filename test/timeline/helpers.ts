/** Building LogEvents from raw lines, the way tests feed the catalogue while the log parsers are being written. */
import type { LogEvent } from '../../src/parsers/types.js';
import type { SourceFamily } from '../../src/timeline/signals/index.js';

/** A representative artifact path per family (as docs/bundle-format.md lays them out). */
export const FAMILY_SOURCE: Record<SourceFamily, string> = {
  kernel: 'cmd/dmesg.txt',
  syslog: 'logs/var/log/syslog',
  journal: 'journal/journal.txt',
  'web-access': 'logs/var/log/nginx/access.log',
  'web-error': 'logs/var/log/nginx/error.log',
  db: 'logs/var/log/postgresql/postgresql-15-main.log',
  app: 'logs/var/log/app/app.log',
};

export function eventOf(message: string, source: string, extra: Partial<LogEvent> = {}): LogEvent {
  return { time: null, timeQuality: 'unknown', source, line: 1, message, ...extra };
}

/** Strips a dmesg `[  12.345]` / `[  12.3][ T28]` / `[Di Aug 12 03:54:03 2025]` prefix, as the kernel parser will. */
export function kernelMessage(line: string): string {
  // Only stamps: `[ INFO: possible recursive locking detected ]` is a message, not a prefix.
  return line.replace(/^\s*\[\s*\d+\.\d+\](?:\[\s*[A-Z]?\d+\])?\s?|^\[[A-Z][a-z]+ [A-Z][a-z]+ +\d+ [\d:]+ \d{4}\]\s?/, '');
}
