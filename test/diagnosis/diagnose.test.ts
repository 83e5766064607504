/**
 * Cause vs victim across tiers and within a host, on real inputs: the signal
 * catalogue's real log lines placed on web/app/db hosts, and samples taken
 * here under stress-ng with a socket leak starting later. Every Analysis is
 * checked against schema/report.schema.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import type { Analysis } from '../../src/diagnosis/types.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { TimelineBuilder, mergeTimelines } from '../../src/timeline/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { T0, eventsInput, sampleEvents } from '../rules/events.js';
import { background, command, hostFrom, sampleWindow, sleep, ssSamples, withMachineLock, type Load } from '../rules/fixtures.js';
import { validate } from './schema-validator.js';
import { lacks } from '../helpers/need.js';

/** Other test files may hold the machine lock for a few minutes. */
const LOCK_WAIT_MS = 15 * 60_000;
const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;

/** Hosts carrying these signals' real sample lines, each host's lines starting at its own instant. */
function tiers(spec: { id: string; tier: string; signals: string[]; atMs: number }[]): Analysis {
  const hosts: HostData[] = [];
  const partials = spec.map((s) => {
    hosts.push(eventsInput([], { id: s.id, tier: s.tier }).host);
    const b = new TimelineBuilder(s.id);
    for (const e of sampleEvents(s.signals, s.atMs)) b.add(e, s.id);
    return b.finish();
  });
  const timeline = mergeTimelines(
    partials,
    spec.map((s) => ({ host: s.id, offsetMs: 0, uncertaintyMs: 500, notes: [] })),
  );
  return buildAnalysis(hosts, timeline, { generatedAt: '2026-11-26T00:00:00.000Z' });
}

function expectValid(a: Analysis): void {
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(a)))).toEqual([]);
}

describe('diagnose across tiers (real log lines)', () => {
  it('a DB lock wait is the cause; the app pool exhaustion and nginx 502/504 are its victims', () => {
    const a = tiers([
      { id: 'db1', tier: 'db', signals: ['db-lock-wait'], atMs: T0 },
      { id: 'app1', tier: 'app', signals: ['pool-exhausted', 'db-statement-timeout'], atMs: T0 + 10_000 },
      { id: 'web1', tier: 'web', signals: ['http-502', 'http-504', 'http-5xx', 'nginx-upstream-timeout'], atMs: T0 + 20_000 },
    ]);
    const d = a.diagnosis;
    expect(d.verdict).toBe('cause-found');
    expect(d.cause).toMatchObject({ host: 'db1', tier: 'db', resource: 'application' });
    expect(d.cause!.findings).toEqual(['db1:db-locks:lockWait']);
    const web = d.victims.find((v) => v.host === 'web1');
    const app = d.victims.find((v) => v.host === 'app1');
    expect(web?.dependsOn).toEqual({ host: 'app1', tier: 'app' });
    expect(app?.dependsOn).toEqual({ host: 'db1', tier: 'db' });
    expect(d.reasoning.some((r) => r.findings?.includes('db1:db-locks:lockWait'))).toBe(true);
    expect(d.confidence).toBeGreaterThanOrEqual(0.7);
    expectValid(a);
  });

  it('errors pointing at a tier nobody captured are inconclusive, not a guess', () => {
    const a = tiers([
      { id: 'web1', tier: 'web', signals: ['http-502', 'http-504', 'http-5xx', 'nginx-upstream-timeout'], atMs: T0 },
      { id: 'app1', tier: 'app', signals: ['pool-exhausted'], atMs: T0 - 5_000 },
    ]);
    expect(a.diagnosis.verdict).toBe('inconclusive');
    expect(a.diagnosis.cause).toBeNull();
    expect(a.diagnosis.reasoning.map((r) => r.text).join(' ')).toMatch(/db tier/);
    expectValid(a);
  });

  it('hosts with no finding are healthy, and their USE cells say ok or no-data, never a severity', () => {
    const a = tiers([{ id: 'web1', tier: 'web', signals: ['service-started'], atMs: T0 }]);
    expect(a.diagnosis.verdict).toBe('healthy');
    expect(a.findings).toEqual([]);
    expect(new Set(a.use.map((c) => c.status))).toEqual(new Set(['no-data']));
    expectValid(a);
  });
});

