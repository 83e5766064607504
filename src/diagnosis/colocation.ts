/**
 * Captures of several tiers taken on one machine (a lab, or services sharing
 * a host) all see the same kernel log, CPU, memory and socket table.
 * Process-level evidence is attributed to the tier whose processes hold its
 * logs open (the capture's log-writers artifact). CPU and swapping go by pid:
 * a process is a tier's when it, or an ancestor in ps's ppid chain, is one of
 * that tier's log writers; a command name proves nothing (the lab's traffic
 * client and other users' test runners are `node` too). Evidence that ties a
 * finding to no tier leaves it on the machine (tier `machine`), not on the
 * deepest tier. In the other tiers' captures the finding is demoted to info.
 */
import type { HostData } from '../parsers/host-data.js';
import type { Finding, ProcessCpu } from './types.js';
import { majorFaulter, parentPids } from '../models/processes.js';

/**
 * One machine: the same kernel boot (`boot_id`, a random UUID per boot, so
 * captures from containers or UTS namespaces of one kernel share it while
 * their hostnames differ); bundles without it: same hostname and boot time.
 */
export function machineKey(h: HostData): string {
  const boot = h.meta.boot_id;
  return boot ? `boot:${boot}` : `${h.hostname}|${h.meta.boot_epoch ?? ''}`;
}

/** The rows of this host's log-writers artifact: the processes that hold its collected logs open. */
function writerRows(h: HostData): { pid?: unknown; comm?: unknown }[] {
  return h.artifacts
    .filter((a) => a.name === 'log-writers')
    .flatMap((a) => a.blocks.flatMap((b) => (Array.isArray(b.result.data) ? (b.result.data as { pid?: unknown; comm?: unknown }[]) : [])));
}

/** Names of the processes that hold this host's collected logs open. */
export function tierProcesses(h: HostData): Set<string> {
  return new Set(
    writerRows(h)
      .map((r) => r.comm)
      .filter((c): c is string => typeof c === 'string' && c !== '-'),
  );
}

/**
 * The command that burned most of the listed CPU (its processes together,
 * e.g. a pool of workers), when it burned at least half of it; else null:
 * a mix of busy processes is no one process's doing.
 */
