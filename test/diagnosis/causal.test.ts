/**
 * The causal model on hosts with history (issue 14): real log lines from the
 * signal catalogue placed before and inside each host's capture window, as a
 * host's day of logs holds them. Every Analysis is checked against the schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAnalysis, type AnalysisOptions } from '../../src/diagnosis/analysis.js';
import type { Analysis } from '../../src/diagnosis/types.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { renderTerminal } from '../../src/render/terminal.js';
import { TimelineBuilder, mergeTimelines } from '../../src/timeline/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { eventsInput, sampleEvents } from '../rules/events.js';
import { validate } from './schema-validator.js';

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const W = Date.parse('2026-11-26T12:00:00Z');
const MIN = 60_000;

interface Spec {
  id: string;
  tier: string;
  window?: number;
  lines: { signals: string[]; at: number }[];
}

/** Hosts whose 20 s window starts at `window` (default W), carrying these signals' real lines at the given instants. */
function hostsWith(spec: Spec[], opts: AnalysisOptions = {}): Analysis {
  const hosts: HostData[] = [];
  const partials = spec.map((s) => {
    const start = s.window ?? W;
    hosts.push({ ...eventsInput([], { id: s.id, tier: s.tier }).host, windowStartMs: start, windowEndMs: start + 20_000 });
    const b = new TimelineBuilder(s.id);
    for (const l of s.lines) for (const e of sampleEvents(l.signals, l.at)) b.add(e, s.id);
    return b.finish();
  });
  const timeline = mergeTimelines(
    partials,
    spec.map((s) => ({ host: s.id, offsetMs: 0, uncertaintyMs: 500, notes: [] })),
  );
  const a = buildAnalysis(hosts, timeline, { generatedAt: '2026-11-26T13:00:00.000Z', ...opts });
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(a)))).toEqual([]);
  return a;
}

const INCIDENT = (at: number): Spec[] => [
  { id: 'db1', tier: 'db', lines: [{ signals: ['db-lock-wait'], at }] },
  { id: 'app1', tier: 'app', lines: [{ signals: ['pool-exhausted', 'db-statement-timeout'], at: at + 2_000 }] },
  { id: 'web1', tier: 'web', lines: [{ signals: ['http-502', 'http-504', 'http-5xx', 'nginx-upstream-timeout'], at: at + 4_000 }] },
];

