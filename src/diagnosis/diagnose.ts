/**
 * Cause vs victims (docs/diagnosis.md). Pointers (502/504, upstream timed
 * out, pool exhausted) are followed down web → app → db; among resource
 * findings the earliest onset wins, onsets within clock uncertainty count as
 * simultaneous and are ordered by severity, strength and root-likeness. Thin
 * or contradictory evidence gives "inconclusive" rather than a guess.
 */
import type { TimelineSummary } from '../timeline/types.js';
import type { Diagnosis, Finding, Victim } from './types.js';
import { SEVERITY_RANK, roleOf, rootness, strength, tierRank, TIER_ORDER } from './roles.js';
import { orderOnset, type OrderOnset } from './onset.js';

/** `machine`: hosts with the same key are captures of one machine (colocation.ts); `windowStart`: its capture's start. */
export interface HostRef { id: string; tier: string; machine?: string; windowStart?: number | null }

/** Sampling granularity: onsets closer than this are not ordered even on one clock. */
const SAMPLE_SLACK_MS = 2_000;
export const CAUSE_MIN_CONFIDENCE = 0.45;

const hhmmss = (t: number | null): string => (t === null ? 'an unknown time' : new Date(t).toISOString().slice(11, 19) + 'Z');

interface Timed { f: Finding; at: number | null; unc: number; onset: OrderOnset }

function timed(f: Finding, timeline: TimelineSummary): Timed {
  const c = timeline.clocks.find((x) => x.host === f.host);
  // A rate onset, where the timeline has one for the finding's signals, beats its first line (onset.ts);
  // it is known to one grid bucket, which widens its uncertainty.
  const onset = orderOnset(f, timeline);
  // Onsets are in the host's clock; the timeline estimates each host's offset from the reference.
  return { f, at: onset.at === null ? null : onset.at - (c?.offsetMs ?? 0), unc: (c?.uncertaintyMs ?? 0) + onset.precisionMs, onset };
}

/** Strength in doublings: 28× vs 2.5× past threshold differ, 3× vs 3.5× do not. */
const magnitude = (f: Finding): number => Math.floor(Math.log2(strength(f)));

/**
 * Best first: severity, distance past threshold, root-likeness; then the
 * deeper tier, since dependencies flow web → app → db and the same machine
 * fact seen by several tiers' captures is most likely the deepest's.
 */
function better(a: Timed, b: Timed): number {
  return SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] || magnitude(b.f) - magnitude(a.f) || rootness(b.f) - rootness(a.f)
    || (tierRank(b.f.tier) ?? -1) - (tierRank(a.f.tier) ?? -1);
}

/** The earliest group (onsets within uncertainty of the first), best first. */
function earliestGroup(cands: Timed[]): Timed[] {
  const dated = cands.filter((c) => c.at !== null).sort((a, b) => a.at! - b.at!);
  const first = dated[0];
  if (!first) return [...cands].sort(better);
  const group = dated.filter((c) => c.at! - first.at! <= first.unc + c.unc + SAMPLE_SLACK_MS);
  return group.sort(better);
}

function pointedTier(f: Finding, toward: 'next' | 'db'): string | null {
  if (toward === 'db') return 'db';
  const r = tierRank(f.tier);
  return r === null ? null : TIER_ORDER[r + 1] ?? null;
}

type Legacy = Pick<Diagnosis, 'verdict' | 'cause' | 'victims' | 'confidence' | 'reasoning' | 'nextCommands'>;

/** Interim: the schema-2 fields around the legacy result, until the causal model replaces it. */
function finish(d: Legacy, hosts: HostRef[]): Diagnosis {
  const starts = hosts.map((h) => h.windowStart ?? null).filter((t): t is number => t !== null);
  const problems = d.cause ? [{ id: 'p1', relevance: { kind: 'active' as const, first: null, last: null }, cause: d.cause, victims: d.victims, title: `${d.cause.resource} on ${d.cause.host}`, score: 0 }] : [];
  return { ...d, problems, earlier: [], confidenceTable: { base: d.confidence, adjustments: [] },
    scope: { hosts: hosts.map((h) => h.id), start: starts.length ? Math.min(...starts) : null, end: null } };
}

export function diagnose(hosts: HostRef[], findings: Finding[], timeline: TimelineSummary): Diagnosis {
  return finish(legacyDiagnose(hosts, findings, timeline), hosts);
}

