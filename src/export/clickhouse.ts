/**
 * ClickHouse rows (JSONEachRow) matching schema/clickhouse.sql: pure
 * functions of the analyzer's events and findings. Times are split into
 * DateTime seconds and a millisecond part because ClickHouse 18.16 has no
 * DateTime64.
 */
import type { Finding } from '../diagnosis/types.js';
import type { TimelineEvent } from '../timeline/types.js';
import { eventId, findingId } from './ids.js';

/** `YYYY-MM-DD hh:mm:ss` in UTC, the DateTime text JSONEachRow accepts; 0 for an unknown time. */
function dateTime(ms: number | null): string {
  return new Date(ms ?? 0).toISOString().slice(0, 19).replace('T', ' ');
}

export function eventRow(capture: string, e: TimelineEvent): Record<string, string | number> {
  return {
    id: eventId(capture, e.source, e.line),
    capture,
    host: e.host,
    time: dateTime(e.time),
    time_ms: e.time === null ? 0 : ((e.time % 1000) + 1000) % 1000,
    source: e.source,
    line: e.line,
    level: e.level ?? '',
    signal: e.signal ?? '',
    message: e.message,
  };
}

export function findingRow(capture: string, f: Finding, windowStart: string, windowEnd: string): Record<string, string> {
  return {
    id: findingId(f.rule, f.host, windowStart, windowEnd),
    capture,
    host: f.host,
    tier: f.tier,
    rule: f.rule,
    severity: String(f.severity),
    title: f.title,
    onset: dateTime(f.onset),
  };
}
