/**
 * Who held the lock the waits queued on. PostgreSQL's lock-wait line carries
 * `DETAIL: Process holding the lock: N. Wait queue: …` (log_lock_waits); the
 * holder's pid with what pidstat saw it do is what lets the diagnosis tell a
 * holder starved of CPU (a mechanism) from one idle in its transaction (the
 * lock itself is the cause).
 */
import { processActivity } from '../../models/process-activity.js';
import { snapshotRecords } from '../../models/samples.js';
import type { TimelineEvent } from '../../timeline/types.js';
import type { ProcessRef } from '../../vocabulary/types.js';
import type { RuleContext } from '../types.js';

/** Unambiguous (`\d+` then `, \d+` groups): linear on any line. */
const HOLDING = /Process(?:es)? holding the lock: (\d+(?:, \d+)*)/;
const MAX_HOLDERS = 5;
const PID_MAX = 4_194_304;
/** pidstat samples once a second: one interval either side still covers the waits. */
const SLACK_MS = 2_000;

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

/** Each pid's command and scheduler state (`Ss do_epoll_wait`) in the end `ps` snapshot, else the start one. */
function psStates(ctx: RuleContext, pids: readonly number[]): Map<number, { command: string; state: string }> {
  const out = new Map<number, { command: string; state: string }>();
  for (const phase of ['start', 'end'] as const) {
    for (const r of snapshotRecords(ctx.host, 'ps', phase)?.records ?? []) {
      if (typeof r.pid !== 'number' || !pids.includes(r.pid)) continue;
      const stat = r.stat ?? r.s ?? '';
      out.set(r.pid, { command: r.comm ?? '', state: [stat, r.wchan && r.wchan !== '-' ? r.wchan : ''].filter(Boolean).join(' ') });
    }
  }
  return out;
}

/** The holders over the waits' span; without pidstat, pids and ps states alone (samples unknown). */
export function lockHolders(ctx: RuleContext, events: readonly TimelineEvent[], onset: number | null, end: number | null): ProcessRef[] {
  const pids = holderPids(events);
  if (pids.length === 0) return [];
  const from = onset ?? ctx.host.windowStartMs ?? 0;
  const to = end ?? onset ?? ctx.host.windowEndMs ?? from;
  const ps = psStates(ctx, pids);
  const seen = processActivity(ctx.models.processes, pids, from - SLACK_MS, to + SLACK_MS) ?? pids.map((pid) => ({ command: '', pid }));
  return seen.map((h) => {
    const p = h.pid === null ? undefined : ps.get(h.pid);
    return { ...h, command: h.command || p?.command || '', ...(p?.state ? { state: p.state } : {}) };
  });
}
