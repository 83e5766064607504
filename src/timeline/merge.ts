/**
 * Cross-host merge of per-host partials into the TimelineSummary: one bucket
 * grid shared by every histogram, first-event and rate onsets with their clock uncertainty, and a
 * streaming k-way merge (min-heap) of the per-host time-sorted event lists.
 */
import type { HostTimelinePartial } from './builder.js';
import { LADDER_MS, chooseGrid } from './grid.js';
import { Heap } from './heap.js';
import { rateOnsets, type RateOnsetOptions } from './rate-onset.js';
import type { ClockEstimate, Histogram, Onset, TimelineEvent, TimelineSummary } from './types.js';

/** Yields events of several time-sorted lists in one time order (ties: list order, then position). */
export function* kWayMerge(lists: readonly (readonly TimelineEvent[])[]): Generator<TimelineEvent> {
  type Cursor = { list: number; pos: number; time: number };
  const heap = new Heap<Cursor>((a, b) => a.time < b.time || (a.time === b.time && a.list < b.list));
  lists.forEach((l, list) => {
    const first = l[0];
    if (first) heap.push({ list, pos: 0, time: first.time ?? 0 });
  });
  while (heap.size > 0) {
    const c = heap.peek()!;
    const list = lists[c.list]!;
    yield list[c.pos]!;
    const next = list[c.pos + 1];
    if (next) heap.replaceTop({ list: c.list, pos: c.pos + 1, time: next.time ?? 0 });
    else heap.pop();
  }
}

export function mergeTimelines(
  partials: readonly HostTimelinePartial[],
  clocks: readonly ClockEstimate[],
  rateOptions: Partial<RateOnsetOptions> = {},
): TimelineSummary {
  let min = Infinity;
  let max = -Infinity;
  let minWidth = LADDER_MS[0]!;
  for (const p of partials) {
    if (p.firstMs !== null && p.firstMs < min) min = p.firstMs;
    if (p.lastMs !== null && p.lastMs > max) max = p.lastMs;
    // The grid must be a multiple of every host's base bucket for exact re-bucketing.
    if (p.baseMs > minWidth) minWidth = p.baseMs;
  }
  const buckets = Number.isFinite(min) ? chooseGrid(min, max, minWidth) : { startMs: 0, widthMs: minWidth, count: 0 };
  const firstBucket = Math.floor(buckets.startMs / buckets.widthMs);

  const histograms: Histogram[] = [];
  for (const p of partials) {
    const byKey = new Map<string, number[]>();
    for (const [key, b, c] of p.cells) {
      let counts = byKey.get(key);
      if (!counts) {
        counts = new Array<number>(buckets.count).fill(0);
        byKey.set(key, counts);
      }
      const i = Math.floor((b * p.baseMs) / buckets.widthMs) - firstBucket;
      counts[i] = (counts[i] ?? 0) + c;
    }
    for (const [key, counts] of [...byKey].sort((a, b) => a[0].localeCompare(b[0]))) histograms.push({ host: p.host, key, counts });
  }

  const uncertainty = new Map(clocks.map((c) => [c.host, c.uncertaintyMs]));
  const first: Onset[] = partials.flatMap((p) =>
    p.onsets.map((o) => ({ host: p.host, key: o.key, time: o.time, uncertaintyMs: uncertainty.get(p.host) ?? 0, kind: 'first' as const })),
  );
  // Rate onsets need the shared grid and every bucket, so they are made here, once, not per event.
  const rate: Onset[] = rateOnsets(histograms, buckets, first, rateOptions).map((r) => ({
    host: r.host,
    key: r.key,
    time: r.time,
    uncertaintyMs: uncertainty.get(r.host) ?? 0,
    kind: 'rate' as const,
    rate: r.rate,
  }));
  const onsets = [...first, ...rate].sort(
    (a, b) => a.time - b.time || a.host.localeCompare(b.host) || a.key.localeCompare(b.key) || a.kind.localeCompare(b.kind),
  );

  return {
    buckets,
    histograms,
    onsets,
    signals: partials.flatMap((p) => p.signals),
    events: [...kWayMerge(partials.map((p) => p.events))],
    eventsDropped: partials.reduce((n, p) => n + p.eventsDropped, 0),
    clocks: [...clocks],
    levels: partials.flatMap((p) => p.levels.map((l) => ({ host: p.host, level: l.level, count: l.count }))),
    untimed: partials.map((p) => ({ host: p.host, count: p.untimed })),
  };
}