export function dominantCommand(p: ProcessCpu | undefined): string | null {
  if (!p || p.top.length === 0) return null;
  const byCmd = new Map<string, number>();
  for (const r of p.top) byCmd.set(r.command, (byCmd.get(r.command) ?? 0) + (r.cpuPct ?? 0));
  const total = [...byCmd.values()].reduce((a, b) => a + b, 0);
  const [cmd, v] = [...byCmd.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return total > 0 && v >= total / 2 ? cmd : null;
}

/** The process a finding is about, when it names one (a CPU finding: the command that burned most of it). */
export function processOf(f: Finding): string | null {
  if (f.process) return f.process.command;
  if (f.resource === 'cpu') return dominantCommand(f.processes);
  if (f.rule === 'tcp-close-wait' && f.subject) return f.subject.split('/')[0] ?? null;
  if (f.rule === 'fd-process' && f.subject) return f.subject.split(':')[0] ?? null;
  return null;
}

/** Pids of the processes that hold this host's collected logs open (log-writers). */
export function writerPids(h: HostData): Set<number> {
  return new Set(
    writerRows(h)
      .map((r) => r.pid)
      .filter((p): p is number => typeof p === 'number'),
  );
}

/**
 * The capture (of the given mates) whose tier a pid is: the pid, or one of
 * its ancestors (ps's ppid chain: a cluster's workers, a server's forks),
 * holds that tier's logs open. Null: no evidence ties it to any tier (another
 * user's process, the load generator, a neighbour sharing a command name).
 */
export function ownerOfPid(pid: number, mates: HostData[], writers: Map<string, Set<number>>, parents: Map<number, number>): HostData | null {
  const seen = new Set<number>();
  for (let p: number | undefined = pid; p !== undefined && p > 0 && !seen.has(p); p = parents.get(p)) {
    seen.add(p);
    const owner = mates.find((m) => writers.get(m.id)?.has(p!));
    if (owner) return owner;
  }
  return null;
}

/**
 * The tier whose processes burned at least half of a CPU finding's listed
 * CPU, by pid; undefined when the finding lists none (nothing to judge).
 */
function cpuOwner(f: Finding, mates: HostData[], writers: Map<string, Set<number>>, parents: Map<number, number>): HostData | null | undefined {
  const top = f.processes?.top ?? [];
  if (top.length === 0) return undefined;
  const byOwner = new Map<HostData | null, number>();
  for (const r of top) {
    const o = r.pid == null ? null : ownerOfPid(r.pid, mates, writers, parents);
    byOwner.set(o, (byOwner.get(o) ?? 0) + (r.cpuPct ?? 0));
  }
  const total = [...byOwner.values()].reduce((a, b) => a + b, 0);
  const [owner, v] = [...byOwner.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return total > 0 && v >= total / 2 ? owner : null;
}

/** Machine-wide swapping and paging name no process: the one faulting most, when one does most of it. */
const SWAP_RULES = new Set(['memory-swapping', 'memory-paging', 'memory-pressure']);

/**
 * Which capture of the machine a finding is about: undefined when it carries
 * no process evidence (left as it is), null when the evidence ties it to no
 * tier (the machine's), else the owning capture. CPU and swapping go by pid;
 * other process findings (an OOM victim, a CLOSE_WAIT owner: often gone or
 * replaced by capture time) by the command names of the log writers.
 */
function ownerOf(f: Finding, h: HostData, ctx: Colocated): HostData | null | undefined {
  // TIME_WAIT on ephemeral ports is the connecting side's, and a closed socket names no process:
  // on one machine any tier's clients (or none of them) may have opened them.
  if (f.rule === 'tcp-time-wait') return null;
  if (f.resource === 'cpu' && !f.process) return cpuOwner(f, ctx.mates, ctx.writers, ctx.parents);
  if (SWAP_RULES.has(f.rule) && !f.process) {
    const faulter = majorFaulter(h);
    if (!faulter) return null;
    f.process = { command: faulter.command, pid: faulter.pid };
    return ownerOfPid(faulter.pid, ctx.mates, ctx.writers, ctx.parents);
  }
  const proc = processOf(f);
  if (!proc) return undefined;
  if (ctx.names.get(h.id)?.has(proc)) return h;
  return ctx.mates.find((m) => m.id !== h.id && ctx.names.get(m.id)?.has(proc)) ?? undefined;
}

/**
 * A title with why it was attributed or demoted: in parentheses, or after a
 * dash when the title already ends in one, so two parentheses never stand
 * side by side ("(8/8 samples above 2) (on the machine…)" read as two clauses).
 */
export function annotate(title: string, reason: string): string {
  return title.endsWith(')') ? `${title} — ${reason}` : `${title} (${reason})`;
}

interface Colocated {
  mates: HostData[];
  writers: Map<string, Set<number>>;
  names: Map<string, Set<string>>;
  parents: Map<number, number>;
}

/**
 * Attribute, in place, process findings of captures of one machine: a
 * finding about another tier's process is demoted to info in this capture,
 * saying whose; one whose processes are no captured tier's is the machine's
 * (tier `machine`), never the deepest tier's by default.
 */
export function attributeColocated(hosts: HostData[], findings: Finding[]): void {
  const byMachine = new Map<string, HostData[]>();
  for (const h of hosts) byMachine.set(machineKey(h), [...(byMachine.get(machineKey(h)) ?? []), h]);
  const writers = new Map(hosts.map((h) => [h.id, writerPids(h)]));
  const names = new Map(hosts.map((h) => [h.id, tierProcesses(h)]));
  const hostOf = new Map(hosts.map((h) => [h.id, h]));
  const parentsOf = new Map(hosts.map((h) => [h.id, parentPids(h)]));
  for (const f of findings) {
    const h = hostOf.get(f.host);
    if (!h || f.severity === 'info') continue;
    const mates = byMachine.get(machineKey(h)) ?? [];
    if (mates.length < 2) continue;
    const owner = ownerOf(f, h, { mates, writers, names, parents: parentsOf.get(h.id)! });
    if (owner === undefined || owner === h) continue;
    if (owner === null) {
      f.tier = 'machine';
      f.title = annotate(
        f.title,
        `on the machine: ${f.rule === 'tcp-time-wait' ? 'a socket in TIME_WAIT names no process' : `no captured tier's process${f.process ? `; ${f.process.command} ${f.process.pid ?? ''} is none of theirs` : ''}`}`,
      );
      continue;
    }
    f.severity = 'info';
    const proc = f.process?.command ?? processOf(f);
    const whose = `the ${owner.tier || owner.id} tier's on this machine`;
    f.title = annotate(f.title, proc ? `process ${proc} is ${whose}` : `its processes are ${whose}`);
  }
}
