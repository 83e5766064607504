/**
 * The onset the diagnosis orders a finding by. A finding made from log
 * signals starts at its first line in the window; when one of its signals
 * trickles all day, that is the start of the log, not the incident. Where the
 * timeline found a rate onset for the finding's signals (src/timeline/rate-onset.ts),
 * the diagnosis uses it instead.
 */
import { SIGNALS, type SignalConcept } from '../rules/signal-ids.js';
import type { TimelineSummary } from '../timeline/types.js';
import type { Finding } from './types.js';

export interface OrderOnset {
  /** Host clock, epoch ms; null when the finding has no time. */
  at: number | null;
  /** `finding`: its own onset; `rate`: a signal's rate onset; `signal`: a later-starting signal of the finding, first line. */
  kind: 'finding' | 'rate' | 'signal';
  /** How far the onset may lie before the rise really began: one grid bucket for a rate onset. */
  precisionMs: number;
}

const isConcept = (s: string | undefined): s is SignalConcept => s !== undefined && Object.hasOwn(SIGNALS, s);

export function orderOnset(f: Finding, timeline: TimelineSummary): OrderOnset {
  const own: OrderOnset = { at: f.onset, kind: 'finding', precisionMs: 0 };
  // Log-signal findings (rules/helpers.ts eventFindings) have a concept as subject and count events.
  if (f.onset === null || !isConcept(f.subject) || f.peak?.unit !== 'events') return own;
  let best: OrderOnset | null = null;
  let anyRate = false;
  for (const id of SIGNALS[f.subject]) {
    const key = `signal:${id}`;
    const mine = timeline.onsets.filter((o) => o.host === f.host && o.key === key);
    const rate = mine.find((o) => o.kind === 'rate');
    const first = mine.find((o) => o.kind !== 'rate');
    anyRate ||= rate !== undefined;
    // Per signal: its rate onset when it has one, else its first line; the concept starts at the earliest.
    const t: OrderOnset | null = rate
      ? { at: rate.time, kind: 'rate', precisionMs: rate.rate?.bucketMs ?? 0 }
      : first
        ? { at: first.time, kind: 'signal', precisionMs: 0 }
        : null;
    if (t && (best === null || t.at! < best.at!)) best = t;
  }
  // Without any rate onset nothing changes. Lines before the capture's log window were left
  // out of the finding: a rise that began before the window is dated at its first line in it.
  if (!anyRate || best === null || best.at! <= f.onset) return own;
  return best;
}
