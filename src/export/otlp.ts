/**
 * OTLP logs, file exporter shape: one LogsData per line (the JSON mapping of
 * OTLP/protobuf: int64 as decimal strings, enums as integers, attributes as
 * typed AnyValues), as the OpenTelemetry Collector's file receiver reads it.
 * A host's records share one resource (host.name); they are written in
 * batches of BATCH log records per line, so a line stays small however many
 * events a host has. Diagnoses span hosts: their resource names no host.
 */
import type { Severity } from '../diagnosis/types.js';
import type { Level } from '../parsers/types.js';
import { captureRecords, diagnosisRecords, eventRecords, findingRecords, type ExportIndex, type ExportRecord } from './records.js';

/** SeverityNumber of the OpenTelemetry log data model for each syslog level. */
const LEVEL_NUMBER: Record<Level, number> = { debug: 5, info: 9, notice: 10, warning: 13, error: 17, crit: 21, alert: 22, emerg: 23 };
const FINDING_NUMBER: Record<Severity, number> = { info: 9, warning: 13, critical: 21 };

/** Log records per LogsData line. */
export const BATCH = 500;

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface KeyValue {
  key: string;
  value: AnyValue;
}

const str = (key: string, v: string): KeyValue => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): KeyValue => ({ key, value: { intValue: String(Math.trunc(v)) } });

/** Epoch ms to the decimal-string nanoseconds OTLP JSON wants (BigInt: beyond 2^53). */
function nanos(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '0' : (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}

function record(time: number | null | undefined, sev: { n: number; text: string } | null, body: string, attributes: KeyValue[]): Record<string, unknown> {
  return {
    timeUnixNano: nanos(time),
    observedTimeUnixNano: nanos(time),
    ...(sev ? { severityNumber: sev.n, severityText: sev.text } : {}),
    body: { stringValue: body },
    attributes,
  };
}

/** One export record as an OTLP LogRecord; `sitrep.record` says which kind, `sitrep.id` is its deterministic id. */
export function otlpRecord(rec: ExportRecord): Record<string, unknown> {
  const head = (id: string, capture: string): KeyValue[] => [
    str('sitrep.record', rec.kind),
    str('sitrep.id', id),
    ...(capture ? [str('sitrep.capture', capture)] : []),
  ];
  switch (rec.kind) {
    case 'event': {
      const { e } = rec.r;
      return record(e.time, e.level ? { n: LEVEL_NUMBER[e.level], text: e.level } : null, e.message, [
        ...head(rec.r.id, rec.r.capture),
        str('log.file.path', e.source),
        int('sitrep.line', e.line),
        ...(e.signal ? [str('sitrep.signal', e.signal)] : []),
      ]);
    }
    case 'finding': {
      const { f } = rec.r;
      return record(f.onset ?? f.relevance?.first, { n: FINDING_NUMBER[f.severity], text: f.severity }, f.title, [
        ...head(rec.r.id, rec.r.capture),
        str('sitrep.rule', f.rule),
        str('sitrep.tier', f.tier),
        str('sitrep.resource', f.resource),
        str('sitrep.signal', f.signal),
        ...(f.subject ? [str('sitrep.subject', f.subject)] : []),
        ...(f.relevance ? [str('sitrep.relevance', f.relevance.kind)] : []),
      ]);
    }
    case 'capture': {
      const c = rec.r;
      return record(c.host.window.start, null, `capture of ${c.host.hostname} (${c.host.tier})`, [
        ...head(c.id, c.id),
        str('sitrep.tier', c.host.tier),
        str('sitrep.bundle', c.host.bundle),
        str('sitrep.window.start', c.start),
        str('sitrep.window.end', c.end),
        str('sitrep.version', c.analyzerVersion),
        str('sitrep.capture_version', c.facts.captureVersion),
        str('sitrep.format_version', c.facts.formatVersion),
        int('sitrep.artifacts', c.artifacts),
        int('sitrep.missing', c.missing),
        int('sitrep.timed_out', c.timedOut),
        int('sitrep.errors', c.facts.errors),
        int('sitrep.warnings', c.facts.warnings),
        int('sitrep.log_events', c.logEvents),
      ]);
    }
    case 'diagnosis': {
      const { d } = rec.r;
      const lead = d.problems[0] ?? d.earlier[0];
      return record(d.scope.start, null, `${d.verdict}${lead ? `: ${lead.title}` : ''}`, [
        ...head(rec.r.id, ''),
        str('sitrep.verdict', d.verdict),
        { key: 'sitrep.confidence', value: { doubleValue: d.confidence } },
        { key: 'sitrep.main', value: { boolValue: rec.r.main } },
        str('sitrep.hosts', rec.r.hosts.join(',')),
        ...(d.cause
          ? [str('sitrep.cause.host', rec.r.name(d.cause.host)), str('sitrep.cause.tier', d.cause.tier), str('sitrep.cause.resource', d.cause.resource)]
          : []),
        str('sitrep.victims', d.victims.map((v) => `${rec.r.name(v.host)}/${v.tier}/${v.resource}`).join(',')),
      ]);
    }
  }
}

/** One LogsData line: records under one resource (host.name when a host is given) and one scope. */
export function logsData(host: string | null, version: string, logRecords: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceLogs: [
      {
        resource: { attributes: [...(host !== null ? [str('host.name', host)] : []), str('service.name', 'sitrep')] },
        scopeLogs: [{ scope: { name: 'sitrep', version }, logRecords }],
      },
    ],
  };
}

/** LogsData lines of BATCH records at most from `records`, all under one resource. */
function* batched(host: string | null, version: string, records: Iterable<ExportRecord>): Generator<Record<string, unknown>> {
  let batch: Record<string, unknown>[] = [];
  for (const r of records) {
    batch.push(otlpRecord(r));
    if (batch.length >= BATCH) {
      yield logsData(host, version, batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield logsData(host, version, batch);
}

/** Every line of `--format otlp`: the diagnoses, then per host its capture, findings and events. */
export function* otlpLines(ix: ExportIndex): Generator<Record<string, unknown>> {
  const version = ix.analysis.generator.version;
  yield* batched(null, version, diagnosisRecords(ix));
  for (const [id, { host }] of ix.byId) {
    const mine = function* (): Generator<ExportRecord> {
      yield* captureRecords(ix, id);
      yield* findingRecords(ix, id);
      yield* eventRecords(ix, id);
    };
    yield* batched(host.hostname, version, mine());
  }
}
