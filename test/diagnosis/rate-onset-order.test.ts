/**
 * The diagnosis orders a log-signal finding by its rate onset when the
 * timeline has one (src/diagnosis/onset.ts). One database host, real lines
 * from the signal catalogue placed in time:
 * - PostgreSQL's `still waiting for ShareLock` (PostgreSQL 15.18 run on the
 *   dev machine) once a minute from 05:00 (a lock-wait trickle, as busy
 *   databases log all day), then three a second from 05:20:00 for 30 s;
 * - the kernel's OOM kill lines (OOMAnalyser corpus samples) at 05:15:00.
 * By first lines the lock waits (05:00) come first and are the cause; by
 * rates they rose at 05:20, five minutes after the OOM kill, which is the
 * cause. The expected instants follow from the placement: the grid is 5 s
 * (21 min over 300 one-second buckets) and 05:20:00 starts a bucket.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import type { LogEvent } from '../../src/parsers/types.js';
import { TimelineBuilder, mergeTimelines } from '../../src/timeline/index.js';
import { SIGNAL_BY_ID } from '../../src/timeline/signals/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { eventsInput, sampleEvents } from '../rules/events.js';
import { validate } from './schema-validator.js';

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const T0 = Date.parse('2026-11-26T05:00:00Z');
const MIN = 60_000;
const LOCK = SIGNAL_BY_ID.get('db-lock-wait')!.samples[0]!;
const PG_LOG = LOCK.source!;

function lockWait(time: number, n: number): LogEvent {
  return { time, timeQuality: 'exact', source: PG_LOG, line: n, message: LOCK.line };
}

function analysis() {
  const events: LogEvent[] = [];
  for (let m = 0; m < 20; m++) events.push(lockWait(T0 + m * MIN, events.length + 1)); // 05:00 ... 05:19, one a minute
  for (let i = 0; i < 90; i++) events.push(lockWait(T0 + 20 * MIN + Math.floor(i / 3) * 1000, events.length + 1)); // 05:20:00-05:20:29, 3/s
  events.push(...sampleEvents(['oom-kill'], T0 + 15 * MIN)); // 05:15:00 and 05:15:01
  events.sort((a, b) => a.time! - b.time!);
  const b = new TimelineBuilder('db1');
  for (const e of events) b.add(e, 'db1');
  const timeline = mergeTimelines([b.finish()], [{ host: 'db1', offsetMs: 0, uncertaintyMs: 100, notes: [] }]);
  const host = eventsInput([], { id: 'db1', tier: 'db' }).host;
  return { a: buildAnalysis([host], timeline, { generatedAt: '2026-11-26T06:00:00.000Z' }), host };
}

describe('diagnosis prefers a rate onset to the first line', () => {
  const { a, host } = analysis();
  const locks = a.findings.find((f) => f.rule === 'db-locks')!;
  const oom = a.findings.find((f) => f.rule === 'memory-errors')!;

  it('has the two findings, the lock waits starting first by their first line', () => {
    expect(locks.onset).toBe(T0);
    expect(oom.onset).toBe(T0 + 15 * MIN);
    const rate = a.timeline.onsets.find((o) => o.key === 'signal:db-lock-wait' && o.kind === 'rate');
    // 5 s grid; baseline: the trickle (≤ 1 per bucket) → floor 1 → threshold 4; 15 per bucket from 05:20:00.
    expect(a.timeline.buckets.widthMs).toBe(5000);
    expect(rate?.time).toBe(T0 + 20 * MIN);
    expect(rate?.rate).toMatchObject({ bucketMs: 5000, threshold: 4, count: 15 });
    expect(a.timeline.onsets.some((o) => o.key === 'signal:oom-kill' && o.kind === 'rate')).toBe(false);
  });

  it('by first lines (no rate onsets), the lock waits would be the cause', () => {
    const firstOnly = { ...a.timeline, onsets: a.timeline.onsets.filter((o) => o.kind === 'first') };
    const d = diagnose([{ id: 'db1', tier: 'db' }], a.findings, firstOnly);
    expect(d.cause).toMatchObject({ host: 'db1', resource: 'application' });
    expect(d.cause!.findings).toContain(locks.id);
  });

  it('by rates, the OOM kill (05:15) comes before the lock-wait burst (05:20) and is the cause', () => {
    const d = a.diagnosis;
    expect(d.verdict).toBe('cause-found');
    expect(d.cause).toMatchObject({ host: host.id, resource: 'memory' });
    expect(d.cause!.findings).toEqual([oom.id]);
    expect(d.reasoning.some((r) => r.text.includes('memory on db1') && r.text.includes('05:15:00Z'))).toBe(true);
    // The lock waits are a victim of it, and the finding itself still says when its first line was.
    expect(d.victims.some((v) => v.findings.includes(locks.id))).toBe(true);
    expect(locks.onset).toBe(T0);
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(a)))).toEqual([]);
  });

  it('the reasoning says when a rate onset led', () => {
    // Drop the OOM kill: the lock waits lead, dated by their rise.
    const d = diagnose([{ id: 'db1', tier: 'db' }], a.findings.filter((f) => f.id !== oom.id), a.timeline);
    expect(d.cause?.findings).toEqual([locks.id]);
    expect(d.reasoning[0]!.text).toContain('from 05:20:00Z (when its rate rose over its baseline; first line at 05:00:00Z)');
  });
});
