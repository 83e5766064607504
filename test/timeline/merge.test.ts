/** Cross-host merge on real kernel logs, clock estimates from capture meta, and onset ordering under skew. */
import { describe, expect, it } from 'vitest';
import { tableOf } from '../../src/bundle/manifest-table.js';
import type { HostData } from '../../src/parsers/host-data.js';
import {
  MAX_BUCKETS,
  NTP_NO_MS,
  NTP_SYNCED_MS,
  NTP_UNKNOWN_MS,
  TimelineBuilder,
  estimateClocks,
  kWayMerge,
  mergeTimelines,
  ordered,
} from '../../src/timeline/index.js';
import type { LogEvent } from '../../src/parsers/types.js';
import type { TimelineEvent } from '../../src/timeline/types.js';
import { HAS_CORPUS } from '../helpers/corpus.js';
import { BOOT_MS, shuffled, syzEvents } from './fixtures.js';

const partial = (host: string, events: LogEvent[]) => {
  const b = new TimelineBuilder(host);
  for (const e of events) b.add(e, host);
  return b.finish();
};

function host(id: string, ntp: string | undefined, startMs: number | null): HostData {
  return {
    bundle: `${id}.tar.gz`,
    id,
    hostname: id,
    tier: '',
    cpus: 2,
    clock: startMs === null ? {} : { captureStartMs: startMs },
    windowStartMs: startMs,
    windowEndMs: null,
    meta: ntp === undefined ? {} : { ntp_synced: ntp },
    manifest: tableOf([]),
    artifacts: [],
    logs: [],
    diagnostics: [],
  };
}

describe.skipIf(!HAS_CORPUS)('mergeTimelines: an RCU stall (db1) and a soft lockup (app1) booted 40 s apart', () => {
  const db = HAS_CORPUS ? syzEvents('145', BOOT_MS) : [];
  const app = HAS_CORPUS ? syzEvents('264', BOOT_MS + 40_000) : [];
  const partials = HAS_CORPUS ? [partial('db1', shuffled(db)), partial('app1', app)] : [];
  const clocks = estimateClocks([host('db1', 'yes', BOOT_MS + 400_000), host('app1', 'no', BOOT_MS + 402_500)]);
  const s = HAS_CORPUS ? mergeTimelines(partials, clocks) : undefined!;

  it('merges kept events of both hosts into one time order', () => {
    expect(s.events.length).toBe(partials[0]!.events.length + partials[1]!.events.length);
    const t = s.events.map((e) => e.time!);
    expect(t).toEqual([...t].sort((a, b) => a - b));
    expect(new Set(s.events.map((e) => e.host))).toEqual(new Set(['db1', 'app1']));
    expect(s.eventsDropped).toBe(0);
  });

  it('puts every timed event on one shared grid of at most MAX_BUCKETS buckets', () => {
    expect(s.buckets.count).toBeLessThanOrEqual(MAX_BUCKETS + 1);
    const all = [...db, ...app].filter((e) => e.time !== null).map((e) => e.time!);
    expect(s.buckets.startMs).toBeLessThanOrEqual(Math.min(...all));
    expect(s.buckets.startMs + s.buckets.count * s.buckets.widthMs).toBeGreaterThan(Math.max(...all));
    for (const [id, evs] of [
      ['db1', db],
      ['app1', app],
    ] as const) {
      const h = s.histograms.find((x) => x.host === id && x.key === 'cmd/dmesg.txt')!;
      expect(h.counts.length).toBe(s.buckets.count);
      expect(h.counts.reduce((a, b) => a + b, 0)).toBe(evs.filter((e) => e.time !== null).length);
      // The stall line sits in the bucket its time says.
      const stall = evs.find((e) => e.message.includes('detected stalls') || e.message.includes('soft lockup'))!;
      expect(h.counts[Math.floor((stall.time! - s.buckets.startMs) / s.buckets.widthMs)]).toBeGreaterThan(0);
    }
  });

  it('reports onsets per host with the clock uncertainty, and orders them only beyond it', () => {
    const stall = db.find((e) => e.message.includes('rcu_sched detected stalls'))!.time!;
    const lockup = app.find((e) => e.message.includes('soft lockup - CPU#'))!.time!;
    const a = s.onsets.find((o) => o.host === 'db1' && o.key === 'signal:rcu-stall' && o.kind === 'first')!;
    const b = s.onsets.find((o) => o.host === 'app1' && o.key === 'signal:soft-lockup' && o.kind === 'first')!;
    expect(a).toEqual({ host: 'db1', key: 'signal:rcu-stall', time: stall, uncertaintyMs: NTP_SYNCED_MS, kind: 'first' });
    expect(b).toEqual({ host: 'app1', key: 'signal:soft-lockup', time: lockup, uncertaintyMs: NTP_NO_MS, kind: 'first' });
    // Stall at 323.8 s on db1, lockup at 40 + 281.6 s on app1: 2.2 s apart, within app1's 30 s: no order.
    expect(Math.abs(lockup - stall)).toBeLessThan(NTP_NO_MS);
    expect(ordered(a, b)).toBe(0);
    // With exact clocks the lockup (321.6 s) comes before the stall (323.8 s).
    expect(ordered({ ...b, uncertaintyMs: 0 }, { ...a, uncertaintyMs: 0 })).toBe(-1);
    expect(ordered({ ...a, uncertaintyMs: 0 }, { ...b, uncertaintyMs: 0 })).toBe(1);
  });

  it('keeps per-host signal counts and levels', () => {
    expect(s.signals.filter((x) => x.host === 'db1').map((x) => x.signal)).toContain('rcu-stall');
    expect(s.levels).toContainEqual({ host: 'app1', level: 'none', count: app.length });
    expect(s.untimed).toEqual([
      { host: 'db1', count: db.filter((e) => e.time === null).length },
      { host: 'app1', count: app.filter((e) => e.time === null).length },
    ]);
  });
});

