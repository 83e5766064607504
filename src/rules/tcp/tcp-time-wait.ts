/** TIME_WAIT sockets on ephemeral ports against the port range: port exhaustion ahead. */
import type { Finding } from '../../vocabulary/types.js';
import type { Rule } from '../types.js';
import { iso, makeFinding, round } from '../helpers.js';

/** Linux's default net.ipv4.ip_local_port_range (32768-60999), used when the bundle lacks sysctl. */
const DEFAULT_RANGE = { low: 32768, high: 60999 };

export const tcpTimeWait: Rule = {
  meta: {
    id: 'tcp-time-wait',
    resource: 'tcp',
    signal: 'utilization',
    severity: 'warning',
    title: 'TIME_WAIT near the ephemeral port range',
    options: {
      warnPct: {
        default: 50,
        unit: '% of port range',
        source: '(ours), use-method reference TCP table',
        description: 'TIME_WAIT sockets on ephemeral local ports, share of the range, warning',
      },
      criticalPct: { default: 80, unit: '% of port range', source: '(ours), use-method reference TCP table', description: 'critical' },
    },
    explanation:
      "TIME_WAIT lands on the side that closes first and lasts 2×MSL (60 s on Linux). Many short connections to one destination (address and port) each hold a local ephemeral port meanwhile; when they approach net.ipv4.ip_local_port_range, new connections fail with EADDRNOTAVAIL. Remedy: keepalive, connection pooling, reuse (tcp_tw_reuse for outgoing connections). Thresholds are sitrep's own (ours).",
    nextCommands: [
      'ss -s',
      "ss -tan state time-wait | awk '{print $4}' | sort | uniq -c | sort -rn | head",
      'sysctl net.ipv4.ip_local_port_range net.ipv4.tcp_tw_reuse',
    ],
  },
  check(ctx) {
    const { snapshots, ephemeralPorts } = ctx.models.tcp;
    const range = ephemeralPorts ?? DEFAULT_RANGE;
    const size = range.high - range.low + 1;
    const warnAt = (size * ctx.options.warnPct!) / 100;
    // Local ports held in TIME_WAIT come out of one shared range (measured here: TIME_WAIT
    // towards two destinations together stopped at the range size), so the total counts.
    let peak: { total: number; time: number; artifact: string; top: [string, number] } | null = null;
    let onset: number | null = null;
    let heldIn = 0;
    for (const snap of snapshots) {
      const perDest = new Map<string, number>();
      let total = 0;
      for (const s of snap.sockets) {
        if (s.state !== 'TIME_WAIT' || s.localPort === null || s.localPort < range.low || s.localPort > range.high) continue;
        total++;
        const dest = `${s.peerAddress}:${s.peerPort ?? '*'}`;
        perDest.set(dest, (perDest.get(dest) ?? 0) + 1);
      }
      if (total >= warnAt) {
        heldIn++;
        onset ??= snap.time;
      }
      if (!peak || total > peak.total) {
        const top = [...perDest].sort((a, b) => b[1] - a[1])[0] ?? ['-', 0];
        peak = { total, time: snap.time, artifact: snap.artifact, top };
      }
    }
    if (!peak || peak.total < warnAt) return [];
    const pct = (100 * peak.total) / size;
    const [dest, toDest] = peak.top;
    const out: Finding[] = [
      makeFinding(ctx, this.meta, {
        subject: dest,
        severity: pct >= ctx.options.criticalPct! ? 'critical' : 'warning',
        title: `${peak.total} TIME_WAIT sockets hold ${round(pct)}% of ${size} ephemeral ports (${toDest} towards ${dest})`,
        onset,
        end: snapshots[snapshots.length - 1]?.time ?? null,
        samples: { held: heldIn, total: snapshots.length },
        peak: { value: pct, threshold: ctx.options.warnPct!, unit: '% of port range' },
        evidence: [
          {
            artifact: peak.artifact,
            time: peak.time,
            excerpt: `${iso(peak.time)}: ${peak.total} TIME_WAIT on local ports ${range.low}-${range.high}${ephemeralPorts ? '' : ' (Linux default range, sysctl not captured)'}; ${toDest} of them to ${dest}`,
          },
        ],
      }),
    ];
    return out;
  },
};
