/**
 * Elastic Common Schema documents: pure functions of the export records.
 * Log events are `event.kind: event`, findings `alert` (with `rule.*`), a
 * capture `state` (what the host was), a diagnosis `event` of dataset
 * `sitrep.diagnosis`. Every field name is an ECS field, or a key under
 * `labels` (keyword values only); test/export/ecs-fields.test.ts checks them
 * against the vendored ECS field list (test/fixtures/ecs/).
 */
import type { Severity } from '../diagnosis/types.js';
import type { Level } from '../parsers/types.js';
import { ruleById } from '../rules/registry.js';
import type { CaptureRecord, DiagnosisRecord, EventRecord, ExportRecord, FindingRecord } from './records.js';

/** The ECS release the field names were checked against (test/fixtures/ecs/PROVENANCE.md). */
export const ECS_VERSION = '9.4.0';

/** Syslog numeric severity (RFC 5424): what `event.severity` holds for an event. */
const LEVEL_SEVERITY: Record<Level, number> = { emerg: 0, alert: 1, crit: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 };
const FINDING_SEVERITY: Record<Severity, number> = { critical: 2, warning: 4, info: 6 };

function iso(ms: number | null | undefined): string | undefined {
  return ms === null || ms === undefined ? undefined : new Date(ms).toISOString();
}

export interface EcsDoc {
  _id: string;
  doc: Record<string, unknown>;
}

/** The fields every document has: time, version, id, dataset, host. */
function base(id: string, kind: string, dataset: string, time: string | undefined, host: string | undefined, message: string): Record<string, unknown> {
  return {
    '@timestamp': time,
    ecs: { version: ECS_VERSION },
    message,
    ...(host !== undefined ? { host: { name: host } } : {}),
    event: { id, kind, dataset, module: 'sitrep' },
  };
}

export function ecsEvent({ id, capture, hostname, tier, e }: EventRecord): EcsDoc {
  const doc = base(id, 'event', 'sitrep.timeline', iso(e.time), hostname, e.message);
  if (e.level) Object.assign(doc.event as object, { severity: LEVEL_SEVERITY[e.level] });
  return {
    _id: id,
    doc: {
      ...doc,
      log: { file: { path: e.source }, ...(e.level ? { level: e.level } : {}) },
      labels: { sitrep_capture: capture, sitrep_tier: tier, sitrep_line: String(e.line), ...(e.signal ? { sitrep_signal: e.signal } : {}) },
    },
  };
}

export function ecsFinding({ id, capture, hostname, f }: FindingRecord): EcsDoc {
  const doc = base(id, 'alert', 'sitrep.finding', iso(f.onset ?? f.relevance?.first), hostname, f.title);
  Object.assign(doc.event as object, {
    severity: FINDING_SEVERITY[f.severity],
    ...(f.onset !== null ? { start: iso(f.onset) } : {}),
    ...(f.end !== null ? { end: iso(f.end) } : {}),
  });
  const meta = ruleById(f.rule)?.meta;
  return {
    _id: id,
    doc: {
      ...doc,
      log: { level: f.severity },
      rule: { id: f.rule, name: meta?.title ?? f.rule, description: meta?.explanation ?? f.title, category: f.resource, ruleset: 'sitrep USE' },
      labels: {
        sitrep_capture: capture,
        sitrep_tier: f.tier,
        sitrep_signal: f.signal,
        ...(f.subject ? { sitrep_subject: f.subject } : {}),
        ...(f.relevance ? { sitrep_relevance: f.relevance.kind } : {}),
      },
    },
  };
}

export function ecsCapture(c: CaptureRecord): EcsDoc {
  const h = c.host;
  const doc = base(
    c.id,
    'state',
    'sitrep.capture',
    c.start || undefined,
    h.hostname,
    `capture of ${h.hostname} (${h.tier}) ${c.start || '?'} to ${c.end || '?'}: ${c.artifacts} artifacts, ${c.missing} missing, ${c.timedOut} timed out`,
  );
  Object.assign(doc.event as object, { ...(c.start ? { start: c.start } : {}), ...(c.end ? { end: c.end } : {}) });
  Object.assign(doc.host as object, { ...(h.os || h.kernel ? { os: { ...(h.os ? { full: h.os } : {}), ...(h.kernel ? { kernel: h.kernel } : {}) } } : {}) });
  return {
    _id: c.id,
    doc: {
      ...doc,
      labels: {
        sitrep_capture: c.id,
        sitrep_tier: h.tier,
        sitrep_bundle: h.bundle,
        sitrep_version: c.analyzerVersion,
        sitrep_capture_version: c.facts.captureVersion,
        sitrep_format_version: c.facts.formatVersion,
        sitrep_artifacts: String(c.artifacts),
        sitrep_missing: String(c.missing),
        sitrep_timed_out: String(c.timedOut),
        sitrep_errors: String(c.facts.errors),
        sitrep_warnings: String(c.facts.warnings),
        sitrep_log_events: String(c.logEvents),
      },
    },
  };
}

export function ecsDiagnosis(r: DiagnosisRecord): EcsDoc {
  const { d } = r;
  const lead = d.problems[0] ?? d.earlier[0];
  const cause = d.cause ? r.name(d.cause.host) : undefined;
  const doc = base(
    r.id,
    'event',
    'sitrep.diagnosis',
    iso(d.scope.start),
    cause,
    `${d.verdict}${lead ? `: ${lead.title}` : ''} (confidence ${d.confidence.toFixed(2)})`,
  );
  Object.assign(doc.event as object, {
    ...(d.scope.start !== null ? { start: iso(d.scope.start) } : {}),
    ...(d.scope.end !== null ? { end: iso(d.scope.end) } : {}),
    ...(lead ? { reason: lead.title } : {}),
  });
  return {
    _id: r.id,
    doc: {
      ...doc,
      related: { hosts: r.hosts },
      labels: {
        sitrep_verdict: d.verdict,
        sitrep_confidence: d.confidence.toFixed(2),
        sitrep_main: String(r.main),
        ...(d.cause ? { sitrep_cause_tier: d.cause.tier, sitrep_cause_resource: d.cause.resource } : {}),
        sitrep_victims: d.victims.map((v) => `${r.name(v.host)}/${v.tier}/${v.resource}`).join(','),
      },
    },
  };
}

export function ecsDoc(rec: ExportRecord): EcsDoc {
  switch (rec.kind) {
    case 'capture':
      return ecsCapture(rec.r);
    case 'diagnosis':
      return ecsDiagnosis(rec.r);
    case 'finding':
      return ecsFinding(rec.r);
    case 'event':
      return ecsEvent(rec.r);
  }
}

/** The lines `ecs --bulk` writes for one document: a `create` action with the id, then the source. */
export function bulkLines(d: EcsDoc): [unknown, unknown] {
  return [{ create: { _id: d._id } }, d.doc];
}