function legacyDiagnose(hosts: HostRef[], findings: Finding[], timeline: TimelineSummary): Legacy {
  const significant = findings.filter((f) => f.severity !== 'info');
  const reasoning: Diagnosis['reasoning'] = [];
  if (hosts.length === 0) {
    return { verdict: 'inconclusive', cause: null, victims: [], confidence: 0, reasoning: [{ text: 'No host was analysed.' }], nextCommands: [] };
  }
  if (significant.length === 0) {
    const info = findings.length;
    reasoning.push({ text: `No warning or critical finding on ${hosts.length} host(s)${info ? `; ${info} informational finding(s) only` : ''}: every resource with data stayed under its thresholds.`, ...(info ? { findings: findings.map((f) => f.id) } : {}) });
    return { verdict: 'healthy', cause: null, victims: [], confidence: 0.7, reasoning, nextCommands: [] };
  }

  const all = significant.map((f) => timed(f, timeline));
  const pointers = all.filter((t) => roleOf(t.f).kind === 'pointer');
  const cands = all.filter((t) => roleOf(t.f).kind === 'cause');
  const tierOfHost = new Map(hosts.map((h) => [h.id, h.tier]));

  // Follow pointers to the deepest tier they name.
  const pointed = new Set<string>();
  for (const p of pointers) {
    const role = roleOf(p.f);
    const t = role.kind === 'pointer' ? pointedTier(p.f, role.toward) : null;
    if (t) pointed.add(t);
  }
  const deepest = [...pointed].sort((a, b) => (tierRank(b) ?? -1) - (tierRank(a) ?? -1))[0] ?? null;
  if (pointers.length > 0) {
    reasoning.push({
      text: `${pointers.length} finding(s) say what their tier calls failed them${deepest ? `, pointing to the ${deepest} tier` : ''}: these are victims, not causes.`,
      findings: pointers.map((p) => p.f.id),
    });
  }

  let pool = cands;
  let followed = false;
  if (deepest !== null) {
    // The tier the pointers name first; tiers behind it only when it shows nothing.
    const rankOf = (c: Timed): number => tierRank(tierOfHost.get(c.f.host) ?? c.f.tier) ?? -1;
    const exact = cands.filter((c) => rankOf(c) === tierRank(deepest));
    const deep = exact.length > 0 ? exact : cands.filter((c) => rankOf(c) >= (tierRank(deepest) ?? 99));
    if (deep.length > 0) {
      pool = deep;
      followed = true;
    } else {
      const hasTier = hosts.some((h) => h.tier === deepest);
      reasoning.push({ text: hasTier
        ? `The ${deepest} tier shows no saturated or failing resource in its data, although the tiers in front of it point there.`
        : `No bundle from the ${deepest} tier was given: the tier the errors point to cannot be examined.` });
    }
  }

  if (pool.length === 0) {
    return { verdict: 'inconclusive', cause: null, victims: victimsOf(all, null, hosts), confidence: 0.2, reasoning: [...reasoning, { text: 'No resource finding explains the errors: capture the tier they point to.' }], nextCommands: [] };
  }

  // One machine's fact seen by several tiers' captures (same rule and subject)
  // is one candidate, held by the deepest of those tiers: dependencies flow
  // web → app → db, and the numbers differ only by when each capture sampled.
  const machineOf = new Map(hosts.map((h) => [h.id, h.machine ?? h.id]));
  const factKey = (t: Timed): string => `${machineOf.get(t.f.host)}|${t.f.rule}|${t.f.subject ?? ''}`;
  const deepestOf = new Map<string, Timed>();
  for (const c of pool) {
    const prev = deepestOf.get(factKey(c));
    if (!prev || (tierRank(c.f.tier) ?? -1) > (tierRank(prev.f.tier) ?? -1)) deepestOf.set(factKey(c), c);
  }
  const group = earliestGroup([...deepestOf.values()]);
  const lead = group[0]!;
  const causeFindings = cands.filter((c) => c.f.host === lead.f.host && c.f.resource === lead.f.resource).map((c) => c.f);
  reasoning.push({
    text: `The earliest saturated or failing resource is ${lead.f.resource} on ${lead.f.host}${lead.f.tier ? ` (${lead.f.tier})` : ''} from ${hhmmss(lead.onset.at)}${lead.onset.kind === 'rate' ? ` (when its rate rose over its baseline; first line at ${hhmmss(lead.f.onset)})` : ''}: ${lead.f.title}.`,
    findings: causeFindings.map((f) => f.id),
  });
  const started = hosts.find((h) => h.id === lead.f.host)?.windowStart ?? null;
  if (started !== null && lead.f.onset !== null && lead.f.onset < started) {
    // What on-call asks first. A sampled finding (it counts samples) reaches before the window only
    // through the sar history (rules/helpers.ts sustained); a log finding through its first line.
    const how = lead.f.samples ? `the sar history shows the condition from ${hhmmss(lead.f.onset)} (the evidence names the sa file and its interval)` : `its first log line is from ${hhmmss(lead.f.onset)}`;
    reasoning.push({ text: `It began before the capture window (from ${hhmmss(started)}): ${how}.`, findings: [lead.f.id] });
  }
  const burners = causeFindings.find((f) => f.processes && f.processes.top.length > 0)?.processes;
  if (burners) {
    // what burned the CPU, so the cause names a process (and, through it, its service) and not only a host
    const who = burners.top.slice(0, 3).map((p) => `${p.command} (pid ${p.pid ?? '?'}) ${p.cpuPct}%`).join(', ');
    reasoning.push({ text: `The processes that used most CPU meanwhile (${burners.source}, 100% = one CPU): ${who}.`, findings: causeFindings.filter((f) => f.processes).map((f) => f.id) });
  }
  const rivals = group.slice(1).filter((g) => g.f.host !== lead.f.host || g.f.resource !== lead.f.resource);
  if (rivals.length > 0) {
    reasoning.push({
      text: `${rivals.length} other resource finding(s) began within the clock and sampling uncertainty (±${Math.round((lead.unc + SAMPLE_SLACK_MS) / 1000)} s) of it; ${lead.f.resource} ranks first by severity, then by how far past its threshold it went (in doublings), then by how likely it is to be a root (hardware saturation and failures before sockets, descriptors and application errors).`,
      findings: rivals.map((r) => r.f.id),
    });
  }

  let confidence = 0.5;
  if (followed) confidence += 0.2;
  if (pointers.length > 0 && !followed) confidence -= 0.2;
  if (lead.f.severity === 'critical') confidence += 0.1;
  // A peer ties the lead on every rank (severity, doublings past threshold, root-likeness): only then is their order a coin toss.
  const samePeer = rivals.find((r) => r.f.severity === lead.f.severity && magnitude(r.f) === magnitude(lead.f) && rootness(r.f) === rootness(lead.f));
  if (samePeer) {
    confidence -= 0.15;
    reasoning.push({ text: `${samePeer.f.id} is as severe, as far past its threshold and as root-like at the same time: the order between them is uncertain.`, findings: [samePeer.f.id] });
  }
  if (rivals.length === 0) confidence += 0.1;
  // Thin: one warning barely past its threshold, seen in fewer than 3 samples, nothing else agreeing.
  const sustainedLong = (lead.f.samples?.held ?? 0) >= 3;
  const corroborated = causeFindings.length > 1 || followed || strength(lead.f) >= 1.5 || lead.f.severity === 'critical' || sustainedLong;
  if (!corroborated) {
    confidence -= 0.2;
    reasoning.push({ text: `Only one finding barely past its threshold, in fewer than 3 samples, supports it: evidence is thin.`, findings: [lead.f.id] });
  }
  confidence = Math.round(Math.max(0.05, Math.min(0.95, confidence)) * 100) / 100;

  const cause = { host: lead.f.host, tier: lead.f.tier, resource: lead.f.resource, findings: causeFindings.map((f) => f.id) };
  const victims = victimsOf(all, cause, hosts);
  if (victims.length > 0) reasoning.push({ text: `${victims.length} victim group(s) follow from it (listed with what each depends on).`, findings: victims.flatMap((v) => v.findings) });
  const nextCommands = [...new Set(causeFindings.flatMap((f) => f.nextCommands))].slice(0, 8);
  if (confidence < CAUSE_MIN_CONFIDENCE) {
    reasoning.push({ text: `Confidence ${confidence} is below ${CAUSE_MIN_CONFIDENCE}: the leading candidate is ${lead.f.resource} on ${lead.f.host}, but this is not a diagnosis.` });
    return { verdict: 'inconclusive', cause: null, victims, confidence, reasoning, nextCommands };
  }
  return { verdict: 'cause-found', cause, victims, confidence, reasoning, nextCommands };
}

