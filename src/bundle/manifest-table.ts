/**
 * A manifest held as columns, not one object per row (issue 15). A row object
 * cost ~300 bytes (the object, its path, name and source strings, three boxed
 * times); a bundle of 100,000 listed members kept 30 MB of them live through
 * the whole analysis, and V8 lets the heap grow to about four times what is
 * live. Here a row costs its path string and ~80 bytes: a collected log's
 * name and source are not stored when they follow from its path (the
 * capture's `logs<source>`, `log:<source>`, or a name guessed from the path
 * with no source), kind, status and reason are indexes into one list of the
 * distinct values, and the numbers sit in a Float64Array. Plain data (arrays and a
 * typed array): a worker posts it to the main thread by structured clone.
 * Rows are read back one at a time (entryAt, manifestEntries), never all.
 */
import type { ManifestEntry } from './types.js';

export interface ManifestTable {
  count: number;
  /** Member path, null when nothing was written. */
  paths: (string | null)[];
  /** Per row: its index in names and sources, or LOG / GUESSED_LOG when they follow from its path. */
  own: Int32Array;
  /** Names and sources of the rows that have their own. */
  names: string[];
  sources: string[];
  /** The distinct kinds, statuses and reasons. */
  words: string[];
  /** kind, status and reason of each row in turn: indexes into words, NONE for no reason. */
  codes: Uint32Array;
  /** exit, startMs, endMs, durationMs, bytes, mtimeMs of each row in turn; NaN for null. */
  numbers: Float64Array;
}

const NUMBERS = ['exit', 'startMs', 'endMs', 'durationMs', 'bytes', 'mtimeMs'] as const;
const WIDTH = NUMBERS.length;
/** Offsets of the columns read without a whole row. */
export const START = 1;
export const END = 2;
export const BYTES = 4;

const NONE = 0xffffffff;

/** A collected log as the capture lists it: path `logs<source>`, name `log:<source>`. */
const LOG = -1;
/** A log guessed from its path (no manifest): name `log:<path after logs>`, no source. */
const GUESSED_LOG = -2;

/** LOG or GUESSED_LOG when a row's name and source follow from its path, else null. */
function derived(path: string | null, name: string, source: string): number | null {
  if (path === null || !path.startsWith('logs/') || name.length !== path.length || !name.startsWith('log:') || !name.endsWith(path.slice(4))) return null;
  return source === '' ? GUESSED_LOG : source.length + 4 === path.length && path.endsWith(source) ? LOG : null;
}

/** `a` with room for `n` values: twice its length when full. */
function room<T extends Float64Array | Int32Array | Uint32Array>(a: T, n: number, make: (len: number) => T): T {
  if (n <= a.length) return a;
  const grown = make(Math.max(n, a.length * 2));
  grown.set(a);
  return grown;
}

/** Builds a table row by row; the number column doubles as it fills. */
export class ManifestTableBuilder {
  /** Index of each word in t.words, while the table is built. */
  private readonly wordAt = new Map<string, number>();
  private readonly t: ManifestTable = {
    count: 0,
    paths: [],
    own: new Int32Array(64),
    names: [],
    sources: [],
    words: [],
    codes: new Uint32Array(3 * 64),
    numbers: new Float64Array(WIDTH * 64),
  };

  get count(): number {
    return this.t.count;
  }

  add(e: ManifestEntry): void {
    const t = this.t;
    const i = t.count++;
    t.paths.push(e.path);
    t.own = room(t.own, i + 1, (n) => new Int32Array(n));
    const form = derived(e.path, e.name, e.source);
    t.own[i] = form ?? t.names.push(e.name) - 1;
    if (form === null) t.sources.push(e.source);
    t.codes = room(t.codes, 3 * (i + 1), (n) => new Uint32Array(n));
    t.codes[3 * i] = this.word(e.kind);
    t.codes[3 * i + 1] = this.word(e.status);
    t.codes[3 * i + 2] = e.reason === null ? NONE : this.word(e.reason);
    t.numbers = room(t.numbers, (i + 1) * WIDTH, (n) => new Float64Array(n));
    for (let k = 0; k < WIDTH; k++) t.numbers[i * WIDTH + k] = e[NUMBERS[k]!] ?? NaN;
  }

  private word(w: string): number {
    let k = this.wordAt.get(w);
    if (k === undefined) this.wordAt.set(w, (k = this.t.words.push(w) - 1));
    return k;
  }

  finish(): ManifestTable {
    const t = this.t;
    return { ...t, own: t.own.slice(0, t.count), codes: t.codes.slice(0, 3 * t.count), numbers: t.numbers.slice(0, t.count * WIDTH) };
  }
}

export function tableOf(entries: Iterable<ManifestEntry>): ManifestTable {
  const b = new ManifestTableBuilder();
  for (const e of entries) b.add(e);
  return b.finish();
}

/** Row `i`'s status. */
export function statusAt(t: ManifestTable, i: number): string {
  return t.words[t.codes[3 * i + 1]!]!;
}

/** A number column of row `i` (START, END, BYTES), null for none. */
export function numberAt(t: ManifestTable, i: number, column: number): number | null {
  const n = t.numbers[i * WIDTH + column]!;
  return Number.isNaN(n) ? null : n;
}

/** The least or greatest of a number column (START, END), null when no row has one. */
export function columnExtreme(t: ManifestTable, column: number, pick: (a: number, b: number) => number): number | null {
  // A loop, not Math.min(...): a manifest of 300,000 rows (0.8 MB gzipped) overflows a call's arguments.
  let out: number | null = null;
  for (let i = 0; i < t.count; i++) {
    const n = numberAt(t, i, column);
    if (n !== null) out = out === null ? n : pick(out, n);
  }
  return out;
}

/** Row `i` as an entry: a new object each call, for the caller to drop. */
export function entryAt(t: ManifestTable, i: number): ManifestEntry {
  const path = t.paths[i] ?? null;
  const own = t.own[i]!;
  const n = (k: number): number | null => numberAt(t, i, k);
  return {
    path,
    kind: t.words[t.codes[3 * i]!]!,
    name: own >= 0 ? t.names[own]! : `log:${path!.slice(4)}`,
    source: own >= 0 ? t.sources[own]! : own === LOG ? path!.slice(4) : '',
    status: statusAt(t, i),
    exit: n(0),
    startMs: n(START),
    endMs: n(END),
    durationMs: n(3),
    bytes: n(BYTES),
    mtimeMs: n(5),
    reason: t.codes[3 * i + 2] === NONE ? null : t.words[t.codes[3 * i + 2]!]!,
  };
}

export function* manifestEntries(t: ManifestTable): Generator<ManifestEntry> {
  for (let i = 0; i < t.count; i++) yield entryAt(t, i);
}
