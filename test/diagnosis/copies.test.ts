/**
 * One machine's fact seen by several of its captures is counted once: the
 * copies are demoted to info, naming the capture that holds it (copies.ts).
 * On the committed samples (three UTS namespaces of one kernel) and the
 * recorded lab runs (fixtures/lab-runs), through the real pipeline.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineKey } from '../../src/diagnosis/colocation.js';
import type { Analysis } from '../../src/diagnosis/types.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { analyzeLabRun, analyzeTiers } from './tiers.js';

const sample = (name: string): ReturnType<typeof analyzeTiers> =>
  analyzeTiers(['web', 'app', 'db'].map((tier) => ({ tier, path: join(REPO_ROOT, 'samples', name, `${tier}.tar.gz`) })));

/** Warning or critical findings that state one fact twice: same machine, relevance, rule, subject and source artifacts. */
function counted(a: Analysis, hosts: HostData[]): string[] {
  const machine = new Map(hosts.map((h) => [h.id, machineKey(h)]));
  const seen = new Map<string, string>();
  const twice: string[] = [];
  for (const f of a.findings.filter((x) => x.severity !== 'info')) {
    const src = [...new Set(f.evidence.map((e) => e.artifact))].sort().join(',');
    const k = `${machine.get(f.host)}|${f.relevance?.kind === 'earlier'}|${f.rule}|${f.subject ?? ''}|${src}`;
    if (seen.has(k)) twice.push(`${f.id} repeats ${seen.get(k)}`);
    else seen.set(k, f.id);
  }
  return twice;
}

describe('copies of one machine’s fact', () => {
  it('samples/memory: one OOM kill, one critical memory finding, memory critical on the cause’s host only', async () => {
    const { analysis: a, hosts } = await sample('memory');
    expect(new Set(hosts.map(machineKey)).size).toBe(1);
    const cause = a.diagnosis.cause!;
    expect(cause.resource).toBe('memory');
    const oom = a.findings.filter((f) => f.rule === 'memory-errors');
    expect(oom.length).toBe(3);
    expect(oom.filter((f) => f.severity === 'critical').map((f) => f.host)).toEqual([cause.host]);
    for (const f of oom.filter((x) => x.host !== cause.host)) {
      expect(f.severity).toBe('info');
      // the reason names the tier and the capture holding the fact
      expect(f.title).toContain(`the ${cause.tier} tier's`);
      expect(f.title).toContain(cause.host);
    }
    const critical = a.use.filter((c) => c.resource === 'memory' && c.status === 'critical').map((c) => c.host);
    expect(critical).toEqual([cause.host]);
    expect(counted(a, hosts)).toEqual([]);
  });

  for (const name of ['db-lock', 'close-wait']) {
    it(`samples/${name}: no fact counted twice`, async () => {
      const { analysis, hosts } = await sample(name);
      expect(counted(analysis, hosts)).toEqual([]);
    });
  }

  for (const name of ['db-lock', 'memory-swap', 'time-wait']) {
    it(`lab run ${name}: no fact counted twice, the verdict unchanged in kind`, async () => {
      const { analysis, hosts } = await analyzeLabRun(name);
      expect(counted(analysis, hosts)).toEqual([]);
      expect(analysis.diagnosis.verdict).toBe('cause-found');
      // a copy's reason and a machine attribution read as one clause each, never as "(…) (…)"
      const noted = analysis.findings.filter((f) => f.title.includes('the same fact'));
      expect(noted.length).toBeGreaterThan(0);
      for (const f of noted) expect(f.title).not.toContain(') (');
    });
  }

  it('lab run time-wait: the machine’s TIME_WAIT sockets are one finding; the others say where it is counted', async () => {
    const { analysis } = await analyzeLabRun('time-wait');
    const tw = analysis.findings.filter((f) => f.rule === 'tcp-time-wait');
    expect(tw.length).toBeGreaterThan(1);
    const loud = tw.filter((f) => f.severity !== 'info');
    expect(loud.length).toBe(1);
    for (const f of tw.filter((x) => x !== loud[0])) expect(f.title).toContain(`counted once there`);
  });
});
