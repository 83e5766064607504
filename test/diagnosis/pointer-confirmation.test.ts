/**
 * A pointer is confirmed when both ends' socket tables list the same
 * connection (links.ts, confirmation). On the recorded db-lock lab run
 * (fixtures/lab-runs: three captures of one machine) the app's pool
 * exhaustion points at the db; its sockets to PostgreSQL's port are listed
 * from both ends. The same refs with the db's own table emptied of those
 * connections (as when captures are far apart, or a NAT sits between)
 * confirm nothing: a port match alone is said, not counted.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { hostRef } from '../../src/diagnosis/host-refs.js';
import type { HostRef } from '../../src/diagnosis/nodes.js';
import { buildModels } from '../../src/models/build.js';
import { analyzeLabRun } from './tiers.js';

const recorded = analyzeLabRun('db-lock');

async function appPointer(edit: (refs: HostRef[]) => HostRef[] = (r) => r) {
  const { analysis, hosts, timeline } = await recorded;
  const d = diagnose(edit(hosts.map((h) => hostRef(h, buildModels(h)))), analysis.findings, timeline);
  return d.problems.flatMap((p) => p.victims).find((v) => v.host === 'app' && v.link.kind === 'pointer')!.link;
}

describe('pointer confirmation', () => {
  it('confirms the app → db pointer from both ends, naming only the port a db process listens on', async () => {
    const { hosts } = await recorded;
    const db = hostRef(
      hosts.find((h) => h.id === 'db')!,
      buildModels(hosts.find((h) => h.id === 'db')!),
    );
    // one machine: every tier's listeners are in the db capture's table, PostgreSQL's (pid 1420, a log writer) among them
    expect(db.listening).toEqual(expect.arrayContaining([15432, 18080, 18081]));
    expect(db.ownListening).toEqual([15432]);
    const link = await appPointer();
    expect(link.confirmed).toBe(true);
    expect(link.evidence).toMatch(/ss on both ends shows \d+ connection\(s\) from app to port 15432, where db listens$/);
  });

  it("says a port match alone, unconfirmed, when the db's table lists none of those connections", async () => {
    const link = await appPointer((refs) => refs.map((r) => (r.id === 'db' ? { ...r, conns: new Set<string>() } : r)));
    expect(link.confirmed).toBe(false);
    expect(link.evidence).toMatch(/ss shows \d+ connection\(s\) from app to port 15432, where db listens, but db's table lists none of them \(ports only\)$/);
  });

  it('on separate machines, takes every port the pointed host listens on', async () => {
    const link = await appPointer((refs) => refs.map((r) => ({ ...r, machine: r.id })));
    expect(link.confirmed).toBe(true);
    expect(link.evidence).toMatch(/from app to port [\d, ]*15432[\d, ]*, where db listens$/);
  });
});
