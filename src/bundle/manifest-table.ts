/**
 * A manifest held as columns, not one object per row (issue 15). A row object
 * cost ~300 bytes (the object, its path, name and source strings, three boxed
 * times); a bundle of 100,000 listed members kept 30 MB of them live through
 * the whole analysis, and V8 lets the heap grow to about four times what is
 * live. Here a row costs its path string and ~90 bytes: a collected log's
 * name and source are not stored when they follow from its path (the
 * capture's `logs<source>`, `log:<source>`), repeated values are shared
 * strings, and the numbers sit in one Float64Array. Plain data (arrays and a
 * typed array): a worker posts it to the main thread by structured clone.
 * Rows are read back one at a time (entryAt, manifestEntries), never all.
 */
import type { ManifestEntry } from './types.js';

export interface ManifestTable {
  count: number;
  /** Member path, null when nothing was written. */
  paths: (string | null)[];
  /** null where the row is a log whose name and source follow from its path (logNameSource). */
  names: (string | null)[];
  sources: (string | null)[];
  kinds: string[];
  statuses: string[];
  reasons: (string | null)[];
  /** exit, startMs, endMs, durationMs, bytes, mtimeMs of each row in turn; NaN for null. */
  numbers: Float64Array;
}

const NUMBERS = ['exit', 'startMs', 'endMs', 'durationMs', 'bytes', 'mtimeMs'] as const;
const WIDTH = NUMBERS.length;
/** Offsets of the columns read without a whole row. */
export const START = 1;
export const END = 2;
export const BYTES = 4;

/** Whether a row's name and source are the capture's for a collected log at `path` (name `log:<source>`, path `logs<source>`). */
function derived(path: string | null, name: string, source: string): boolean {
  return path !== null && path.length === source.length + 4 && path.startsWith('logs') && path.endsWith(source) && name === `log:${source}`;
}

/** Builds a table row by row; the number column doubles as it fills. */
export class ManifestTableBuilder {
  private readonly t: ManifestTable = {
    count: 0,
    paths: [],
    names: [],
    sources: [],
    kinds: [],
    statuses: [],
    reasons: [],
    numbers: new Float64Array(WIDTH * 64),
  };

  add(e: ManifestEntry): void {
    const t = this.t;
    const i = t.count++;
    const own = !derived(e.path, e.name, e.source);
    t.paths.push(e.path);
    t.names.push(own ? e.name : null);
    t.sources.push(own ? e.source : null);
    t.kinds.push(e.kind);
    t.statuses.push(e.status);
    t.reasons.push(e.reason);
    if ((i + 1) * WIDTH > t.numbers.length) {
      const grown = new Float64Array(t.numbers.length * 2);
      grown.set(t.numbers);
      t.numbers = grown;
    }
    for (let k = 0; k < WIDTH; k++) t.numbers[i * WIDTH + k] = e[NUMBERS[k]!] ?? NaN;
  }

  finish(): ManifestTable {
    const t = this.t;
    return { ...t, numbers: t.numbers.slice(0, t.count * WIDTH) };
  }
}

export function tableOf(entries: Iterable<ManifestEntry>): ManifestTable {
  const b = new ManifestTableBuilder();
  for (const e of entries) b.add(e);
  return b.finish();
}

/** A number column of row `i` (START, END, BYTES), null for none. */
export function numberAt(t: ManifestTable, i: number, column: number): number | null {
  const n = t.numbers[i * WIDTH + column]!;
  return Number.isNaN(n) ? null : n;
}

/** Row `i` as an entry: a new object each call, for the caller to drop. */
export function entryAt(t: ManifestTable, i: number): ManifestEntry {
  const path = t.paths[i] ?? null;
  const name = t.names[i];
  const source = name === null || name === undefined ? path!.slice(4) : t.sources[i]!;
  const n = (k: number): number | null => numberAt(t, i, k);
  return {
    path,
    kind: t.kinds[i]!,
    name: name ?? `log:${source}`,
    source,
    status: t.statuses[i]!,
    exit: n(0),
    startMs: n(START),
    endMs: n(END),
    durationMs: n(3),
    bytes: n(BYTES),
    mtimeMs: n(5),
    reason: t.reasons[i] ?? null,
  };
}

export function* manifestEntries(t: ManifestTable): Generator<ManifestEntry> {
  for (let i = 0; i < t.count; i++) yield entryAt(t, i);
}
