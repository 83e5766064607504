/**
 * OTLP logs, file exporter shape: one LogsData per line (JSON mapping of
 * OTLP/protobuf: int64 as decimal strings, enums as integers). One line
 * per host batch: resourceLogs[0].resource carries host.name.
 */
import type { Finding, Severity } from '../diagnosis/types.js';
import type { Level } from '../parsers/types.js';
import type { TimelineEvent } from '../timeline/types.js';

/** SeverityNumber of the OpenTelemetry log data model for each syslog level. */
const LEVEL_NUMBER: Record<Level, number> = { debug: 5, info: 9, notice: 10, warning: 13, error: 17, crit: 21, alert: 22, emerg: 23 };
const FINDING_NUMBER: Record<Severity, number> = { info: 9, warning: 13, critical: 21 };

type AnyValue = { stringValue: string } | { intValue: string };
interface KeyValue {
  key: string;
  value: AnyValue;
}

const str = (key: string, v: string): KeyValue => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): KeyValue => ({ key, value: { intValue: String(Math.trunc(v)) } });

/** Epoch ms to the decimal-string nanoseconds OTLP JSON wants (BigInt: beyond 2^53). */
function nanos(ms: number | null): string {
  return ms === null ? '0' : (BigInt(Math.trunc(ms)) * 1_000_000n).toString();
}

export function otlpEvent(capture: string, e: TimelineEvent): Record<string, unknown> {
  return {
    timeUnixNano: nanos(e.time),
    observedTimeUnixNano: nanos(e.time),
    ...(e.level ? { severityNumber: LEVEL_NUMBER[e.level], severityText: e.level } : {}),
    body: { stringValue: e.message },
    attributes: [
      str('log.file.path', e.source),
      int('sitrep.line', e.line),
      str('sitrep.capture', capture),
      ...(e.signal ? [str('sitrep.signal', e.signal)] : []),
    ],
  };
}

export function otlpFinding(capture: string, f: Finding): Record<string, unknown> {
  return {
    timeUnixNano: nanos(f.onset),
    severityNumber: FINDING_NUMBER[f.severity],
    severityText: f.severity,
    body: { stringValue: f.title },
    attributes: [str('sitrep.rule', f.rule), str('sitrep.tier', f.tier), str('sitrep.capture', capture)],
  };
}

/** One LogsData line for a host: its records under one resource and one scope. */
export function logsData(host: string, version: string, logRecords: Record<string, unknown>[]): Record<string, unknown> {
  return {
    resourceLogs: [
      {
        resource: { attributes: [str('host.name', host), str('service.name', 'sitrep')] },
        scopeLogs: [{ scope: { name: 'sitrep', version }, logRecords }],
      },
    ],
  };
}
