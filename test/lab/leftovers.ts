/**
 * What a lab scenario has running on this machine, read from the kernel (ss,
 * /proc, /sys/fs/cgroup), not from the lab's own bookkeeping: the listening
 * ports of its tiers, its processes (by its work directory or the app's
 * script, and every descendant of those: nginx workers, PostgreSQL's
 * backends, the captures' samplers), the app's memory cgroup, and the UTS
 * namespaces its captures ran in.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus.js';
// @ts-expect-error plain ESM module without types
import { PORTS } from '../../scripts/lab/stack.mjs';

const APP_SCRIPT = join(REPO_ROOT, 'scripts', 'lab', 'app.mjs');
/** The memory scenarios' cgroup (scripts/lab/scenarios.mjs), v2 or v1. */
const CGROUPS = ['/sys/fs/cgroup/sitrep-lab-app', '/sys/fs/cgroup/memory/sitrep-lab-app'];

export interface LabState {
  /** The lab's ports that something listens on. */
  ports: number[];
  /** "pid command" of each process of the lab. */
  processes: string[];
  /** The app's cgroup directories that exist. */
  cgroups: string[];
  /** UTS namespaces (ns inode links, "uts:[4026532…]") that a process of the lab is in, other than ours. */
  namespaces: string[];
}

function read(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null; // exited meanwhile, or not ours to read
  }
}

interface Proc {
  pid: number;
  ppid: number;
  cmd: string;
  zombie: boolean;
}

function processes(): Proc[] {
  const out: Proc[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    const cmd = read(`/proc/${entry}/cmdline`);
    if (stat === null || cmd === null) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.push({ pid: Number(entry), ppid: Number(fields[1]), cmd: cmd.replaceAll('\0', ' ').trim(), zombie: fields[0] === 'Z' });
  }
  return out;
}

/** The lab's live processes: those naming `root` or the app's script, and all their descendants. */
function labProcesses(root: string): Proc[] {
  const all = processes().filter((p) => !p.zombie);
  const mine = new Set(all.filter((p) => p.cmd.includes(root) || p.cmd.includes(APP_SCRIPT)).map((p) => p.pid));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of all) {
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => mine.has(p.pid));
}

function utsOf(pid: number): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/uts`);
  } catch {
    return null;
  }
}

/** Everything of the lab whose work directory is under `root` that is up right now. */
export function labState(root: string): LabState {
  const wanted = new Set<number>(Object.values(PORTS as Record<string, number>));
  const listening = execFileSync('ss', ['-Htln'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => Number(/:(\d+)$/.exec(line.split(/\s+/)[3] ?? '')?.[1]))
    .filter((port) => wanted.has(port));
  const procs = labProcesses(root);
  const ours = utsOf(process.pid);
  const namespaces = procs.map((p) => utsOf(p.pid)).filter((ns): ns is string => ns !== null && ns !== ours);
  return {
    ports: [...new Set(listening)].sort((a, b) => a - b),
    processes: procs.map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`),
    cgroups: CGROUPS.filter((d) => existsSync(d)),
    namespaces: [...new Set(namespaces)].sort(),
  };
}

/** Processes of the whole machine in any of `namespaces` (a namespace lives while one does). */
export function inNamespaces(namespaces: readonly string[]): string[] {
  const wanted = new Set(namespaces);
  return processes()
    .filter((p) => !p.zombie && wanted.has(utsOf(p.pid) ?? ''))
    .map((p) => `${p.pid} ${p.cmd.slice(0, 120)}`);
}
