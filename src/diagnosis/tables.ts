/** The Analysis' tables: the USE matrix, TCP tables, data quality and inventory. */
import { manifestEntries } from '../bundle/manifest-table.js';
import type { ManifestEntry } from '../bundle/types.js';
import type { HostData } from '../parsers/host-data.js';
import type { HostModels } from '../models/types.js';
import type { TimelineSummary } from '../timeline/types.js';
import { RESOURCE_ORDER, SEVERITY_RANK, SIGNAL_ORDER } from '../vocabulary/orders.js';
import { clientSide, peerTable } from './tcp-peers.js';
import type { DataQuality, Finding, InventoryItem, TcpTable, UseCell } from './types.js';

/** Event-driven cells (errors, locks) have data when some log of the host was read. */
function hasLogs(host: HostData): boolean {
  if (host.logs.length > 0) return true;
  for (const e of manifestEntries(host.manifest)) if ((e.name === 'dmesg' || e.name === 'journal') && e.status === 'ok') return true;
  return false;
}

/**
 * Rows the Analysis keeps of a list that grows with a bundle (inventory, logs),
 * per host: at least what any output shows (the JSON 1,000, the HTML report
 * 1,500); the rest are counted (`inventoryMore`, `logsMore`), never built.
 * 100,000 empty logs built 200,000 rows (~20 MB live) that the outputs then cut.
 */
export const MAX_BUILD_ROWS = 2000;

/** The manifest rows `keep` accepts, mapped: one row object at a time, never the whole manifest; past `max` only counted. */
function manifestRows<R>(host: HostData, keep: (e: ManifestEntry) => boolean, map: (e: ManifestEntry) => R, max = Infinity): { rows: R[]; more: number } {
  const rows: R[] = [];
  let more = 0;
  for (const e of manifestEntries(host.manifest)) {
    if (!keep(e)) continue;
    if (rows.length < max) rows.push(map(e));
    else more++;
  }
  return { rows, more };
}

type LogRow = DataQuality['logs'][number];

/**
 * The host's log rows: the first `max`, then only those a later stage reads
 * past the cap (render/tech.ts, export/records.ts): a log with events (evidence
 * names it, its events are summed) and the first log of each parser, and of
 * each parser on a path naming nginx, Apache or httpd (a technology present).
 * The rest have no events and add nothing but a row: counted in `more`.
 */
function logRows(host: HostData, max: number): { rows: LogRow[]; more: number } {
  const rows: LogRow[] = [];
  const kinds = new Set<string>();
  let more = 0;
  for (const l of host.logs) {
    const kind = `${l.parser}\u0000${/nginx/i.test(l.path)}\u0000${/apache|httpd/i.test(l.path)}`;
    if (rows.length < max || l.events > 0 || !kinds.has(kind)) {
      rows.push({ artifact: l.path, parser: l.parser, events: l.events, first: l.firstMs, last: l.lastMs, quality: l.quality });
    } else more++;
    kinds.add(kind);
  }
  return { rows, more };
}

export function useMatrix(host: HostData, models: HostModels, findings: Finding[]): UseCell[] {
  const cells: UseCell[] = [];
  for (const resource of RESOURCE_ORDER) {
    for (const signal of SIGNAL_ORDER) {
      const mine = findings.filter((f) => f.host === host.id && f.resource === resource && f.signal === signal);
      const worst = mine.reduce<Finding | null>((w, f) => (!w || SEVERITY_RANK[f.severity] > SEVERITY_RANK[w.severity] ? f : w), null);
      const source = models.sources[`${resource}.${signal}`] ?? null;
      const eventDriven = signal === 'errors' || resource === 'application' || resource === 'kernel';
      const status = worst ? worst.severity : source || (eventDriven && hasLogs(host)) ? 'ok' : 'no-data';
      cells.push({ host: host.id, resource, signal, status, findings: mine.map((f) => f.id) });
    }
  }
  return cells;
}

