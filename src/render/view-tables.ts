/**
 * The report's view model, part 3: TCP state tables, data quality, bundle
 * inventory. All capped with visible "N more" notes.
 */
import { more } from './caps.js';
import { cap, fmtClock, fmtNum, fmtTime, oneLine } from './text.js';
import { hostRef, type Ctx } from './view.js';
import type { TcpTable } from '../diagnosis/types.js';
import { peerRows } from './view-tcp-peers.js';

/** States in the order a connection lives through them; unknown ones after, alphabetically. */
const STATE_ORDER = [
  'ESTAB',
  'ESTABLISHED',
  'SYN-SENT',
  'SYN_SENT',
  'SYN-RECV',
  'SYN_RECV',
  'FIN-WAIT-1',
  'FIN_WAIT1',
  'FIN-WAIT-2',
  'FIN_WAIT2',
  'CLOSE-WAIT',
  'CLOSE_WAIT',
  'LAST-ACK',
  'LAST_ACK',
  'CLOSING',
  'TIME-WAIT',
  'TIME_WAIT',
  'LISTEN',
  'UNCONN',
  'CLOSED',
];

function stateColumns(maps: Record<string, number>[]): string[] {
  const set = new Set<string>();
  for (const m of maps) for (const k of Object.keys(m)) set.add(k);
  return [...set].sort((x, y) => {
    const ix = STATE_ORDER.indexOf(x.toUpperCase());
    const iy = STATE_ORDER.indexOf(y.toUpperCase());
    return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy) || (x < y ? -1 : x > y ? 1 : 0);
  });
}

const total = (m: Record<string, number>): number => Object.values(m).reduce((s, v) => s + (Number.isFinite(v) ? v : 0), 0);
const cells = (cols: string[], m: Record<string, number>): string[] => cols.map((c) => (Object.hasOwn(m, c) ? fmtNum(m[c]) : '0'));

/**
 * Captures of one machine read one socket table: where hosts' tables come out
 * the same, the report shows it once under all their names.
 */
export function tcpView(ctx: Ctx) {
  const byContent = new Map<string, ReturnType<typeof tcpTableView>>();
  for (const t of ctx.a.tcp) {
    const v = tcpTableView(ctx, t);
    const key = JSON.stringify({ ...v, host: '' });
    const same = byContent.get(key);
    if (same) same.host = `${same.host}, ${v.host}`;
    else byContent.set(key, v);
  }
  return [...byContent.values()];
}

function tcpTableView(ctx: Ctx, t: TcpTable) {
  const n = ctx.caps.tcpRows;
  const peers = peerRows(t, n);
  const cols = stateColumns([
    ...t.snapshots.map((s) => s.byState),
    ...t.byPort.map((p) => p.states),
    ...t.byProcess.map((p) => p.states),
    ...peers.map((p) => p.states),
  ]);
  const snaps = t.snapshots;
  let shownSnaps = snaps;
  if (snaps.length > ctx.caps.snapshots) {
    // Keep the first and last: the change over the window is what matters.
    const k = Math.max(2, ctx.caps.snapshots);
    shownSnaps = Array.from({ length: k }, (_, i) => snaps[Math.round((i * (snaps.length - 1)) / (k - 1))]).filter((s) => s !== undefined);
  }
  const firstS = snaps[0];
  const lastS = snaps[snaps.length - 1];
  const change =
    firstS && lastS && snaps.length > 1
      ? cols.map((c) => {
          const d = (lastS.byState[c] ?? 0) - (firstS.byState[c] ?? 0);
          return { text: d > 0 ? `+${fmtNum(d)}` : fmtNum(d), cls: d > 0 ? 'up' : d < 0 ? 'down' : '' };
        })
      : null;
  const ports = aggregatePorts(t);
  const procs = aggregateProcs(t.byProcess);
  return {
    host: hostRef(ctx, t.host).label,
    cols: cols.map((c) => oneLine(c)),
    snapshots: shownSnaps.map((s) => ({ time: Number.isFinite(s.time) ? fmtClock(s.time) : '—', cells: cells(cols, s.byState) })),
    snapshotsMore: more(snaps.length - shownSnaps.length, 'snapshots'),
    change,
    ports: ports.slice(0, n).map((p) => ({ port: p.label, cells: cells(cols, p.states) })),
    portsMore: more(ports.length - Math.min(n, ports.length), 'ports'),
    procs: procs.slice(0, n).map((p) => ({ process: p.process, pid: p.pids, cells: cells(cols, p.states) })),
    procsMore: more(procs.length - Math.min(n, procs.length), 'processes'),
    peers: peers.map((p) => ({ peer: p.peer, side: p.side, cells: cells(cols, p.states) })),
  };
}

function addStates(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, v] of Object.entries(from)) if (Number.isFinite(v)) into[k] = (into[k] ?? 0) + v;
}

/**
 * Ports a server listens on keep a row each; every other local port is the
 * client side of a connection (an ephemeral port), so they are counted
 * together in one row instead of one row per port. The count and states come
 * from the Analysis' whole-snapshot tally, not from the capped port list.
 */