describe('diagnose within one host (samples taken here)', () => {
  let loads: Load[] = [];
  afterEach(async () => {
    for (const l of loads) await l.stop();
    loads = [];
  });

  /**
   * stress-ng saturates the CPUs; 4.5 s into the window 100 clients connect
   * and close towards a node server. `handler` is what the server does with a
   * connection its peer closed: nothing (a leak: CLOSE_WAIT whatever the CPU
   * does) or 40 ms of CPU work then close() (it closes late only because it
   * waits for a CPU). pidstat runs like the capture's, so the finding carries
   * the owner's %wait.
   */
  async function cpuThenCloseWait(port: number, handler: string): Promise<{ a: Analysis; pid: number }> {
    const script = `require('net').createServer({ allowHalfOpen: true }, (s) => { s.on('error', () => {}); ${handler} }).listen(${port}, '127.0.0.1'); setTimeout(() => process.exit(0), 30000);`;
    // One session for stress-ng and the server: with sched_autogroup each detached spawn is its own
    // session, the scheduler shares the CPUs between sessions, and the server would get a core of its own.
    const server = background('sh', ['-c', 'stress-ng --cpu 6 --timeout 14 >/dev/null 2>&1 & exec "$0" -e "$1"', process.execPath, script]);
    loads.push(server);
    await sleep(1000);
    const pidstat = sleep(4 * 120).then(() => command('pidstat', 'pidstat', ['-u', '-d', '-r', '-h', '1', '8'], 'sample', 'sample/pidstat.txt'));
    const sampling = sampleWindow(8, [ssSamples(5, 1500), pidstat]);
    await sleep(4500);
    loads.push(
      background(process.execPath, [
        '-e',
        `const net = require('net'); let i = 0; const go = () => { if (i++ >= 100) return; const c = net.connect(${port}, '127.0.0.1', () => c.end()); c.on('error', () => {}); setTimeout(go, 20); }; go(); setTimeout(() => {}, 6000);`,
      ]),
    );
    const a = buildAnalysis([hostFrom(await sampling)], mergeTimelines([], []), { generatedAt: '2026-11-26T00:00:00.000Z' });
    return { a, pid: server.child.pid! };
  }

  const starvedLink = (a: Analysis, id: string) =>
    a.diagnosis.problems.flatMap((p) => p.victims).find((v) => v.findings.includes(id) && v.link.edge === 'cpu-starved-close-wait');

  it.skipIf(lacks('CPU then CLOSE_WAIT', { tools: ['stress-ng', 'pidstat'] }))(
    'a server that never closes, beside a CPU hog: the leak is its own problem, not a CPU victim',
    () =>
      withMachineLock(async () => {
        const { a, pid } = await cpuThenCloseWait(18961, '');
        const cw = a.findings.find((f) => f.rule === 'tcp-close-wait' && f.subject === `node/${pid}`);
        const cpu = a.findings.find((f) => f.rule === 'cpu-saturation');
        expect(cw, JSON.stringify(a.findings.map((f) => f.title))).toBeDefined();
        expect(cpu).toBeDefined();
        expect(cpu!.onset!).toBeLessThan(cw!.onset!);
        console.log(`[measured] idle leaking owner: ${JSON.stringify(cw!.process)}`);
        expect(cw!.process?.pid).toBe(pid);
        expect(cw!.process?.waitPct ?? 0).toBeLessThan(10);
        expect(starvedLink(a, cw!.id)).toBeUndefined();
        expect(a.diagnosis.problems.some((p) => p.cause.findings.includes(cw!.id))).toBe(true);
        expect(a.tcp[0]?.byProcess.some((p) => p.pid === pid && (p.states.CLOSE_WAIT ?? 0) > 0)).toBe(true);
        expect(a.series.map((s) => s.metric)).toEqual(expect.arrayContaining(['cpu.util', 'cpu.runq', 'mem.available', 'tcp.close_wait']));
        expectValid(a);
      }),
    LOCK_WAIT_MS,
  );

  it.skipIf(lacks('CPU then CLOSE_WAIT', { tools: ['stress-ng', 'pidstat'] }))(
    "a server that closes late because it waits for a CPU: CLOSE_WAIT is the CPU saturation's victim",
    () =>
      withMachineLock(async () => {
        // 40 ms of CPU time, not of wall time, per close: 100 closes ask for more than a core, so the
        // server stays runnable behind stress-ng instead of finishing each burst inside a wake-up bonus.
        const busy = `s.on('end', () => { const c = process.cpuUsage(); while (process.cpuUsage(c).user < 40000); s.destroy(); });`;
        const { a, pid } = await cpuThenCloseWait(18962, busy);
        const cw = a.findings.find((f) => f.rule === 'tcp-close-wait' && f.subject === `node/${pid}`);
        expect(cw, JSON.stringify(a.findings.map((f) => f.title))).toBeDefined();
        console.log(`[measured] starved owner: ${JSON.stringify(cw!.process)}`);
        expect(cw!.process?.waitPct ?? 0).toBeGreaterThanOrEqual(10);
        expect(a.diagnosis.cause?.resource).toBe('cpu');
        expect(starvedLink(a, cw!.id)?.link.evidence).toContain(`(pid ${pid}) waited for a CPU`);
        expectValid(a);
      }),
    LOCK_WAIT_MS,
  );
});

describe('the schema validator itself', () => {
  it('rejects what the schema forbids', () => {
    const a = tiers([{ id: 'web1', tier: 'web', signals: ['http-502', 'http-504', 'http-5xx', 'nginx-upstream-timeout'], atMs: T0 }]);
    const bad = JSON.parse(JSON.stringify(a)) as Record<string, unknown> & { diagnosis: Record<string, unknown>; findings: Record<string, unknown>[] };
    bad.diagnosis.verdict = 'maybe';
    delete bad.findings[0]!.rule;
    bad.extra = 1;
    const errors = validate(SCHEMA, bad);
    expect(errors).toEqual(
      expect.arrayContaining(['$.diagnosis.verdict: "maybe" not in enum', '$.findings[0]: missing required rule', '$: unexpected property extra']),
    );
  });
});
