/**
 * Cause vs victims as a causal model (docs/diagnosis.md). Every finding is
 * placed against its capture window (relevance); a victim needs a link of a
 * named kind to its cause (pointer, same process, mechanism edge); findings
 * nothing explains are the roots of independent problems, ranked; problems
 * that ended before the window are earlier events. Thin or contradictory
 * evidence gives "inconclusive" rather than a guess.
 */
import type { TimelineSummary } from '../timeline/types.js';
import type { Cause, Diagnosis, Finding, WindowGroup } from './types.js';
import { CAUSE_MIN_CONFIDENCE, confidenceOf } from './confidence.js';
import { pointedTier } from './graph.js';
import { buildNodes, type HostRef, type Node } from './nodes.js';
import { buildProblems, type Built } from './problems.js';
import { ago, causeLines, otherProblemLines, relevanceLine, unexplainedLine, victimLines } from './wording.js';

export type { HostRef } from './nodes.js';
export { CAUSE_MIN_CONFIDENCE } from './confidence.js';

export interface DiagnoseOptions {
  /** Bundles set apart from this diagnosis (windows far apart): lowers confidence and says so. */
  setApart?: number;
}

type Lines = Diagnosis['reasoning'];
const min = (a: number, b: number): number => Math.min(a, b);
const max = (a: number, b: number): number => Math.max(a, b);

function scopeOf(hosts: HostRef[]): WindowGroup {
  const starts = hosts.map((h) => h.windowStart ?? null).filter((t): t is number => t !== null);
  const ends = hosts.map((h) => h.windowEnd ?? null).filter((t): t is number => t !== null);
  // reduce, not Math.min(...): a spread over a large array overflows a call's arguments (RangeError)
  return { hosts: hosts.map((h) => h.id), start: starts.length ? starts.reduce(min) : null, end: ends.length ? ends.reduce(max) : null };
}

function empty(hosts: HostRef[], verdict: Diagnosis['verdict'], confidence: number, reasoning: Lines): Diagnosis {
  return {
    verdict,
    cause: null,
    victims: [],
    problems: [],
    earlier: [],
    confidence,
    confidenceTable: { base: confidence, adjustments: [] },
    scope: scopeOf(hosts),
    reasoning,
    nextCommands: [],
  };
}

function healthy(hosts: HostRef[], findings: Finding[]): Diagnosis {
  const info = findings.length;
  return empty(hosts, 'healthy', 0.7, [
    {
      text: `No warning or critical finding on ${hosts.length} host(s)${info ? `; ${info} informational finding(s) only` : ''}: every resource with data stayed under its thresholds.`,
      ...(info ? { findings: findings.map((f) => f.id) } : {}),
    },
  ]);
}

/** Problems that rank with the lead: active ones after it; for an earlier lead, earlier ones overlapping it. */
function rivalsOf(lead: Built, pool: Built[]): Built[] {
  const others = pool.filter((b) => b !== lead);
  if (lead.problem.relevance.kind === 'active') return others;
  const { first, last } = lead.problem.relevance;
  return others.filter(
    (b) => first === null || b.problem.relevance.last === null || (b.problem.relevance.last >= first && (b.problem.relevance.first ?? 0) <= (last ?? first)),
  );
}

/** The verdict for a lead problem: its cause when the confidence clears the bar, else inconclusive. */
function decide(lead: Built, pool: Built[], hosts: HostRef[], others: { active: Built[]; earlier: Built[] }, opts: DiagnoseOptions): Diagnosis {
  const hostMap = new Map(hosts.map((h) => [h.id, h]));
  const isEarlier = lead.problem.relevance.kind === 'earlier';
  const unexplained = others.active.filter((b) => b.causeNodes[0]!.role.kind === 'pointer').flatMap((b) => b.causeNodes);
  const rivals = rivalsOf(lead, pool);
  const conf = confidenceOf({ lead, rivals, unexplainedPointers: unexplained.filter((n) => !lead.causeNodes.includes(n)), setApart: opts.setApart ?? 0 });
  const reasoning: Lines = [
    ...causeLines(lead, hostMap),
    ...victimLines(lead),
    ...otherProblemLines(
      rivals,
      others.earlier.filter((e) => e !== lead),
    ),
  ];
  if (isEarlier && lead.problem.relevance.endedBeforeMs !== undefined) {
    reasoning.unshift({
      text: `Nothing was wrong during the capture window; the most recent problem in the logs ended ${ago(lead.problem.relevance.endedBeforeMs)} before it.`,
      findings: lead.problem.cause.findings,
    });
  }
  const nextCommands = [...new Set(lead.causeNodes.flatMap((n) => n.f.nextCommands))].slice(0, 8);
  const pointerLead = lead.causeNodes[0]!.role.kind === 'pointer';
  if (pointerLead) reasoning.push(unexplainedLine(lead, hosts, pointedTier(lead.causeNodes[0]!)));
  const ok = !pointerLead && conf.value >= CAUSE_MIN_CONFIDENCE;
  if (!ok && !pointerLead)
    reasoning.push({
      text: `Confidence ${conf.value} is below ${CAUSE_MIN_CONFIDENCE}: the leading candidate is ${lead.problem.title}, but this is not a diagnosis.`,
    });
  const cause: Cause | null = ok ? lead.problem.cause : null;
  return {
    verdict: isEarlier ? 'recovered' : ok ? 'cause-found' : 'inconclusive',
    cause,
    victims: lead.problem.victims,
    problems: others.active.map((b) => b.problem),
    earlier: others.earlier.map((b) => b.problem),
    confidence: conf.value,
    confidenceTable: { base: conf.base, adjustments: conf.adjustments },
    scope: scopeOf(hosts),
    reasoning,
    nextCommands,
  };
}

export function diagnose(hosts: HostRef[], findings: Finding[], timeline: TimelineSummary, opts: DiagnoseOptions = {}): Diagnosis {
  if (hosts.length === 0) return empty(hosts, 'inconclusive', 0, [{ text: 'No host was analysed.' }]);
  const significant = findings.filter((f) => f.severity !== 'info');
  if (significant.length === 0) return healthy(hosts, findings);
  const nodes: Node[] = buildNodes(significant, hosts, timeline);
  const hostMap = new Map(hosts.map((h) => [h.id, h]));
  const active = buildProblems(nodes, hostMap, 'active');
  const earlier = buildProblems(nodes, hostMap, 'earlier');
  const lead = active[0] ?? earlier[0]!;
  const d = decide(lead, active.length > 0 ? active : earlier, hosts, { active, earlier }, opts);
  const rel = relevanceLine(nodes);
  if (rel) d.reasoning.unshift(rel);
  return d;
}
