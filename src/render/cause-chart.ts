/**
 * The chart under the verdict: the cause's own metric and each victim's
 * symptom (lock waits/s, pool exhausted/s, 5xx/s…) as strips on one time
 * axis, each with its own scale, the capture window shaded, every strip's
 * onset marked and the cause's onset carried through all strips, so the
 * order of events reads at a glance. Log findings plot their signals'
 * counts per second from the timeline's histograms; metric findings plot
 * their series.
 */
import type { Analysis, Finding, MetricSeries } from '../diagnosis/types.js';
import { SIGNAL_NOUN } from '../diagnosis/phrases.js';
import type { EvidenceLinks } from './evidence-links.js';
import type { Story } from './roles.js';
import { niceMax, pathOf, timeAxis, valueTicks, xAt, yAt, type TimeAxis } from './plot.js';
import { fmtNum, fmtTime, oneLine } from './text.js';

const STRIP_H = 40;
/**
 * Shorter words for a rate label where the diagnosis' noun (SIGNAL_NOUN) is
 * long ("pool exhausted/s", "5xx/s"); any other signal takes that noun, never
 * its raw id ("db-statement-timeout/s" told a reader nothing).
 */
const SHORT: Record<string, string> = {
  'pool-exhausted': 'pool exhausted',
  'http-5xx': '5xx',
  'http-502': '5xx',
  'http-504': '5xx',
  'nginx-upstream-connect-failed': 'upstream errors',
  'nginx-upstream-closed': 'upstream errors',
  'nginx-no-live-upstreams': 'upstream errors',
  'apache-proxy-read-failed': 'upstream errors',
  'apache-proxy-connect-failed': 'upstream errors',
  'db-too-many-connections': 'too many connections',
  'oom-kill-cgroup': 'OOM kills (cgroup)',
  'too-many-open-files': 'EMFILE errors',
  'no-space-left': 'ENOSPC errors',
};
const rateWord = (s: string): string => SHORT[s] ?? (Object.hasOwn(SIGNAL_NOUN, s) ? (SIGNAL_NOUN[s] as string) : s);

interface Row {
  f: Finding;
  cls: string;
  role: string;
}

function rowsOf(a: Analysis, st: Story): Row[] {
  const lead = st.problems[0];
  if (!lead) return [];
  const byId = new Map(a.findings.map((f) => [f.id, f]));
  const out: Row[] = [];
  const add = (ids: string[], cls: string, role: string): void => {
    for (const id of ids) {
      const f = byId.get(id);
      if (f && out.length < 6 && !out.some((r) => r.f.id === id)) out.push({ f, cls, role });
    }
  };
  add(lead.cause.findings, 'ch-cause', 'cause');
  const near = [...lead.victims].sort((x, y) => Number(y.dependsOn.host === lead.cause.host) - Number(x.dependsOn.host === lead.cause.host));
  for (const v of near) add(v.findings, 'ch-victim', 'victim');
  return out;
}

function seriesFor(a: Analysis, f: Finding): MetricSeries | undefined {
  const mine = a.series.filter((s) => s.host === f.host && s.resource === f.resource && s.points.length > 0);
  return (
    mine.find((s) => f.peak !== undefined && s.threshold === f.peak.threshold) ?? mine.find((s) => f.peak !== undefined && s.unit === f.peak.unit) ?? mine[0]
  );
}

function signalCounts(a: Analysis, host: string, signals: Set<string>): number[] | null {
  const hs = a.timeline.histograms.filter((h) => h.host === host && signals.has(h.key.slice('signal:'.length)) && h.key.startsWith('signal:'));
  if (hs.length === 0) return null;
  const out = new Array<number>(a.timeline.buckets.count).fill(0);
  for (const h of hs)
    h.counts.forEach((n, i) => {
      if (i < out.length && Number.isFinite(n)) out[i] = (out[i] ?? 0) + n;
    });
  return out;
}

function span(a: Analysis, rows: Row[]): [number, number] | null {
  let t0 = Infinity;
  let t1 = -Infinity;
  const see = (t: number | null | undefined): void => {
    if (typeof t !== 'number' || !Number.isFinite(t)) return;
    t0 = Math.min(t0, t);
    t1 = Math.max(t1, t);
  };
  for (const h of a.hosts) {
    see(h.window.start);
    see(h.window.end);
  }
  for (const r of rows) {
    see(r.f.onset);
    see(r.f.end);
  }
  return t1 >= t0 ? [t0, t1] : null;
}

type Bar = { x: number; w: number; y: number; h: number; label: string };
/** What a strip draws: rates as bars, or a metric as a line, or nothing but its title. */
interface Drawing {
  label: string;
  bars: Bar[];
  d: string;
  peak: string;
  top: string;
  threshold: { y: number; label: string } | null;
}

