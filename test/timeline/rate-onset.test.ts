/**
 * Rate onsets (src/timeline/rate-onset.ts, docs/timeline.md).
 *
 * 1. A real Apache error log with a trickle of proxy errors, then a burst:
 *    test/timeline/data/apache-proxy-trickle-burst.error.log, written by
 *    Apache/2.4.71 (Debian 12) on the dev machine on 2026-11-26, mod_proxy_http
 *    in front of a node backend that closes every connection unanswered; curl
 *    hit it once every 15 s for 5 min, then about twice a second for 30 s.
 *    Each failed request logs AH01102 (apache-proxy-read-failed) and AH00898
 *    (apache-proxy-error). Expected values were counted on the file with awk,
 *    not taken from the code (the counts are in the comments).
 * 2. The definition's edges on hand-made grids: sustain, floor, baseline,
 *    clamp to the first event, short spans, which keys qualify.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { logParser } from '../../src/parsers/registry.js';
import type { LogEvent } from '../../src/parsers/types.js';
import { TimelineBuilder, mergeTimelines, ordered } from '../../src/timeline/index.js';
import { rateOnsets, type RateOnsetOptions } from '../../src/timeline/rate-onset.js';
import type { Histogram, Onset } from '../../src/timeline/types.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const LOG = readFileSync(join(REPO_ROOT, 'test/timeline/data/apache-proxy-trickle-burst.error.log'), 'utf8')
  .split('\n')
  .filter((l) => l !== '');
const SOURCE = 'logs/var/log/apache2/error.log';
const READ = 'signal:apache-proxy-read-failed';
const PAGE = 'signal:apache-proxy-error';
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

function summaryOf(lines: string[], options: Partial<RateOnsetOptions> = {}) {
  const reader = logParser('web-error')!.open({ file: SOURCE, clock: { tzName: 'UTC', utcOffsetMin: 0 } });
  const b = new TimelineBuilder('web1');
  const feed = (ev: LogEvent | undefined): void => {
    if (ev) b.add({ ...ev, source: SOURCE }, 'web1');
  };
  lines.forEach((l, i) => feed(reader.push(l, i + 1)));
  feed(reader.end());
  return mergeTimelines([b.finish()], [{ host: 'web1', offsetMs: 0, uncertaintyMs: 100, notes: [] }], options);
}

interface RealCase {
  name: string;
  lines: [number, number];
  options?: Partial<RateOnsetOptions>;
  widthMs: number;
  first: Record<string, string>;
  rate: Record<string, { time: string; baseline: number; threshold: number; count: number }>;
}

// Grid of the whole log: 08:17:30.839 → 08:23:08.205 is 337 s, over 300 one-second buckets, so 5 s;
// 68 buckets from 08:17:30. AH01102 per bucket (awk on the stamps): one in buckets 0, 3, 6, ... 57
// (the trickle, every 15 s), then 60:2 61:10 62:8 63:10 64:9 65:9 66:9 67:3; AH00898 the same.
// Baseline window: max(8, ⌊68 × 0.25⌋) = 17 buckets, holding the trickle's buckets 0, 3, 6, 9, 12, 15:
// 6/17 = 0.353 per bucket; threshold 4 × max(0.353, 1) = 4; first bucket ≥ 4 followed by one ≥ 4: 61 (10, 8),
// which starts at 08:17:30 + 61 × 5 s = 08:22:35.
const REAL: RealCase[] = [
  {
    name: 'trickle then burst: the rate onset is the burst, the first-event onset the first trickle line',
    lines: [1, LOG.length],
    widthMs: 5000,
    // Line 3 (AH01102) is stamped 08:17:31.869875, line 4 (AH00898) 08:17:31.870034.
    first: { [READ]: '2026-11-26T08:17:31.869Z', [PAGE]: '2026-11-26T08:17:31.870Z', [SOURCE]: '2026-11-26T08:17:31.869Z' },
    rate: {
      [READ]: { time: '2026-11-26T08:22:35.000Z', baseline: 0.353, threshold: 4, count: 10 },
      [PAGE]: { time: '2026-11-26T08:22:35.000Z', baseline: 0.353, threshold: 4, count: 10 },
    },
  },
  {
    // factor 2: threshold 2, reached first by bucket 60 (2 lines: the burst began at 08:22:33.9) then 61 (10).
    name: 'the same log with factor 2: the onset moves to the bucket where the burst began',
    lines: [1, LOG.length],
    options: { factor: 2 },
    widthMs: 5000,
    first: { [READ]: '2026-11-26T08:17:31.869Z' },
    rate: {
      [READ]: { time: '2026-11-26T08:22:30.000Z', baseline: 0.353, threshold: 2, count: 2 },
      [PAGE]: { time: '2026-11-26T08:22:30.000Z', baseline: 0.353, threshold: 2, count: 2 },
    },
  },
  {
    // Lines 1-42 end at the 20th trickle request (08:22:18.8): 288 s, one-second grid; never 2 lines in a second.
    name: 'the trickle alone never rises: no rate onset',
    lines: [1, 42],
    widthMs: 1000,
    first: { [READ]: '2026-11-26T08:17:31.869Z' },
    rate: {},
  },
  {
    // Lines 43-163 start at 08:22:33.919 inside the burst: at most 2 AH01102 per second (awk | uniq -c),
    // below any threshold (≥ 4 by the floor): a log with no "before" has no rise.
    name: 'a log that starts inside the burst has no rate onset',
    lines: [43, LOG.length],
    widthMs: 1000,
    first: { [READ]: '2026-11-26T08:22:33.919Z' },
    rate: {},
  },
];

describe('rate onsets on a real Apache log (trickle, then burst)', () => {
  it('is the log the comments describe', () => {
    expect(LOG).toHaveLength(163);
    expect(LOG.filter((l) => l.includes('AH01102'))).toHaveLength(80);
    expect(LOG[42]).toContain('08:22:33.919173');
  });

  it.each(REAL)('$name', (c) => {
    const s = summaryOf(LOG.slice(c.lines[0] - 1, c.lines[1]), c.options);
    expect(s.buckets.widthMs).toBe(c.widthMs);
    for (const [key, t] of Object.entries(c.first)) {
      expect(iso(s.onsets.find((o) => o.key === key && o.kind === 'first')?.time), key).toBe(t);
    }
    const rates = s.onsets.filter((o) => o.kind === 'rate');
    expect(rates.map((o) => o.key).sort()).toEqual(Object.keys(c.rate).sort());
    for (const [key, want] of Object.entries(c.rate)) {
      const o = rates.find((r) => r.key === key)!;
      expect(iso(o.time), key).toBe(want.time);
      expect(o.rate).toEqual({ bucketMs: c.widthMs, baseline: want.baseline, threshold: want.threshold, count: want.count });
      expect(o.uncertaintyMs).toBe(100);
    }
  });
});

// Hand-made grids of 1 s buckets from 0: `other` spans the host's data (its source's lines), `sig` is the signal.
const W = 1000;
const zeros = (n: number): number[] => new Array<number>(n).fill(0);
const hist = (key: string, counts: number[]): Histogram => ({ host: 'h', key, counts });
function onsetOf(sig: number[], firstMs: number, span = sig.length, options: Partial<RateOnsetOptions> = {}): { time: number; count: number } | undefined {
  const other = hist(
    'logs/app.log',
    zeros(sig.length).map((_, i) => (i === 0 || i === span - 1 ? 1 : 0)),
  );
  const r = rateOnsets([other, hist('signal:x', sig)], { startMs: 0, widthMs: W }, [{ host: 'h', key: 'signal:x', time: firstMs }], options);
  return r[0] ? { time: r[0].time, count: r[0].rate.count } : undefined;
}
/** 40 buckets: a trickle of one event every other bucket, then `tail` from bucket 30. */
const trickle = (tail: number[]): number[] => [...zeros(30).map((_, i) => (i % 2 === 0 ? 1 : 0)), ...tail, ...zeros(10 - tail.length)];

