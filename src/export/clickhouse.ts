/**
 * ClickHouse rows (JSONEachRow) matching schema/clickhouse.sql: pure
 * functions of the export records, one table per record kind. Times are
 * split into DateTime seconds and a millisecond part because ClickHouse
 * 18.16 (Debian's) has no DateTime64; an unknown time is 0 (1970-01-01).
 */
import type { CaptureRecord, DiagnosisRecord, EventRecord, ExportRecord, FindingRecord, RecordKind } from './records.js';

/** The table of each record kind, in schema/clickhouse.sql. */
export const TABLES: Readonly<Record<RecordKind, string>> = {
  capture: 'sitrep_captures',
  diagnosis: 'sitrep_diagnoses',
  finding: 'sitrep_findings',
  event: 'sitrep_events',
};

type Row = Record<string, string | number | string[]>;

/** `YYYY-MM-DD hh:mm:ss` in UTC, the DateTime text JSONEachRow accepts; 0 for an unknown time. */
function dateTime(ms: number | null | undefined): string {
  return new Date(ms ?? 0).toISOString().slice(0, 19).replace('T', ' ');
}

/** The millisecond part of a time (0..999, also before 1970). */
function millis(ms: number | null | undefined): number {
  return ms === null || ms === undefined ? 0 : ((ms % 1000) + 1000) % 1000;
}

export function eventRow({ id, capture, hostname, tier, e }: EventRecord): Row {
  return {
    id,
    capture,
    host: hostname,
    tier,
    time: dateTime(e.time),
    time_ms: millis(e.time),
    source: e.source,
    line: e.line,
    level: e.level ?? '',
    signal: e.signal ?? '',
    message: e.message,
  };
}

export function findingRow({ id, capture, hostname, f }: FindingRecord): Row {
  return {
    id,
    capture,
    host: hostname,
    tier: f.tier,
    rule: f.rule,
    resource: f.resource,
    signal: f.signal,
    severity: f.severity,
    subject: f.subject ?? '',
    title: f.title,
    onset: dateTime(f.onset),
    onset_ms: millis(f.onset),
    ended: dateTime(f.end),
    relevance: f.relevance?.kind ?? '',
  };
}

export function captureRow(c: CaptureRecord): Row {
  const h = c.host;
  return {
    id: c.id,
    host: h.hostname,
    tier: h.tier,
    bundle: h.bundle,
    window_start: dateTime(h.window.start),
    window_end: dateTime(h.window.end),
    os: h.os ?? '',
    kernel: h.kernel ?? '',
    cpus: h.cpus ?? 0,
    sitrep_version: c.analyzerVersion,
    capture_version: c.facts.captureVersion,
    format_version: c.facts.formatVersion,
    artifacts: c.artifacts,
    missing: c.missing,
    timed_out: c.timedOut,
    errors: c.facts.errors,
    warnings: c.facts.warnings,
    log_events: c.logEvents,
  };
}

export function diagnosisRow(r: DiagnosisRecord): Row {
  const { d } = r;
  const lead = d.problems[0] ?? d.earlier[0];
  return {
    id: r.id,
    captures: r.captures,
    hosts: r.hosts,
    main: r.main ? 1 : 0,
    scope_start: dateTime(d.scope.start),
    scope_end: dateTime(d.scope.end),
    verdict: d.verdict,
    confidence: d.confidence,
    cause_host: d.cause ? r.name(d.cause.host) : '',
    cause_tier: d.cause?.tier ?? '',
    cause_resource: d.cause?.resource ?? '',
    title: lead?.title ?? '',
    victim_hosts: d.victims.map((v) => r.name(v.host)),
    problems: d.problems.length,
  };
}

export function clickhouseRow(rec: ExportRecord): Row {
  switch (rec.kind) {
    case 'capture':
      return captureRow(rec.r);
    case 'diagnosis':
      return diagnosisRow(rec.r);
    case 'finding':
      return findingRow(rec.r);
    case 'event':
      return eventRow(rec.r);
  }
}
