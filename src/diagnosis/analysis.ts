/** buildAnalysis: every stage's output for a set of hosts, as the public JSON contract (Analysis). */
import type { HostData } from '../parsers/host-data.js';
import type { TimelineSummary } from '../timeline/types.js';
import { buildModels } from '../models/build.js';
import { compareFindings, runRules } from '../rules/run.js';
import type { RuleOverrides } from '../rules/types.js';
import { attributeColocated } from './colocation.js';
import { demoteCopies } from './copies.js';
import { diagnose } from './diagnose.js';
import { hostRef } from './host-refs.js';
import type { HostRef } from './nodes.js';
import { markRelevance } from './relevance.js';
import { buildSeries } from './series.js';
import { dataQuality, inventory, tcpTable, useMatrix } from './tables.js';
import { SCHEMA_VERSION } from './types.js';
import type { Analysis, Diagnosis, Finding, HostSummary } from './types.js';
import { mainGroup, windowGroups, windowNotes } from './windows.js';

/** Bundles whose windows are further apart than this are separate incidents (docs/diagnosis.md). */
export const DEFAULT_WINDOW_GAP_MS = 30 * 60_000;

export interface AnalysisOptions {
  /** sitrep's version for `generator.version`. */
  version?: string;
  /** ISO instant for `generatedAt` (fixed in tests for reproducible output). */
  generatedAt?: string;
  /** Per-rule option overrides: { 'cpu-saturation': { ratio: 1.5 } }. */
  overrides?: RuleOverrides;
  maxSeriesPoints?: number;
  maxDiagnostics?: number;
  /** Bundles whose windows are further apart than this are diagnosed separately (default 30 min). */
  windowGapMs?: number;
}

/** The main window group's diagnosis and each far-apart group's, on that group's hosts and findings only. */
function diagnoseGroups(
  refs: HostRef[],
  findings: Finding[],
  timeline: TimelineSummary,
  gapMs: number,
): { diagnosis: Diagnosis; separate: Diagnosis[]; notes: Map<string, string[]> } {
  const groups = windowGroups(
    refs.map((r) => ({ id: r.id, start: r.windowStart ?? null, end: r.windowEnd ?? null })),
    gapMs,
  );
  const main = mainGroup(groups);
  const run = (ids: string[]): Diagnosis => {
    const set = new Set(ids);
    return diagnose(
      refs.filter((r) => set.has(r.id)),
      findings.filter((f) => set.has(f.host)),
      timeline,
      { setApart: refs.length - ids.length },
    );
  };
  return { diagnosis: run(main.hosts), separate: groups.filter((g) => g !== main).map((g) => run(g.hosts)), notes: windowNotes(groups, gapMs) };
}

function summary(host: HostData, timeline: TimelineSummary, memTotalKb: number | null): HostSummary {
  const c = timeline.clocks.find((x) => x.host === host.id);
  const m = host.meta;
  return {
    id: host.id,
    hostname: host.hostname,
    tier: host.tier,
    cpus: host.cpus,
    window: { start: host.windowStartMs, end: host.windowEndMs },
    bundle: host.bundle,
    ...(m.os ? { os: m.os } : {}),
    ...(m.kernel ? { kernel: m.kernel } : {}),
    ...(memTotalKb !== null ? { memTotalKb } : {}),
    clock: {
      ...(host.clock.tzName ? { tzName: host.clock.tzName } : {}),
      ...(host.clock.utcOffsetMin !== undefined ? { utcOffsetMin: host.clock.utcOffsetMin } : {}),
      ...(m.ntp_synced ? { ntpSynced: m.ntp_synced } : {}),
      offsetMs: c?.offsetMs ?? 0,
      uncertaintyMs: c?.uncertaintyMs ?? 0,
    },
  };
}

export function buildAnalysis(hosts: HostData[], timeline: TimelineSummary, opts: AnalysisOptions = {}): Analysis {
  const findings: Finding[] = [];
  const parts = hosts.map((host) => {
    const models = buildModels(host);
    const run = runRules(host, models, timeline, opts.overrides);
    for (const f of run.findings) findings.push(f); // not push(...): a spread has an argument limit
    return { host, models, failures: run.failures };
  });
  attributeColocated(hosts, findings);
  markRelevance(findings, new Map(hosts.map((h) => [h.id, { start: h.windowStartMs, end: h.windowEndMs }])));
  const refs = parts.map((p) => hostRef(p.host, p.models));
  // After relevance (a copy is of one bucket) and in the findings' order (it breaks ties between copies), before the tables.
  findings.sort(compareFindings);
  if (demoteCopies(findings, refs) > 0) findings.sort(compareFindings);
  const gapMs = opts.windowGapMs ?? DEFAULT_WINDOW_GAP_MS;
  const diag = diagnoseGroups(refs, findings, timeline, gapMs);
  const range = (h: (typeof parts)[number]): number | undefined => {
    const r = h.models.tcp.ephemeralPorts;
    return r ? Math.round((r.high - r.low + 1) / 2) : undefined;
  };
  return {
    schemaVersion: SCHEMA_VERSION,
    generator: { name: 'sitrep', version: opts.version ?? '0.1.0' },
    generatedAt: opts.generatedAt ?? new Date().toISOString(),
    hosts: parts.map((p) => summary(p.host, timeline, p.models.memory.totalKb)),
    findings,
    diagnosis: diag.diagnosis,
    separate: diag.separate,
    windowGapMs: gapMs,
    use: parts.flatMap((p) => useMatrix(p.host, p.models, findings)),
    timeline,
    series: parts.flatMap((p) =>
      buildSeries(p.models, { ...(opts.maxSeriesPoints ? { maxPoints: opts.maxSeriesPoints } : {}), ...(range(p) ? { timeWaitThreshold: range(p)! } : {}) }),
    ),
    tcp: parts.filter((p) => p.models.tcp.snapshots.length > 0).map((p) => tcpTable(p.models)),
    dataQuality: parts.map((p) =>
      dataQuality(
        p.host,
        timeline,
        p.failures.map((f) => ({ artifact: `rule:${f.rule}`, level: 'error', message: `rule ${f.rule} failed: ${f.message}` })),
        opts.maxDiagnostics,
        diag.notes.get(p.host.id),
      ),
    ),
    ...inventories(parts.map((p) => p.host)),
  };
}

/** Every host's inventory, each cut at tables.ts' MAX_BUILD_ROWS, and the rows cut (`inventoryMore`, only when some were). */
function inventories(hosts: HostData[]): Pick<Analysis, 'inventory' | 'inventoryMore'> {
  const all = hosts.map((h) => inventory(h));
  const more = all.reduce((n, x) => n + x.more, 0);
  return { inventory: all.flatMap((x) => x.items), ...(more > 0 ? { inventoryMore: more } : {}) };
}
