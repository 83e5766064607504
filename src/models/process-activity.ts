/**
 * What given processes did over a span: mean %CPU and %wait from pidstat.
 * pidstat lists only tasks that were active in an interval, so a process it
 * never printed sat idle (a lock holder idle in its transaction); a process
 * with a high %wait was runnable and starved of a CPU.
 */
import type { ProcessRef } from '../vocabulary/types.js';
import type { ProcessesModel } from './types.js';

const round = (v: number): number => Math.round(v * 10) / 10;

/**
 * One ProcessRef per pid, in the order given. `samples` counts the pidstat
 * intervals in [from, to] that listed it; cpuPct and waitPct are means over
 * all the span's intervals (an unlisted interval counts as 0). Null without
 * pidstat: a snapshot cannot tell idle from unsampled.
 */
export function processActivity(model: ProcessesModel, pids: readonly number[], from: number, to: number): ProcessRef[] | null {
  if (model.source !== 'pidstat') return null;
  const times = new Set(model.times.filter((t) => t >= from && t <= to));
  const acc = new Map(pids.map((pid) => [pid, { command: '', cpu: 0, wait: 0, waitSeen: false, samples: 0 }]));
  for (const s of model.samples) {
    const a = acc.get(s.pid);
    if (!a || !times.has(s.t)) continue;
    a.command = s.command;
    a.cpu += s.cpuPct ?? 0;
    if (s.waitPct != null) {
      a.wait += s.waitPct;
      a.waitSeen = true;
    }
    a.samples++;
  }
  const n = Math.max(1, times.size);
  return pids.map((pid) => {
    const a = acc.get(pid)!;
    return {
      command: a.command,
      pid,
      samples: a.samples,
      cpuPct: round(a.cpu / n),
      ...(a.waitSeen ? { waitPct: round(a.wait / n) } : {}),
    };
  });
}
