/** CLOSE_WAIT accumulating in one process: it does not close sockets its peers closed. */
import type { Finding } from '../../vocabulary/types.js';
import type { TcpSnapshot } from '../../models/types.js';
import type { Rule } from '../types.js';
import { iso, makeFinding } from '../helpers.js';
import { processRefs } from '../process-refs.js';

interface OwnerCounts {
  process: string;
  pid: number | null;
  ports: Set<number>;
  counts: number[];
  /** Peak count of sockets no process holds yet: still in the listener's accept queue. */
  unaccepted: number;
}

/**
 * Who listens on each local port in one snapshot. A connection its peer
 * closed before the server accepted it sits in CLOSE_WAIT in the accept queue
 * with no process named; it is the listener's, which is not getting to accept.
 */
function listeners(snap: TcpSnapshot): Map<number, { process: string; pid: number | null }> {
  const out = new Map<number, { process: string; pid: number | null }>();
  for (const s of snap.sockets) {
    if (s.state === 'LISTEN' && s.localPort !== null && s.process !== null) out.set(s.localPort, { process: s.process, pid: s.pid });
  }
  return out;
}

function countsByOwner(snaps: TcpSnapshot[]): Map<string, OwnerCounts> {
  const out = new Map<string, OwnerCounts>();
  snaps.forEach((snap, i) => {
    const listening = listeners(snap);
    const unaccepted = new Map<string, number>();
    for (const s of snap.sockets) {
      if (s.state !== 'CLOSE_WAIT') continue;
      const queued = s.process === null && s.localPort !== null ? listening.get(s.localPort) : undefined;
      const owner = queued ?? { process: s.process ?? 'unknown', pid: s.pid };
      const key = `${owner.process}/${owner.pid ?? '-'}`;
      const o = out.get(key) ?? { ...owner, ports: new Set<number>(), counts: snaps.map(() => 0), unaccepted: 0 };
      o.counts[i]! += 1;
      if (s.localPort !== null) o.ports.add(s.localPort);
      if (queued) unaccepted.set(key, (unaccepted.get(key) ?? 0) + 1);
      out.set(key, o);
    }
    for (const [key, n] of unaccepted) out.get(key)!.unaccepted = Math.max(out.get(key)!.unaccepted, n);
  });
  return out;
}

export const tcpCloseWait: Rule = {
  meta: {
    id: 'tcp-close-wait',
    resource: 'tcp',
    signal: 'saturation',
    severity: 'warning',
    title: 'CLOSE_WAIT accumulating',
    options: {
      minGrowth: { default: 1, unit: 'sockets', source: '(ours)', description: 'increase from the first to the last snapshot that counts as growing' },
      minCount: {
        default: 5,
        unit: 'sockets',
        source: '(ours)',
        description: 'peak count below which growth is noise (one socket caught between FIN and close())',
      },
      stuckCount: { default: 100, unit: 'sockets', source: '(ours)', description: 'a flat count this high is flagged even without growth' },
      criticalCount: { default: 100, unit: 'sockets', source: '(ours)', description: 'peak count that makes it critical' },
    },
    explanation:
      "A socket sits in CLOSE_WAIT after its peer closed the connection and until the owning application calls close(); nothing else removes it. A count above 0 that grows across snapshots (ss -tanp) means the named process leaks sockets, or is too saturated to get to them (check that process's CPU and threads first): eventually it runs out of file descriptors. A CLOSE_WAIT socket ss names no process for, on a port a process listens on, is still in that listener's accept queue: it counts against the listener, which is not getting to accept(). Thresholds are sitrep's own (ours).",
    nextCommands: ['ss -tanp state close-wait', 'ls /proc/<pid>/fd | wc -l', 'pidstat -u -t -p <pid> 1 5'],
  },
  check(ctx) {
    const snaps = ctx.models.tcp.snapshots;
    if (snaps.length === 0) return [];
    const out: Finding[] = [];
    for (const o of countsByOwner(snaps).values()) {
      const first = o.counts[0]!;
      const last = o.counts[o.counts.length - 1]!;
      const peak = o.counts.reduce((m, c) => Math.max(m, c), -Infinity); // not Math.max(...): one count per snapshot
      const growing = snaps.length >= 2 && last - first >= ctx.options.minGrowth! && last > 0 && peak >= ctx.options.minCount!;
      const stuck = peak >= ctx.options.stuckCount! && o.counts.filter((c) => c >= ctx.options.stuckCount!).length >= Math.min(2, snaps.length);
      if (!growing && !stuck) continue;
      const onsetIdx = o.counts.findIndex((c) => c > 0);
      const peakIdx = o.counts.indexOf(peak);
      const who = `${o.process}${o.pid !== null ? ` (pid ${o.pid})` : ''}`;
      const ports = [...o.ports].slice(0, 5).join(', ');
      const queued = o.unaccepted > 0 ? ` (up to ${o.unaccepted} not yet accepted)` : '';
      const onset = snaps[onsetIdx]?.time ?? null;
      const end = snaps[snaps.length - 1]!.time;
      // What the owner did meanwhile: starved of CPU (it closes late) or idle (it never closes), for the diagnosis.
      const owner = o.pid !== null ? processRefs(ctx, [o.pid], onset, end)[0] : undefined;
      out.push(
        makeFinding(ctx, this.meta, {
          // Process and pid: two processes of one name (workers) each get their own finding id.
          subject: o.pid !== null ? `${o.process}/${o.pid}` : o.process,
          severity: peak >= ctx.options.criticalCount! ? 'critical' : 'warning',
          title: `${peak} CLOSE_WAIT sockets in ${who}${growing ? `, growing ${first} → ${last}` : ', not released'}${ports ? ` on port ${ports}` : ''}${queued}`,
          onset,
          end,
          ...(owner ? { process: { ...owner, command: owner.command || o.process } } : {}),
          samples: { held: o.counts.filter((c) => c > 0).length, total: snaps.length },
          peak: { value: peak, threshold: growing ? first + ctx.options.minGrowth! : ctx.options.stuckCount!, unit: 'sockets' },
          evidence: [
            {
              artifact: snaps[peakIdx]!.artifact,
              time: snaps[peakIdx]!.time,
              excerpt: `CLOSE_WAIT owned by ${who} per snapshot: ${snaps.map((s, i) => `${iso(s.time)}=${o.counts[i]}`).join(', ')}`,
            },
          ],
        }),
      );
    }
    return out;
  },
};
