/**
 * Time-bucket counting whose grid is fixed only at summary time. Counts are
 * kept per base bucket; when distinct cells pass a cap, the base steps up the
 * ladder and cells fold together. Every ladder step divides the next, so any
 * coarser ladder width re-buckets the cells exactly.
 */

/** 1 s, 5 s, 10 s, 30 s, 1 min, 5, 10, 30 min, 1, 2, 6, 12 h, 1 day, 1 week, 4 weeks: each divides the next. */
export const LADDER_MS: readonly number[] = [
  1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000, 2_419_200_000,
];

/** The report's histograms have at most this many buckets (plus one for alignment). */
export const MAX_BUCKETS = 300;

/**
 * One key's cells. Logs come in time order, so most adds hit the bucket of
 * the add before: a run-length count (`b`, `n`) absorbs them, and only a
 * change of bucket writes to storage. Storage is a dense array from the
 * row's first bucket (a Map.set per bucket change was a sixth of a journal's
 * cost), with a Map for the rare bucket outside its span.
 */
export interface Row {
  /** Bucket of d[0] (NaN before the first). */
  o: number;
  d: number[];
  sp: Map<number, number> | null;
  b: number;
  n: number;
}

/** Buckets a row keeps densely (a few hundred KB at most); beyond, a Map. */
const DENSE_SPAN = 1 << 16;

export class CellCounter {
  private step = 0;
  private base = LADDER_MS[0]!;
  private cellCount = 0;
  private readonly rows = new Map<string, Row>();

  constructor(private readonly maxCells: number) {}

  get baseMs(): number {
    return this.base;
  }

  get cells(): number {
    this.flushAll();
    return this.cellCount;
  }

  add(key: string, timeMs: number, n = 1): void {
    this.addTo(this.row(key), timeMs, n);
  }

  /** A key's row, for a caller that adds to one key many times in a row (it stays valid). */
  row(key: string): Row {
    let r = this.rows.get(key);
    if (r === undefined) {
      r = { o: NaN, d: [], sp: null, b: NaN, n: 0 };
      this.rows.set(key, r);
    }
    return r;
  }

  addTo(r: Row, timeMs: number, n = 1): void {
    const b = Math.floor(timeMs / this.base);
    if (b === r.b) {
      r.n += n;
      return;
    }
    if (r.n !== 0) this.flush(r);
    // A flush may have stepped the base up: place this add on the current base.
    r.b = Math.floor(timeMs / this.base);
    r.n = n;
  }

  /** Puts the run-length count into storage; steps the base up when the cells pass the cap (rare). */
  private flush(r: Row): void {
    if (r.o !== r.o) r.o = r.b;
    if (this.store(r, r.b, r.n)) this.cellCount++;
    r.n = 0;
    if (this.cellCount > this.maxCells) this.coarsen();
  }

  /** Adds c to bucket b of r; true when the bucket was empty. */
  private store(r: Row, b: number, c: number): boolean {
    const i = b - r.o;
    if (i >= 0 && i < DENSE_SPAN) {
      const d = r.d;
      while (d.length <= i) d.push(0);
      const was = d[i]!;
      d[i] = was + c;
      return was === 0;
    }
    const sp = (r.sp ??= new Map());
    const was = sp.get(b);
    sp.set(b, (was ?? 0) + c);
    return was === undefined;
  }

  private flushAll(): void {
    for (const r of this.rows.values()) if (r.n !== 0) this.flush(r);
  }

  /** Steps the base up until the cells fit; rare (once per ladder step), so amortised O(1) per add. */
  private coarsen(): void {
    for (const r of this.rows.values()) {
      if (r.n !== 0) {
        if (r.o !== r.o) r.o = r.b;
        this.store(r, r.b, r.n);
        r.n = 0;
      }
      r.b = NaN;
    }
    while (this.cellCount > this.maxCells && this.step < LADDER_MS.length - 1) {
      const factor = LADDER_MS[this.step + 1]! / LADDER_MS[this.step]!;
      this.step++;
      this.base = LADDER_MS[this.step]!;
      this.cellCount = 0;
      for (const r of this.rows.values()) {
        const cells = cellsOf(r);
        r.o = r.o === r.o ? Math.floor(r.o / factor) : NaN;
        r.d = [];
        r.sp = null;
        for (const [b, c] of cells) if (this.store(r, Math.floor(b / factor), c)) this.cellCount++;
      }
    }
  }