describe("relevance: the host's history is not the incident", () => {
  it('an OOM storm that ended 40 minutes before the window is an earlier event, never the cause of the lock waits in it', () => {
    const locks = [2_000, 4_000, 6_000].map((t) => ({ signals: ['db-lock-wait'], at: W + t }));
    const a = hostsWith([{ id: 'db1', tier: 'db', lines: [{ signals: ['oom-kill'], at: W - 40 * MIN }, ...locks] }]);
    const oom = a.findings.find((f) => f.rule === 'memory-errors')!;
    expect(oom.relevance).toMatchObject({ kind: 'earlier' });
    expect(oom.relevance!.endedBeforeMs).toBeGreaterThan(39 * MIN);
    expect(a.diagnosis.verdict, JSON.stringify([a.diagnosis.confidenceTable, a.findings.map((f) => [f.id, f.severity, f.relevance])])).toBe('cause-found');
    expect(a.diagnosis.cause).toMatchObject({ host: 'db1', resource: 'application' });
    expect(a.diagnosis.victims).toEqual([]);
    expect(a.diagnosis.earlier.map((e) => e.cause.findings)).toEqual([[oom.id]]);
    expect(a.diagnosis.reasoning.map((r) => r.text).join(' ')).toMatch(/Earlier event \(ended 40 min before the capture/);
  });

  it('an incident that ended 10 minutes before the capture: recovered, diagnosed with its cause and victims', () => {
    const a = hostsWith(INCIDENT(W - 10 * MIN));
    const d = a.diagnosis;
    expect(d.verdict).toBe('recovered');
    expect(d.problems).toEqual([]);
    expect(d.cause).toMatchObject({ host: 'db1', resource: 'application' });
    expect(d.victims.map((v) => [v.host, v.link.kind, v.dependsOn.host])).toEqual(
      expect.arrayContaining([
        ['app1', 'pointer', 'db1'],
        ['web1', 'pointer', 'app1'],
      ]),
    );
    expect(d.earlier[0]!.relevance.endedBeforeMs).toBeGreaterThan(9 * MIN);
    expect(d.reasoning.map((r) => r.text).join(' ')).toMatch(
      /Nothing was wrong during the capture window; the most recent problem in the logs ended 10 min before it/,
    );
  });

  it('the same incident inside the window is cause-found, its victims linked by pointers', () => {
    const d = hostsWith(INCIDENT(W + 1_000)).diagnosis;
    expect(d.verdict).toBe('cause-found');
    expect(d.earlier).toEqual([]);
    expect(d.confidenceTable.adjustments.map((x) => x.name)).toEqual(expect.arrayContaining(['followed-pointers', 'sole-problem']));
    expect(d.confidence).toBe(Math.round((d.confidenceTable.base + d.confidenceTable.adjustments.reduce((s, x) => s + x.delta, 0)) * 100) / 100);
  });
});

describe('several problems', () => {
  it("active problems with no link between them are independent, ranked, and none is the other's victim", () => {
    const a = hostsWith([
      { id: 'db1', tier: 'db', lines: [{ signals: ['db-lock-wait'], at: W + 1_000 }] },
      { id: 'app1', tier: 'app', lines: [{ signals: ['disk-io-error'], at: W + 5_000 }] },
    ]);
    const d = a.diagnosis;
    expect(d.problems.map((p) => p.cause.host).sort()).toEqual(['app1', 'db1']);
    expect(d.problems.every((p) => p.victims.length === 0)).toBe(true);
    expect(d.victims).toEqual([]);
    expect(d.confidenceTable.adjustments.map((x) => x.name)).toContain(d.problems[0]!.cause.host === 'app1' ? 'independent-problems' : 'close-call');
  });

  it('a victim with no link to any cause is not called one: web 5xx pointing at an uncaptured app tier stay unexplained', () => {
    const a = hostsWith([
      { id: 'web1', tier: 'web', lines: [{ signals: ['http-502', 'http-5xx', 'nginx-upstream-timeout'], at: W + 1_000 }] },
      { id: 'db1', tier: 'db', lines: [{ signals: ['oom-kill'], at: W - 30 * MIN }] },
    ]);
    expect(a.diagnosis.verdict).toBe('inconclusive');
    expect(a.diagnosis.earlier).toHaveLength(1);
    expect(a.diagnosis.victims.every((v) => v.link.kind === 'pointer')).toBe(true);
  });
});

describe('time sanity across bundles', () => {
  const farApart = (): Spec[] => [
    { id: 'web1', tier: 'web', lines: [{ signals: ['http-502', 'http-5xx', 'nginx-upstream-timeout'], at: W + 1_000 }] },
    { id: 'db1', tier: 'db', window: W + 8 * 24 * 60 * MIN, lines: [{ signals: ['db-lock-wait'], at: W + 8 * 24 * 60 * MIN + 1_000 }] },
  ];

  it('bundles 8 days apart are not chained: each is diagnosed on its own and the data quality and terminal say why', () => {
    const a = hostsWith(farApart());
    expect(a.windowGapMs).toBe(30 * MIN);
    expect(a.separate).toHaveLength(1);
    const scopes = [a.diagnosis.scope.hosts, a.separate[0]!.scope.hosts];
    expect(scopes).toEqual(expect.arrayContaining([['web1'], ['db1']]));
    // The web's errors point at a tier not in its group: no lock wait 8 days later explains them.
    const webDiag = [a.diagnosis, ...a.separate].find((d) => d.scope.hosts.includes('web1'))!;
    expect(webDiag.verdict).toBe('inconclusive');
    expect(webDiag.confidenceTable.adjustments.map((x) => x.name)).toContain('far-apart-windows');
    for (const q of a.dataQuality) expect(q.windowNotes.join(' ')).toMatch(/days|diagnosed on (its|their) own/);
    expect(renderTerminal(a, { color: false })).toMatch(/apart: +\S+: captured more than 30 min from the others, diagnosed on its own/);
  });

  it('a wider --window-gap chains them again', () => {
    const a = hostsWith(farApart(), { windowGapMs: 9 * 24 * 60 * MIN });
    expect(a.separate).toEqual([]);
    expect(a.diagnosis.scope.hosts.sort()).toEqual(['db1', 'web1']);
    expect(a.dataQuality.every((q) => q.windowNotes.length === 0)).toBe(true);
  });
});
