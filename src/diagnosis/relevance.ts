/**
 * A finding's relation to its host's capture window (docs/diagnosis.md). A
 * host's logs hold a day of history: an OOM storm that ended 40 minutes ago
 * is in them, and it is not what is happening now. Onsets and ends are in the
 * host's own clock, as is its window, so no cross-host offset applies here.
 */
import type { Finding, Relevance } from '../vocabulary/types.js';

/**
 * No slack at the window's edge. Logs are collected after sampling, so an
 * ongoing problem has lines inside the window; a burst whose last line is
 * stamped before the window's start ended before it. Measured on a lab run
 * (memory, then close-wait without cleaning): the OOM kill's 5xx ended at
 * 22:58:17 (nginx stamps whole seconds) and the next window began at
 * 22:58:17.997; a 1 s slack called them active and, with nothing active to
 * explain them, unexplained pointers. The cost: a burst ending within the
 * window's first second (stamped with the second before) counts as earlier.
 */
export const EDGE_SLACK_MS = 0;

export interface Window {
  start: number | null;
  end: number | null;
}

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
