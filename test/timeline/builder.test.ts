/** TimelineBuilder on real kernel lines with times: counts, onsets, caps, untimed and out-of-order input. */
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../src/parsers/types.js';
import { CellCounter } from '../../src/timeline/grid.js';
import { TimelineBuilder, classify, createTimelineSink } from '../../src/timeline/index.js';
import { HAS_CORPUS } from '../helpers/corpus.js';
import { BOOT_MS, shuffled, syzEvents } from './fixtures.js';
import { FAMILY_SOURCE, eventOf } from './helpers.js';

const build = (events: LogEvent[], host = 'db1', opts = {}) => {
  const b = new TimelineBuilder(host, opts);
  for (const e of events) b.add(e, host);
  return b.finish();
};
const sumCells = (cells: [string, number, number][], key: string): number => cells.filter(([k]) => k === key).reduce((n, [, , c]) => n + c, 0);

describe.skipIf(!HAS_CORPUS)('TimelineBuilder on a syzkaller console log (report 140: WARNING then panic, with unstamped program lines)', () => {
  const events = HAS_CORPUS ? syzEvents('140') : [];
  const timed = events.filter((e) => e.time !== null);
  const p = HAS_CORPUS ? build(events) : undefined!;

  it('counts every event, places only timed ones', () => {
    expect(events.length).toBeGreaterThan(timed.length); // the report really has unstamped lines
    expect(p.total).toBe(events.length);
    expect(p.untimed).toBe(events.length - timed.length);
    expect(sumCells(p.cells, FAMILY_SOURCE.kernel)).toBe(timed.length);
    expect(p.sources).toEqual([{ source: FAMILY_SOURCE.kernel, count: events.length, firstMs: timed[0]!.time, lastMs: timed.at(-1)!.time }]);
    expect(p.levels).toEqual([{ level: 'none', count: events.length }]);
  });

  it('counts signals with first/last times and histograms that add up', () => {
    const warn = timed.filter((e) => e.message.startsWith('WARNING: CPU: '));
    const panic = timed.filter((e) => e.message.startsWith('Kernel panic - not syncing'));
    expect(warn.length).toBeGreaterThan(0);
    expect(panic.length).toBeGreaterThan(0);
    const w = p.signals.find((s) => s.signal === 'kernel-warning');
    expect(w).toEqual({ host: 'db1', signal: 'kernel-warning', count: warn.length, firstMs: warn[0]!.time, lastMs: warn.at(-1)!.time });
    expect(p.signals.find((s) => s.signal === 'kernel-panic')?.count).toBe(panic.length);
    for (const s of p.signals) expect(sumCells(p.cells, `signal:${s.signal}`), s.signal).toBe(s.count);
  });

  it('onset is the first warning/critical event: the WARNING line, per source and per signal', () => {
    const first = timed.find((e) => e.message.startsWith('WARNING: CPU: '))!.time!;
    expect(p.onsets).toContainEqual({ key: FAMILY_SOURCE.kernel, time: first });
    expect(p.onsets).toContainEqual({ key: 'signal:kernel-warning', time: first });
    expect(p.onsets[0]!.time).toBe(first);
  });

  it('keeps notable events in time order with their signal and extracted fields', () => {
    expect(p.events.length).toBe(p.signals.reduce((n, s) => n + s.count, 0));
    expect(p.eventsDropped).toBe(0);
    const times = p.events.map((e) => e.time!);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const w = p.events.find((e) => e.signal === 'kernel-warning')!;
    expect(w.host).toBe('db1');
    expect(w.signalFields?.['where']).toBe('./include/net/sock.h:1508');
  });

  it('gives the same result for shuffled input', () => {
    const q = build(shuffled(events));
    const norm = (x: typeof p) => ({ ...x, cells: [...x.cells].sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]) });
    expect(norm(q)).toEqual(norm(p));
  });

  it('is structured-clone-able plain data (for worker threads)', () => {
    expect(structuredClone(p)).toEqual(p);
  });
});

