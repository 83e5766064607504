/**
 * Deterministic record ids for `sitrep export` (issue 19): the same capture
 * exported twice yields the same ids, so an import keyed by id (Elasticsearch
 * `create`, ClickHouse ReplacingMergeTree) never duplicates a record.
 */
import { createHash } from 'node:crypto';

/** 32 hex digits of SHA-256 over the parts, joined by NUL so no two part lists collide. */
function digest(parts: readonly (string | number)[]): string {
  return createHash('sha256').update(parts.map(String).join('\0')).digest('hex').slice(0, 32);
}

/** One capture: host and its window; two captures of the same host on different days differ. */
export function captureId(host: string, windowStart: string, windowEnd: string): string {
  return digest(['capture', host, windowStart, windowEnd]);
}

/** A timeline event: its capture, source file and line. */
export function eventId(capture: string, source: string, line: number): string {
  return digest(['event', capture, source, line]);
}

/**
 * A finding: its rule, host and window, and its subject (a device, a port):
 * one rule may fire on two disks of one host in one window.
 */
export function findingId(rule: string, host: string, windowStart: string, windowEnd: string, subject = ''): string {
  return digest(['finding', rule, host, windowStart, windowEnd, subject]);
}

/** A diagnosis: the captures it covers (order-free), so re-exporting the same bundles gives the same id. */
export function diagnosisId(captures: readonly string[]): string {
  return digest(['diagnosis', ...[...captures].sort()]);
}
