/**
 * The diagnosis read as a story: its problems in rank order (each a cause and
 * the victims that depend on it, each victim with the kind of link that ties
 * it to what it depends on) and the role of every finding. One place reads
 * the Diagnosis shape, so every renderer tells the same story.
 */
import type { Analysis, Finding } from '../diagnosis/types.js';

export type Role = 'cause' | 'victim' | 'independent' | 'earlier' | 'other';

export interface StoryVictim {
  host: string;
  tier: string;
  findings: string[];
  dependsOn: { host: string; tier: string };
  /** The link's kind as the diagnosis names it (pointer, same-process, mechanism), or a plain "depends on". */
  link: string;
  reason: string;
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
  problems: Problem[];
  roles: Map<string, RoleInfo>;
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

function problemsOf(a: Analysis): Problem[] {
  const d = a.diagnosis;
  if (!d.cause) return [];
  return [
    {
      cause: { host: d.cause.host, tier: d.cause.tier, resource: d.cause.resource, findings: [...d.cause.findings] },
      victims: d.victims.map((v) => ({ host: v.host, tier: v.tier, findings: [...v.findings], dependsOn: { ...v.dependsOn }, link: 'depends on', reason: v.reason })),
    },
  ];
}

export function story(a: Analysis): Story {
  const problems = problemsOf(a);
  const roles = new Map<string, RoleInfo>();
  problems.forEach((p, i) => {
    const role: Role = i === 0 ? 'cause' : 'independent';
    for (const id of p.cause.findings) if (!roles.has(id)) roles.set(id, { role, problem: i });
    for (const v of p.victims) {
      for (const id of v.findings) if (!roles.has(id)) roles.set(id, { role: 'victim', problem: i, dependsOn: { ...v.dependsOn, link: v.link } });
    }
  });
  for (const f of a.findings) if (!roles.has(f.id)) roles.set(f.id, { role: 'other', problem: null });
  return { problems, roles };
}

export function roleOf(s: Story, f: Finding): RoleInfo {
  return s.roles.get(f.id) ?? { role: 'other', problem: null };
}
