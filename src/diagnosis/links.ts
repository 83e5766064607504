/**
 * Links between findings, each of a named kind with its evidence
 * (docs/diagnosis.md): a pointer (a tier says what it calls failed it), the
 * same process on both findings, or a mechanism edge on one machine with
 * overlapping activity. Same host plus later onset is not a link.
 */
import type { Link } from './types.js';
import { MECHANISMS, matches, type MechanismEdge } from './mechanisms.js';
import type { HostRef, Node } from './nodes.js';

/** Sampling granularity: onsets closer than this are not ordered even on one clock. */
export const SAMPLE_SLACK_MS = 2_000;

/** How close two instants may be and still not be ordered: sampling, rate buckets, and clocks unless both are one machine's. */
const slackOf = (a: Node, b: Node): number => SAMPLE_SLACK_MS + a.precision + b.precision + (a.machine === b.machine ? 0 : a.clockUnc + b.clockUnc);

/**
 * How long an effect may trail the last evidence of its cause: a caller
 * reports a failure when its timeout expires (nginx's proxy_read_timeout
 * defaults to 60 s), and a lock wait or an OOM kill is logged once while its
 * effects go on. Measured: the lab's db-lock run logs its lock waits in the
 * first second and the app's pool timeouts keep coming for 6 s after.
 */
export const EFFECT_LAG_MS = 60_000;

/**
 * The victim's activity overlaps the cause's, or follows it within the
 * effect lag (within clock and sampling slack); an undated finding overlaps anything.
 */
export function overlaps(cause: Node, victim: Node): boolean {
  if (cause.first === null || victim.first === null) return true;
  const s = slackOf(cause, victim);
  return cause.first <= (victim.last ?? victim.first) + s && victim.first <= (cause.last ?? cause.first) + s + EFFECT_LAG_MS;
}

/**
 * The cause began no later than the victim; for edges that say so, clearly
 * before it: by more than the clock and sampling slack (one sample apart is
 * two conditions appearing together, not one driving the other).
 */
function ordered(cause: Node, victim: Node, strict: boolean): boolean {
  if (cause.at === null || victim.at === null) return !strict;
  return strict ? cause.at + slackOf(cause, victim) < victim.at : cause.at <= victim.at + slackOf(cause, victim);
}

/** Whether the victim is (or was written by) the process the cause names; the evidence when it is. */
function sameProcess(cause: Node, victim: Node): string | null {
  const p = cause.proc;
  if (!p) return null;
  const q = victim.proc;
  if (q && (p.pid !== null && q.pid !== null ? p.pid === q.pid : p.command === q.command)) {
    return `both name ${p.command}${p.pid !== null ? ` (pid ${p.pid})` : ''}`;
  }
  const w = victim.writers.find((x) => (p.pid !== null ? x.pid === p.pid : x.command === p.command));
  return w ? `its lines are in a log ${w.command} (pid ${w.pid}) writes` : null;
}

/**
 * A process pidstat saw waiting for a CPU at least this share of the span
 * (mean %wait). (ours): a holder idle in its transaction, or a leaking server
 * that never calls close(), is never listed (0); one that ran at all but
 * rarely waited was not held back by the run queue.
 */
export const STARVED_WAIT_PCT = 10;

/**
 * The process the edge needs starved (the victim's lock holder, or the
 * victim's own process) when pidstat saw it wait for a CPU, as evidence; null
 * when it did not or nothing was sampled (no pidstat: no claim).
 */
function starvedProcess(who: NonNullable<MechanismEdge['starved']>, victim: Node): string | null {
  const refs = who === 'lock-holder' ? (victim.f.holders ?? []) : victim.f.process ? [victim.f.process] : [];
  const h = refs.find((x) => (x.waitPct ?? 0) >= STARVED_WAIT_PCT);
  if (!h) return null;
  const role = who === 'lock-holder' ? 'the lock holder' : 'the process itself';
  return `${role} ${h.command || '?'} (pid ${h.pid}) waited for a CPU ${h.waitPct}% of the time (pidstat %wait)`;
}