  /** Plain data for a partial: [key, bucket index in baseMs units, count]. */
  toCells(): [string, number, number][] {
    this.flushAll();
    const out: [string, number, number][] = [];
    for (const [key, r] of this.rows) for (const [b, c] of cellsOf(r)) out.push([key, b, c]);
    return out;
  }
}

/** A row's stored cells (the run-length count not included), bucket order for the dense part. */
function cellsOf(r: Row): [number, number][] {
  const out: [number, number][] = [];
  r.d.forEach((c, i) => {
    if (c !== 0) out.push([r.o + i, c]);
  });
  if (r.sp) for (const [b, c] of r.sp) out.push([b, c]);
  return out;
}

/** The shared grid for a time range: the smallest ladder width (≥ minWidth) giving ≤ MAX_BUCKETS buckets. */
export function chooseGrid(minMs: number, maxMs: number, minWidthMs: number): { startMs: number; widthMs: number; count: number } {
  const range = Math.max(0, maxMs - minMs);
  const top = LADDER_MS[LADDER_MS.length - 1]!;
  let width = LADDER_MS.find((w) => w >= minWidthMs && range / w <= MAX_BUCKETS) ?? top * Math.ceil(range / MAX_BUCKETS / top);
  if (width < minWidthMs) width = minWidthMs;
  const first = Math.floor(minMs / width);
  return { startMs: first * width, widthMs: width, count: Math.floor(maxMs / width) - first + 1 };
}

/**
 * Several counters' cells (of one host, any split of its events) as one:
 * re-bucketed to the widest base, then stepped up the ladder while the
 * distinct cells pass the cap. That is the base one counter fed every event
 * ends on (the smallest ladder width whose distinct cells fit), so the result
 * is the same. Sorted by key, then bucket.
 */
export function mergeCells(
  parts: readonly { baseMs: number; cells: readonly [string, number, number][] }[],
  maxCells: number,
): { baseMs: number; cells: [string, number, number][] } {
  let step = 0;
  for (const p of parts) step = Math.max(step, LADDER_MS.indexOf(p.baseMs));
  const width = LADDER_MS[step]!;
  const all: [string, number, number][] = [];
  for (const p of parts) {
    const f = width / p.baseMs; // whole: every ladder width divides the next
    for (const c of p.cells) all.push(f === 1 ? c : [c[0], Math.floor(c[1] / f), c[2]]);
  }
  let cells = combine(all);
  while (cells.length > maxCells && step < LADDER_MS.length - 1) {
    const f = LADDER_MS[step + 1]! / LADDER_MS[step]!;
    step++;
    cells = combine(cells.map((c): [string, number, number] => [c[0], Math.floor(c[1] / f), c[2]]));
  }
  return { baseMs: LADDER_MS[step]!, cells };
}

/**
 * Cells sorted by key and bucket, equal ones summed (into a new tuple: the
 * inputs are not changed). A sort, not a map per key: the cells come grouped
 * by key and mostly in bucket order, which the sort is fast on, and a map per
 * key held ~20 MB more at the end of a large bundle.
 */
function combine(cells: [string, number, number][]): [string, number, number][] {
  cells.sort((a, b) => (a[0] === b[0] ? a[1] - b[1] : a[0] < b[0] ? -1 : 1));
  const out: [string, number, number][] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === c[0] && last[1] === c[1]) out[out.length - 1] = [last[0], last[1], last[2] + c[2]];
    else out.push(c);
  }
  return out;
}
