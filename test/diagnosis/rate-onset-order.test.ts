/**
 * The diagnosis dates a log-signal finding by its rate onset when the
 * timeline has one (src/diagnosis/onset.ts), and a mechanism link needs its
 * cause to begin no later than its victim. One app host, real lines from the
 * signal catalogue placed in time:
 * - an application's ERROR line (lnav's env_logger sample) once a minute from
 *   05:00 (an error trickle, as busy services log all day), then three a
 *   second from 05:20:00 for 30 s;
 * - the kernel's OOM kill lines (OOMAnalyser corpus samples) at 05:15:00.
 * By first lines the errors (05:00) began before the OOM kill, so the kill
 * cannot have caused them: two independent problems. By rates they rose at
 * 05:20, five minutes after the kill: the mechanism edge "OOM kill of a
 * process → its peers' errors" links them, the kill is the cause. The
 * expected instants follow from the placement: the grid is 5 s (21 min over
 * 300 one-second buckets) and 05:20:00 starts a bucket.
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
const ERR = SIGNAL_BY_ID.get('app-error')!.samples[0]!;
const APP_LOG = ERR.source!;

function appError(time: number, n: number): LogEvent {
  return { time, timeQuality: 'exact', source: APP_LOG, line: n, message: ERR.line, ...(ERR.level ? { level: ERR.level } : {}) };
}

function analysis() {
  const events: LogEvent[] = [];
  for (let m = 0; m < 20; m++) events.push(appError(T0 + m * MIN, events.length + 1)); // 05:00 ... 05:19, one a minute
  for (let i = 0; i < 90; i++) events.push(appError(T0 + 20 * MIN + Math.floor(i / 3) * 1000, events.length + 1)); // 05:20:00-05:20:29, 3/s
  events.push(...sampleEvents(['oom-kill'], T0 + 15 * MIN)); // 05:15:00 and 05:15:01
  events.sort((a, b) => a.time! - b.time!);
  const b = new TimelineBuilder('app1');
  for (const e of events) b.add(e, 'app1');
  const timeline = mergeTimelines([b.finish()], [{ host: 'app1', offsetMs: 0, uncertaintyMs: 100, notes: [] }]);
  const host = eventsInput([], { id: 'app1', tier: 'app' }).host;
  return { a: buildAnalysis([host], timeline, { generatedAt: '2026-11-26T06:00:00.000Z' }), host };
}

describe('diagnosis prefers a rate onset to the first line', () => {
  const { a, host } = analysis();
  const errors = a.findings.find((f) => f.rule === 'app-errors' && f.subject === 'appError')!;
  const oom = a.findings.find((f) => f.rule === 'memory-errors')!;

  it('has the two findings, the errors starting first by their first line', () => {
    expect(errors.onset).toBe(T0);
    expect(oom.onset).toBe(T0 + 15 * MIN);
    const rate = a.timeline.onsets.find((o) => o.key === 'signal:app-error' && o.kind === 'rate');
    // 5 s grid; baseline: the trickle (≤ 1 per bucket) → floor 1 → threshold 4; 15 per bucket from 05:20:00.
    expect(a.timeline.buckets.widthMs).toBe(5000);
    expect(rate?.time).toBe(T0 + 20 * MIN);
    expect(rate?.rate).toMatchObject({ bucketMs: 5000, threshold: 4, count: 15 });
    expect(a.timeline.onsets.some((o) => o.key === 'signal:oom-kill' && o.kind === 'rate')).toBe(false);
  });

  it('by first lines (no rate onsets), the errors began before the kill: no link, two independent problems', () => {
    const firstOnly = { ...a.timeline, onsets: a.timeline.onsets.filter((o) => o.kind === 'first') };
    const d = diagnose([{ id: 'app1', tier: 'app' }], a.findings, firstOnly);
    expect(d.victims).toEqual([]);
    expect(d.problems.map((p) => p.cause.findings)).toEqual(expect.arrayContaining([[oom.id], [errors.id]]));
    expect(d.problems).toHaveLength(2);
  });

  it('by rates, the OOM kill (05:15) comes before the error burst (05:20): linked, and the kill is the cause', () => {
    const d = a.diagnosis;
    expect(d.verdict).toBe('cause-found');
    expect(d.cause).toMatchObject({ host: host.id, resource: 'memory' });
    expect(d.cause!.findings).toEqual([oom.id]);
    // the leading reason names the kill itself, with its USE cell, on its host, from its rate onset
    expect(d.reasoning.some((r) => r.text.includes('OOM kills') && r.text.includes('(memory errors) on app1') && r.text.includes('05:15:00Z'))).toBe(true);
    // The errors are a victim of it through the mechanism table, and the finding itself still says when its first line was.
    const v = d.victims.find((x) => x.findings.includes(errors.id));
    expect(v?.link).toMatchObject({ kind: 'mechanism', edge: 'oom-kill-peer-errors', from: oom.id, to: errors.id });
    expect(d.problems).toHaveLength(1);
    expect(errors.onset).toBe(T0);
    expect(validate(SCHEMA, JSON.parse(JSON.stringify(a)))).toEqual([]);
  });

  it('the reasoning says when a rate onset led', () => {
    // Drop the OOM kill: the errors lead, dated by their rise.
    const d = diagnose(
      [{ id: 'app1', tier: 'app' }],
      a.findings.filter((f) => f.id !== oom.id),
      a.timeline,
    );
    expect(d.cause?.findings).toEqual([errors.id]);
    expect(d.reasoning[0]!.text).toContain('from 05:20:00Z (when its rate rose over its baseline; first line at 05:00:00Z)');
  });
});
