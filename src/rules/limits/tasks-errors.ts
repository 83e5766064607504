/** fork failures ("Resource temporarily unavailable", "can't fork"). */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

export const tasksErrors: Rule = {
  meta: {
    id: 'tasks-errors',
    resource: 'tasks',
    signal: 'errors',
    severity: 'critical',
    title: 'fork failures',
    options: {},
    explanation:
      '"fork: Resource temporarily unavailable" / "can\'t fork" means a process or thread could not be created: a pids cgroup limit, RLIMIT_NPROC, threads-max or memory for stacks ran out.',
    nextCommands: ['ulimit -u', 'cat /sys/fs/cgroup/<group>/pids.max /sys/fs/cgroup/<group>/pids.current', 'sysctl kernel.threads-max'],
  },
  check(ctx) {
    return eventFindings(ctx, this.meta, ['fork'], (n) => `${n} fork failure line(s)`);
  },
};
