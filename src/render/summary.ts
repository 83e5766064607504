/**
 * What the short outputs (Markdown, terminal) share: the verdict line and the
 * top findings, chosen the same way so both tell the same story.
 */
import type { Analysis, Finding } from '../diagnosis/types.js';
import { groupLabel } from './cause-phrase.js';
import { chainText } from './chain.js';
import { evidenceLinks } from './evidence-links.js';
import { story } from './roles.js';
import { verdictSentence } from './sentence.js';
import { oneLine, own, rank, SEVERITY_ORDER } from './text.js';

export const VERDICT_WORDS = { 'cause-found': 'Cause found', recovered: 'Recovered', inconclusive: 'Inconclusive', healthy: 'Healthy' } as const;

/** One line each: other active problems, earlier events, bundles diagnosed apart (what the short outputs add to the verdict). */
export function contextLines(a: Analysis, what: GroupLabel = (_, r) => r): { label: string; text: string }[] {
  const d = a.diagnosis;
  const out: { label: string; text: string }[] = [];
  for (const p of (d.problems ?? []).filter((p) => p.cause.findings.join() !== d.cause?.findings.join()).slice(0, 3))
    out.push({ label: 'also', text: `${p.title} (independent problem, ${p.victims.length} victim group(s))` });
  const earlier = d.earlier ?? [];
  for (const e of earlier.slice(0, 3)) {
    const ago =
      e.relevance.endedBeforeMs !== undefined ? `ended ${Math.round(e.relevance.endedBeforeMs / 60_000)} min before the capture` : 'ended before the capture';
    out.push({ label: 'earlier', text: `${e.title} (${ago})` });
  }
  if (earlier.length > 3) out.push({ label: 'earlier', text: `${earlier.length - 3} more earlier event(s)` });
  for (const s of a.separate ?? []) {
    out.push({
      label: 'apart',
      text: `${(s.scope?.hosts ?? []).join(', ')}: captured more than ${Math.round(a.windowGapMs / 60_000)} min from the others, diagnosed on its own: ${own(VERDICT_WORDS, s.verdict) ?? s.verdict}${s.cause ? `, ${what(s.cause.findings[0], s.cause.resource)} on ${s.cause.host}` : ''}`,
    });
  }
  return out;
}

export function verdictWord(a: Analysis): string {
  return own(VERDICT_WORDS, a.diagnosis.verdict) ?? 'Inconclusive';
}

export function confidencePct(a: Analysis): string {
  const c = a.diagnosis.confidence;
  return Number.isFinite(c) ? `${Math.round(Math.max(0, Math.min(1, c)) * 100)}%` : '—';
}

/** The cause's findings first, in the diagnosis' order (its lead, the one the verdict names, first), then by severity, keeping the Analysis's order otherwise. */
export function topFindings(a: Analysis, n: number): { list: Finding[]; more: number } {
  const ids = a.diagnosis.cause?.findings ?? [];
  const at = (f: Finding): number => (ids.includes(f.id) ? ids.indexOf(f.id) : ids.length);
  const sorted = a.findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => at(x.f) - at(y.f) || rank(SEVERITY_ORDER, x.f.severity) - rank(SEVERITY_ORDER, y.f.severity) || x.i - y.i)
    .map((x) => x.f);
  return { list: sorted.slice(0, n), more: Math.max(0, sorted.length - n) };
}

/** Hostname and tier; the unique id instead when several captures share the hostname (as the HTML report does). */
export function hostName(a: Analysis, id: string): { name: string; tier: string } {
  const h = a.hosts.find((x) => x.id === id);
  if (!h) return { name: id, tier: '' };
  const shared = !h.hostname || a.hosts.filter((x) => x.hostname === h.hostname).length > 1;
  return { name: shared ? h.id : h.hostname, tier: h.tier };
}

/** Names a cause or victim group by its lead finding ("PostgreSQL lock waits (application saturation)"), else its resource. */
export type GroupLabel = (lead: string | null | undefined, resource: string) => string;

/** The verdict sentence and the tier chain as the HTML report tells them, for the short outputs, and how they name a group. */
export function headline(a: Analysis): { sentence: string; chain: string; what: GroupLabel } {
  const st = story(a);
  const links = evidenceLinks(a);
  const named = (id: string): { name: string; tier: string } => ({ name: oneLine(hostName(a, id).name), tier: oneLine(hostName(a, id).tier) });
  return {
    sentence: verdictSentence(a, st, links, named),
    chain: chainText(a, st, (id) => oneLine(hostName(a, id).name)),
    what: (lead, resource) => groupLabel(a, links, lead, resource),
  };
}