function edgeLink(edge: MechanismEdge, cause: Node, victim: Node): Link | null {
  if (!matches(edge.from, cause.f) || !matches(edge.to, victim.f) || cause.machine !== victim.machine) return null;
  if (!overlaps(cause, victim)) return null;
  const base = { from: cause.f.id, to: victim.f.id, edge: edge.id };
  if (edge.kind === 'same-process') {
    const why = sameProcess(cause, victim);
    return why ? { kind: 'same-process', ...base, evidence: `${why}: ${edge.says} (${edge.source})` } : null;
  }
  if (!ordered(cause, victim, edge.strictOrder === true)) return null;
  if (edge.otherProcess && sameProcess(cause, victim)) return null;
  const starved = edge.starved ? starvedProcess(edge.starved, victim) : '';
  if (starved === null) return null;
  return { kind: 'mechanism', ...base, evidence: `on one machine while both held${starved ? `, ${starved}` : ''}: ${edge.says} (${edge.source})` };
}

/** The best same-process or mechanism link from `cause` to `victim` (same-process first), or null. */
export function machineLink(cause: Node, victim: Node): Link | null {
  if (cause === victim || cause.bucket !== victim.bucket) return null;
  let found: Link | null = null;
  for (const e of MECHANISMS) {
    const l = edgeLink(e, cause, victim);
    if (l && (found === null || (l.kind === 'same-process' && found.kind !== 'same-process'))) found = l;
  }
  return found;
}

/** The pointing host's connections to ports the pointed host listens on: how many, and how many the pointed host lists from its end. */
function connectionsTo(from: HostRef, to: HostRef, ports: Set<number>): { ports: number; both: number } {
  let both = 0;
  for (const c of from.conns ?? []) {
    const [local, peer] = c.split('>') as [string, string];
    if (ports.has(Number(peer.slice(peer.lastIndexOf(':') + 1))) && to.conns?.has(`${peer}>${local}`)) both++;
  }
  let n = 0;
  for (const p of ports) n += from.peerPorts?.[p] ?? 0;
  return { ports: n, both };
}

/**
 * What ss says of the connections a pointer names. Confirmed: the same
 * address and port pairs are in both hosts' tables (each end lists the
 * other). Ports alone (the pointing host talks to a port the pointed host
 * listens on, but the pointed host's table lists none of those connections:
 * another host on that port, NAT, or captures far apart) are said, not
 * counted as confirmation.
 */
function confirmation(from: HostRef | undefined, to: HostRef | undefined): { confirmed: boolean; words: string } | null {
  if (!from?.peerPorts || !to?.listening) return null;
  // One machine's table lists every tier's listeners: only the pointed tier's own processes' ports say it is that tier.
  const listening = from.machine === to.machine && to.ownListening?.length ? to.ownListening : to.listening;
  const hits = listening.filter((p) => (from.peerPorts?.[p] ?? 0) > 0);
  if (hits.length === 0) return null;
  const { ports, both } = connectionsTo(from, to, new Set(hits));
  const where = `port ${hits.slice(0, 3).join(', ')}, where ${to.id} listens`;
  return both > 0
    ? { confirmed: true, words: `ss on both ends shows ${both} connection(s) from ${from.id} to ${where}` }
    : { confirmed: false, words: `ss shows ${ports} connection(s) from ${from.id} to ${where}, but ${to.id}'s table lists none of them (ports only)` };
}

export function pointerLink(cause: Node, victim: Node, hosts: Map<string, HostRef>): Link {
  const c = confirmation(hosts.get(victim.f.host), hosts.get(cause.f.host));
  const words = `${victim.f.title}: the ${victim.f.tier || victim.f.host} tier reports that what it calls failed it; ${cause.f.host} (${cause.f.tier || '?'}) is that tier and shows ${cause.f.title}`;
  return { kind: 'pointer', from: cause.f.id, to: victim.f.id, confirmed: c?.confirmed === true, evidence: c ? `${words}; ${c.words}` : words };
}
