/**
 * One host's timeline, built while its bundle streams: every event is
 * classified and counted (O(1) amortised, bounded memory); notable events are
 * kept per signal with a cap. finish() returns plain structured-clone-able
 * data so builders can run in worker threads and be merged later.
 */
import type { EventSink, Level, LogEvent } from '../parsers/types.js';
import { CellCounter, type Row } from './grid.js';
import { Heap } from './heap.js';
import { SIGNAL_BY_ID, classify, classifyDetail } from './signals/index.js';
import type { SignalCount, TimelineEvent } from './types.js';

export interface BuilderOptions {
  /** Per group (signal, or error level without a signal): keep the N earliest... */
  keepFirst?: number;
  /** ...the N latest... */
  keepLast?: number;
  /** ...and a uniform sample of this many from all of them (reservoir sampling). */
  reservoir?: number;
  /** Distinct (key, base bucket) cells before the base bucket grows. */
  maxCells?: number;
  /** Seed of the reservoir's generator, so a report is reproducible. */
  seed?: number;
}

/** Levels that make an event anomalous and notable without a signal. */
export const ERROR_LEVELS: ReadonlySet<Level> = new Set<Level>(['emerg', 'alert', 'crit', 'error']);

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

/**
 * A kept event holds the parser's LogEvent, not a TimelineEvent: with input in
 * time order every notable event enters the latest-K heap, and building (and
 * classifying again) each one cost a tenth of the whole analysis. Events are
 * not mutated once emitted, so materializing at finish() gives the same result.
 */
interface Kept {
  seq: number;
  time: number;
  ev: LogEvent;
}

/** A bounded keep-list for one group: earliest K, latest K, and a reservoir, deduplicated at the end. */
class KeepGroup {
  total = 0;
  private readonly earliest = new Heap<Kept>((a, b) => a.time > b.time || (a.time === b.time && a.seq > b.seq));
  private readonly latest = new Heap<Kept>((a, b) => a.time < b.time || (a.time === b.time && a.seq < b.seq));
  private readonly sample: Kept[] = [];

  constructor(private readonly first: number, private readonly last: number, private readonly res: number, private readonly rand: () => number) {}

  offer(seq: number, time: number, ev: LogEvent): void {
    this.total++;
    let kept: Kept | undefined;
    const get = (): Kept => (kept ??= { seq, time, ev });
    const e = this.earliest.peek();
    if (this.earliest.size < this.first) this.earliest.push(get());
    else if (e && time < e.time) this.earliest.replaceTop(get());
    const l = this.latest.peek();
    if (this.latest.size < this.last) this.latest.push(get());
    else if (l && time >= l.time) this.latest.replaceTop(get());
    if (this.sample.length < this.res) this.sample.push(get());
    else {
      const j = Math.floor(this.rand() * this.total);
      if (j < this.res) this.sample[j] = get();
    }
  }

  kept(): Kept[] {
    const bySeq = new Map<number, Kept>();
    for (const k of [...this.earliest.values(), ...this.latest.values(), ...this.sample]) bySeq.set(k.seq, k);
    return [...bySeq.values()];
  }
}

/** xorshift32: tiny, seeded, good enough for reservoir positions. */
function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

/** Cell keys per signal id and level, built once: a template string per event was a fresh string to hash. */
const SIGNAL_KEYS = new Map<string, string>();
const LEVEL_KEYS = new Map<string, string>();
function keyOf(cache: Map<string, string>, prefix: string, name: string): string {
  let k = cache.get(name);
  if (k === undefined) {
    k = prefix + name;
    cache.set(name, k);
  }
  return k;
}

interface Span { count: number; firstMs: number | null; lastMs: number | null }

function widen(s: Span, t: number | null): void {
  s.count++;
  if (t === null) return;
  if (s.firstMs === null || t < s.firstMs) s.firstMs = t;
  if (s.lastMs === null || t > s.lastMs) s.lastMs = t;
}

export class TimelineBuilder {
  private readonly cells: CellCounter;
  private readonly groups = new Map<string, KeepGroup>();
  private readonly signalSpans = new Map<string, Span>();
  private readonly sourceSpans = new Map<string, Span>();
  private readonly onsets = new Map<string, number>();
  private readonly levelCounts = new Map<Level | 'none', number>();
  private readonly all: Span = { count: 0, firstMs: null, lastMs: null };
  private readonly rand: () => number;
  private readonly opts: Required<Omit<BuilderOptions, 'seed' | 'maxCells'>>;
  private untimed = 0;
  private lastSource: string | null = null;
  private lastSpan: Span | null = null;
  private lastRow: Row | null = null;
  private seq = 0;

  constructor(readonly host: string, options: BuilderOptions = {}) {
    this.cells = new CellCounter(options.maxCells ?? 200_000);
    this.rand = xorshift(options.seed ?? 1);
    this.opts = { keepFirst: options.keepFirst ?? 50, keepLast: options.keepLast ?? 50, reservoir: options.reservoir ?? 50 };
  }

