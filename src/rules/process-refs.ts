/**
 * What named processes did over a finding's span, for the diagnosis to tell a
 * process starved of CPU (runnable, waiting: a mechanism) from one that sat
 * idle (its own doing): pidstat's mean %CPU and %wait, and the `ps` state.
 */
import { processActivity } from '../models/process-activity.js';
import { snapshotRecords } from '../models/samples.js';
import type { ProcessRef } from '../vocabulary/types.js';
import type { RuleContext } from './types.js';

/** pidstat samples once a second: one interval either side still covers the span. */
const SLACK_MS = 2_000;

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

/** One ProcessRef per pid over [onset, end] ± a sample; without pidstat, pids and ps states alone (samples unknown). */
export function processRefs(ctx: RuleContext, pids: readonly number[], onset: number | null, end: number | null): ProcessRef[] {
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
