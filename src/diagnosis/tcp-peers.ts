/**
 * Who the sockets talk to: the worst snapshot's connections counted per peer
 * and state, and the client side of the local ports counted whole. A CLOSE_WAIT
 * or TIME_WAIT pile-up is read by its peer: which service (or which client)
 * the stuck sockets belong to.
 */
import type { TcpSocket } from '../models/types.js';
import type { TcpTable } from './types.js';

/** Peers listed in the JSON; the rest are counted in `peersMore`. */
export const MAX_PEERS = 50;

const tally = (m: Record<string, number>, state: string): void => {
  m[state] = (m[state] ?? 0) + 1;
};
const total = (m: Record<string, number>): number => Object.values(m).reduce((a, b) => a + b, 0);

/** Local ports some socket of this snapshot listens on: a socket on one of them is the server side. */
export function listeningPorts(sockets: TcpSocket[]): Set<number> {
  return new Set(sockets.filter((s) => s.state === 'LISTEN' && s.localPort !== null).map((s) => s.localPort as number));
}

/**
 * One row per peer. A connection into a listening port comes from a client's
 * ephemeral port, so inbound rows are keyed by the peer's address and the local
 * port it reached (`peerPort` null); outbound rows by the service's address and
 * port (`localPort` null), whatever ephemeral port this side used. Listening
 * sockets have no peer and are left out.
 */
export function peerTable(sockets: TcpSocket[], max = MAX_PEERS): Pick<TcpTable, 'byPeer' | 'peersMore'> {
  const listening = listeningPorts(sockets);
  const rows = new Map<string, TcpTable['byPeer'][number]>();
  for (const s of sockets) {
    if (s.state === 'LISTEN') continue;
    const inbound = s.localPort !== null && listening.has(s.localPort);
    const row = inbound
      ? { peer: s.peerAddress, peerPort: null, localPort: s.localPort, states: {} }
      : { peer: s.peerAddress, peerPort: s.peerPort, localPort: null, states: {} };
    const key = JSON.stringify([row.peer, row.peerPort, row.localPort]);
    const e = rows.get(key) ?? row;
    tally(e.states, s.state);
    rows.set(key, e);
  }
  // Ties in a stable order (address, then port) so the same table always lists the same peers.
  const sorted = [...rows.values()].sort(
    (a, b) =>
      total(b.states) - total(a.states) ||
      (a.peer < b.peer ? -1 : a.peer > b.peer ? 1 : 0) ||
      (a.peerPort ?? a.localPort ?? 0) - (b.peerPort ?? b.localPort ?? 0),
  );
  const states: Record<string, number> = {};
  for (const r of sorted.slice(max)) for (const [k, v] of Object.entries(r.states)) states[k] = (states[k] ?? 0) + v;
  return { byPeer: sorted.slice(0, max), peersMore: { peers: Math.max(0, sorted.length - max), states } };
}

/** Every socket on a local port nobody listens on is a client-side connection: counted exactly, not from the capped port list. */
export function clientSide(sockets: TcpSocket[]): TcpTable['clientSide'] {
  const listening = listeningPorts(sockets);
  const ports = new Set<number>();
  const states: Record<string, number> = {};
  for (const s of sockets) {
    if (s.localPort === null || listening.has(s.localPort)) continue;
    ports.add(s.localPort);
    tally(states, s.state);
  }
  return { ports: ports.size, states };
}