/** The finding's signals as bars of their rate per second, when it has signals. */
function rateDrawing(a: Analysis, links: EvidenceLinks, ax: TimeAxis, r: Row): Drawing | null {
  const signals = links.signals.get(r.f.id) ?? new Set<string>();
  const counts = signals.size > 0 ? signalCounts(a, r.f.host, signals) : null;
  if (!counts) return null;
  const g = a.timeline.buckets;
  const perS = 1000 / (g.widthMs || 1000);
  const what = [...new Set([...signals].map(rateWord))].join(' + ');
  const bars: Bar[] = [];
  const rates = counts.map((n) => n * perS);
  const peak = rates.reduce((m, r) => Math.max(m, r), 0); // not Math.max(...rates): a spread has an argument limit (RangeError)
  const max = niceMax(peak);
  counts.forEach((n, i) => {
    const t = g.startMs + i * g.widthMs;
    if (!(n > 0) || t + g.widthMs <= ax.t0 || t >= ax.t1) return;
    const x = xAt(ax, t);
    const y = yAt(n * perS, max, STRIP_H);
    bars.push({ x, w: Math.max(1, xAt(ax, t + g.widthMs) - x - 1), y, h: STRIP_H - y, label: `${fmtTime(t)}: ${n} ${what}` });
  });
  return { label: `${what}/s`, bars, d: '', peak: `peak ${fmtNum(peak)}/s`, top: valueTicks(max)[0]!, threshold: null };
}

/** The finding's metric as a line, with its threshold, when it has one. */
function seriesDrawing(a: Analysis, ax: TimeAxis, r: Row): Drawing | null {
  const s = seriesFor(a, r.f);
  if (!s) return null;
  const peak = s.points.reduce((m, p) => Math.max(m, p[1]), 0);
  const max = niceMax(Math.max(peak, s.threshold ?? 0));
  const threshold =
    s.threshold !== undefined && Number.isFinite(s.threshold)
      ? { y: yAt(s.threshold, max, STRIP_H), label: `threshold ${fmtNum(s.threshold)} ${oneLine(s.unit)}` }
      : null;
  const label = `${oneLine(s.label)}${s.unit ? ` (${oneLine(s.unit)})` : ''}`;
  return { label, bars: [], d: pathOf(ax, s.points, max, STRIP_H), peak: `peak ${fmtNum(peak)}`, top: valueTicks(max)[0]!, threshold };
}

function strip(a: Analysis, links: EvidenceLinks, ax: TimeAxis, r: Row, name: (id: string) => string, causeOnset: number | null) {
  const w = rateDrawing(a, links, ax, r) ?? seriesDrawing(a, ax, r) ?? { label: oneLine(r.f.title), bars: [], d: '', peak: '', top: '', threshold: null };
  return {
    label: w.label,
    host: name(r.f.host),
    cls: r.cls,
    role: r.role,
    bars: w.bars,
    d: w.d,
    peak: w.peak,
    top: w.top,
    threshold: w.threshold,
    ...marks(a, ax, r, causeOnset),
  };
}

function marks(a: Analysis, ax: TimeAxis, r: Row, causeOnset: number | null) {
  const h = a.hosts.find((x) => x.id === r.f.host);
  const w =
    h && h.window.start !== null && h.window.end !== null
      ? { x: xAt(ax, h.window.start), w: Math.max(1, xAt(ax, h.window.end) - xAt(ax, h.window.start)) }
      : null;
  const onset =
    r.f.onset !== null && Number.isFinite(r.f.onset) ? { x: xAt(ax, r.f.onset), label: `onset ${fmtTime(r.f.onset)}: ${oneLine(r.f.title)}` } : null;
  const cause = r.role !== 'cause' && causeOnset !== null ? { x: xAt(ax, causeOnset), label: `the cause's onset ${fmtTime(causeOnset)}` } : null;
  return { window: w, onset, causeOnset: cause };
}

export function causeChartView(a: Analysis, st: Story, links: EvidenceLinks, name: (id: string) => string) {
  const rows = rowsOf(a, st);
  const sp = span(a, rows);
  if (rows.length === 0 || !sp) return null;
  const ax = timeAxis(sp[0], sp[1]);
  const onsets = rows
    .filter((r) => r.role === 'cause')
    .map((r) => r.f.onset)
    .filter((t): t is number => t !== null && Number.isFinite(t));
  const causeOnset = onsets.length > 0 ? onsets.reduce((a, b) => Math.min(a, b)) : null;
  return { h: STRIP_H, strips: rows.map((r) => strip(a, links, ax, r, name, causeOnset)), ticks: ax.ticks, tickX: ax.tickX };
}