function victimsOf(all: Timed[], cause: { host: string; tier: string; resource: Finding['resource']; findings: string[] } | null, hosts: HostRef[]): Victim[] {
  const groups = new Map<string, Timed[]>();
  for (const t of all) {
    if (cause && cause.findings.includes(t.f.id)) continue;
    const key = `${t.f.host}|${t.f.resource}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const out: Victim[] = [];
  for (const list of groups.values()) {
    const f = list[0]!.f;
    const role = roleOf(f);
    let dependsOn = cause ? { host: cause.host, tier: cause.tier } : { host: f.host, tier: f.tier };
    let reason: string;
    if (role.kind === 'pointer') {
      const tier = pointedTier(f, role.toward);
      const host = tier === cause?.tier ? cause.host : hosts.find((h) => h.tier === tier)?.id;
      if (host && tier) dependsOn = { host, tier };
      reason = `${f.title}: the ${f.tier || 'unknown'} tier reports that what it calls failed it.`;
    } else if (cause && f.host === cause.host) {
      reason = `${f.title}: on the same host as the cause (${cause.resource}), at or after its onset.`;
    } else {
      reason = `${f.title}: held while ${cause ? `${cause.resource} on ${cause.host}` : 'the unidentified cause'} was saturated or failing.`;
    }
    const from = cause?.findings[0] ?? f.id;
    const link = role.kind === 'pointer' ? { kind: 'pointer' as const, from, to: f.id, evidence: reason } : { kind: 'mechanism' as const, from, to: f.id, edge: 'legacy-same-host', evidence: reason };
    out.push({ host: f.host, tier: f.tier, resource: f.resource, findings: list.map((t) => t.f.id), dependsOn, link, reason });
  }
  return out;
}
