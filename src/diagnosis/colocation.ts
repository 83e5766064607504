/**
 * Captures of several tiers taken on one machine (a lab, or services sharing
 * a host) all see the same kernel log and socket table. Process-level
 * evidence is attributed to the tier whose processes hold its logs open (the
 * capture's log-writers artifact): a CLOSE_WAIT leak in `node`, an OOM kill
 * of `node` or a CPU that `node` kept busy is the app tier's, and in the web
 * and db captures of the same machine it is demoted to info, saying whose.
 */
import type { HostData } from '../parsers/host-data.js';
import type { Finding, ProcessCpu } from './types.js';

/**
 * One machine: the same kernel boot (`boot_id`, a random UUID per boot, so
 * captures from containers or UTS namespaces of one kernel share it while
 * their hostnames differ); bundles without it: same hostname and boot time.
 */
export function machineKey(h: HostData): string {
  const boot = h.meta.boot_id;
  return boot ? `boot:${boot}` : `${h.hostname}|${h.meta.boot_epoch ?? ''}`;
}

/** Names of the processes that hold this host's collected logs open. */
export function tierProcesses(h: HostData): Set<string> {
  const names = new Set<string>();
  for (const a of h.artifacts) {
    if (a.name !== 'log-writers') continue;
    for (const b of a.blocks) {
      const rows = Array.isArray(b.result.data) ? (b.result.data as { comm?: unknown }[]) : [];
      for (const r of rows) if (typeof r.comm === 'string' && r.comm !== '-') names.add(r.comm);
    }
  }
  return names;
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

/** Demote, in place, process findings that belong to another tier's capture of the same machine. */
export function attributeColocated(hosts: HostData[], findings: Finding[]): void {
  const byMachine = new Map<string, HostData[]>();
  for (const h of hosts) byMachine.set(machineKey(h), [...(byMachine.get(machineKey(h)) ?? []), h]);
  const procs = new Map(hosts.map((h) => [h.id, tierProcesses(h)]));
  const hostOf = new Map(hosts.map((h) => [h.id, h]));
  for (const f of findings) {
    const h = hostOf.get(f.host);
    const proc = processOf(f);
    if (!h || !proc) continue;
    const mates = byMachine.get(machineKey(h)) ?? [];
    if (mates.length < 2 || procs.get(h.id)?.has(proc)) continue;
    const owner = mates.find((m) => m.id !== h.id && procs.get(m.id)?.has(proc));
    if (!owner) continue;
    f.severity = 'info';
    f.title = `${f.title} (process ${proc} is the ${owner.tier || owner.id} tier's on this machine)`;
  }
}
