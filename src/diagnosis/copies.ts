/**
 * One machine's fact seen by several of its captures (three UTS namespaces of
 * one kernel all read its OOM kill from the same kernel log) is one finding:
 * the capture that problems.ts's collapseCopies keeps holds it, and the others'
 * copies are demoted to info saying whose it is, as colocation.ts demotes
 * another tier's process. Done before the diagnosis and the USE tables, so
 * neither lists the fact three times nor marks three hosts critical for it.
 */
import type { Finding } from './types.js';
import type { HostRef } from './nodes.js';
import { annotate } from './colocation.js';
import { collapseCopies, type Copyable } from './problems.js';
import { roleOf } from './roles.js';

/** The reason a copy carries: the capture that holds the fact, by host and tier. */
function whose(rep: Finding): string {
  return rep.tier && rep.tier !== 'machine'
    ? `the same fact as the ${rep.tier} tier's on this machine: counted once, on ${rep.host}`
    : `the same fact as on ${rep.host}: one machine, counted once there`;
}

/** Demotes, in place, the copies of each fact seen by several captures of one machine; returns how many. */
export function demoteCopies(findings: Finding[], hosts: HostRef[]): number {
  const machine = new Map(hosts.map((h) => [h.id, h.machine ?? h.id]));
  const nodes: Copyable[] = findings
    .filter((f) => f.severity !== 'info')
    .map((f) => ({ f, machine: machine.get(f.host) ?? f.host, bucket: f.relevance?.kind === 'earlier' ? 'earlier' : 'active', role: roleOf(f) }));
  let n = 0;
  for (const [rep, rest] of collapseCopies(nodes).copies) {
    for (const c of rest) {
      c.f.severity = 'info';
      c.f.title = annotate(c.f.title, whose(rep.f));
      n++;
    }
  }
  return n;
}
