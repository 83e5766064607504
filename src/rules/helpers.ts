/**
 * What every rule shares: "sustained" (no finding from a 1-s blip), finding
 * construction with stable ids, and evidence from series points or log events.
 */
import type { Evidence, Finding, ProcessCpu, ProcessRef, Severity } from '../vocabulary/types.js';
import type { Point, Series } from '../models/types.js';
import { topCpu } from '../models/processes.js';
import type { TimelineEvent } from '../timeline/types.js';
import type { RuleContext, RuleMeta } from './types.js';
import { SIGNALS } from './signal-ids.js';
import type { SignalConcept } from './signal-ids.js';

export interface Held {
  /** First instant the condition held: in the sar history when it held there up to the window (`history`). */
  onset: number;
  end: number;
  peak: Point;
  count: number;
  total: number;
  matching: Point[];
  /** The history points, right before the window and without a gap, in which the condition already held. */
  history?: { points: Point[]; artifact: string; intervalS: number | null };
}

/** When a held condition began and ended, and on how many of the samples: every sustained finding's span. */
export function heldSpan(held: Held): { onset: number; end: number; samples: { held: number; total: number } } {
  return { onset: held.onset, end: held.end, samples: { held: held.count, total: held.total } };
}

export interface SustainOptions {
  /** Samples that must match regardless of window length. */
  minSamples?: number;
  /** Or this share of the samples, with at least two. */
  minFraction?: number;
  /** Which end is worse, for the peak. */
  worse?: 'high' | 'low';
  /** Require minSamples and minFraction both. */
  strict?: boolean;
}

/**
 * The condition held in ≥ minSamples samples, or in ≥ minFraction of them,
 * and at least two: one sample over a threshold is a blip, never a finding.
 * `strict`: both (for instantaneous readings such as vmstat's r, where a
 * blip or two in a short window is not a sustained condition).
 */
export function sustained(s: Series | undefined, pred: (v: number, p: Point) => boolean, opt: SustainOptions = {}): Held | null {
  if (!s || s.points.length === 0) return null;
  const minSamples = opt.minSamples ?? 3;
  const minFraction = opt.minFraction ?? 0.2;
  const matching = s.points.filter((p) => pred(p[1], p));
  const count = matching.length;
  const total = s.points.length;
  const enough = opt.strict ? count >= Math.min(minSamples, total) && count / total >= minFraction : count >= minSamples || count / total >= minFraction;
  if (count < 2 || !enough) return null;
  const worseHigh = (opt.worse ?? 'high') === 'high';
  const peak = matching.reduce((p, c) => ((worseHigh ? c[1] > p[1] : c[1] < p[1]) ? c : p));
  const held: Held = { onset: matching[0]![0], end: matching[count - 1]![0], peak, count, total, matching };
  const before = heldBefore(s, pred, held);
  return before ? { ...held, onset: before.points[0]![0], history: before } : held;
}

/**
 * The window decides whether a condition holds; the sar history only says
 * since when. When it held from the window's first sample, the history
 * samples just before the window in which it also held, newest first until
 * one did not or a gap (more than 1.5 sampling intervals: sadc stopped, a
 * reboot) breaks the run, move the onset back: "this began at 09:12, before
 * the capture". Only history linked to these very points counts (a series a
 * rule derived has other points, and its history would be another metric).
 */
function heldBefore(s: Series, pred: (v: number, p: Point) => boolean, held: Held): Held['history'] | null {
  const h = s.history;
  const first = s.points[0];
  if (!h || h.window !== s.points || !first || held.onset !== first[0] || h.points.length === 0) return null;
  // a missed sample is a gap too: the condition may have lifted then; no stated interval: sadc's default 10 min
  const gapMs = 1.5 * (h.intervalS ?? 600) * 1000;
  const run: Point[] = [];
  let next = first[0];
  for (let i = h.points.length - 1; i >= 0; i--) {
    const p = h.points[i]!;
    if (next - p[0] > gapMs || !pred(p[1], p)) break;
    run.unshift(p);
    next = p[0];
  }
  return run.length > 0 ? { points: run, artifact: h.artifact, intervalS: h.intervalS } : null;
}

export const round = (v: number, digits = 1): number => Math.round(v * 10 ** digits) / 10 ** digits;

export function iso(t: number): string {
  return new Date(t).toISOString().slice(11, 19);
}

/**
 * Evidence from a series: its artifact, the peak instant, and the matching
 * samples as an excerpt; when the onset came from the sar history, the
 * excerpt says so, with the history's file, interval and samples.
 */