export function tcpTable(models: HostModels): TcpTable {
  const snaps = models.tcp.snapshots;
  const tally = (list: Record<string, number>, state: string): void => {
    list[state] = (list[state] ?? 0) + 1;
  };
  const snapshots = snaps.map((s) => {
    const byState: Record<string, number> = {};
    for (const x of s.sockets) tally(byState, x.state);
    return { time: s.time, byState };
  });
  // Ports and processes from the snapshot holding the most sockets: the worst moment.
  const worst = [...snaps].sort((a, b) => b.sockets.length - a.sockets.length)[0];
  const byPort = new Map<number, Record<string, number>>();
  const byProcess = new Map<string, { process: string; pid: number | null; states: Record<string, number> }>();
  for (const x of worst?.sockets ?? []) {
    if (x.localPort !== null) {
      const p = byPort.get(x.localPort) ?? {};
      tally(p, x.state);
      byPort.set(x.localPort, p);
    }
    const key = `${x.process ?? '-'}/${x.pid ?? '-'}`;
    const e = byProcess.get(key) ?? { process: x.process ?? '-', pid: x.pid, states: {} };
    tally(e.states, x.state);
    byProcess.set(key, e);
  }
  const total = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
  return {
    host: models.host,
    snapshots,
    byPort: [...byPort]
      .map(([port, states]) => ({ port, states }))
      .sort((a, b) => total(b.states) - total(a.states))
      .slice(0, 50),
    byProcess: [...byProcess.values()].sort((a, b) => total(b.states) - total(a.states)).slice(0, 50),
    ...peerTable(worst?.sockets ?? []),
    clientSide: clientSide(worst?.sockets ?? []),
  };
}

export const MAX_DIAGNOSTICS = 100;

export function dataQuality(
  host: HostData,
  timeline: TimelineSummary,
  extra: { artifact: string; level: string; message: string }[] = [],
  max = MAX_DIAGNOSTICS,
  windowNotes: string[] = [],
  maxRows = MAX_BUILD_ROWS,
): DataQuality {
  const missing = manifestRows(
    host,
    (e) => e.status === 'skipped' || e.status === 'failed' || e.status === 'empty',
    (e) => ({ name: e.name, reason: e.reason ?? (e.status === 'failed' ? `exit ${e.exit ?? '?'}` : e.status) }),
  ).rows;
  const logs = logRows(host, maxRows);
  const diags = [
    ...host.diagnostics.map((d) => ({ artifact: d.member ?? d.file, ...(d.line !== undefined ? { line: d.line } : {}), level: d.level, message: d.message })),
    ...extra,
  ];
  return {
    host: host.id,
    missing,
    timedOut: manifestRows(
      host,
      (e) => e.status === 'timeout',
      (e) => e.name,
    ).rows,
    logs: logs.rows,
    diagnostics: diags.slice(0, max),
    diagnosticsMore: Math.max(0, diags.length - max),
    clockNotes: timeline.clocks.filter((c) => c.host === host.id).flatMap((c) => c.notes),
    windowNotes,
    // Last, where json-caps.ts appends it: the JSON's keys in the same order whether the rows were cut here or there.
    ...(logs.more > 0 ? { logsMore: logs.more } : {}),
  };
}

/** The host's inventory: the first `max` manifest rows, the rest counted. */
export function inventory(host: HostData, max = MAX_BUILD_ROWS): { items: InventoryItem[]; more: number } {
  const parserOf = new Map(host.artifacts.map((a) => [a.path, a.parser]));
  const logParser = new Map(host.logs.map((l) => [l.path, l.parser]));
  const { rows, more } = manifestRows(
    host,
    () => true,
    (e) => {
      const parser = e.path ? (parserOf.get(e.path) ?? logParser.get(e.path)) : undefined;
      return { host: host.id, path: e.path, name: e.name, kind: e.kind, status: e.status, bytes: e.bytes, reason: e.reason, ...(parser ? { parser } : {}) };
    },
    max,
  );
  return { items: rows, more };
}
