/** The diagnosis' reasoning in plain sentences, each citing the findings it rests on. */
import type { Diagnosis, Problem } from './types.js';
import type { Built } from './problems.js';
import type { HostRef, Node } from './nodes.js';
import { labelled } from './phrase.js';

type Line = Diagnosis['reasoning'][number];

export const hhmmss = (t: number | null): string => (t === null ? 'an unknown time' : new Date(t).toISOString().slice(11, 19) + 'Z');

export function ago(ms: number): string {
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  if (ms < 2 * 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 2 * 86_400_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} days`;
}

export function relevanceLine(nodes: Node[]): Line | null {
  const earlier = nodes.filter((n) => n.bucket === 'earlier');
  if (earlier.length === 0) return null;
  const active = nodes.length - earlier.length;
  return {
    text: `${active} warning or critical finding(s) held during the capture window; ${earlier.length} ended before it (the host's log history): those are earlier events, never the cause of what is happening in the window.`,
    findings: earlier.map((n) => n.f.id),
  };
}

export function causeLines(b: Built, hosts: Map<string, HostRef>): Line[] {
  const lead = b.causeNodes[0]!;
  const f = lead.f;
  const ids = b.problem.cause.findings;
  const rate = lead.onset.kind === 'rate' ? ` (when its rate rose over its baseline; first line at ${hhmmss(f.onset)})` : '';
  const out: Line[] = [
    {
      text: `${b.problem.relevance.kind === 'earlier' ? 'The most recent earlier problem' : 'The leading problem'} is ${labelled(f, lead.what)} on ${f.host}${f.tier ? ` (${f.tier})` : ''} from ${hhmmss(lead.onset.at)}${rate}: ${f.title}. No link from another finding explains it: it is the root.`,
      findings: ids,
    },
  ];
  const started = hosts.get(f.host)?.windowStart ?? null;
  if (b.problem.relevance.kind === 'active' && started !== null && f.onset !== null && f.onset < started) {
    // What on-call asks first. A sampled finding reaches before the window only through the sar history; a log finding through its first line.
    const how = f.samples
      ? `the sar history shows the condition from ${hhmmss(f.onset)} (the evidence names the sa file and its interval)`
      : `its first log line is from ${hhmmss(f.onset)}`;
    out.push({ text: `It began before the capture window (from ${hhmmss(started)}): ${how}.`, findings: [f.id] });
  }
  const burners = b.causeNodes.find((n) => n.f.processes && n.f.processes.top.length > 0)?.f.processes;
  if (burners) {
    const who = burners.top
      .slice(0, 3)
      .map((p) => `${p.command} (pid ${p.pid ?? '?'}) ${p.cpuPct}%`)
      .join(', ');
    out.push({
      text: `The processes that used most CPU meanwhile (${burners.source}, 100% = one CPU): ${who}.`,
      findings: b.causeNodes.filter((n) => n.f.processes).map((n) => n.f.id),
    });
  }
  const copies = ids.filter((id) => !b.causeNodes.some((n) => n.f.id === id));
  if (copies.length > 0) out.push({ text: `The same fact is seen by other captures of the same machine; it is counted once, on ${f.host}.`, findings: copies });
  return out;
}

/** One line per victim group, named by the finding its link reaches ("connection pool exhaustion (application errors)"). */
export function victimLines(b: Built): Line[] {
  const nodeOf = new Map([...b.members, ...b.causeNodes].map((n) => [n.f.id, n]));
  return b.problem.victims.map((v) => ({
    text: `Victim ${whatOf(nodeOf.get(v.link.to), v.resource)} on ${v.host} (${v.link.kind}${v.link.edge ? ` ${v.link.edge}` : ''}${v.link.confirmed ? ', confirmed' : ''}): ${v.link.evidence}.`,
    findings: v.findings,
  }));
}

const whatOf = (n: Node | undefined, resource: string): string => (n ? labelled(n.f, n.what) : resource);

export function otherProblemLines(rivals: Built[], earlier: Built[]): Line[] {
  const out: Line[] = [];
  if (rivals.length > 0) {
    out.push({
      text: `${rivals.length} other active problem(s) with no link to it, ranked after it: ${rivals.map((r) => r.problem.title).join('; ')}.`,
      findings: rivals.flatMap((r) => r.problem.cause.findings),
    });
  }
  for (const e of earlier.slice(0, 3)) {
    const when =
      e.problem.relevance.endedBeforeMs !== undefined ? `ended ${ago(e.problem.relevance.endedBeforeMs)} before the capture` : 'ended before the capture';
    out.push({
      text: `Earlier event (${when}, from ${hhmmss(e.problem.relevance.first)} to ${hhmmss(e.problem.relevance.last)}): ${e.problem.title}.`,
      findings: e.problem.cause.findings,
    });
  }
  if (earlier.length > 3) out.push({ text: `${earlier.length - 3} more earlier event(s).` });
  return out;
}

/** Why errors that point to a tier found nothing there. */
export function unexplainedLine(b: Built, hostList: HostRef[], tier: string | null): Line {
  const hasTier = tier !== null && hostList.some((h) => h.tier === tier);
  const text =
    tier === null
      ? `${b.problem.title}: the errors point to a tier this diagnosis cannot name.`
      : hasTier
        ? `The ${tier} tier shows no saturated or failing resource in its data, although the tiers in front of it point there.`
        : `No bundle from the ${tier} tier was given: the tier the errors point to cannot be examined.`;
  return { text, findings: b.problem.cause.findings };
}
