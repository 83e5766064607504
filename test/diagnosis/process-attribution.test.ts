/**
 * Findings that name a process carry it as data (a structured `process`),
 * and the co-location attribution reads that field, on the committed lab
 * samples (real runs: samples/memory is a memory-cgroup OOM kill of the app).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attributeColocated } from '../../src/diagnosis/colocation.js';
import type { Finding } from '../../src/diagnosis/types.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { validate } from './schema-validator.js';
import { analyzeTiers } from './tiers.js';

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const sample = (name: string) => ['web', 'app', 'db'].map((tier) => ({ tier, path: join(REPO_ROOT, 'samples', name, `${tier}.tar.gz`) }));

describe('process as a structured field', () => {
  it('memory-errors carries the OOM victim its kernel line names', async () => {
    const { analysis } = await analyzeTiers(sample('memory'));
    const ooms = analysis.findings.filter((f) => f.rule === 'memory-errors' && f.subject === 'oomKill');
    expect(ooms.length).toBeGreaterThan(0);
    for (const f of ooms) {
      // the victim as the kernel printed it, read here independently of the signal catalogue
      const m = /Killed process (\d+) \(([^)]+)\)/.exec(f.evidence[0]!.excerpt);
      expect(m, f.evidence[0]!.excerpt).not.toBeNull();
      expect(f.process).toEqual({ command: m![2], pid: Number(m![1]) });
    }
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(analysis)))).toEqual([]);
  });

  it("a co-located capture demotes a finding about another tier's process, read from the field", async () => {
    const { analysis, hosts } = await analyzeTiers(sample('db-lock'));
    // the db capture's log-writers name the PostgreSQL processes; the web capture of the same machine does not
    const dbProc = hosts.find((h) => h.id === 'db')!.artifacts.find((a) => a.name === 'log-writers')!;
    const comm = (dbProc.blocks[0]!.result.data as { comm: string }[])[0]!.comm;
    const base = analysis.findings.find((f) => f.host === 'web')!;
    const about: Finding = { ...base, id: 'web:x:y', severity: 'critical', title: 'x', process: { command: comm, pid: null } };
    const plain: Finding = { ...base, id: 'web:x:z', severity: 'critical', title: 'y' };
    delete plain.process;
    // a busy CPU is the tier's whose processes, by pid (the log writers and their children), burned at least half of what the top list used
    const cpu = (id: string, top: [string, number, number][]): Finding => ({
      ...base,
      id,
      resource: 'cpu',
      severity: 'warning',
      title: id,
      processes: {
        source: 'pidstat',
        artifact: 'sample/pidstat.txt',
        from: 0,
        to: 1,
        samples: 1,
        top: top.map(([command, cpuPct, pid]) => ({ command, pid, cpuPct })),
      },
    });
    const pidsOf = (id: string): number[] =>
      (hosts.find((h) => h.id === id)!.artifacts.find((a) => a.name === 'log-writers')!.blocks[0]!.result.data as { pid: number }[]).map((r) => r.pid);
    const [db1, db2] = pidsOf('db');
    const [web1] = pidsOf('web');
    const [app1] = pidsOf('app');
    const burnedByDb = cpu('web:cpu-saturation:runq', [
      [comm, 60, db1!],
      [comm, 50, db2!],
      ['nginx', 40, web1!],
    ]);
    const mixed = cpu('web:cpu-utilization:all', [
      [comm, 40, db1!],
      ['nginx', 35, web1!],
      ['node', 30, app1!],
    ]);
    // the same command name as the db's, but a pid no tier's log writer leads to (pid 1's chain): the machine's
    const namesake = cpu('web:cpu-pressure:some', [
      [comm, 90, 1],
      ['nginx', 10, web1!],
    ]);
    attributeColocated(hosts, [about, plain, burnedByDb, mixed, namesake]);
    expect(about.severity).toBe('info');
    expect(about.title).toContain(`process ${comm} is the db tier's`);
    expect(plain.severity).toBe('critical');
    expect(burnedByDb.severity).toBe('info');
    expect(burnedByDb.title).toContain(`process ${comm} is the db tier's`);
    expect(namesake.severity).toBe('warning');
    expect(namesake.tier).toBe('machine');
    expect(mixed.tier).toBe('machine');
    expect(mixed.severity).toBe('warning');
  });
});