export function seriesEvidence(s: Series, held: Held, label: string): Evidence {
  const shown = held.matching.slice(0, 8).map(([t, v]) => `${iso(t)} ${label}=${round(v)}`);
  const more = held.matching.length > 8 ? ` (+${held.matching.length - 8} more)` : '';
  let excerpt = `${s.source}: ${shown.join(', ')}${more} (${held.count}/${held.total} samples)`;
  const h = held.history;
  if (h) {
    const pts = h.points.length > 4 ? [h.points[0]!, ...h.points.slice(-3)] : h.points;
    const hist = pts.map(([t, v]) => `${iso(t)} ${label}=${round(v)}`).join(', ');
    const every = h.intervalS !== null ? `every ${h.intervalS} s` : 'interval unknown';
    excerpt += `; already held before the capture in the sar history ${h.artifact} (${every}, ${h.points.length} sample(s) from ${iso(h.points[0]![0])}): ${hist}`;
  }
  return { artifact: s.artifact, time: held.peak[0], excerpt };
}

export interface FindingInput {
  subject: string;
  severity: Severity;
  title: string;
  onset: number | null;
  end: number | null;
  peak?: { value: number; threshold: number; unit: string };
  samples?: { held: number; total: number };
  evidence: Evidence[];
  evidenceMore?: number;
  explanation?: string;
  process?: ProcessRef;
  processes?: ProcessCpu;
}

export function makeFinding(ctx: RuleContext, meta: RuleMeta, f: FindingInput): Finding {
  return {
    id: `${ctx.host.id}:${meta.id}:${f.subject}`,
    rule: meta.id,
    host: ctx.host.id,
    tier: ctx.host.tier,
    resource: meta.resource,
    signal: meta.signal,
    severity: f.severity,
    title: f.title,
    subject: f.subject,
    onset: f.onset,
    end: f.end,
    ...(f.peak ? { peak: { ...f.peak, value: round(f.peak.value, 2) } } : {}),
    ...(f.samples ? { samples: f.samples } : {}),
    ...(f.process ? { process: f.process } : {}),
    ...(f.processes ? { processes: f.processes } : {}),
    evidence: f.evidence,
    ...(f.evidenceMore ? { evidenceMore: f.evidenceMore } : {}),
    explanation: f.explanation ?? meta.explanation,
    nextCommands: meta.nextCommands,
  };
}

/**
 * The processes that used the most CPU while a CPU condition held in the
 * window (history instants have no per-process data), widened by a second
 * each side: the samplers wake at different points of the second.
 */
export function cpuProcesses(ctx: RuleContext, held: Held): ProcessCpu | undefined {
  const from = held.matching[0]?.[0] ?? held.onset;
  return topCpu(ctx.models.processes, from - 1000, held.end + 1000) ?? undefined;
}

export const MAX_EVIDENCE = 5;

export function eventsOf(ctx: RuleContext, concepts: SignalConcept[]): TimelineEvent[] {
  const ids = new Set<string>(concepts.flatMap((c) => SIGNALS[c] as readonly string[]));
  return ctx.events.filter((e) => e.signal !== undefined && ids.has(e.signal));
}

export function eventEvidence(events: TimelineEvent[]): { evidence: Evidence[]; evidenceMore: number } {
  const evidence = events.slice(0, MAX_EVIDENCE).map((e) => ({
    artifact: e.source,
    lines: [e.line, e.lineEnd ?? e.line] as [number, number],
    ...(e.time !== null ? { time: e.time } : {}),
    excerpt: e.message.slice(0, 300),
  }));
  return { evidence, evidenceMore: Math.max(0, events.length - MAX_EVIDENCE) };
}

/** First and last event time (null when no event was dated). */
export function eventSpan(events: TimelineEvent[]): { onset: number | null; end: number | null } {
  // A loop, not Math.min(...times): a spread of a few hundred thousand arguments overflows the stack.
  let onset: number | null = null;
  let end: number | null = null;
  for (const e of events) {
    if (e.time === null) continue;
    if (onset === null || e.time < onset) onset = e.time;
    if (end === null || e.time > end) end = e.time;
  }
  return { onset, end };
}

/**
 * A finding per concept from log signals: `count` events of the concept on
 * this host; severity escalates to critical at `criticalCount` (when given).
 */
export function eventFindings(
  ctx: RuleContext,
  meta: RuleMeta,
  concepts: SignalConcept[],
  describe: (n: number, concept: SignalConcept) => string,
  opt: { minCount?: number; criticalCount?: number; severity?: Severity } = {},
): ReturnType<typeof makeFinding>[] {
  const out: Finding[] = [];
  for (const concept of concepts) {
    const events = eventsOf(ctx, [concept]);
    if (events.length < (opt.minCount ?? 1)) continue;
    const critical = opt.criticalCount !== undefined && events.length >= opt.criticalCount;
    const sev: Severity = critical ? 'critical' : (opt.severity ?? meta.severity);
    out.push(
      makeFinding(ctx, meta, {
        subject: concept,
        severity: sev,
        title: describe(events.length, concept),
        ...eventSpan(events),
        peak: { value: events.length, threshold: opt.minCount ?? 1, unit: 'events' },
        ...eventEvidence(events),
      }),
    );
  }
  return out;
}
