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
        if (typeof r.pid === 'number' && typeof r.comm === 'string' && typeof r.path === 'string' && r.path !== '') out.push({ pid: r.pid, comm: r.comm, path: r.path });
      }
    }
  }
  return out;
}

const ESTABLISHED = new Set(['ESTAB', 'ESTABLISHED']);

/** Ports it listens on (any snapshot), and its established connections per remote port (the snapshot holding most). */
function sockets(models: HostModels): Pick<HostRef, 'listening' | 'peerPorts'> {
  const listening = new Set<number>();
  let peerPorts: Record<number, number> = {};
  let most = -1;
  for (const s of models.tcp.snapshots) {
    const peers: Record<number, number> = {};
    let n = 0;
    for (const x of s.sockets) {
      if (x.state === 'LISTEN' && x.localPort !== null) listening.add(x.localPort);
      else if (ESTABLISHED.has(x.state) && x.peerPort !== null) {
        peers[x.peerPort] = (peers[x.peerPort] ?? 0) + 1;
        n++;
      }
    }
    if (n > most) [most, peerPorts] = [n, peers];
  }
  return { listening: [...listening], peerPorts };
}

export function hostRef(h: HostData, models: HostModels): HostRef {
  return { id: h.id, tier: h.tier, machine: machineKey(h), windowStart: h.windowStartMs, windowEnd: h.windowEndMs, ...sockets(models), writers: writers(h) };
}
