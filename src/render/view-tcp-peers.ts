/**
 * The TCP section's by-peer table: which addresses the sockets talk to. The
 * Analysis lists the top peers and counts the rest; the report shows the first
 * rows and folds every peer past them into one counted row, so the sockets add
 * up to the snapshot's total.
 */
import { fmtNum, oneLine } from './text.js';
import type { TcpTable } from '../diagnosis/types.js';

export interface PeerRow {
  peer: string;
  side: string;
  states: Record<string, number>;
}

/** `::1` → `[::1]` so the port that follows is not read as part of the address. */
function address(a: string): string {
  const s = oneLine(a || '*');
  return s.includes(':') && !s.startsWith('[') ? `[${s}]` : s;
}

function label(p: TcpTable['byPeer'][number]): { peer: string; side: string } {
  if (p.localPort !== null && p.peerPort === null) return { peer: address(p.peer), side: `inbound to :${fmtNum(p.localPort)}` };
  return { peer: `${address(p.peer)}:${p.peerPort === null ? '*' : fmtNum(p.peerPort)}`, side: 'outbound' };
}

/** First `n` peers a row each; the rest (cut here or already in the Analysis) in one counted row. */
export function peerRows(t: TcpTable, n: number): PeerRow[] {
  const rows: PeerRow[] = t.byPeer.slice(0, n).map((p) => ({ ...label(p), states: p.states }));
  const cut = t.byPeer.slice(n);
  const restPeers = cut.length + t.peersMore.peers;
  if (restPeers === 0) return rows;
  const states: Record<string, number> = {};
  for (const m of [...cut.map((p) => p.states), t.peersMore.states]) {
    for (const [k, v] of Object.entries(m)) if (Number.isFinite(v)) states[k] = (states[k] ?? 0) + v;
  }
  rows.push({ peer: `${fmtNum(restPeers)} other peer${restPeers === 1 ? '' : 's'}`, side: '—', states });
  return rows;
}
