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

export class CellCounter {
  private step = 0;
  private cellCount = 0;
  private readonly maps = new Map<string, Map<number, number>>();

  constructor(private readonly maxCells: number) {}

  get baseMs(): number {
    return LADDER_MS[this.step]!;
  }

  get cells(): number {
    return this.cellCount;
  }

  add(key: string, timeMs: number, n = 1): void {
    const b = Math.floor(timeMs / this.baseMs);
    let m = this.maps.get(key);
    if (!m) {
      m = new Map();
      this.maps.set(key, m);
    }
    const prev = m.get(b);
    if (prev !== undefined) m.set(b, prev + n);
    else {
      m.set(b, n);
      this.cellCount++;
      if (this.cellCount > this.maxCells) this.coarsen();
    }
  }

  /** Steps the base up until the cells fit; rare (once per ladder step), so amortised O(1) per add. */
  private coarsen(): void {
    while (this.cellCount > this.maxCells && this.step < LADDER_MS.length - 1) {
      const factor = LADDER_MS[this.step + 1]! / LADDER_MS[this.step]!;
      this.step++;
      this.cellCount = 0;
      for (const [key, m] of this.maps) {
        const folded = new Map<number, number>();
        for (const [b, c] of m) {
          const nb = Math.floor(b / factor);
          folded.set(nb, (folded.get(nb) ?? 0) + c);
        }
        this.maps.set(key, folded);
        this.cellCount += folded.size;
      }
    }
  }

  /** Plain data for a partial: [key, bucket index in baseMs units, count]. */
  toCells(): [string, number, number][] {
    const out: [string, number, number][] = [];
    for (const [key, m] of this.maps) for (const [b, c] of m) out.push([key, b, c]);
    return out;
  }
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
