/**
 * Confidence as a table: a base and named adjustments, each with the reason
 * it applies (docs/diagnosis.md lists them). The sum is clamped to
 * [0.05, 0.95]: evidence from logs and samples is never certain, and never
 * worthless once a finding fired.
 */
import type { ConfidenceAdjustment } from './types.js';
import type { Built } from './problems.js';
import { magnitude } from './graph.js';
import type { Node } from './nodes.js';
import { rootness, strength } from './roles.js';

export const BASE_CONFIDENCE = 0.5;
export const CAUSE_MIN_CONFIDENCE = 0.45;

/** Every adjustment the diagnosis may apply, by name: its delta and what it means. */
export const ADJUSTMENTS = {
  'followed-pointers': { delta: 0.2, means: "the tiers in front point to the cause's tier, and their errors are linked to it" },
  'pointer-confirmed': { delta: 0.05, means: 'ss shows the connections the pointer names' },
  'unexplained-pointers': { delta: -0.2, means: 'some tier points to a tier that shows nothing (or was not captured)' },
  'critical-cause': { delta: 0.1, means: 'the cause is critical (an error, or far past its threshold)' },
  'linked-victims': { delta: 0.05, means: "victims on the cause's machine are linked to it by process or mechanism" },
  'sole-problem': { delta: 0.1, means: 'no other active problem' },
  'independent-problems': { delta: -0.05, means: 'other active problems with no link to the cause exist, none as strong' },
  'close-call': { delta: -0.15, means: 'another independent problem is as severe, as far past its threshold and as root-like' },
  'application-only': { delta: -0.15, means: 'only application errors, no saturated or failing resource, support the cause' },
  'thin-evidence': { delta: -0.2, means: 'one warning barely past its threshold, in fewer than 3 samples, nothing agreeing' },
  'far-apart-windows': { delta: -0.1, means: 'other bundles were captured far apart and diagnosed on their own' },
  'long-ago': { delta: -0.1, means: 'the problem ended more than an hour before the capture' },
} as const;
export type AdjustmentName = keyof typeof ADJUSTMENTS;

export interface ConfidenceInput {
  lead: Built;
  rivals: Built[];
  unexplainedPointers: Node[];
  /** Bundles set apart from this diagnosis because their windows were far away. */
  setApart: number;
}

const HOUR_MS = 3_600_000;

function applicable(x: ConfidenceInput): [AdjustmentName, string, string[]?][] {
  const { lead, rivals } = x;
  const cause = lead.causeNodes[0]!;
  const victims = lead.problem.victims;
  const out: [AdjustmentName, string, string[]?][] = [];
  const pointers = victims.filter((v) => v.link.kind === 'pointer');
  if (pointers.length > 0) out.push(['followed-pointers', `${pointers.length} victim group(s) point to it`, pointers.flatMap((v) => v.findings)]);
  if (pointers.some((v) => v.link.confirmed)) out.push(['pointer-confirmed', 'the connections are in the socket tables']);
  if (x.unexplainedPointers.length > 0)
    out.push(['unexplained-pointers', `${x.unexplainedPointers.length} pointer finding(s) lead to no cause`, x.unexplainedPointers.map((n) => n.f.id)]);
  if (cause.f.severity === 'critical') out.push(['critical-cause', cause.f.title, [cause.f.id]]);
  if (victims.some((v) => v.link.kind !== 'pointer'))
    out.push([
      'linked-victims',
      victims
        .filter((v) => v.link.kind !== 'pointer')
        .map((v) => v.link.edge ?? v.link.kind)
        .join(', '),
    ]);
  const tie = rivals.find((r) => {
    const c = r.causeNodes[0]!;
    return (
      c.f.severity === cause.f.severity &&
      magnitude(c) === magnitude(cause) &&
      rootness(c.f) === rootness(cause.f) &&
      c.role.kind === cause.role.kind &&
      r.problem.victims.length >= lead.problem.victims.length
    );
  });
  if (rivals.length === 0) out.push(['sole-problem', lead.problem.title]);
  else if (tie) out.push(['close-call', `${tie.problem.title} ranks nearly the same`, tie.causeNodes.map((n) => n.f.id)]);
  else out.push(['independent-problems', `${rivals.length} other problem(s), each weaker`, rivals.flatMap((r) => r.problem.cause.findings)]);
  if (lead.causeNodes.every((n) => n.role.kind !== 'cause')) out.push(['application-only', lead.problem.title]);
  const sustained = (cause.f.samples?.held ?? 0) >= 3;
  const corroborated = lead.causeNodes.length > 1 || victims.length > 0 || strength(cause.f) >= 1.5 || cause.f.severity === 'critical' || sustained;
  if (!corroborated) out.push(['thin-evidence', cause.f.title, [cause.f.id]]);
  if (x.setApart > 0) out.push(['far-apart-windows', `${x.setApart} bundle(s) set apart`]);
  if ((lead.problem.relevance.endedBeforeMs ?? 0) > HOUR_MS)
    out.push(['long-ago', `ended ${Math.round(lead.problem.relevance.endedBeforeMs! / 60_000)} min before the capture`]);
  return out;
}

export function confidenceOf(x: ConfidenceInput): { value: number; base: number; adjustments: ConfidenceAdjustment[] } {
  const adjustments = applicable(x).map(([name, why, findings]) => ({
    name,
    delta: ADJUSTMENTS[name].delta,
    reason: `${ADJUSTMENTS[name].means}: ${why}`,
    ...(findings && findings.length ? { findings } : {}),
  }));
  const sum = adjustments.reduce((s, a) => s + a.delta, BASE_CONFIDENCE);
  return { value: Math.round(Math.max(0.05, Math.min(0.95, sum)) * 100) / 100, base: BASE_CONFIDENCE, adjustments };
}
