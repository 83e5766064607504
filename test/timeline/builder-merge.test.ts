/**
 * Builders fed disjoint parts of one host's events (what several parse
 * threads do) and merged give exactly the partial one builder fed every event
 * gives: counts, grid (also when the parts end on different base buckets),
 * onsets, and the very same kept events, whatever the split and order.
 */
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/parsers/types.js';
import { TimelineBuilder, finalize, mergeStates, type BuilderOptions } from '../../src/timeline/index.js';
import { HAS_CORPUS } from '../helpers/corpus.js';
import { shuffled, syzEvents } from './fixtures.js';
import { FAMILY_SOURCE, eventOf } from './helpers.js';

const whole = (events: LogEvent[], opts: BuilderOptions) => {
  const b = new TimelineBuilder('h', opts);
  for (const e of events) b.add(e, 'h');
  return b.finish();
};

/** Deals the events to `n` builders: in runs of `run` consecutive events (chunks of a file), round robin. */
const parted = (events: LogEvent[], n: number, run: number, opts: BuilderOptions) => {
  const bs = Array.from({ length: n }, () => new TimelineBuilder('h', opts));
  events.forEach((e, i) => bs[Math.floor(i / run) % n]!.add(e, 'h'));
  return finalize(mergeStates(bs.map((b) => b.state())));
};

// Real lines: nginx upstream failures (notable), and plain 2xx-like info lines, over two hours.
const NGINX =
  '2020/11/25 16:02:45 [error] 76952#76952: *5645766 connect() failed (111: Connection refused) while connecting to upstream, client: 5.126.32.148, server: www.google.de, request: "GET /admin/config HTTP/2.0", upstream: "http://127.0.0.1:3000/admin/config", host: "www.google.de"';
const T0 = Date.UTC(2020, 10, 25, 16, 2, 45);
const mixed: LogEvent[] = Array.from({ length: 3000 }, (_, i) =>
  i % 7 === 0
    ? eventOf(NGINX, FAMILY_SOURCE['web-error'], { time: T0 + i * 2400, timeQuality: 'exact', line: i + 1, level: 'error' })
    : eventOf('GET /index.html 200', '/var/log/nginx/access.log', { time: T0 + i * 2400, timeQuality: 'exact', line: i + 1, level: 'info' }),
);

describe('merging builder states', () => {
  const cases: [string, () => LogEvent[], BuilderOptions][] = [
    ['notable and plain lines, small caps', () => mixed, { keepFirst: 5, keepLast: 5, reservoir: 7 }],
    ['a cell cap the parts stay under but the whole does not', () => mixed, { maxCells: 400 }],
    ...(HAS_CORPUS ? [['syzkaller report 140 (kernel, untimed lines)', () => syzEvents('140'), {}] as [string, () => LogEvent[], BuilderOptions]] : []),
  ];
  for (const [name, events, opts] of cases) {
    describe(name, () => {
      const evs = events();
      const one = whole(evs, opts);
      for (const [n, run] of [
        [2, 1],
        [2, 100],
        [3, 37],
        [4, 1000],
      ] as const) {
        it(`${n} builders, runs of ${run}: the same partial`, () => {
          expect(parted(evs, n, run, opts)).toEqual(one);
        });
      }
      it('in any order: the same partial', () => {
        expect(parted(shuffled(evs, 11), 2, 50, opts)).toEqual(one);
      });
    });
  }

  it('the cell cap case really makes the parts end on a finer base than the whole', () => {
    const b = new TimelineBuilder('h', { maxCells: 400 });
    mixed.slice(0, 1500).forEach((e) => b.add(e, 'h'));
    expect(b.state().baseMs).toBeLessThan(whole(mixed, { maxCells: 400 }).baseMs);
  });

  it('keeps drops honest: kept + dropped = notable events', () => {
    const p = parted(mixed, 2, 100, { keepFirst: 5, keepLast: 5, reservoir: 7 });
    const notable = mixed.filter((e) => e.level === 'error').length;
    expect(p.events.length + p.eventsDropped).toBe(notable);
    expect(p.events.length).toBeGreaterThan(10);
  });

  it('refuses states of two hosts', () => {
    expect(() => mergeStates([new TimelineBuilder('a').state(), new TimelineBuilder('b').state()])).toThrow(/b is not a/);
  });
});
