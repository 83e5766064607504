/**
 * Elastic Common Schema documents: pure functions of the analyzer's events
 * and findings. Events are `event.kind: event`, findings `alert`; every field
 * name is an ECS field (test/export/ecs.test.ts checks them against the list).
 */
import type { Finding, Severity } from '../diagnosis/types.js';
import type { Level } from '../parsers/types.js';
import type { TimelineEvent } from '../timeline/types.js';
import { eventId, findingId } from './ids.js';

export const ECS_VERSION = '8.11.0';

/** Syslog numeric severity (RFC 5424): what `event.severity` holds for an event. */
const LEVEL_SEVERITY: Record<Level, number> = { emerg: 0, alert: 1, crit: 2, error: 3, warning: 4, notice: 5, info: 6, debug: 7 };
const FINDING_SEVERITY: Record<Severity, number> = { critical: 2, warning: 4, info: 6 };

function iso(ms: number | null): string | undefined {
  return ms === null ? undefined : new Date(ms).toISOString();
}

export interface EcsDoc {
  _id: string;
  doc: Record<string, unknown>;
}

export function ecsEvent(capture: string, e: TimelineEvent): EcsDoc {
  return {
    _id: eventId(capture, e.source, e.line),
    doc: {
      '@timestamp': iso(e.time),
      ecs: { version: ECS_VERSION },
      message: e.message,
      host: { name: e.host },
      log: { file: { path: e.source }, ...(e.level ? { level: e.level } : {}) },
      event: { kind: 'event', dataset: 'sitrep.timeline', ...(e.level ? { severity: LEVEL_SEVERITY[e.level] } : {}) },
      labels: { sitrep_capture: capture, sitrep_line: String(e.line), ...(e.signal ? { sitrep_signal: e.signal } : {}) },
    },
  };
}

export function ecsFinding(capture: string, f: Finding, windowStart: string, windowEnd: string): EcsDoc {
  return {
    _id: findingId(f.rule, f.host, windowStart, windowEnd),
    doc: {
      '@timestamp': iso(f.onset) ?? windowStart,
      ecs: { version: ECS_VERSION },
      message: f.title,
      host: { name: f.host },
      log: { level: f.severity },
      event: { kind: 'alert', dataset: 'sitrep.finding', severity: FINDING_SEVERITY[f.severity] },
      rule: { id: f.rule, name: f.rule, description: f.title },
      labels: { sitrep_capture: capture, sitrep_tier: f.tier },
    },
  };
}

/** The lines `ecs --bulk` writes for one document: a `create` action with the id, then the source. */
export function bulkLines(d: EcsDoc): [unknown, unknown] {
  return [{ create: { _id: d._id } }, d.doc];
}
