/**
 * What the diagnosis knows about each significant finding: its onset for
 * ordering (a rate onset where the timeline has one), its activity span in
 * the reference clock, its role, the machine it was seen on and the process
 * it names. Built once; links, problems and confidence read these.
 */
import type { TimelineSummary } from '../timeline/types.js';
import type { Finding, RelevanceKind } from '../vocabulary/types.js';
import { processOf } from './colocation.js';
import { orderOnset, type OrderOnset } from './onset.js';
import { evidenceSignals, techOfEvidence, whatOf } from './phrase.js';
import { roleOf, type Role } from './roles.js';

/** What the diagnosis needs of a host besides its findings (built from its bundle in analysis.ts). */
export interface HostRef {
  id: string;
  tier: string;
  /** Hosts with the same key are captures of one machine (colocation.ts). */
  machine?: string;
  /** Its capture's window start (host clock). */
  windowStart?: number | null;
  windowEnd?: number | null;
  /** TCP ports it listens on (ss), for confirming a pointer to it. */
  listening?: number[];
  /** Those a process holding its logs open listens on (ss -p and log-writers): its own, where one machine's table lists every tier's. */
  ownListening?: number[];
  /** Remote ports of its established connections and how many (ss). */
  peerPorts?: Record<number, number>;
  /** Its established connections as `local>peer` address:port pairs (every snapshot): a pointer is confirmed when the other end lists the mirror. */
  conns?: Set<string>;
  /** Processes holding its collected logs open (log-writers): whose lines a log is. */
  writers?: { pid: number; comm: string; path: string }[];
  /** Its logs and the parser that read each: the technology a finding's evidence comes from (phrase.ts). */
  logs?: { artifact: string; parser: string }[];
}

export interface Node {
  f: Finding;
  role: Role;
  /** `active` also for `later`: both are the present, not the host's history. */
  bucket: 'active' | 'earlier';
  machine: string;
  /** Ordering onset in the reference clock. */
  at: number | null;
  /** The host clock's uncertainty against the reference (not counted between captures of one machine: one clock). */
  clockUnc: number;
  /** How far the ordering onset may lie from the real start (a rate onset's grid bucket). */
  precision: number;
  onset: OrderOnset;
  /** Activity span in the reference clock. */
  first: number | null;
  last: number | null;
  /** The process it names: command and pid (pid null when unknown). */
  proc: { command: string; pid: number | null } | null;
  /** Processes that wrote the log lines it cites. */
  writers: { command: string; pid: number }[];
  /** What it is about, by name ("PostgreSQL lock waits"): how the reasons name it (phrase.ts). */
  what: string;
}

function pidOf(f: Finding): number | null {
  if (f.process?.pid != null) return f.process.pid;
  const m = /[/:](\d+)$/.exec(f.subject ?? '');
  if (m && (f.rule === 'tcp-close-wait' || f.rule === 'fd-process')) return Number(m[1]);
  const top = f.processes?.top[0];
  return f.resource === 'cpu' && top && top.command === processOf(f) ? top.pid : null;
}

function writersOf(f: Finding, host: HostRef | undefined): Node['writers'] {
  const out: Node['writers'] = [];
  for (const w of host?.writers ?? []) {
    if (f.evidence.some((e) => e.artifact === w.path || e.artifact.endsWith(w.path))) out.push({ command: w.comm, pid: w.pid });
  }
  return out;
}

export function buildNodes(findings: Finding[], hosts: HostRef[], timeline: TimelineSummary): Node[] {
  const byId = new Map(hosts.map((h) => [h.id, h]));
  const signals = evidenceSignals(findings, timeline.events);
  return findings.map((f) => {
    const c = timeline.clocks.find((x) => x.host === f.host);
    const off = c?.offsetMs ?? 0;
    const onset = orderOnset(f, timeline);
    const shift = (t: number | null): number | null => (t === null ? null : t - off);
    const kind: RelevanceKind = f.relevance?.kind ?? 'active';
    const command = processOf(f);
    return {
      f,
      role: roleOf(f),
      bucket: kind === 'earlier' ? 'earlier' : 'active',
      machine: byId.get(f.host)?.machine ?? f.host,
      at: shift(onset.at),
      clockUnc: c?.uncertaintyMs ?? 0,
      precision: onset.precisionMs,
      onset,
      first: shift(f.onset),
      last: shift(f.end ?? f.onset),
      proc: command ? { command, pid: pidOf(f) } : null,
      writers: writersOf(f, byId.get(f.host)),
      what: whatOf(f, signals.get(f.id), techOfEvidence(f, byId.get(f.host)?.logs ?? [])),
    };
  });
}
