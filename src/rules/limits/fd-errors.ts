/** EMFILE / ENFILE ("Too many open files") in any log. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const fdErrors: Rule = {
  meta: {
    id: 'fd-errors',
    resource: 'file-descriptors',
    signal: 'errors',
    severity: 'critical',
    title: 'Too many open files',
    options: {},
    explanation:
      '"Too many open files" (EMFILE per process, ENFILE system-wide) means open(), socket() or accept() failed at the descriptor limit: the process refuses connections or loses files until descriptors are freed.',
    nextCommands: ['grep "open files" /proc/<pid>/limits', 'ls /proc/<pid>/fd | wc -l', 'cat /proc/sys/fs/file-nr'],
  },
  check(ctx) {
    return eventFindings(ctx, this.meta, ['emfile'], (n) => `${n} "Too many open files" line(s)`);
  },
};
