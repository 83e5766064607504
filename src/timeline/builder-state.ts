/**
 * A TimelineBuilder's state as plain data, and what becomes of it: several
 * states of one host (builders fed disjoint parts of its events, on several
 * threads) merge into one, and finalize() turns a state into the host's
 * HostTimelinePartial. Everything here is independent of the order events
 * came in, so a bundle parsed in parts gives the partial one builder gives.
 */
import type { Level } from '../parsers/types.js';
import { mergeCells } from './grid.js';
import { keptEvents, mergeKept, type KeepCaps, type KeepState, type Kept } from './keep.js';
import { classifyDetail } from './signals/index.js';
import type { SignalCount, TimelineEvent } from './types.js';

export interface Span {
  count: number;
  firstMs: number | null;
  lastMs: number | null;
}

export interface SourceSpan {
  source: string;
  count: number;
  firstMs: number | null;
  lastMs: number | null;
}

/** finish()'s result: plain data (no classes, maps or functions), times in the host's own clock. */
export interface HostTimelinePartial {
  host: string;
  /** Width of the cells' buckets (ms). */
  baseMs: number;
  /** [histogram key, bucket index (time / baseMs, floored), count]. Keys: source path, `signal:<id>`, `level:<level>`. */
  cells: [string, number, number][];
  total: number;
  /** Events without a time: counted in totals, never placed on the grid or in events. */
  untimed: number;
  firstMs: number | null;
  lastMs: number | null;
  signals: SignalCount[];
  sources: SourceSpan[];
  /** First anomalous instant per key (source path or `signal:<id>`). */
  onsets: { key: string; time: number }[];
  levels: { level: Level | 'none'; count: number }[];
  /** Kept notable events, in time order. */
  events: TimelineEvent[];
  /** Timed notable events not kept because of the cap. */
  eventsDropped: number;
}

export interface BuilderState {
  host: string;
  caps: KeepCaps;
  maxCells: number;
  baseMs: number;
  cells: [string, number, number][];
  all: Span;
  untimed: number;
  signals: [string, Span][];
  sources: [string, Span][];
  onsets: [string, number][];
  levels: [Level | 'none', number][];
  groups: [string, KeepState][];
}

/** The span of both (a new object). */
function joinSpan(a: Span, b: Span): Span {
  return {
    count: a.count + b.count,
    firstMs: a.firstMs === null || (b.firstMs !== null && b.firstMs < a.firstMs) ? b.firstMs : a.firstMs,
    lastMs: a.lastMs === null || (b.lastMs !== null && b.lastMs > a.lastMs) ? b.lastMs : a.lastMs,
  };
}

function mergeBy<V>(lists: readonly (readonly [string, V][])[], join: (a: V, b: V) => V): [string, V][] {
  const m = new Map<string, V>();
  for (const list of lists) for (const [k, v] of list) m.set(k, m.has(k) ? join(m.get(k)!, v) : v);
  return [...m];
}

/** States of one host as one state. */
export function mergeStates(states: readonly BuilderState[]): BuilderState {
  const first = states[0];
  if (!first) throw new Error('mergeStates: no state');
  if (states.length === 1) return first;
  for (const s of states) if (s.host !== first.host) throw new Error(`mergeStates: ${s.host} is not ${first.host}`);
  const grid = mergeCells(states, first.maxCells);
  const groups = mergeBy(
    states.map((s) => s.groups.map(([k, g]): [string, KeepState[]] => [k, [g]])),
    (a, b) => [...a, ...b],
  );
  return {
    host: first.host,
    caps: first.caps,
    maxCells: first.maxCells,
    baseMs: grid.baseMs,
    cells: grid.cells,
    all: states.map((s) => s.all).reduce(joinSpan),
    untimed: states.reduce((n, s) => n + s.untimed, 0),
    signals: mergeBy(
      states.map((s) => s.signals),
      joinSpan,
    ),
    sources: mergeBy(
      states.map((s) => s.sources),
      joinSpan,
    ),
    onsets: mergeBy(
      states.map((s) => s.onsets),
      Math.min,
    ),
    levels: mergeBy(
      states.map((s) => s.levels),
      (a, b) => a + b,
    ) as [Level | 'none', number][],
    groups: groups.map(([k, gs]) => [k, mergeKept(gs, first.caps)]),
  };
}

const byKey = <T>(a: [string, T], b: [string, T]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** The partial of a (merged) state: lists in a fixed order, kept events materialized as TimelineEvents. */
export function finalize(s: BuilderState): HostTimelinePartial {
  const grid = mergeCells([s], s.maxCells);
  const kept: Kept[] = [];
  let dropped = 0;
  for (const [, g] of s.groups) {
    const k = keptEvents(g);
    dropped += g.total - k.length;
    for (const e of k) kept.push(e); // not push(...k): a spread has an argument limit
  }
  kept.sort((a, b) => a.time - b.time || (a.ev.source < b.ev.source ? -1 : a.ev.source > b.ev.source ? 1 : a.ev.line - b.ev.line));
  return {
    host: s.host,
    baseMs: grid.baseMs,
    cells: grid.cells,
    total: s.all.count,
    untimed: s.untimed,
    firstMs: s.all.firstMs,
    lastMs: s.all.lastMs,
    signals: [...s.signals].sort(byKey).map(([signal, x]) => ({ host: s.host, signal, count: x.count, firstMs: x.firstMs, lastMs: x.lastMs })),
    sources: [...s.sources].sort(byKey).map(([source, x]) => ({ source, ...x })),
    onsets: [...s.onsets].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([key, time]) => ({ key, time })),
    levels: [...s.levels].sort(byKey).map(([level, count]) => ({ level, count })),
    events: kept.map((k) => toTimelineEvent(s.host, k)),
    eventsDropped: dropped,
  };
}

function toTimelineEvent(host: string, k: Kept): TimelineEvent {
  const c = classifyDetail(k.ev);
  // The keys an event has a value for (logEvent gives every event every key).
  const o: Record<string, unknown> = {};
  // `family` only routes classification (catalogue.ts): not part of the report's event.
  for (const [key, v] of Object.entries(k.ev)) if (v !== undefined && key !== 'family') o[key] = v;
  o.host = host;
  const out = o as unknown as TimelineEvent;
  if (c) {
    out.signal = c.def.id;
    if (Object.keys(c.fields).length > 0) out.signalFields = c.fields;
  }
  return out;
}
