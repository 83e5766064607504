/**
 * What a finding is about, by name, as the diagnosis names it
 * (src/diagnosis/phrases.ts holds the words, one place for both stages): the
 * renderers read the same inputs back from the Analysis (the signals of its
 * evidence lines, the technology of its log) and make the text safe to show.
 */
import type { Analysis, Finding } from '../diagnosis/types.js';
import { labelled, whatOf } from '../diagnosis/phrase.js';
import { RULE_PHRASE } from '../diagnosis/phrases.js';
import type { EvidenceLinks } from './evidence-links.js';
import { techOfFinding } from './tech.js';
import { oneLine } from './text.js';

export { RULE_PHRASE };

/** The rule's phrase for a finding, or null for a rule the table does not know. */
export function rulePhrase(f: Finding): string | null {
  const p = Object.hasOwn(RULE_PHRASE, f.rule) ? RULE_PHRASE[f.rule] : undefined;
  return p ? oneLine(p(f)) : null;
}

/** "PostgreSQL lock waits", "CLOSE_WAIT sockets held by node (pid 3598, peak 300)"; `tech` overrides the finding's own log's. */
export function findingWhat(a: Analysis, links: EvidenceLinks, f: Finding, tech = techOfFinding(a, f)): string {
  return oneLine(whatOf(f, links.signals.get(f.id), tech));
}

/** The same with its USE cell: "PostgreSQL lock waits (application saturation)". */
export function findingLabel(a: Analysis, links: EvidenceLinks, f: Finding): string {
  return oneLine(labelled(f, whatOf(f, links.signals.get(f.id), techOfFinding(a, f))));
}

/** A cause or victim group by its lead finding's label, else (a finding left out of the Analysis) by its bare resource. */
export function groupLabel(a: Analysis, links: EvidenceLinks, lead: string | null | undefined, resource: string): string {
  const f = lead ? a.findings.find((x) => x.id === lead) : undefined;
  return f ? findingLabel(a, links, f) : oneLine(resource);
}
