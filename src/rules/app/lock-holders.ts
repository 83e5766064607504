/**
 * Who held the lock the waits queued on. PostgreSQL's lock-wait line carries
 * `DETAIL: Process holding the lock: N. Wait queue: …` (log_lock_waits); the
 * holder's pid with what pidstat saw it do is what lets the diagnosis tell a
 * holder starved of CPU (a mechanism) from one idle in its transaction (the
 * lock itself is the cause).
 */
import type { TimelineEvent } from '../../timeline/types.js';
import type { ProcessRef } from '../../vocabulary/types.js';
import type { RuleContext } from '../types.js';
import { processRefs } from '../process-refs.js';

/** Unambiguous (`\d+` then `, \d+` groups): linear on any line. */
const HOLDING = /Process(?:es)? holding the lock: (\d+(?:, \d+)*)/;
const MAX_HOLDERS = 5;
const PID_MAX = 4_194_304;

export function holderPids(events: readonly TimelineEvent[]): number[] {
  const pids = new Set<number>();
  for (const e of events) {
    const detail = e.fields?.detail;
    const m = typeof detail === 'string' ? HOLDING.exec(detail) : null;
    for (const p of m?.[1]?.split(', ') ?? []) {
      if (pids.size >= MAX_HOLDERS) return [...pids];
      // A log line is untrusted: only what can be a pid (Linux's pid_max is at most 2^22) reaches a finding and a command.
      const pid = Number(p);
      if (Number.isSafeInteger(pid) && pid > 0 && pid <= PID_MAX) pids.add(pid);
    }
  }
  return [...pids];
}

/** The holders over the waits' span: what pidstat and ps saw them do (process-refs.ts). */
export function lockHolders(ctx: RuleContext, events: readonly TimelineEvent[], onset: number | null, end: number | null): ProcessRef[] {
  return processRefs(ctx, holderPids(events), onset, end);
}