describe('estimateClocks', () => {
  const S = Date.UTC(2026, 10, 26, 5, 0, 0);
  it('takes the first NTP-synced host as reference and widens the others by their start difference', () => {
    const c = estimateClocks([
      host('web', 'unknown', S + 1_000),
      host('db', 'yes', S),
      host('app', 'no', S + 45_000),
      host('cache', 'no', S + 3_600_000),
      host('old', undefined, null),
    ]);
    expect(c.map((x) => x.host)).toEqual(['web', 'db', 'app', 'cache', 'old']);
    expect(c[1]).toMatchObject({ host: 'db', offsetMs: 0, uncertaintyMs: NTP_SYNCED_MS });
    expect(c[0]).toMatchObject({ offsetMs: 1_000, uncertaintyMs: NTP_UNKNOWN_MS });
    expect(c[2]).toMatchObject({ offsetMs: 45_000, uncertaintyMs: 45_000 });
    expect(c[3]).toMatchObject({ offsetMs: 0, uncertaintyMs: NTP_NO_MS });
    expect(c[3]!.notes.join(' ')).toMatch(/not launched together/);
    expect(c[4]).toMatchObject({ offsetMs: 0, uncertaintyMs: NTP_UNKNOWN_MS });
    expect(c[4]!.notes.join(' ')).toMatch(/start unknown/);
  });

  it('reads start_epoch from meta when the clock lacks it, and trusts a synced host whatever its start', () => {
    const h = host('b', 'yes', null);
    const c = estimateClocks([host('a', 'yes', S), { ...h, meta: { ...h.meta, start_epoch: String((S + 90_000) / 1000) } }]);
    expect(c[1]).toMatchObject({ offsetMs: 0, uncertaintyMs: NTP_SYNCED_MS });
    expect(c[1]!.notes.join(' ')).toMatch(/1:30|90\.0 s/);
  });

  it('has no reference problem with no hosts', () => expect(estimateClocks([])).toEqual([]));
});

describe('ordered', () => {
  const o = (hostId: string, time: number, u: number) => ({ host: hostId, key: 'k', time, uncertaintyMs: u });
  it('orders across hosts only beyond the summed uncertainty', () => {
    expect(ordered(o('a', 0, 100), o('b', 250, 100))).toBe(-1);
    expect(ordered(o('a', 0, 100), o('b', 200, 100))).toBe(0);
    expect(ordered(o('a', 500, 100), o('b', 0, 100))).toBe(1);
  });
  it('orders on one host by time whatever the uncertainty (same clock)', () => {
    expect(ordered(o('a', 0, 30_000), o('a', 1, 30_000))).toBe(-1);
    expect(ordered(o('a', 5, 30_000), o('a', 5, 30_000))).toBe(0);
  });
});

describe('kWayMerge', () => {
  it('yields the union of sorted lists in order, ties by list', () => {
    const ev = (h: string, time: number): TimelineEvent => ({ host: h, time, timeQuality: 'exact', source: 's', line: time, message: `${h}${time}` });
    const lists = [[ev('a', 1), ev('a', 5), ev('a', 9)], [ev('b', 2), ev('b', 5)], [], [ev('c', 0), ev('c', 10)]];
    expect([...kWayMerge(lists)].map((e) => e.message)).toEqual(['c0', 'a1', 'b2', 'a5', 'b5', 'a9', 'c10']);
  });
});
