/** CLOSE_WAIT accumulating in one process: it does not close sockets its peers closed. */
import type { Finding } from '../../vocabulary/types.js';
import type { TcpSnapshot } from '../../models/types.js';
import type { Rule } from '../types.js';
import { iso, makeFinding } from '../helpers.js';

interface OwnerCounts {
  process: string;
  pid: number | null;
  ports: Set<number>;
  counts: number[];
}

function countsByOwner(snaps: TcpSnapshot[]): Map<string, OwnerCounts> {
  const out = new Map<string, OwnerCounts>();
  snaps.forEach((snap, i) => {
    for (const s of snap.sockets) {
      if (s.state !== 'CLOSE_WAIT') continue;
      const key = `${s.process ?? 'unknown'}/${s.pid ?? '-'}`;
      const o = out.get(key) ?? { process: s.process ?? 'unknown', pid: s.pid, ports: new Set<number>(), counts: snaps.map(() => 0) };
      o.counts[i]! += 1;
      if (s.localPort !== null) o.ports.add(s.localPort);
      out.set(key, o);
    }
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
      "A socket sits in CLOSE_WAIT after its peer closed the connection and until the owning application calls close(); nothing else removes it. A count above 0 that grows across snapshots (ss -tanp) means the named process leaks sockets, or is too saturated to get to them (check that process's CPU and threads first): eventually it runs out of file descriptors. Thresholds are sitrep's own (ours).",
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
      out.push(
        makeFinding(ctx, this.meta, {
          // Process and pid: two processes of one name (workers) each get their own finding id.
          subject: o.pid !== null ? `${o.process}/${o.pid}` : o.process,
          severity: peak >= ctx.options.criticalCount! ? 'critical' : 'warning',
          title: `${peak} CLOSE_WAIT sockets in ${who}${growing ? `, growing ${first} → ${last}` : ', not released'}${ports ? ` on port ${ports}` : ''}`,
          onset: snaps[onsetIdx]?.time ?? null,
          end: snaps[snaps.length - 1]!.time,
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
