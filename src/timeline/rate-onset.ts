/**
 * Rate-based onsets, computed at merge time from the shared-grid histograms
 * (never per event: the builder's add path stays as it is).
 *
 * The first-event onset of a signal that trickles all day is the start of the
 * log window, which says nothing about the incident. The rate onset is the
 * first bucket where the signal's count rises `factor` times over the host's
 * baseline and stays there, which is when the trickle turned into a burst.
 *
 * Definition, per host and per `signal:<id>` histogram of a warning or
 * critical signal (those are the keys with a first-event onset; every event
 * they count is anomalous):
 * - span: the host's buckets from its first to its last event, any key;
 * - baseline: the mean count per bucket over the first `baselineBuckets` of
 *   the span, where baselineBuckets = max(minBaselineBuckets,
 *   floor(span × baselineShare)); no rate onset when the span is shorter than
 *   baselineBuckets + sustain (there is no "before" to compare with);
 * - threshold: factor × max(baseline, floor);
 * - onset: the first bucket i of the span with count ≥ threshold in buckets
 *   i..i+sustain-1, or in every bucket from i to the span's end when fewer
 *   remain (a capture is taken during the incident: its burst is cut short);
 * - time: the start of bucket i, but never before the key's first-event onset
 *   (the rise cannot precede the first event); precision is one bucket.
 * Sources (artifact paths) have no rate onset: their histograms count every
 * line, not the anomalous ones, and the grid keeps no per-source anomaly count.
 */
import type { Histogram } from './types.js';

export interface RateOnsetOptions {
  factor: number;
  floor: number;
  sustain: number;
  baselineShare: number;
  minBaselineBuckets: number;
}

interface Default {
  value: number;
  source: string;
  why: string;
}

/**
 * Defaults, all sitrep's own (no published rule of thumb fits a per-bucket
 * log-count test). factor and floor were chosen together so that a Poisson
 * trickle of at most one event per bucket rarely fakes an onset: P(X ≥ 4 | λ = 1)
 * = 0.019, twice in a row 3.6e-4, about 0.1 false onset per key over a full
 * 300-bucket grid; factor 3 would give 1.9.
 */
export const RATE_ONSET_DEFAULTS: Record<keyof RateOnsetOptions, Default> = {
  factor: { value: 4, source: '(ours)', why: 'a rise of 4× over the baseline; 3× lets a λ = 1 trickle fake ~2 onsets per 300 buckets' },
  floor: { value: 1, source: '(ours)', why: 'events per bucket the baseline is raised to: with a baseline of 0, one event would be an infinite rise' },
  sustain: { value: 2, source: '(ours)', why: 'buckets the rate must hold: a single bucket over is a blip (cut short only by the end of the data)' },
  baselineShare: {
    value: 0.25,
    source: '(ours)',
    why: 'the leading quarter of the host span is taken as "before"; logs reach back 24 h while incidents are captured late in them',
  },
  minBaselineBuckets: { value: 8, source: '(ours)', why: 'a mean over fewer buckets is too noisy: for λ = 2 over 8 buckets its sd is 0.5' },
};

export function rateOnsetOptions(over: Partial<RateOnsetOptions> = {}): RateOnsetOptions {
  const d = RATE_ONSET_DEFAULTS;
  return {
    factor: over.factor ?? d.factor.value,
    floor: over.floor ?? d.floor.value,
    sustain: over.sustain ?? d.sustain.value,
    baselineShare: over.baselineShare ?? d.baselineShare.value,
    minBaselineBuckets: over.minBaselineBuckets ?? d.minBaselineBuckets.value,
  };
}

export interface RateOnset {
  host: string;
  key: string;
  time: number;
  rate: {
    /** Grid width (ms): the onset is known to this precision. */
    bucketMs: number;
    /** Mean events per bucket in the leading window. */
    baseline: number;
    /** Events per bucket the onset bucket reached or passed: factor × max(baseline, floor). */
    threshold: number;
    /** Events in the onset bucket. */
    count: number;
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** First and last bucket with any event of each host, over all its histograms. */
function spans(histograms: readonly Histogram[]): Map<string, { lo: number; hi: number }> {
  const out = new Map<string, { lo: number; hi: number }>();
  for (const h of histograms) {
    const lo = h.counts.findIndex((c) => c > 0);
    if (lo < 0) continue;
    let hi = h.counts.length - 1;
    while (hi > lo && h.counts[hi] === 0) hi--;
    const s = out.get(h.host);
    if (!s) out.set(h.host, { lo, hi });
    else {
      if (lo < s.lo) s.lo = lo;
      if (hi > s.hi) s.hi = hi;
    }
  }
  return out;
}

export function rateOnsets(
  histograms: readonly Histogram[],
  grid: { startMs: number; widthMs: number },
  firstOnsets: readonly { host: string; key: string; time: number }[],
  options: Partial<RateOnsetOptions> = {},
): RateOnset[] {
  const o = rateOnsetOptions(options);
  const first = new Map(firstOnsets.map((f) => [`${f.host}\n${f.key}`, f.time]));
  const span = spans(histograms);
  const out: RateOnset[] = [];
  for (const h of histograms) {
    const firstMs = first.get(`${h.host}\n${h.key}`);
    const s = span.get(h.host);
    if (!h.key.startsWith('signal:') || firstMs === undefined || !s) continue;
    const len = s.hi - s.lo + 1;
    const base = Math.max(o.minBaselineBuckets, Math.floor(len * o.baselineShare));
    if (len < base + o.sustain) continue;
    let sum = 0;
    for (let i = s.lo; i < s.lo + base; i++) sum += h.counts[i] ?? 0;
    const baseline = sum / base;
    const threshold = o.factor * Math.max(baseline, o.floor);
    const over = (i: number): boolean => (h.counts[i] ?? 0) >= threshold;
    for (let i = s.lo; i <= s.hi; i++) {
      if (!over(i)) continue;
      let held = true;
      for (let j = i + 1; j < i + o.sustain && j <= s.hi; j++) if (!over(j)) held = false;
      if (!held) continue;
      const time = Math.max(grid.startMs + i * grid.widthMs, firstMs);
      out.push({
        host: h.host,
        key: h.key,
        time,
        rate: { bucketMs: grid.widthMs, baseline: round3(baseline), threshold: round3(threshold), count: h.counts[i]! },
      });
      break;
    }
  }
  return out;
}
