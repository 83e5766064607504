/**
 * The records `sitrep export` writes, before any format: one capture per
 * bundle, the diagnoses, the findings and the timeline's kept events, each
 * with its deterministic id (ids.ts). The format modules (ecs, otlp,
 * clickhouse) are pure mappings of these. A record names its host by
 * hostname, not by the analysis's host id (`web1-2` when two bundles share a
 * name): in a fleet store the host is the machine, and the capture id tells
 * two captures of it apart.
 */
import type { Analysis, Diagnosis, Finding, HostSummary } from '../diagnosis/types.js';
import type { TimelineEvent } from '../timeline/types.js';
import { captureId, diagnosisId, eventId, findingId } from './ids.js';

/**
 * What the Analysis does not carry whole about a bundle: versions from its
 * meta.txt, and its diagnostics by level (the Analysis keeps only the first ones).
 */
export interface BundleFacts {
  formatVersion: string;
  captureVersion: string;
  errors: number;
  warnings: number;
  /** The manifest's row count: the Analysis keeps the first rows of a host's inventory only (diagnosis/tables.ts). */
  artifacts?: number;
}

export interface CaptureRecord {
  id: string;
  host: HostSummary;
  start: string;
  end: string;
  analyzerVersion: string;
  facts: BundleFacts;
  artifacts: number;
  missing: number;
  timedOut: number;
  logEvents: number;
}

export interface EventRecord {
  id: string;
  capture: string;
  hostname: string;
  tier: string;
  e: TimelineEvent;
}
export interface FindingRecord {
  id: string;
  capture: string;
  hostname: string;
  f: Finding;
}
export interface DiagnosisRecord {
  id: string;
  captures: string[];
  /** Hostnames of the hosts it covers. */
  hosts: string[];
  /** The main diagnosis (of the largest window group), not a separate one. */
  main: boolean;
  d: Diagnosis;
  /** Hostname of each host id the diagnosis names. */
  name: (hostId: string) => string;
}

export type ExportRecord =
  { kind: 'capture'; r: CaptureRecord } | { kind: 'diagnosis'; r: DiagnosisRecord } | { kind: 'finding'; r: FindingRecord } | { kind: 'event'; r: EventRecord };

export type RecordKind = ExportRecord['kind'];

/** ISO instant of a window end, or '' when the bundle has none: part of the ids, so never a wall-clock now. */
function isoOr(ms: number | null): string {
  return ms === null ? '' : new Date(ms).toISOString();
}

/** Per host id: its summary, capture id and window strings. */
export class ExportIndex {
  readonly byId = new Map<string, { host: HostSummary; capture: string; start: string; end: string }>();

  constructor(
    readonly analysis: Analysis,
    readonly facts: ReadonlyMap<string, BundleFacts>,
  ) {
    for (const h of analysis.hosts) {
      const start = isoOr(h.window.start);
      const end = isoOr(h.window.end);
      this.byId.set(h.id, { host: h, capture: captureId(h.hostname, start, end), start, end });
    }
  }

  hostname(id: string): string {
    return this.byId.get(id)?.host.hostname ?? id;
  }

  capture(id: string): string {
    return this.byId.get(id)?.capture ?? '';
  }
}

/** The generators below take a host id to yield only that host's records (OTLP groups by host). */
export function* captureRecords(ix: ExportIndex, only?: string): Generator<ExportRecord> {
  const a = ix.analysis;
  for (const [id, { host, capture, start, end }] of ix.byId) {
    if (only !== undefined && id !== only) continue;
    const q = a.dataQuality.find((x) => x.host === id);
    const facts = ix.facts.get(id);
    yield {
      kind: 'capture',
      r: {
        id: capture,
        host,
        start,
        end,
        analyzerVersion: a.generator.version,
        facts: facts ?? { formatVersion: '', captureVersion: '', errors: 0, warnings: 0 },
        artifacts: facts?.artifacts ?? a.inventory.filter((i) => i.host === id).length,
        missing: q?.missing.length ?? 0,
        timedOut: q?.timedOut.length ?? 0,
        logEvents: (q?.logs ?? []).reduce((n, l) => n + l.events, 0),
      },
    };
  }
}

export function* diagnosisRecords(ix: ExportIndex): Generator<ExportRecord> {
  const a = ix.analysis;
  for (const [i, d] of [a.diagnosis, ...a.separate].entries()) {
    const captures = d.scope.hosts.map((h) => ix.capture(h));
    yield {
      kind: 'diagnosis',
      r: { id: diagnosisId(captures), captures, hosts: d.scope.hosts.map((h) => ix.hostname(h)), main: i === 0, d, name: (h) => ix.hostname(h) },
    };
  }
}

export function* findingRecords(ix: ExportIndex, only?: string): Generator<ExportRecord> {
  for (const f of ix.analysis.findings) {
    if (only !== undefined && f.host !== only) continue;
    const h = ix.byId.get(f.host);
    const hostname = ix.hostname(f.host);
    yield { kind: 'finding', r: { id: findingId(f.rule, hostname, h?.start ?? '', h?.end ?? '', f.subject ?? ''), capture: ix.capture(f.host), hostname, f } };
  }
}

export function* eventRecords(ix: ExportIndex, only?: string): Generator<ExportRecord> {
  for (const e of ix.analysis.timeline.events) {
    if (only !== undefined && e.host !== only) continue;
    const capture = ix.capture(e.host);
    const tier = ix.byId.get(e.host)?.host.tier ?? '';
    yield { kind: 'event', r: { id: eventId(capture, e.source, e.line), capture, hostname: ix.hostname(e.host), tier, e } };
  }
}

/** Every record, captures first, then diagnoses, findings and events: one at a time, so memory holds none of them. */
export function* allRecords(ix: ExportIndex, kinds: ReadonlySet<RecordKind> = new Set(['capture', 'diagnosis', 'finding', 'event'])): Generator<ExportRecord> {
  if (kinds.has('capture')) yield* captureRecords(ix);
  if (kinds.has('diagnosis')) yield* diagnosisRecords(ix);
  if (kinds.has('finding')) yield* findingRecords(ix);
  if (kinds.has('event')) yield* eventRecords(ix);
}
