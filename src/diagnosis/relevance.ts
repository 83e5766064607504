/**
 * A finding's relation to its host's capture window (docs/diagnosis.md). A
 * host's logs hold a day of history: an OOM storm that ended 40 minutes ago
 * is in them, and it is not what is happening now. Onsets and ends are in the
 * host's own clock, as is its window, so no cross-host offset applies here.
 */
import type { Finding, Relevance } from '../vocabulary/types.js';

/**
 * Log timestamps have 1 s granularity and the kernel's are converted from
 * the monotonic clock: evidence this close to the window's edge counts as in it.
 */
export const EDGE_SLACK_MS = 5_000;

export interface Window { start: number | null; end: number | null }

export function relevanceOf(f: Pick<Finding, 'onset' | 'end'>, w: Window): Relevance {
  const first = f.onset;
  const last = f.end ?? f.onset;
  if (w.start !== null && last !== null && last < w.start - EDGE_SLACK_MS) {
    return { kind: 'earlier', first, last, endedBeforeMs: w.start - last };
  }
  if (w.end !== null && first !== null && first > w.end + EDGE_SLACK_MS) {
    return { kind: 'later', first, last, beganAfterMs: first - w.end };
  }
  return { kind: 'active', first, last };
}

/** Sets `relevance` on every finding, in place, from its host's window. */
export function markRelevance(findings: Finding[], windows: Map<string, Window>): void {
  for (const f of findings) f.relevance = relevanceOf(f, windows.get(f.host) ?? { start: null, end: null });
}