function aggregatePorts(t: TcpTable): { label: string; states: Record<string, number> }[] {
  const listening = t.byPort.filter((p) => (p.states.LISTEN ?? 0) > 0);
  const rows = listening.map((p) => ({ label: fmtNum(p.port), states: p.states })).sort((x, y) => total(y.states) - total(x.states));
  const client = t.clientSide;
  const single = client.ports === 1 ? t.byPort.filter((p) => !((p.states.LISTEN ?? 0) > 0)) : [];
  if (single.length === 1) rows.push({ label: fmtNum((single[0] as TcpTable['byPort'][number]).port), states: client.states });
  else if (client.ports > 0) rows.push({ label: `${fmtNum(client.ports)} client-side port${client.ports === 1 ? '' : 's'}`, states: client.states });
  return rows;
}

/** One row per program: its pids are listed, not given a row each. */
function aggregateProcs(list: TcpTable['byProcess']): { process: string; pids: string; states: Record<string, number> }[] {
  const by = new Map<string, { pids: (number | null)[]; states: Record<string, number> }>();
  for (const p of list) {
    const e = by.get(p.process) ?? { pids: [], states: {} };
    e.pids.push(p.pid);
    addStates(e.states, p.states);
    by.set(p.process, e);
  }
  return [...by.entries()]
    .map(([process, e]) => {
      const pids = e.pids.filter((x): x is number => x !== null).sort((x, y) => x - y);
      return {
        process: oneLine(process),
        pids: pids.length === 0 ? '—' : pids.length <= 4 ? pids.map((x) => fmtNum(x)).join(', ') : `${pids.length} pids`,
        states: e.states,
      };
    })
    .sort((x, y) => total(y.states) - total(x.states));
}

/** Distinct values with their counts, in first-seen order (a command run at start and end is missing twice). */
function counted(list: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const k of list) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()];
}

export function qualityView(ctx: Ctx) {
  const clocks = ctx.a.timeline.clocks;
  return ctx.a.dataQuality.map((q) => {
    const host = ctx.a.hosts.find((h) => h.id === q.host);
    const clock = clocks.find((c) => c.host === q.host);
    const clockFacts: string[] = [];
    if (host) {
      const c = host.clock;
      clockFacts.push(
        `zone ${oneLine(c.tzName ?? 'unknown')}${typeof c.utcOffsetMin === 'number' ? ` (UTC${c.utcOffsetMin >= 0 ? '+' : ''}${fmtNum(c.utcOffsetMin / 60)}h)` : ''}, NTP synced: ${oneLine(c.ntpSynced ?? 'unknown')}`,
        `offset from the reference host ${fmtNum(c.offsetMs)} ms ± ${fmtNum(c.uncertaintyMs)} ms`,
      );
    }
    // The Analysis may repeat the timeline's clock notes; say each once.
    const notes = [...new Set([...q.clockNotes, ...(clock?.notes ?? [])].map((s) => oneLine(s)))];
    const logs = q.logs.slice(0, ctx.caps.logs).map((l) => {
      const qual = Object.entries(l.quality).filter(([, v]) => v > 0);
      return {
        artifact: oneLine(l.artifact),
        parser: oneLine(l.parser),
        events: fmtNum(l.events),
        range: `${fmtTime(l.first)} → ${fmtTime(l.last)}`,
        quality: qual.map(([k, v]) => `${oneLine(k)} ${fmtNum(v)}`).join(', ') || '—',
        inferred: qual.some(([k]) => k === 'inferred-year' || k === 'unknown'),
      };
    });
    const diags = q.diagnostics.slice(0, ctx.caps.diagnostics).map((d) => ({
      where: `${oneLine(d.artifact)}${d.line !== undefined ? `:${d.line}` : ''}`,
      level: oneLine(d.level),
      message: cap(oneLine(d.message), ctx.caps.message).text,
    }));
    return {
      host: hostRef(ctx, q.host).label,
      missing: counted(q.missing.map((m) => `${oneLine(m.name)}\u0000${oneLine(m.reason)}`)).map(([k, n]) => {
        const [name = '', reason = ''] = k.split('\u0000');
        return { name, reason: n > 1 ? `${reason} (×${n})` : reason };
      }),
      timedOut: counted(q.timedOut.map((t) => oneLine(t))).map(([t, n]) => (n > 1 ? `${t} (×${n})` : t)),
      logs,
      logsMore: more(q.logs.length - logs.length + (q.logsMore ?? 0), 'logs'),
      diags,
      diagsMore: more(q.diagnostics.length - diags.length, 'parse diagnostics'),
      diagsUpstream: more(Number.isFinite(q.diagnosticsMore) ? q.diagnosticsMore : 0, 'parse diagnostics', 'capped when the bundle was loaded'),
      clockFacts,
      notes,
    };
  });
}

export function inventoryView(ctx: Ctx) {
  const items = ctx.a.inventory.slice(0, ctx.caps.inventory);
  return {
    rows: items.map((i) => ({
      host: hostRef(ctx, i.host).label,
      path: i.path === null ? '—' : oneLine(i.path),
      name: oneLine(i.name),
      kind: oneLine(i.kind),
      status: oneLine(i.status),
      bad: i.status !== 'ok',
      bytes: i.bytes === null ? '—' : fmtNum(i.bytes),
      parser: oneLine(i.parser ?? '—'),
      reason: i.reason === null ? '' : oneLine(i.reason),
    })),
    more: more(ctx.a.inventory.length - items.length + (ctx.a.inventoryMore ?? 0), 'inventory items'),
  };
}
