/** The timeline stage's output: events merged across artifacts and hosts, summarised. */
import type { Level, LogEvent } from '../parsers/types.js';

/** An event kept for the report and the rules: classified by a signal, or at error level or worse. */
export interface TimelineEvent extends LogEvent {
  host: string;
  /** Signal id from the catalogue (`oom-kill`, `nginx-upstream-timeout`), when one matched. */
  signal?: string;
  /** Fields the signal's pattern extracted (killed process and pid, port, upstream, lock wait ms...). */
  signalFields?: Record<string, string | number>;
}

export interface Histogram {
  host: string;
  /** Artifact path, or `signal:<id>` for per-signal counts, or `level:<level>`. */
  key: string;
  /** Counts per bucket, aligned with TimelineSummary.buckets. */
  counts: number[];
}

/** `first`: the first anomalous event; `rate`: the first bucket where a signal's rate rose over its baseline (docs/timeline.md). */
export type OnsetKind = 'first' | 'rate';

export interface Onset {
  host: string;
  /** Artifact path or `signal:<id>` (rate onsets: `signal:<id>` only). */
  key: string;
  /** Epoch ms: the first anomalous instant (`first`), or the start of the bucket where the rise began (`rate`). */
  time: number;
  /** Clock uncertainty of this host (ms): onsets closer than the sum of two hosts' uncertainties are not ordered. */
  uncertaintyMs: number;
  kind: OnsetKind;
  /** Rate onsets only: grid width (the onset's precision), baseline and threshold (events per bucket), events in the onset bucket. */
  rate?: { bucketMs: number; baseline: number; threshold: number; count: number };
}

export interface SignalCount {
  host: string;
  signal: string;
  count: number;
  firstMs: number | null;
  lastMs: number | null;
}

export interface ClockEstimate {
  host: string;
  /** Estimated offset of this host's clock from the reference host (ms), 0 for the reference. */
  offsetMs: number;
  uncertaintyMs: number;
  notes: string[];
}

export interface TimelineSummary {
  /** Bucket grid shared by every histogram. */
  buckets: { startMs: number; widthMs: number; count: number };
  histograms: Histogram[];
  onsets: Onset[];
  signals: SignalCount[];
  /** Kept events in time order across hosts (capped per host and signal; see eventsDropped). */
  events: TimelineEvent[];
  eventsDropped: number;
  clocks: ClockEstimate[];
  /** Events per level per host, whole input. */
  levels: { host: string; level: Level | 'none'; count: number }[];
  /** Events per host that had no time: counted in signals and levels, never placed on the grid or in events. */
  untimed?: { host: string; count: number }[];
}
