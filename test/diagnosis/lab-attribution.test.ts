/**
 * Process evidence on one machine goes to a tier by pid, never by command
 * name: on real lab runs (fixtures/lab-runs, README there) where other
 * people's `node` processes and the lab's own traffic client kept the CPU
 * busy, and where the app swapped inside its memory cgroup.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { SCENARIOS } from '../../scripts/lab/scenarios.mjs';
import { ownerOfPid, writerPids } from '../../src/diagnosis/colocation.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { mismatches, type Expect } from '../lab/expect.js';
import { analyzeLabRun } from './tiers.js';

const EXPECT = new Map((SCENARIOS as { name: string; expect: Expect }[]).map((s) => [s.name, s.expect]));
const run = analyzeLabRun;

const writersOf = (hosts: HostData[], id: string): number[] => [...writerPids(hosts.find((h) => h.id === id)!)];

describe('process evidence by pid on one machine', () => {
  it("time-wait: the busy CPU is no tier's, and the TIME_WAIT finding leads", async () => {
    const { analysis, hosts } = await run('time-wait');
    expect(mismatches(analysis, EXPECT.get('time-wait')!)).toEqual([]);
    const appWriters = writersOf(hosts, 'app');
    expect(appWriters.length).toBeGreaterThan(0);
    const cpu = analysis.findings.filter((f) => f.resource === 'cpu' && f.severity !== 'info');
    expect(cpu.length).toBeGreaterThan(0);
    for (const f of cpu) {
      // the top list holds `node` processes, yet not the app's: no tier's by pid
      expect(f.processes!.top.some((p) => p.command === 'node')).toBe(true);
      expect(f.tier).toBe('machine');
    }
    const cpuProblem = analysis.diagnosis.problems.find((p) => p.cause.resource === 'cpu');
    expect(cpuProblem?.cause.tier).toBe('machine');
    // the lab's traffic client opened those connections: a TIME_WAIT socket names no process, so no tier holds them
    const tw = analysis.findings.filter((f) => f.rule === 'tcp-time-wait');
    expect(tw.map((f) => f.tier)).toEqual(['machine', 'machine', 'machine']);
    expect(analysis.diagnosis.cause?.tier).toBe('machine');
  });

  it("memory-swap: the swapping is the app's by its major faults, storage-io its victim", async () => {
    const { analysis, hosts } = await run('memory-swap');
    expect(mismatches(analysis, EXPECT.get('memory-swap')!)).toEqual([]);
    const [appPid] = writersOf(hosts, 'app');
    const swap = analysis.findings.filter((f) => f.rule === 'memory-swapping' && f.severity !== 'info');
    expect(swap.map((f) => [f.host, f.process?.pid])).toEqual(swap.map(() => ['app', appPid]));
    // another worktree's `node ... tsc` burned most of the CPU: the machine's, not the app's
    const runq = analysis.findings.find((f) => f.rule === 'cpu-saturation' && f.severity !== 'info');
    expect(runq?.tier).toBe('machine');
  });

  it("a child of a log writer is that tier's; a namesake elsewhere is no one's", async () => {
    const { hosts } = await run('memory-swap');
    const writers = new Map(hosts.map((h) => [h.id, writerPids(h)]));
    const [appPid] = writersOf(hosts, 'app');
    const parents = new Map([
      [900001, appPid!],
      [900002, 900001],
      [900003, 1],
    ]);
    expect(ownerOfPid(900002, hosts, writers, parents)?.id).toBe('app');
    expect(ownerOfPid(900003, hosts, writers, parents)).toBeNull();
    expect(ownerOfPid(appPid!, hosts, writers, new Map())?.id).toBe('app');
  });

  it("db-lock beside other people's node: the lock is the cause, the machine's CPU takes none of its waits", async () => {
    const { analysis } = await run('db-lock');
    expect(mismatches(analysis, EXPECT.get('db-lock')!)).toEqual([]);
    const cpu = analysis.findings.filter((f) => f.resource === 'cpu' && f.severity !== 'info');
    expect(cpu.length).toBeGreaterThan(0);
    for (const f of cpu) expect(f.tier).toBe('machine');
    // PostgreSQL names the holder (DETAIL: Process holding the lock: 2444); pidstat never listed it: it sat in its transaction
    const lock = analysis.findings.find((f) => f.rule === 'db-locks' && f.subject === 'lockWait');
    expect(lock?.holders?.map((h) => [h.pid, h.command, h.samples, h.state])).toEqual([[2444, 'postgres', 0, 'Ss do_epoll_wait']]);
    // the next command starts from the holder: what it runs and since when
    expect(analysis.diagnosis.nextCommands[0]).toMatch(/from pg_stat_activity where pid in \(2444\)"$/);
    const victims = analysis.diagnosis.problems.flatMap((p) => p.victims);
    expect(victims.filter((v) => v.link.edge === 'cpu-starved-lock-holder' || v.link.edge === 'cpu-latency-timeouts')).toEqual([]);
    // nginx's 5xx name the app tier: they lead to the app's pool exhaustion, which names the db's lock waits
    const web = victims.find((v) => v.host === 'web' && v.link.kind === 'pointer');
    expect(web?.link.from).toBe('app:app-errors:poolExhausted');
    const app = victims.find((v) => v.host === 'app' && v.link.kind === 'pointer');
    expect(app?.link.from).toBe('db:db-locks:lockWait');
  });
});
