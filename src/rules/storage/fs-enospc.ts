/** "No space left on device" in any log: a file system filled up. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const fsEnospc: Rule = {
  meta: {
    id: 'fs-enospc',
    resource: 'storage-capacity',
    signal: 'errors',
    severity: 'critical',
    title: 'No space left on device',
    options: {},
    explanation:
      'ENOSPC ("No space left on device") in any log means a write failed because a file system ran out of space or inodes, even if it has been freed since the capture.',
    nextCommands: ['df -h', 'df -i', 'lsof +L1'],
  },
  check(ctx) {
    return eventFindings(ctx, this.meta, ['enospc'], (n) => `${n} "No space left on device" line(s)`);
  },
};
