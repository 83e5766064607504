/**
 * What a finding is about, by name (phrases.ts), for the diagnosis' reasons
 * and every renderer alike: the signals its evidence lines carry pick a noun
 * ("lock waits"), the log's technology goes in front ("PostgreSQL"), a metric
 * finding takes its rule's phrase. Renderers call these with the same inputs
 * read back from the Analysis, so a cause is named the same everywhere.
 */
import type { TimelineEvent } from '../timeline/types.js';
import { SIGNALS } from '../rules/signal-ids.js';
import type { Finding } from './types.js';
import { aside } from '../vocabulary/format.js';
import { RULE_PHRASE, SIGNAL_NOUN, techOfLog, type Tech } from './phrases.js';

const lineKey = (host: string, artifact: string, line: number): string => `${host}\u0000${artifact}\u0000${line}`;

/** Finding id → the timeline signal ids its evidence lines carry (in evidence order), found by host, artifact and first line. */
export function evidenceSignals(findings: readonly Finding[], events: readonly TimelineEvent[]): Map<string, Set<string>> {
  const byLine = new Map<string, TimelineEvent>();
  for (const e of events) byLine.set(lineKey(e.host, e.source, e.line), e);
  const out = new Map<string, Set<string>>();
  for (const f of findings) {
    const set = new Set<string>();
    for (const ev of f.evidence) {
      const s = ev.lines ? byLine.get(lineKey(f.host, ev.artifact, ev.lines[0]))?.signal : undefined;
      if (s) set.add(s);
    }
    out.set(f.id, set);
  }
  return out;
}

/** The technology of the first evidence artifact that is a known log of the finding's host. */
export function techOfEvidence(f: Finding, logs: readonly { artifact: string; parser: string }[]): Tech | null {
  for (const ev of f.evidence) {
    const log = logs.find((l) => l.artifact === ev.artifact);
    const t = log ? techOfLog(log.parser, log.artifact) : null;
    if (t) return t;
  }
  return null;
}

/**
 * The concrete thing: "PostgreSQL lock waits", "connection pool exhaustion",
 * "CLOSE_WAIT sockets held by node (pid 3598, peak 300)". A log finding whose
 * evidence lines were not kept still has its concept (its subject) to go by.
 */
export function whatOf(f: Finding, signals: Iterable<string> | undefined, tech: Tech | null): string {
  const concept = f.subject !== undefined && Object.hasOwn(SIGNALS, f.subject) ? SIGNALS[f.subject as keyof typeof SIGNALS] : [];
  const key = [...(signals ?? []), ...concept].find((s) => Object.hasOwn(SIGNAL_NOUN, s));
  if (key) return `${tech ? `${tech} ` : ''}${SIGNAL_NOUN[key] as string}`;
  const rule = Object.hasOwn(RULE_PHRASE, f.rule) ? RULE_PHRASE[f.rule] : undefined;
  return rule ? rule(f) : `${f.resource} ${f.signal}`;
}

/**
 * The thing with the USE cell it fills, for readers who know the method:
 * "PostgreSQL lock waits (application saturation)". A phrase ending in its own
 * parenthesis takes the cell inside it, so two never stand side by side.
 */
export function labelled(f: Finding, what: string): string {
  const cell = `${f.resource} ${f.signal}`;
  return what === cell ? what : aside(what, cell);
}
