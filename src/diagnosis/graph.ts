/**
 * The link graph: every significant finding gets at most one parent, through
 * a link of a named kind; findings with no parent are roots. Links join
 * findings of the same relevance only (active with active, earlier with
 * earlier): an earlier event is never the parent of an active victim.
 */
import type { Link } from './types.js';
import { machineLink, overlaps, pointerLink } from './links.js';
import type { HostRef, Node } from './nodes.js';
import { rootness, SEVERITY_RANK, strength, tierRank, TIER_ORDER } from './roles.js';

export interface Edge {
  parent: Node;
  link: Link;
}

/** Strength in doublings: 28× vs 2.5× past threshold differ, 3× vs 3.5× do not. */
export const magnitude = (n: Node): number => Math.min(9, Math.floor(Math.log2(strength(n.f))));

/** How strong a candidate is on its own: severity, distance past threshold, root-likeness, then the deeper tier. */
export function nodeScore(n: Node): number {
  return SEVERITY_RANK[n.f.severity] * 1000 + magnitude(n) * 100 + rootness(n.f) * 5 + (tierRank(n.f.tier) ?? 0);
}

/** The tier a pointer names: the next one behind it, or the database. */
export function pointedTier(n: Pick<Node, 'f' | 'role'>): string | null {
  if (n.role.kind !== 'pointer') return null;
  if (n.role.toward === 'db') return 'db';
  const r = tierRank(n.f.tier);
  return r === null ? null : (TIER_ORDER[r + 1] ?? null);
}

const best = (list: Node[]): Node | undefined => [...list].sort((a, b) => nodeScore(b) - nodeScore(a))[0];

/**
 * A pointer's parent: on the tier it names (else a tier behind it), the root
 * that explains most there (its own machine links counted), then the
 * strongest; else that tier's own pointer, which leads further down.
 */
function pointerParent(v: Node, nodes: Node[], hosts: Map<string, HostRef>, rank: (n: Node) => number): Edge | null {
  const tier = pointedTier(v);
  const want = tier === null ? null : tierRank(tier);
  if (want === null) return null;
  // A finding left on the machine (colocation.ts: its processes are no tier's) is on no tier a pointer names.
  const rankOf = (n: Node): number => (n.f.tier === 'machine' ? -1 : (tierRank(hosts.get(n.f.host)?.tier ?? n.f.tier) ?? -1));
  const near = nodes.filter((n) => n !== v && n.bucket === v.bucket && rankOf(n) >= want && overlaps(n, v));
  const exact = near.filter((n) => rankOf(n) === want);
  const top = (list: Node[]): Node | undefined => [...list].sort((a, b) => rank(b) - rank(a))[0];
  for (const pool of [exact, near]) {
    const parent =
      top(pool.filter((n) => n.role.kind === 'cause')) ?? top(pool.filter((n) => n.role.kind === 'pointer' && rankOf(n) > (tierRank(v.f.tier) ?? -1)));
    if (parent) return { parent, link: pointerLink(parent, v, hosts) };
  }
  return null;
}

function machineParent(v: Node, nodes: Node[]): Edge | null {
  let found: Edge | null = null;
  for (const p of nodes) {
    const link = machineLink(p, v);
    if (!link) continue;
    const better =
      !found ||
      (link.kind === 'same-process' && found.link.kind !== 'same-process') ||
      (link.kind === found.link.kind && nodeScore(p) > nodeScore(found.parent));
    if (better) found = { parent: p, link };
  }
  return found;
}

/** Breaks cycles (possible only through odd tier labels) at their strongest node. */
function breakCycles(nodes: Node[], parents: Map<Node, Edge>): void {
  for (const start of nodes) {
    const seen: Node[] = [];
    for (let n: Node | undefined = start; n && parents.has(n); n = parents.get(n)?.parent) {
      if (seen.includes(n)) {
        parents.delete(best(seen.slice(seen.indexOf(n)))!);
        break;
      }
      seen.push(n);
    }
  }
}

/**
 * Each node's parent edge. Machine links (same process, mechanism) first;
 * then pointers, which land on the pointed tier's root that explains most,
 * so a tier's errors point at that tier's leading problem, not at whichever
 * finding ranks highest alone.
 */
export function linkGraph(nodes: Node[], hosts: Map<string, HostRef>): Map<Node, Edge> {
  const parents = new Map<Node, Edge>();
  for (const v of nodes) {
    if (v.role.kind === 'pointer') continue;
    const e = machineParent(v, nodes);
    if (e) parents.set(v, e);
  }
  breakCycles(nodes, parents);
  const explains = new Map<Node, number>();
  for (const n of nodes) if (parents.has(n)) explains.set(rootOf(n, parents), (explains.get(rootOf(n, parents)) ?? 0) + 1);
  const rank = (n: Node): number => (parents.has(n) ? 0 : 1e6) + Math.min(99, explains.get(n) ?? 0) * 1e4 + nodeScore(n);
  for (const v of nodes) {
    if (v.role.kind !== 'pointer') continue;
    const e = pointerParent(v, nodes, hosts, rank) ?? machineParent(v, nodes);
    if (e) parents.set(v, e);
  }
  breakCycles(nodes, parents);
  return parents;
}

export function rootOf(n: Node, parents: Map<Node, Edge>): Node {
  let cur = n;
  for (let e = parents.get(cur); e; e = parents.get(cur)) cur = e.parent;
  return cur;
}
