/**
 * One host's timeline, built while its bundle streams: every event is
 * classified and counted (O(1) amortised, bounded memory); notable events are
 * kept per signal with a cap. finish() returns plain structured-clone-able
 * data so builders can run in worker threads and be merged later.
 */
import type { EventSink, Level, LogEvent } from '../parsers/types.js';
import { CellCounter, type Row } from './grid.js';
import { KeepGroup } from './keep.js';
import { finalize, type BuilderState, type HostTimelinePartial, type Span } from './builder-state.js';
import { SIGNAL_BY_ID, classify } from './signals/index.js';

export interface BuilderOptions {
  /** Per group (signal, or error level without a signal): keep the N earliest... */
  keepFirst?: number;
  /** ...the N latest... */
  keepLast?: number;
  /** ...and a uniform sample of this many from all of them (a bottom-k sample: see keep.ts). */
  reservoir?: number;
  /** Distinct (key, base bucket) cells before the base bucket grows. */
  maxCells?: number;
  /** Seed of the sample's hash: the same seed and events give the same sample, whatever their order. */
  seed?: number;
}

/** Levels that make an event anomalous and notable without a signal. */
export const ERROR_LEVELS: ReadonlySet<Level> = new Set<Level>(['emerg', 'alert', 'crit', 'error']);

export type { HostTimelinePartial, SourceSpan } from './builder-state.js';

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
  private readonly seed: number;
  private readonly maxCells: number;
  private readonly opts: Required<Omit<BuilderOptions, 'seed' | 'maxCells'>>;
  private untimed = 0;
  private lastSource: string | null = null;
  private lastSpan: Span | null = null;
  private lastRow: Row | null = null;

  constructor(readonly host: string, options: BuilderOptions = {}) {
    this.maxCells = options.maxCells ?? 200_000;
    this.cells = new CellCounter(this.maxCells);
    this.seed = options.seed ?? 1;
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
      g = new KeepGroup({ first: this.opts.keepFirst, last: this.opts.keepLast, sample: this.opts.reservoir }, this.seed);
      this.groups.set(group, g);
    }
    g.offer(t, ev);
  }

  /** An EventSink bound to this builder. */
  get sink(): EventSink {
    return (ev, host) => this.add(ev, host);
  }

  finish(): HostTimelinePartial {
    return finalize(this.state());
  }

  /** Everything counted and kept so far, as plain data another thread can merge (builder-state.ts). */
  state(): BuilderState {
    const spans = (m: Map<string, Span>): [string, Span][] => [...m].map(([k, v]) => [k, { ...v }]);
    const cells = this.cells.toCells(); // first: storing the last runs may step the base up
    return {
      host: this.host,
      caps: { first: this.opts.keepFirst, last: this.opts.keepLast, sample: this.opts.reservoir },
      maxCells: this.maxCells,
      baseMs: this.cells.baseMs,
      cells,
      all: { ...this.all },
      untimed: this.untimed,
      signals: spans(this.signalSpans),
      sources: spans(this.sourceSpans),
      onsets: [...this.onsets],
      levels: [...this.levelCounts],
      groups: [...this.groups].map(([key, g]) => [key, g.state()]),
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
