/**
 * Which kept timeline events support which finding, found from the finding's
 * own evidence (same host, artifact and line): presentation only, so a
 * timeline row can link to its finding and a chart can plot the signals a
 * finding was built from. A finding whose evidence is capped still claims
 * every event of the signals its shown evidence carries on its host.
 */
import type { Analysis } from '../diagnosis/types.js';
import { evidenceSignals } from '../diagnosis/phrase.js';
import type { TimelineEvent } from '../timeline/types.js';

export interface EvidenceLinks {
  /** Finding id → the timeline signal ids its evidence lines carry. */
  signals: Map<string, Set<string>>;
  /** The finding an event supports (first match), or undefined. */
  findingOf(e: TimelineEvent): string | undefined;
}

const lineKey = (host: string, artifact: string, line: number): string => `${host}\u0000${artifact}\u0000${line}`;
const sigKey = (host: string, signal: string): string => `${host}\u0000${signal}`;

export function evidenceLinks(a: Analysis): EvidenceLinks {
  // The diagnosis named each finding by these same signals (src/diagnosis/phrase.ts).
  const signals = evidenceSignals(a.findings, a.timeline.events);
  const byEvidence = new Map<string, string>();
  const bySignal = new Map<string, string>();
  for (const f of a.findings) {
    for (const ev of f.evidence) {
      const k = ev.lines ? lineKey(f.host, ev.artifact, ev.lines[0]) : null;
      if (k && !byEvidence.has(k)) byEvidence.set(k, f.id);
    }
    for (const s of signals.get(f.id) ?? []) if (!bySignal.has(sigKey(f.host, s))) bySignal.set(sigKey(f.host, s), f.id);
  }
  return {
    signals,
    findingOf: (e) => byEvidence.get(lineKey(e.host, e.source, e.line)) ?? (e.signal ? bySignal.get(sigKey(e.host, e.signal)) : undefined),
  };
}
