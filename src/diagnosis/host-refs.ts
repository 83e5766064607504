/** What the diagnosis reads of each bundle besides its findings: windows, machine, sockets, log writers. */
import type { HostData } from '../parsers/host-data.js';
import type { HostModels } from '../models/types.js';
import { machineKey } from './colocation.js';
import type { HostRef } from './nodes.js';

function writers(h: HostData): NonNullable<HostRef['writers']> {
  const out: NonNullable<HostRef['writers']> = [];
  for (const a of h.artifacts) {
    if (a.name !== 'log-writers') continue;
    for (const b of a.blocks) {
      const rows = Array.isArray(b.result.data) ? (b.result.data as { pid?: unknown; comm?: unknown; path?: unknown }[]) : [];
      for (const r of rows) {
        if (typeof r.pid === 'number' && typeof r.comm === 'string' && typeof r.path === 'string' && r.path !== '')
          out.push({ pid: r.pid, comm: r.comm, path: r.path });
      }
    }
  }
  return out;
}

const ESTABLISHED = new Set(['ESTAB', 'ESTABLISHED']);

/** Established connections kept for matching both ends: enough for any pool, bounded on a crafted table. */
const MAX_CONNS = 50_000;

/** Ports it listens on (any snapshot), its established connections per remote port (the snapshot holding most), and their address pairs. */
function sockets(models: HostModels, writerPids: Set<number>): Pick<HostRef, 'listening' | 'ownListening' | 'peerPorts' | 'conns'> {
  const listening = new Set<number>();
  const own = new Set<number>();
  const conns = new Set<string>();
  let peerPorts: Record<number, number> = {};
  let most = -1;
  for (const s of models.tcp.snapshots) {
    const peers: Record<number, number> = {};
    let n = 0;
    for (const x of s.sockets) {
      if (x.state === 'LISTEN' && x.localPort !== null) {
        listening.add(x.localPort);
        if (x.pid !== null && writerPids.has(x.pid)) own.add(x.localPort);
      } else if (ESTABLISHED.has(x.state) && x.peerPort !== null) {
        peers[x.peerPort] = (peers[x.peerPort] ?? 0) + 1;
        n++;
        if (conns.size < MAX_CONNS && x.localPort !== null) conns.add(`${x.localAddress}:${x.localPort}>${x.peerAddress}:${x.peerPort}`);
      }
    }
    if (n > most) [most, peerPorts] = [n, peers];
  }
  return { listening: [...listening], ownListening: [...own], peerPorts, conns };
}

export function hostRef(h: HostData, models: HostModels): HostRef {
  const w = writers(h);
  return {
    id: h.id,
    tier: h.tier,
    machine: machineKey(h),
    windowStart: h.windowStartMs,
    windowEnd: h.windowEndMs,
    ...sockets(models, new Set(w.map((x) => x.pid))),
    writers: w,
    logs: h.logs.map((l) => ({ artifact: l.path, parser: l.parser })),
  };
}
