/**
 * One host's timeline, built while its bundle streams: every event is
 * classified and counted (O(1) amortised, bounded memory); notable events are
 * kept per signal with a cap. finish() returns plain structured-clone-able
 * data so builders can run in worker threads and be merged later.
 */
import type { EventSink, Level, LogEvent } from '../parsers/types.js';
import { CellCounter, type Row } from './grid.js';
import { KeepGroup } from './keep.js';
import { finalize, type BuilderState, type HostTimelinePartial } from './builder-state.js';
import type { KeepState } from './keep.js';
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

interface Span {
  count: number;
  firstMs: number | null;
  lastMs: number | null;
}

function widen(s: Span, t: number | null): void {
  s.count++;
  if (t === null) return;
  if (s.firstMs === null || t < s.firstMs) s.firstMs = t;
  if (s.lastMs === null || t > s.lastMs) s.lastMs = t;
}

/**
 * What the builder updates per source, signal and level, found once per run
 * of equal keys: an event cost three map lookups and a template string for
 * its signal's and level's cells, spans and onsets before.
 */
interface Slot {
  /** Cell and onset key: the source path, `signal:<id>` or `level:<level>`. */
  key: string;
  span: Span;
  row: Row | null;
  onset: number | null;
  group: KeepGroup | null;
}

interface SignalSlot extends Slot {
  id: string;
  warn: boolean;
}
interface LevelSlot extends Slot {
  error: boolean;
  level: Level | 'none';
}

const newSlot = (key: string): Slot => ({ key, span: { count: 0, firstMs: null, lastMs: null }, row: null, onset: null, group: null });

export class TimelineBuilder {
  private readonly cells: CellCounter;
  private readonly sources = new Map<string, Slot>();
  private readonly signals = new Map<string, SignalSlot>();
  private readonly levels = new Map<Level | 'none', LevelSlot>();
  private readonly all: Span = { count: 0, firstMs: null, lastMs: null };
  private readonly seed: number;
  private readonly maxCells: number;
  private readonly opts: Required<Omit<BuilderOptions, 'seed' | 'maxCells'>>;
  private untimed = 0;
  private src: Slot | null = null;
  private sig: SignalSlot | null = null;
  private lvl: LevelSlot | null = null;

  constructor(
    readonly host: string,
    options: BuilderOptions = {},
  ) {
    // 50k: enough for a host's base to stay under the summary grid (docs/timeline.md), and the cells are most of a loader's memory.
    this.maxCells = options.maxCells ?? 50_000;
    this.cells = new CellCounter(this.maxCells);
    this.seed = options.seed ?? 1;
    this.opts = { keepFirst: options.keepFirst ?? 50, keepLast: options.keepLast ?? 50, reservoir: options.reservoir ?? 50 };
  }

  /** EventSink-compatible; `host` is accepted for the sink's shape and must be this builder's host. */
  add(ev: LogEvent, host: string = this.host): void {
    if (host !== this.host) throw new Error(`TimelineBuilder for ${this.host} got an event of ${host}`);
    const t = ev.time;
    const id = classify(ev);
    const sig = id === undefined ? null : this.signalSlot(id);
    const lv = this.levelSlot(ev.level ?? 'none');
    const src = this.sourceSlot(ev.source);
    widen(this.all, t);
    widen(lv.span, t);
    widen(src.span, t);
    if (sig) widen(sig.span, t);
    if (t === null) {
      this.untimed++;
      return;
    }
    this.cells.addTo((src.row ??= this.cells.row(src.key)), t);
    if (sig) this.cells.addTo((sig.row ??= this.cells.row(sig.key)), t);
    if (ev.level !== undefined) this.cells.addTo((lv.row ??= this.cells.row(lv.key)), t);
    // Onset: first event with a warning/critical signal, or at error level or worse (docs/timeline.md).
    const warn = sig !== null && sig.warn;
    if (warn || lv.error) {
      if (src.onset === null || t < src.onset) src.onset = t;
      if (warn && (sig.onset === null || t < sig.onset)) sig.onset = t;
    }
    // Kept: events with a signal (by signal), else those at error level (by level).
    const slot: Slot | null = sig ?? (lv.error ? lv : null);
    if (slot === null) return;
    slot.group ??= new KeepGroup({ first: this.opts.keepFirst, last: this.opts.keepLast, sample: this.opts.reservoir }, this.seed);
    // Deferred fields are built when the group hands over what it kept (KeepGroup.state), not per offer.
    slot.group.offer(t, ev);
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
    const cells = this.cells.toCells(); // first: storing the last runs may step the base up
    const sigs = [...this.signals].map(([id, x]): [string, Slot] => [id, x]);
    const lvls = [...this.levels].filter(([, x]) => x.span.count > 0);
    const onsets = [...this.sources.values(), ...this.signals.values()].flatMap((x): [string, number][] => (x.onset === null ? [] : [[x.key, x.onset]]));
    const groups = [...sigs, ...lvls.map(([, x]): [string, Slot] => [x.key, x])].flatMap(([k, x]): [string, KeepState][] =>
      x.group ? [[k, x.group.state()]] : [],
    );
    return {
      host: this.host,
      caps: { first: this.opts.keepFirst, last: this.opts.keepLast, sample: this.opts.reservoir },
      maxCells: this.maxCells,
      baseMs: this.cells.baseMs,
      cells,
      all: { ...this.all },
      untimed: this.untimed,
      signals: sigs.map(([id, x]) => [id, { ...x.span }]),
      sources: [...this.sources].map(([k, x]) => [k, { ...x.span }]),
      onsets,
      levels: lvls.map(([level, x]) => [level, x.span.count]),
      groups,
    };
  }

  private sourceSlot(source: string): Slot {
    if (this.src !== null && this.src.key === source) return this.src;
    let x = this.sources.get(source);
    if (!x) this.sources.set(source, (x = newSlot(source)));
    return (this.src = x);
  }

  private signalSlot(id: string): SignalSlot {
    if (this.sig !== null && this.sig.id === id) return this.sig;
    let x = this.signals.get(id);
    if (!x) this.signals.set(id, (x = { ...newSlot(`signal:${id}`), id, warn: SIGNAL_BY_ID.get(id)?.severity !== 'info' }));
    return (this.sig = x);
  }

  private levelSlot(level: Level | 'none'): LevelSlot {
    if (this.lvl !== null && this.lvl.level === level) return this.lvl;
    let x = this.levels.get(level);
    if (!x) this.levels.set(level, (x = { ...newSlot(`level:${level}`), error: level !== 'none' && ERROR_LEVELS.has(level), level }));
    return (this.lvl = x);
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
