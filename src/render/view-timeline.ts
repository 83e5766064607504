/**
 * The report's view model, part 2: the shared time axis, the merged timeline
 * (per-host lanes and event rows) and the per-resource charts.
 */
import type { Analysis, MetricSeries } from '../diagnosis/types.js';
import type { TimelineEvent } from '../timeline/types.js';
import { more } from './caps.js';
import { minMaxBuckets } from './downsample.js';
import type { Axes } from './axis.js';
import { buildLanes, type Axis } from './svg.js';
import { metricChart } from './metric-chart.js';
import { timeAxis } from './plot.js';
import { aside } from '../vocabulary/format.js';
import { cap, fmtNum, fmtTime, oneLine, own, rank, RESOURCE_ORDER, safeId, SEVERITY_ORDER } from './text.js';
import { hostRef, type Ctx } from './view.js';

const fin = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function hostWindows(ctx: Ctx, hosts: ReadonlySet<string>) {
  return ctx.a.hosts
    .filter((h) => hosts.has(h.id))
    .map((h) => ({ start: h.window.start, end: h.window.end, label: `capture window of ${hostRef(ctx, h.id).label}` }));
}

const SEV: Record<string, string> = { emerg: 'critical', alert: 'critical', crit: 'critical', error: 'error', warning: 'warning' };

/**
 * Messages from one source at one level that are the same up to their numbers
 * (pids, durations, sizes: `process 2505 still waiting … after 500.174 ms`)
 * collapse into one row with a count and first/last time; the row shows the
 * first. A day of OOM kills or lock waits is one line each, not one per pid.
 */
interface Group {
  e: TimelineEvent;
  n: number;
  first: number | null;
  last: number | null;
  finding: string | undefined;
}

/** The message with every run of digits as `#`: the grouping key (one linear pass). */
const shapeOf = (message: string): string => message.replace(/[0-9]+/g, '#');

function groupEvents(ctx: Ctx, events: readonly TimelineEvent[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const e of events) {
    const k = `${e.host}\u0000${e.source}\u0000${e.level ?? ''}\u0000${e.signal ?? ''}\u0000${shapeOf(e.message)}`;
    const g = byKey.get(k);
    const t = fin(e.time) ? e.time : null;
    if (!g) {
      byKey.set(k, { e, n: 1, first: t, last: t, finding: ctx.links.findingOf(e) });
      continue;
    }
    g.n++;
    if (t !== null) {
      if (g.first === null || t < g.first) g.first = t;
      if (g.last === null || t > g.last) g.last = t;
    }
    g.finding ??= ctx.links.findingOf(e);
  }
  return [...byKey.values()].sort((x, y) => (x.first ?? 0) - (y.first ?? 0));
}

function groupRow(ctx: Ctx, g: Group, tiers: Map<string, string>) {
  const e = g.e;
  const ref = hostRef(ctx, e.host);
  const m = cap(oneLine(e.message), ctx.caps.message);
  const lines = e.lineEnd !== undefined && e.lineEnd !== e.line ? `${e.line}-${e.lineEnd}` : `${e.line}`;
  const f = g.finding ? ctx.a.findings.find((x) => x.id === g.finding) : undefined;
  const href = g.finding ? ctx.anchors.get(g.finding) : undefined;
  const tier = ctx.a.hosts.find((h) => h.id === e.host)?.tier ?? '';
  return {
    time: fmtTime(g.first),
    last: g.n > 1 && g.last !== g.first ? fmtTime(g.last) : null,
    count: g.n > 1 ? `×${fmtNum(g.n)}` : '',
    timeQuality: oneLine(e.timeQuality),
    hostKey: ref.key,
    tierKey: tiers.get(tier) ?? 't0',
    host: ref.label,
    sev: own(SEV, e.level) ?? 'info',
    level: oneLine(e.level ?? '—'),
    signal: e.signal ? oneLine(e.signal) : '',
    where: `${oneLine(e.source)}:${lines}${g.n > 1 ? ' (first)' : ''}`,
    program: e.program ? oneLine(e.program) : '',
    message: m.text,
    messageMore: m.more > 0 ? `… ${m.more} more characters` : null,
    finding: f && href ? { href, label: oneLine(f.title) } : null,
  };
}

/** Spreads `n` picks over `list` so a cut keeps the whole window's shape, not just its start. */
function spread<T>(list: readonly T[], n: number): T[] {
  if (list.length <= n) return [...list];
  if (n <= 0) return [];
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(list[Math.floor((i * list.length) / n)] as T);
  return out;
}

