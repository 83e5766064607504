/**
 * Which kept timeline events support which finding, found from the finding's
 * own evidence (same host, artifact and line): presentation only, so a
 * timeline row can link to its finding and a chart can plot the signals a
 * finding was built from. A finding whose evidence is capped still claims
 * every event of the signals its shown evidence carries on its host.
 */
import type { Analysis } from '../diagnosis/types.js';
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
  const byLine = new Map<string, TimelineEvent>();
  for (const e of a.timeline.events) byLine.set(lineKey(e.host, e.source, e.line), e);
  const byEvidence = new Map<string, string>();
  const bySignal = new Map<string, string>();
  const signals = new Map<string, Set<string>>();
  for (const f of a.findings) {
    const set = new Set<string>();
    for (const ev of f.evidence) {
      if (!ev.lines) continue;
      const k = lineKey(f.host, ev.artifact, ev.lines[0]);
      if (!byEvidence.has(k)) byEvidence.set(k, f.id);
      const e = byLine.get(k);
      if (e?.signal) set.add(e.signal);
    }
    for (const s of set) if (!bySignal.has(sigKey(f.host, s))) bySignal.set(sigKey(f.host, s), f.id);
    signals.set(f.id, set);
  }
  return {
    signals,
    findingOf: (e) => byEvidence.get(lineKey(e.host, e.source, e.line)) ?? (e.signal ? bySignal.get(sigKey(e.host, e.signal)) : undefined),
  };
}
