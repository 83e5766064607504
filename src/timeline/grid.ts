/**
 * Time-bucket counting whose grid is fixed only at summary time. Counts are
 * kept per base bucket; when distinct cells pass a cap, the base steps up the
 * ladder and cells fold together. Every ladder step divides the next, so any
 * coarser ladder width re-buckets the cells exactly.
 */

/** 1 s, 5 s, 10 s, 30 s, 1 min, 5, 10, 30 min, 1, 2, 6, 12 h, 1 day, 1 week, 4 weeks: each divides the next. */
export const LADDER_MS: readonly number[] = [
  1_000, 5_000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000,
  7_200_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000, 2_419_200_000,
];

/** The report's histograms have at most this many buckets (plus one for alignment). */
export const MAX_BUCKETS = 300;

/**
 * One key's cells, plus a run-length count for its current bucket: logs come
 * in time order, so most adds hit the bucket of the add before and cost one
 * comparison instead of a map update (the grid was ~6% of an analysis).
 * `n` is not yet in `m`; flush() puts it there before anything reads `m`. A
 * bucket past `max` is new without asking the map; a new bucket (`fresh`)
 * enters the map at its flush, still before any other bucket of the key, so
 * the map keeps first-seen order.
 */
export interface Row {
  m: Map<number, number>;
  b: number;
  n: number;
  fresh: boolean;
  max: number;
}

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
    return this.cellCount;
  }

  add(key: string, timeMs: number, n = 1): void {
    this.addTo(this.row(key), timeMs, n);
  }

  /** A key's row, for a caller that adds to one key many times in a row (it stays valid). */
  row(key: string): Row {
    let r = this.rows.get(key);
    if (r === undefined) {
      r = { m: new Map(), b: NaN, n: 0, fresh: false, max: -Infinity };
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
    flush(r);
    r.b = b;
    r.n = n;
    if (b > r.max || !r.m.has(b)) {
      if (b > r.max) r.max = b;
      r.fresh = true;
      this.cellCount++;
      if (this.cellCount > this.maxCells) this.coarsen();
    }
  }

  /** Steps the base up until the cells fit; rare (once per ladder step), so amortised O(1) per add. */
  private coarsen(): void {
    for (const r of this.rows.values()) {
      flush(r);
      r.b = NaN;
    }
    const from = this.step;
    while (this.cellCount > this.maxCells && this.step < LADDER_MS.length - 1) {
      const factor = LADDER_MS[this.step + 1]! / LADDER_MS[this.step]!;
      this.step++;
      this.base = LADDER_MS[this.step]!;
      this.cellCount = 0;
      for (const r of this.rows.values()) {
        const folded = new Map<number, number>();
        for (const [b, c] of r.m) {
          const nb = Math.floor(b / factor);
          folded.set(nb, (folded.get(nb) ?? 0) + c);
        }
        r.m = folded;
        this.cellCount += folded.size;
      }
    }
    const factor = LADDER_MS[this.step]! / LADDER_MS[from]!;
    for (const r of this.rows.values()) r.max = Math.floor(r.max / factor);
  }

  /** Plain data for a partial: [key, bucket index in baseMs units, count]. */
  toCells(): [string, number, number][] {
    const out: [string, number, number][] = [];
    for (const [key, r] of this.rows) {
      flush(r);
      for (const [b, c] of r.m) out.push([key, b, c]);
    }
    return out;
  }
}

function flush(r: Row): void {
  if (r.fresh) {
    r.m.set(r.b, r.n);
    r.fresh = false;
  } else if (r.n !== 0) r.m.set(r.b, r.m.get(r.b)! + r.n);
  r.n = 0;
}

/** The shared grid for a time range: the smallest ladder width (≥ minWidth) giving ≤ MAX_BUCKETS buckets. */
export function chooseGrid(minMs: number, maxMs: number, minWidthMs: number): { startMs: number; widthMs: number; count: number } {
  const range = Math.max(0, maxMs - minMs);
  const top = LADDER_MS[LADDER_MS.length - 1]!;
  let width = LADDER_MS.find((w) => w >= minWidthMs && range / w <= MAX_BUCKETS)
    ?? top * Math.ceil(range / MAX_BUCKETS / top);
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
export function mergeCells(parts: readonly { baseMs: number; cells: readonly [string, number, number][] }[], maxCells: number): { baseMs: number; cells: [string, number, number][] } {
  let step = 0;
  for (const p of parts) step = Math.max(step, LADDER_MS.indexOf(p.baseMs));
  const fold = (width: number): Map<string, number> => {
    const m = new Map<string, number>();
    for (const p of parts) {
      for (const [key, b, c] of p.cells) {
        const k = `${key}\u0000${Math.floor((b * p.baseMs) / width)}`;
        m.set(k, (m.get(k) ?? 0) + c);
      }
    }
    return m;
  };
  let m = fold(LADDER_MS[step]!);
  while (m.size > maxCells && step < LADDER_MS.length - 1) m = fold(LADDER_MS[++step]!);
  const cells: [string, number, number][] = [];
  for (const [k, c] of m) {
    const z = k.lastIndexOf('\u0000');
    cells.push([k.slice(0, z), Number(k.slice(z + 1)), c]);
  }
  cells.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
  return { baseMs: LADDER_MS[step]!, cells };
}