function fmtDuration(ms: number): string {
  if (!fin(ms) || ms <= 0) return '—';
  const units: [number, string][] = [
    [604_800_000, 'week'],
    [86_400_000, 'day'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [u, name] of units) if (ms % u === 0) return `${ms / u} ${name}${(name === 'week' || name === 'day') && ms / u !== 1 ? 's' : ''}`;
  return `${ms} ms`;
}

function lanesFor(ctx: Ctx, axis: Axis) {
  const tl = ctx.a.timeline;
  const grid = tl.buckets;
  return buildLanes(
    timeAxis(axis.t0, axis.t1),
    grid,
    ctx.a.hosts.map((h) => {
      const hist = tl.histograms.filter((x) => x.host === h.id);
      // Artifact keys partition a host's events; fall back to levels when there are none.
      let parts = hist.filter((x) => !x.key.startsWith('signal:') && !x.key.startsWith('level:'));
      if (parts.length === 0) parts = hist.filter((x) => x.key.startsWith('level:'));
      const counts = new Array<number>(Math.max(0, Math.min(grid.count, 100_000))).fill(0);
      for (const p of parts)
        p.counts.forEach((n, i) => {
          if (i < counts.length && fin(n)) counts[i] = (counts[i] ?? 0) + n;
        });
      const onsets = tl.onsets.filter((o) => o.host === h.id);
      const fOnsets = ctx.findings.filter((f) => f.host === h.id && fin(f.onset));
      const markers = spread(
        [
          ...fOnsets.map((f) => ({
            time: f.onset as number,
            cls: `mk-${rank(SEVERITY_ORDER, f.severity) < 3 ? f.severity : 'info'}`,
            label: `onset ${fmtTime(f.onset)}: ${oneLine(f.title)}`,
          })),
          ...onsets.map((o) => ({
            time: o.time,
            cls: 'mk-onset',
            label: `${o.kind === 'rate' ? 'rate rose' : 'first anomaly'} ${fmtTime(o.time)}: ${oneLine(o.key)}`,
          })),
        ],
        ctx.caps.markers,
      );
      return { label: hostRef(ctx, h.id).label, cls: hostRef(ctx, h.id).cls, windows: hostWindows(ctx, new Set([h.id])), counts, markers };
    }),
  );
}

export function timelineView(ctx: Ctx, ax: Axes) {
  const tl = ctx.a.timeline;
  // Signal-classified events first, then the worst levels, when the cap bites.
  const score = (e: TimelineEvent): number => (e.signal ? 0 : 1) * 10 + ['critical', 'error', 'warning', 'info'].indexOf(own(SEV, e.level) ?? 'info');
  const groups = groupEvents(ctx, tl.events);
  let kept = groups;
  if (kept.length > ctx.caps.events) {
    const order = groups.map((g, i) => ({ i, s: score(g.e) })).sort((x, y) => x.s - y.s || x.i - y.i);
    const pick = new Set(order.slice(0, ctx.caps.events).map((o) => o.i));
    kept = groups.filter((_, i) => pick.has(i));
  }
  const tierList = [...new Set(ctx.a.hosts.map((h) => h.tier))];
  const tiers = new Map(tierList.map((t, i) => [t, `t${i}`]));
  const rows = kept.map((g) => groupRow(ctx, g, tiers));
  const keptSet = new Set(kept);
  const dropped = groups.reduce((n, g) => (keptSet.has(g) ? n : n + g.n), 0);
  // The charts' own axis (chartsView), so lanes and charts line up tick for tick.
  const winAxis = ax.windowRaw ?? ax.window;
  const lanes = winAxis ? lanesFor(ctx, winAxis) : null;
  const lanesAll = ax.wide && ax.all ? lanesFor(ctx, ax.all) : null;
  const hostsWithRows = [...new Map(rows.map((r) => [r.hostKey, r.host])).entries()].map(([key, label]) => ({ key, label }));
  const tiersWithRows = tierList.map((t, i) => ({ key: `t${i}`, label: oneLine(t) || '(no tier)' })).filter((t) => rows.some((r) => r.tierKey === t.key));
  return {
    lanes,
    lanesAll,
    lanesCaption: lanesAll ? "Around the capture window, on the charts' time axis" : "Events per host, on the charts' time axis",
    bucket: fmtDuration(tl.buckets.widthMs),
    rows,
    eventCount: fmtNum(tl.events.length),
    hosts: hostsWithRows,
    tiers: tiersWithRows,
    more: more(dropped, 'events'),
    droppedUpstream: tl.eventsDropped > 0 ? `${tl.eventsDropped} further events were not kept by the timeline stage (caps per host and signal)` : null,
    untimed: (tl.untimed ?? [])
      .filter((u) => u.count > 0)
      .map((u) => `${hostRef(ctx, u.host).label}: ${u.count} event${u.count === 1 ? '' : 's'} without a time (counted, not placed)`),
    signals: tl.signals.slice(0, 200).map((s) => ({
      host: hostRef(ctx, s.host).label,
      signal: oneLine(s.signal),
      count: fmtNum(s.count),
      first: fmtTime(s.firstMs),
      last: fmtTime(s.lastMs),
    })),
    signalsMore: more(Math.max(0, tl.signals.length - 200), 'signal counts'),
  };
}

/** Metrics where less is worse: their threshold is a floor. */
const FLOOR = /(^|\.)(available|free)$/;

/**
 * A chart earns its place when a finding concerns its resource on one of its
 * hosts, when a value comes near the threshold (half way to a ceiling, twice
 * a floor), or, without a threshold, when it moves by more than half its peak.
 */
function active(ctx: Ctx, list: MetricSeries[]): boolean {
  const first = list[0];
  if (!first) return false;
  const hosts = new Set(list.map((s) => s.host));
  if (ctx.a.findings.some((f) => f.resource === first.resource && hosts.has(f.host))) return true;
  const vals = list.flatMap((s) => s.points.map((p) => p[1])).filter(fin);
  if (vals.length === 0) return false;
  // A loop, not Math.max(...vals): every point of every series of a resource overflows a call's arguments.
  let hi = -Infinity;
  let lo = Infinity;
  for (const v of vals) {
    hi = Math.max(hi, v);
    lo = Math.min(lo, v);
  }
  const thr = list.map((s) => s.threshold).find(fin);
  if (thr !== undefined) return FLOOR.test(first.metric) ? lo <= 2 * thr : thr === 0 ? hi > 0 : hi >= 0.5 * thr;
  return hi > 0 && hi - lo > 0.5 * hi;
}

export function chartsView(ctx: Ctx, axis: Axis | null) {
  if (!axis) return { groups: [], more: null, quiet: [] };
  const ax = timeAxis(axis.t0, axis.t1);
  const byKey = new Map<string, MetricSeries[]>();
  for (const s of ctx.a.series) {
    const k = `${s.resource}\u0000${s.metric}`;
    byKey.set(k, [...(byKey.get(k) ?? []), s]);
  }
  const all = [...byKey.keys()].sort((x, y) => {
    const [rx = '', mx = ''] = x.split('\u0000');
    const [ry = '', my = ''] = y.split('\u0000');
    return rank(RESOURCE_ORDER as readonly string[], rx) - rank(RESOURCE_ORDER as readonly string[], ry) || (mx < my ? -1 : mx > my ? 1 : 0);
  });
  const keys = all.filter((k) => active(ctx, byKey.get(k) ?? []));
  const quiet = all.filter((k) => !keys.includes(k)).map((k) => oneLine((byKey.get(k) ?? [])[0]?.label ?? k));
  const shownKeys = keys.slice(0, ctx.caps.charts);
  const groups: { resource: string; charts: ReturnType<typeof metricChart>[] }[] = [];
  shownKeys.forEach((k, i) => {
    const list = byKey.get(k) ?? [];
    const first = list[0];
    if (!first) return;
    let dropped = 0;
    const series = list.map((s) => {
      const ds = minMaxBuckets(s.points, ax.t0, ax.t1, ctx.caps.buckets);
      dropped += ds.dropped + (s.pointsDropped ?? 0);
      return { cls: hostRef(ctx, s.host).cls, label: `${hostRef(ctx, s.host).label}: ${oneLine(s.label)}`, points: ds.points };
    });
    const hosts = new Set(list.map((s) => s.host));
    const onsets = ctx.findings
      .filter((f) => f.resource === first.resource && hosts.has(f.host) && fin(f.onset))
      .slice(0, ctx.caps.markers)
      .map((f) => ({ time: f.onset as number, cls: `mk-${rank(SEVERITY_ORDER, f.severity) < 3 ? f.severity : 'info'}`, label: `onset: ${oneLine(f.title)}` }));
    const chart = metricChart(ax, {
      id: safeId('chart', i),
      title: aside(oneLine(first.label), oneLine(first.metric)),
      unit: first.unit,
      threshold: list.map((s) => s.threshold).find(fin),
      series,
      onsets,
      windows: hostWindows(ctx, hosts),
      notes: dropped > 0 ? [`${dropped} points downsampled away (min/max per pixel column kept)`] : [],
    });
    const g = groups[groups.length - 1];
    if (g && g.resource === first.resource) g.charts.push(chart);
    else groups.push({ resource: oneLine(first.resource), charts: [chart] });
  });
  return { groups, more: more(keys.length - shownKeys.length, 'charts'), quiet: [...new Set(quiet)] };
}
