/**
 * The diagnosis read as a story: its problems in rank order (each a cause and
 * the victims that depend on it, each victim with the kind of link that ties
 * it to what it depends on) and the role of every finding. One place reads
 * the Diagnosis shape, so every renderer tells the same story.
 */
import type { Analysis, Finding, Victim } from '../diagnosis/types.js';

export type Role = 'cause' | 'victim' | 'independent' | 'earlier' | 'other';

export interface StoryVictim {
  host: string;
  tier: string;
  findings: string[];
  dependsOn: { host: string; tier: string };
  /** The link's kind as the diagnosis names it (pointer, same-process, mechanism), or a plain "depends on". */
  link: string;
  /** The diagnosis's one sentence on what ties the two (empty for schema-1 analyses). */
  linkEvidence: string;
  reason: string;
  /** The finding its link reaches (the group's lead), which names the group; its first finding for schema-1 analyses. */
  lead: string | null;
  resource: string;
}

export interface Problem {
  cause: { host: string; tier: string; resource: string; findings: string[] };
  victims: StoryVictim[];
}

export interface RoleInfo {
  role: Role;
  /** Index of the problem the finding belongs to (0 leads), when it belongs to one. */
  problem: number | null;
  /** Victims: the host they depend on and the link's kind. */
  dependsOn?: { host: string; tier: string; link: string };
}

export interface Story {
  /** Ranked; the first is the verdict's (for a recovered capture, the most recent earlier problem). */
  problems: Problem[];
  earlier: Problem[];
  roles: Map<string, RoleInfo>;
  recovered: boolean;
}

export const ROLE_TEXT: Record<Role, string> = {
  cause: 'cause',
  victim: 'victim',
  independent: 'independent problem',
  earlier: 'earlier event',
  other: 'other finding',
};

/** Sort rank of a role: the reading order of the findings section. */
export const ROLE_ORDER: readonly Role[] = ['cause', 'victim', 'independent', 'other', 'earlier'];

const LINK_TEXT: Record<string, string> = { pointer: 'points to', 'same-process': 'same process as', mechanism: 'mechanism from' };

function toProblem(p: { cause: Problem['cause']; victims: readonly Victim[] }): Problem {
  return {
    cause: { host: p.cause.host, tier: p.cause.tier, resource: p.cause.resource, findings: [...p.cause.findings] },
    victims: p.victims.map((v) => ({
      host: v.host,
      tier: v.tier,
      findings: [...v.findings],
      dependsOn: { ...v.dependsOn },
      // Older analyses (schema 1) have no link: the victim only says what it depends on.
      link: v.link?.kind ?? 'depends on',
      linkEvidence: v.link?.evidence ?? '',
      reason: v.reason,
      lead: v.link?.to ?? v.findings[0] ?? null,
      resource: v.resource,
    })),
  };
}

/** Active problems ranked (the first leads), or for a recovered capture the most recent earlier one. */
function problemsOf(a: Analysis): { problems: Problem[]; earlier: Problem[] } {
  const d = a.diagnosis;
  const earlier = (d.earlier ?? []).map(toProblem);
  let problems = (d.problems ?? []).map(toProblem);
  if (problems.length === 0 && d.cause && d.verdict !== 'recovered') problems = [toProblem({ cause: d.cause, victims: d.victims })];
  if (problems.length === 0 && d.verdict === 'recovered' && earlier.length > 0) return { problems: [earlier[0] as Problem], earlier: earlier.slice(1) };
  return { problems, earlier };
}

export function story(a: Analysis): Story {
  const { problems, earlier } = problemsOf(a);
  const roles = new Map<string, RoleInfo>();
  const claim = (p: Problem, i: number | null, causeRole: Role, victimRole: Role): void => {
    for (const id of p.cause.findings) if (!roles.has(id)) roles.set(id, { role: causeRole, problem: i });
    for (const v of p.victims) {
      for (const id of v.findings) if (!roles.has(id)) roles.set(id, { role: victimRole, problem: i, dependsOn: { ...v.dependsOn, link: v.link } });
    }
  };
  problems.forEach((p, i) => claim(p, i, i === 0 ? 'cause' : 'independent', i === 0 ? 'victim' : 'independent'));
  for (const p of earlier) claim(p, null, 'earlier', 'earlier');
  for (const f of a.findings) {
    if (roles.has(f.id)) continue;
    roles.set(f.id, { role: f.relevance?.kind === 'earlier' ? 'earlier' : 'other', problem: null });
  }
  return { problems, earlier, roles, recovered: a.diagnosis.verdict === 'recovered' };
}

export function linkText(kind: string): string {
  return LINK_TEXT[kind] ?? kind;
}

export function roleOf(s: Story, f: Finding): RoleInfo {
  return s.roles.get(f.id) ?? { role: 'other', problem: null };
}