describe('rate onset definition (hand-counted grids)', () => {
  const cases: {
    name: string;
    sig: number[];
    firstMs: number;
    span?: number;
    options?: Partial<RateOnsetOptions>;
    want: { time: number; count: number } | undefined;
  }[] = [
    // baseline: 10 buckets (max(8, ⌊40/4⌋)), 5 events: 0.5 → floor 1 → threshold 4.
    { name: 'a burst held for 2 buckets is the onset', sig: trickle([5, 4, 6]), firstMs: 0, want: { time: 30 * W, count: 5 } },
    { name: 'one bucket over, then back under: a blip, no onset', sig: trickle([5, 1, 0, 9]), firstMs: 0, want: undefined },
    { name: 'just under the floor-based threshold (3 < 4): no onset', sig: trickle([3, 3, 3, 3]), firstMs: 0, want: undefined },
    {
      name: 'a burst cut short by the end of the data still counts',
      sig: [...zeros(39).map((_, i) => (i % 2 === 0 ? 1 : 0)), 7],
      firstMs: 0,
      want: { time: 39 * W, count: 7 },
    },
    // A trickle of 2 per bucket: baseline 2, threshold 8: 7 is not a rise, 8 is.
    {
      name: 'a higher baseline raises the threshold (7 < 8)',
      sig: [...new Array<number>(30).fill(2), 7, 7, 7, ...new Array<number>(7).fill(2)],
      firstMs: 0,
      want: undefined,
    },
    {
      name: 'a higher baseline raises the threshold (8 ≥ 8)',
      sig: [...new Array<number>(30).fill(2), 8, 8, ...new Array<number>(8).fill(2)],
      firstMs: 0,
      want: { time: 30 * W, count: 8 },
    },
    {
      name: 'a burst with no trickle before: the onset is its first event, not its bucket start',
      sig: [...zeros(30), 6, 6, ...zeros(8)],
      firstMs: 30 * W + 400,
      want: { time: 30 * W + 400, count: 6 },
    },
    { name: 'a span shorter than baseline + sustain (9 < 8 + 2): no onset', sig: [0, 0, 0, 0, 0, 0, 0, 0, 9], firstMs: 8 * W, want: undefined },
    { name: 'sustain 3 needs a third bucket over', sig: trickle([5, 4, 1]), firstMs: 0, options: { sustain: 3 }, want: undefined },
  ];
  it.each(cases)('$name', (c) => {
    expect(onsetOf(c.sig, c.firstMs, c.span, c.options)).toEqual(c.want);
  });

  it('only signal keys with a first-event onset qualify (sources count every line; info signals have no onset)', () => {
    const burst = trickle([9, 9, 9]);
    const hs = [hist('logs/app.log', burst), hist('signal:x', burst), hist('signal:service-started', burst)];
    const got = rateOnsets(hs, { startMs: 0, widthMs: W }, [
      { host: 'h', key: 'logs/app.log', time: 0 },
      { host: 'h', key: 'signal:x', time: 0 },
    ]);
    expect(got.map((r) => r.key)).toEqual(['signal:x']);
  });

  it("baselines are per host: a busy host does not raise a quiet host's threshold", () => {
    const quiet = trickle([5, 5, 5]);
    const busy = new Array<number>(40).fill(6);
    const hs: Histogram[] = [
      { host: 'a', key: 'signal:x', counts: quiet },
      { host: 'b', key: 'signal:x', counts: busy },
    ];
    const got = rateOnsets(hs, { startMs: 0, widthMs: W }, [
      { host: 'a', key: 'signal:x', time: 0 },
      { host: 'b', key: 'signal:x', time: 0 },
    ]);
    expect(got.map((r) => [r.host, r.time])).toEqual([['a', 30 * W]]);
  });
});

describe('ordered() and rate onsets', () => {
  const first = (time: number): Onset => ({ host: 'h', key: 'signal:a', time, uncertaintyMs: 100, kind: 'first' });
  const rate = (time: number): Onset => ({
    host: 'h',
    key: 'signal:b',
    time,
    uncertaintyMs: 100,
    kind: 'rate',
    rate: { bucketMs: 5000, baseline: 0, threshold: 4, count: 9 },
  });
  it('on one host, a rate onset within its bucket of another onset is not ordered; beyond it, it is', () => {
    expect(ordered(first(10_000), rate(14_000))).toBe(0);
    expect(ordered(rate(14_000), first(10_000))).toBe(0);
    expect(ordered(first(10_000), rate(15_001))).toBe(-1);
    expect(ordered(rate(15_001), first(10_000))).toBe(1);
    // Two first-event onsets on one host still order by time alone.
    expect(ordered(first(10_000), first(10_001))).toBe(-1);
  });
});
