/** Database lock waits, lock wait timeouts and deadlocks: sessions queue on a lock (software saturation). */
import type { Rule } from '../types.js';
import { eventFindings, eventsOf } from '../helpers.js';
import { lockHolders } from './lock-holders.js';

export const dbLocks: Rule = {
  meta: {
    id: 'db-locks',
    resource: 'application',
    signal: 'saturation',
    severity: 'warning',
    title: 'Database lock waits / deadlocks',
    options: {
      minCount: { default: 1, unit: 'events', source: 'Gregg (any saturation can be a problem)', description: 'lock-wait or deadlock events before a finding' },
      criticalCount: { default: 10, unit: 'events', source: '(ours)', description: 'events that make it critical' },
    },
    explanation:
      'PostgreSQL "still waiting for … Lock" / "deadlock detected", MySQL "Lock wait timeout exceeded" / deadlocks: sessions wait on a lock another session holds. PostgreSQL names the holder (`Process holding the lock: N`); the finding carries its pid and what pidstat saw it do, so a holder idle in its transaction is told from one starved of CPU. The waiting sessions hold their connections, so the app\'s pool fills and the web tier times out: a lock wait is a cause, the errors above it are victims.',
    nextCommands: [
      'psql -c "select pid, wait_event_type, state, query from pg_stat_activity where wait_event_type = \'Lock\'"',
      'psql -c "select * from pg_locks where not granted"',
      'mysql -e "SHOW ENGINE INNODB STATUS\\G"',
    ],
  },
  check(ctx) {
    const found = eventFindings(ctx, this.meta, ['lockWait', 'deadlock'], (n, c) => `${n} ${c === 'deadlock' ? 'deadlock' : 'lock wait'} event(s)`, {
      minCount: ctx.options.minCount!,
      criticalCount: ctx.options.criticalCount!,
    });
    return found.map((f) => {
      if (f.subject !== 'lockWait') return f;
      const holders = lockHolders(ctx, eventsOf(ctx, ['lockWait']), f.onset, f.end);
      if (holders.length === 0) return f;
      const pids = holders.map((h) => h.pid).join(', ');
      // The holder first: what it is running and since when is what the on-call needs next (pids are numbers: nothing to escape).
      const holderCmd = `psql -c "select pid, state, xact_start, now() - xact_start as held_for, wait_event, query from pg_stat_activity where pid in (${pids})"`;
      return { ...f, title: `${f.title} behind pid ${pids}`, holders, nextCommands: [holderCmd, ...f.nextCommands] };
    });
  },
};
