/**
 * A bounded keep-list for one group of notable events (one signal, or one
 * error level): the K earliest, the K latest and a uniform sample of K.
 *
 * Every choice depends only on the events, never on the order they came in:
 * earliest and latest use one total order (time, source, line), and the
 * sample keeps the K events with the smallest hash of (source, line) (a
 * bottom-k sample, uniform like a reservoir). So two builders fed any split
 * of the events, merged (mergeKept), keep exactly what one builder fed all
 * of them keeps: a bundle can be parsed on several threads with the same
 * report.
 */
import { completeFields } from '../parsers/deferred.js';
import type { LogEvent } from '../parsers/types.js';
import { Heap } from './heap.js';

/** A kept event with its sample priority. Plain data: it crosses threads. */
export interface Kept {
  time: number;
  prio: number;
  ev: LogEvent;
}

/** The state of one group: structured-clone-able, mergeable. */
export interface KeepState {
  total: number;
  earliest: Kept[];
  latest: Kept[];
  sample: Kept[];
}

export interface KeepCaps {
  first: number;
  last: number;
  sample: number;
}

/** a before b in (time, source, line); sources compared only when they differ (rare in a run of one file). */
export function earlier(a: Kept, b: Kept): boolean {
  if (a.time !== b.time) return a.time < b.time;
  const sa = a.ev.source;
  const sb = b.ev.source;
  if (sa !== sb) return sa < sb;
  return a.ev.line < b.ev.line;
}

/** Smaller priority first; ties (hash collisions) by the event order, so the choice stays total. */
function preferred(a: Kept, b: Kept): boolean {
  return a.prio !== b.prio ? a.prio < b.prio : earlier(a, b);
}

const SOURCE_HASH = new Map<string, number>();

/** FNV-1a of the source path, cached: a few distinct sources per bundle. */
function sourceHash(source: string): number {
  let h = SOURCE_HASH.get(source);
  if (h === undefined) {
    h = 0x811c9dc5;
    for (let i = 0; i < source.length; i++) h = Math.imul(h ^ source.charCodeAt(i), 0x01000193);
    h >>>= 0;
    if (SOURCE_HASH.size < 10_000) SOURCE_HASH.set(source, h);
  }
  return h;
}

/** A well-mixed 32-bit priority for (source, line), with a seed so a caller can draw another sample. */
export function priority(source: string, line: number, seed: number): number {
  let x = (sourceHash(source) ^ Math.imul(line, 0x9e3779b1) ^ Math.imul(seed, 0x85ebca6b)) >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export class KeepGroup {
  total = 0;
  // Tops: the latest of the earliest, the earliest of the latest, the least preferred of the sample.
  private readonly earliest = new Heap<Kept>((a, b) => earlier(b, a));
  private readonly sample = new Heap<Kept>((a, b) => preferred(b, a));
  /**
   * The latest K. Logs come in order, and then each event is the latest yet:
   * a ring overwriting its oldest does in O(1) what a heap does in O(log K).
   * The first event out of order turns it into the heap for good.
   */
  private ring: Kept[] | null = [];
  private pos = 0;
  private latest: Heap<Kept> | null = null;

  constructor(
    private readonly caps: KeepCaps,
    private readonly seed: number,
  ) {}

  offer(time: number, ev: LogEvent): void {
    this.total++;
    const k: Kept = { time, prio: priority(ev.source, ev.line, this.seed), ev };
    keep(this.earliest, this.caps.first, k, (top) => earlier(k, top));
    this.keepLatest(k);
    keep(this.sample, this.caps.sample, k, (top) => preferred(k, top));
  }

  /** What is kept, each event with its whole fields (deferred.ts): only these few ever need them. */
  state(): KeepState {
    const done = new Map<Kept, Kept>();
    const whole = (k: Kept): Kept => {
      if (k.ev.expand === undefined) return k;
      let d = done.get(k);
      if (d === undefined) done.set(k, (d = { ...k, ev: completeFields(k.ev) }));
      return d;
    };
    const latest = this.ring ? this.ring.map(whole) : [...this.latest!.values()].map(whole);
    return { total: this.total, earliest: [...this.earliest.values()].map(whole), latest, sample: [...this.sample.values()].map(whole) };
  }

  private keepLatest(k: Kept): void {
    const ring = this.ring;
    const cap = this.caps.last;
    if (ring) {
      const n = ring.length;
      const newest = n < cap ? ring[n - 1] : ring[(this.pos + cap - 1) % cap];
      if (newest === undefined || !earlier(k, newest)) {
        if (n < cap) ring.push(k);
        else if (cap > 0) {
          ring[this.pos] = k;
          this.pos = (this.pos + 1) % cap;
        }
        return;
      }
      const h = new Heap<Kept>(earlier);
      for (const x of ring) h.push(x);
      this.latest = h;
      this.ring = null;
    }
    keep(this.latest!, cap, k, (top) => earlier(top, k));
  }
}

function keep(h: Heap<Kept>, cap: number, k: Kept, better: (top: Kept) => boolean): void {
  if (h.size < cap) h.push(k);
  else if (cap > 0 && better(h.peek()!)) h.replaceTop(k);
}

/** Several groups' states as one: exactly what one group offered every event would hold. */
export function mergeKept(states: readonly KeepState[], caps: KeepCaps): KeepState {
  const pick = (lists: Kept[][], cap: number, before: (a: Kept, b: Kept) => boolean): Kept[] =>
    lists
      .flat()
      .sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0))
      .slice(0, cap);
  return {
    total: states.reduce((n, s) => n + s.total, 0),
    earliest: pick(
      states.map((s) => s.earliest),
      caps.first,
      earlier,
    ),
    latest: pick(
      states.map((s) => s.latest),
      caps.last,
      (a, b) => earlier(b, a),
    ),
    sample: pick(
      states.map((s) => s.sample),
      caps.sample,
      preferred,
    ),
  };
}

/**
 * The distinct kept events of a group: one event may be in several lists, and
 * after a thread crossing only its identity (source, line, time) tells it.
 */
export function keptEvents(s: KeepState): Kept[] {
  const seen = new Map<string, Kept>();
  for (const k of [...s.earliest, ...s.latest, ...s.sample]) seen.set(`${k.ev.source}\n${k.ev.line}\n${k.time}`, k);
  return [...seen.values()];
}
