/**
 * Series downsampling for the charts: min/max per pixel bucket. A line drawn
 * through the min and max of every bucket looks the same as the full series
 * at that width (spikes survive, unlike averaging), and the point count is
 * bounded by 2 × buckets whatever the input size.
 */

export interface Downsampled {
  points: [number, number][];
  dropped: number;
}

export function minMaxBuckets(points: readonly [number, number][], t0: number, t1: number, buckets: number): Downsampled {
  const clean = points.filter(([t, v]) => Number.isFinite(t) && Number.isFinite(v));
  // Series should arrive in time order; a line through unsorted points would scribble.
  if (clean.some((p, i) => i > 0 && p[0] < (clean[i - 1] as [number, number])[0])) clean.sort((a, b) => a[0] - b[0]);
  const invalid = points.length - clean.length;
  if (clean.length <= buckets * 2 || !(t1 > t0) || buckets < 1) return { points: clean, dropped: invalid };
  const width = (t1 - t0) / buckets;
  const out: [number, number][] = [];
  let cur = -1;
  let lo: [number, number] | null = null;
  let hi: [number, number] | null = null;
  const flush = (): void => {
    if (!lo || !hi) return;
    // Keep the two in time order so the line does not double back.
    if (lo === hi) out.push(lo);
    else if (lo[0] <= hi[0]) out.push(lo, hi);
    else out.push(hi, lo);
  };
  for (const p of clean) {
    const b = Math.min(buckets - 1, Math.max(0, Math.floor((p[0] - t0) / width)));
    if (b !== cur) {
      flush();
      cur = b;
      lo = p;
      hi = p;
      continue;
    }
    if (lo && p[1] < lo[1]) lo = p;
    if (hi && p[1] > hi[1]) hi = p;
  }
  flush();
  return { points: out, dropped: points.length - out.length };
}
