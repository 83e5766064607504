/** OOM kills (system or cgroup) and allocation failures: memory ran out and work was killed. */
import type { ProcessRef } from '../../vocabulary/types.js';
import type { TimelineEvent } from '../../timeline/types.js';
import type { Rule } from '../types.js';
import { eventFindings, eventsOf } from '../helpers.js';

/** The first kill's victim as the signal catalogue extracted it from the kernel line. */
function victim(events: TimelineEvent[]): ProcessRef | undefined {
  for (const e of events) {
    const name = e.signalFields?.process;
    if (typeof name !== 'string' || name === '') continue;
    const pid = Number(e.signalFields?.pid);
    return { command: name, pid: Number.isInteger(pid) && pid > 0 ? pid : null };
  }
  return undefined;
}

export const memoryErrors: Rule = {
  meta: {
    id: 'memory-errors',
    resource: 'memory',
    signal: 'errors',
    severity: 'critical',
    title: 'OOM kills and allocation failures',
    options: {},
    explanation:
      'The kernel\'s OOM killer ("Out of memory: Killed process", "Memory cgroup out of memory") ended a process because memory (of the host or of its cgroup) ran out; "page allocation failure" means an allocation could not be served. Both are memory errors in Gregg\'s checklist: the killed process\'s clients see resets and timeouts afterwards.',
    nextCommands: ['dmesg | grep -i -e "out of memory" -e oom', 'journalctl -k | grep -i oom', 'cat /sys/fs/cgroup/<group>/memory.events'],
  },
  check(ctx) {
    const found = eventFindings(ctx, this.meta, ['oomKill', 'allocFailure'], (n, c) =>
      c === 'oomKill' ? `${n} OOM kill line(s) in the kernel log` : `${n} page allocation failure(s)`,
    );
    // Structured, so the diagnosis can tell whose process it was without re-reading the excerpt.
    const process = victim(eventsOf(ctx, ['oomKill']));
    return found.map((f) => (f.subject === 'oomKill' && process ? { ...f, process } : f));
  },
};