describe('keep-list cap', () => {
  // One real line (fail2ban's nginx-http-auth sample) repeated at 1 s steps: 1000 notable events of one signal.
  const line =
    '2020/11/25 16:02:45 [error] 76952#76952: *5645766 connect() failed (111: Connection refused) while connecting to upstream, client: 5.126.32.148, server: www.google.de, request: "GET /admin/config HTTP/2.0", upstream: "http://127.0.0.1:3000/admin/config", host: "www.google.de"';
  const t0 = Date.UTC(2020, 10, 25, 16, 2, 45);
  const evs = Array.from({ length: 1000 }, (_, i) =>
    eventOf(line, FAMILY_SOURCE['web-error'], { time: t0 + i * 1000, timeQuality: 'exact', line: i + 1, level: 'error' }),
  );
  const opts = { keepFirst: 3, keepLast: 3, reservoir: 4 };

  it('keeps earliest, latest and a sample; counts the rest as dropped', () => {
    expect(classify(evs[0]!)).toBe('nginx-upstream-connect-failed');
    for (const order of [evs, [...evs].reverse(), shuffled(evs, 3)]) {
      const p = build(order, 'web1', opts);
      const lines = p.events.map((e) => e.line);
      expect(lines.slice(0, 3)).toEqual([1, 2, 3]);
      expect(lines.slice(-3)).toEqual([998, 999, 1000]);
      expect(p.events.length).toBeLessThanOrEqual(10);
      expect(p.events.length).toBeGreaterThan(6);
      expect(p.eventsDropped).toBe(1000 - p.events.length);
      expect(p.signals).toEqual([{ host: 'web1', signal: 'nginx-upstream-connect-failed', count: 1000, firstMs: t0, lastMs: t0 + 999_000 }]);
      expect(sumCells(p.cells, 'level:error')).toBe(1000);
    }
  });

  it('counts untimed notable events but never keeps or places them', () => {
    const p = build([eventOf(line, FAMILY_SOURCE['web-error'], { level: 'error' })], 'web1');
    expect(p.untimed).toBe(1);
    expect(p.events).toEqual([]);
    expect(p.cells).toEqual([]);
    expect(p.onsets).toEqual([]);
    expect(p.signals).toEqual([{ host: 'web1', signal: 'nginx-upstream-connect-failed', count: 1, firstMs: null, lastMs: null }]);
  });

  it('rejects an event of another host', () => {
    const b = new TimelineBuilder('web1');
    expect(() => b.add(evs[0]!, 'db1')).toThrow(/web1/);
  });
});

describe('createTimelineSink', () => {
  it('routes each host to its own builder', () => {
    const line = 'Error: connect ECONNREFUSED 127.0.0.1:1';
    const { sink, finish } = createTimelineSink();
    sink(eventOf(line, FAMILY_SOURCE.app, { time: 1000 }), 'app1');
    sink(eventOf(line, FAMILY_SOURCE.app, { time: 2000 }), 'app2');
    sink(eventOf(line, FAMILY_SOURCE.app, { time: 3000 }), 'app1');
    const parts = finish();
    expect(parts.map((p) => [p.host, p.total, p.events.map((e) => e.time)])).toEqual([
      ['app1', 2, [1000, 3000]],
      ['app2', 1, [2000]],
    ]);
    expect(parts[0]!.signals[0]).toMatchObject({ signal: 'connection-refused', count: 2 });
  });
});

describe('CellCounter memory bound', () => {
  it('steps the base bucket up the ladder and keeps every count', () => {
    const c = new CellCounter(100);
    for (let i = 0; i < 10_000; i++) c.add('k', BOOT_MS + i * 1000);
    expect(c.cells).toBeLessThanOrEqual(100);
    expect(c.baseMs).toBeGreaterThan(1000);
    expect(c.toCells().reduce((n, [, , x]) => n + x, 0)).toBe(10_000);
  });
});
