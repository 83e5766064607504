/**
 * Problems from the link graph: each root (a finding nothing explains) with
 * the findings whose links lead to it. Roots on one host and resource are one
 * cause; what hangs off them are victims, grouped by host and resource, each
 * group with the link that makes it one.
 */
import type { Cause, Problem, Victim } from './types.js';
import type { Relevance } from '../vocabulary/types.js';
import { linkGraph, magnitude, nodeScore, pointedTier, rootOf, type Edge } from './graph.js';
import type { HostRef, Node } from './nodes.js';
import { labelled } from './phrase.js';
import { SEVERITY_RANK, tierRank } from './roles.js';

export interface Built {
  problem: Problem;
  /** Its cause's nodes, best first. */
  causeNodes: Node[];
  /** Its member nodes by victim group (all nodes other than the cause's). */
  members: Node[];
}

/** Adds `v` to `k`'s list: push, not [...list, v], which copied the list for every member (quadratic in a group's size). */
function addTo<V>(map: Map<string, V[]>, k: string, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

/**
 * One machine's fact seen by several captures of it (same rule and subject,
 * read from the same artifacts: the kernel log, vmstat): one node, held by the
 * capture of the tier a pointer names, else the deepest tier's (dependencies
 * flow web → app → db). The copies ride along with it. Findings read from
 * different logs (the app's "statement timeout" and PostgreSQL's) are two
 * facts, each on its own tier, even on one machine.
 */
/** The artifacts a finding's evidence comes from, as one key. */
const sources = (n: Copyable): string => [...new Set(n.f.evidence.map((e) => e.artifact))].sort().join('\u0000');

/** What collapsing needs of a node: copies.ts collapses findings before the diagnosis builds its nodes. */
export type Copyable = Pick<Node, 'f' | 'machine' | 'bucket' | 'role'>;

export function collapseCopies<N extends Copyable>(nodes: N[]): { kept: N[]; copies: Map<N, N[]> } {
  const pointed = new Set(nodes.map(pointedTier).filter((t): t is string => t !== null));
  const groups = new Map<string, N[]>();
  for (const n of nodes) {
    const k = `${n.machine}|${n.bucket}|${n.f.rule}|${n.f.subject ?? ''}|${sources(n)}`;
    addTo(groups, k, n);
  }
  const kept: N[] = [];
  const copies = new Map<N, N[]>();
  for (const g of groups.values()) {
    const rank = (n: N): number => (pointed.has(n.f.tier) ? 10 : 0) + (tierRank(n.f.tier) ?? -1);
    const [rep, ...rest] = [...g].sort((a, b) => rank(b) - rank(a));
    kept.push(rep!);
    if (rest.length > 0) copies.set(rep!, rest);
  }
  return { kept, copies };
}

function span(nodes: Node[], kind: 'active' | 'earlier'): Relevance {
  const firsts = nodes.map((n) => n.first).filter((t): t is number => t !== null);
  const lasts = nodes.map((n) => n.last).filter((t): t is number => t !== null);
  // reduce, not Math.min(...): a spread over a large array overflows a call's arguments (RangeError)
  const min = (a: number, b: number): number => Math.min(a, b);
  const rel: Relevance = { kind, first: firsts.length ? firsts.reduce(min) : null, last: lasts.length ? lasts.reduce((a, b) => Math.max(a, b)) : null };
  const ended = nodes.map((n) => n.f.relevance?.endedBeforeMs).filter((t): t is number => t !== undefined);
  if (kind === 'earlier' && ended.length > 0) rel.endedBeforeMs = ended.reduce(min);
  return rel;
}

/**
 * A load the process evidence shows is no captured tier's (colocation.ts put
 * it on the machine: another user's job, the load generator) with nothing
 * linked to it: the captures are of these services, and nothing shows it hurt
 * them, so any problem that may be theirs ranks first. Linked victims make it
 * a cause like any other.
 */
function bystander(cause: Node, victims: Victim[]): boolean {
  const f = cause.f;
  return f.tier === 'machine' && ((f.processes?.top.length ?? 0) > 0 || f.process !== undefined) && victims.length === 0;
}

/**
 * Ranking: a resource cause before bare application errors and unexplained
 * pointers; then one the tiers' pointers lead to; then how much it explains
 * (victim groups linked to it); then severity, distance past threshold,
 * root-likeness.
 */
function problemScore(cause: Node, victims: Victim[]): number {
  const klass = cause.role.kind === 'cause' ? 2 : cause.role.kind === 'support' ? 1 : 0;
  const pointed = victims.some((v) => v.link.kind === 'pointer') ? 1 : 0;
  return (
    klass * 1e8 +
    (bystander(cause, victims) ? 0 : 1e7) +
    pointed * 1e6 +
    Math.min(9, victims.length) * 1e5 +
    SEVERITY_RANK[cause.f.severity] * 1e4 +
    magnitude(cause) * 1e3 +
    (nodeScore(cause) % 1000)
  );
}

function victimGroups(members: Node[], parents: Map<Node, Edge>, byId: Map<string, Node>): Victim[] {
  const groups = new Map<string, Node[]>();
  for (const m of members) addTo(groups, `${m.f.host}|${m.f.resource}`, m);
  return [...groups.values()].map((list) => {
    const lead = [...list].sort((a, b) => nodeScore(b) - nodeScore(a)).find((n) => parents.has(n)) ?? list[0]!;
    const link = parents.get(lead)!.link;
    const from = byId.get(link.from)!;
    // A pointer's evidence already quotes the victim; the other kinds say what ties it, so name it first.
    const reason =
      link.kind === 'pointer'
        ? `pointer${link.confirmed ? ' (confirmed)' : ''}: ${link.evidence}`
        : `${lead.f.title}: ${link.kind} link (${link.edge ?? '-'}) from ${link.from}: ${link.evidence}`;
    return {
      host: lead.f.host,
      tier: lead.f.tier,
      resource: lead.f.resource,
      findings: list.map((n) => n.f.id),
      dependsOn: { host: from.f.host, tier: from.f.tier },
      link,
      reason,
    };
  });
}

/** The problems of one relevance bucket, best first (active) or most recent first (earlier). */
export function buildProblems(nodes: Node[], hosts: Map<string, HostRef>, kind: 'active' | 'earlier'): Built[] {
  const { kept, copies } = collapseCopies(nodes.filter((n) => n.bucket === kind));
  const parents = linkGraph(kept, hosts);
  const byId = new Map(kept.map((n) => [n.f.id, n]));
  const groups = new Map<string, { causeNodes: Node[]; members: Node[] }>();
  const keyOf = (n: Node): string => `${n.f.host}|${n.f.resource}`;
  for (const n of kept) {
    const root = rootOf(n, parents);
    const g = groups.get(keyOf(root)) ?? { causeNodes: [], members: [] };
    // Roots on the cause's host and resource, and anything of that host and resource hanging off it, are the cause.
    if (keyOf(n) === keyOf(root)) g.causeNodes.push(n);
    else g.members.push(n);
    groups.set(keyOf(root), g);
  }
  const built: Built[] = [];
  for (const g of groups.values()) {
    if (g.causeNodes.length === 0) continue;
    g.causeNodes.sort((a, b) => nodeScore(b) - nodeScore(a));
    const lead = g.causeNodes[0]!;
    const withCopies = (list: Node[]): string[] => list.flatMap((n) => [n.f.id, ...(copies.get(n) ?? []).map((c) => c.f.id)]);
    const cause: Cause = { host: lead.f.host, tier: lead.f.tier, resource: lead.f.resource, findings: withCopies(g.causeNodes) };
    const victims = victimGroups(g.members, parents, byId);
    for (const v of victims) v.findings = withCopies(v.findings.map((id) => byId.get(id)!));
    const all = [...g.causeNodes, ...g.members].flatMap((n) => [n, ...(copies.get(n) ?? [])]);
    built.push({
      problem: {
        id: '',
        relevance: span(all, kind),
        cause,
        victims,
        title: `${labelled(lead.f, lead.what)} on ${lead.f.host}: ${lead.f.title}`,
        score: problemScore(lead, victims),
      },
      causeNodes: g.causeNodes,
      members: g.members,
    });
  }
  const order =
    kind === 'active'
      ? (a: Built, b: Built): number => b.problem.score - a.problem.score || (a.causeNodes[0]!.at ?? Infinity) - (b.causeNodes[0]!.at ?? Infinity)
      : (a: Built, b: Built): number => (b.problem.relevance.last ?? -Infinity) - (a.problem.relevance.last ?? -Infinity) || b.problem.score - a.problem.score;
  built.sort(order);
  built.forEach((b, i) => (b.problem.id = `${kind === 'active' ? 'p' : 'e'}${i + 1}`));
  return built;
}