  /** EventSink-compatible; `host` is accepted for the sink's shape and must be this builder's host. */
  add(ev: LogEvent, host: string = this.host): void {
    if (host !== this.host) throw new Error(`TimelineBuilder for ${this.host} got an event of ${host}`);
    const t = ev.time;
    const id = classify(ev);
    const def = id === undefined ? undefined : SIGNAL_BY_ID.get(id);
    widen(this.all, t);
    const lv = ev.level ?? 'none';
    this.levelCounts.set(lv, (this.levelCounts.get(lv) ?? 0) + 1);
    // Events come in runs of one source: keep its span at hand.
    if (ev.source !== this.lastSource) {
      this.lastSource = ev.source;
      this.lastSpan = this.spanOf(this.sourceSpans, ev.source);
      this.lastRow = null; // made at the source's first timed event, keeping the cells' key order
    }
    widen(this.lastSpan!, t);
    if (id !== undefined) widen(this.spanOf(this.signalSpans, id), t);
    if (t === null) {
      this.untimed++;
      return;
    }
    this.cells.addTo((this.lastRow ??= this.cells.row(ev.source)), t);
    if (id !== undefined) this.cells.add(keyOf(SIGNAL_KEYS, 'signal:', id), t);
    if (ev.level !== undefined) this.cells.add(keyOf(LEVEL_KEYS, 'level:', ev.level), t);
    const errorLevel = ev.level !== undefined && ERROR_LEVELS.has(ev.level);
    // Onset: first event with a warning/critical signal, or at error level or worse (docs/timeline.md).
    if ((def !== undefined && def.severity !== 'info') || errorLevel) {
      this.onset(ev.source, t);
      if (def !== undefined && def.severity !== 'info') this.onset(`signal:${def.id}`, t);
    }
    if (def === undefined && !errorLevel) return;
    const group = id ?? keyOf(LEVEL_KEYS, 'level:', lv);
    let g = this.groups.get(group);
    if (!g) {
      g = new KeepGroup(this.opts.keepFirst, this.opts.keepLast, this.opts.reservoir, this.rand);
      this.groups.set(group, g);
    }
    g.offer(this.seq++, t, ev);
  }

  /** An EventSink bound to this builder. */
  get sink(): EventSink {
    return (ev, host) => this.add(ev, host);
  }

  finish(): HostTimelinePartial {
    const kept: Kept[] = [];
    let dropped = 0;
    for (const g of this.groups.values()) {
      const k = g.kept();
      dropped += g.total - k.length;
      kept.push(...k);
    }
    kept.sort((a, b) => a.time - b.time || a.seq - b.seq);
    const spans = <T>(m: Map<string, Span>, f: (k: string, s: Span) => T): T[] => [...m].map(([k, s]) => f(k, s));
    return {
      host: this.host,
      baseMs: this.cells.baseMs,
      cells: this.cells.toCells(),
      total: this.all.count,
      untimed: this.untimed,
      firstMs: this.all.firstMs,
      lastMs: this.all.lastMs,
      signals: spans(this.signalSpans, (signal, s) => ({ host: this.host, signal, count: s.count, firstMs: s.firstMs, lastMs: s.lastMs })),
      sources: spans(this.sourceSpans, (source, s) => ({ source, ...s })),
      onsets: [...this.onsets].map(([key, time]) => ({ key, time })).sort((a, b) => a.time - b.time),
      levels: [...this.levelCounts].map(([level, count]) => ({ level, count })),
      events: kept.map((k) => this.toTimelineEvent(k.ev)),
      eventsDropped: dropped,
    };
  }

  private spanOf(m: Map<string, Span>, key: string): Span {
    let s = m.get(key);
    if (!s) {
      s = { count: 0, firstMs: null, lastMs: null };
      m.set(key, s);
    }
    return s;
  }

  private onset(key: string, t: number): void {
    const prev = this.onsets.get(key);
    if (prev === undefined || t < prev) this.onsets.set(key, t);
  }

  private toTimelineEvent(ev: LogEvent): TimelineEvent {
    const c = classifyDetail(ev);
    const out: TimelineEvent = { ...ev, host: this.host };
    if (c) {
      out.signal = c.def.id;
      if (Object.keys(c.fields).length > 0) out.signalFields = c.fields;
    }
    return out;
  }
}

/** One builder per host behind a single EventSink, for a loader that streams several bundles. */
export function createTimelineSink(options: BuilderOptions = {}): { sink: EventSink; finish(): HostTimelinePartial[] } {
  const builders = new Map<string, TimelineBuilder>();
  return {
    sink: (ev, host) => {
      let b = builders.get(host);
      if (!b) {
        b = new TimelineBuilder(host, options);
        builders.set(host, b);
      }
      b.add(ev, host);
    },
    finish: () => [...builders.values()].map((b) => b.finish()),
  };
}
