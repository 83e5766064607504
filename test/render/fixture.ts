/**
 * Hand-built Analysis objects for the renderer tests: a plausible three-tier
 * incident whose every free-text field carries a hostile payload, and a
 * generator for oversized ones. Inputs only: the tests assert properties of
 * the output, never text copied from it.
 */
import type { Analysis, Finding, MetricSeries } from '../../src/diagnosis/types.js';
import type { TimelineEvent } from '../../src/timeline/types.js';

export const LONE = '\uD800';
export const PAYLOADS = [
  '<script>alert(1)</script>',
  '</script><img src=x onerror=alert(1)>',
  '{{constructor.constructor}}',
  'javascript:alert(1)',
  '"><svg onload=alert(1)>',
  'line\u2028sep\u2029para',
  `lone ${LONE} surrogate`,
  'bad \uFFFD utf8',
  "' onmouseover='alert(1)",
  '\u001b]0;pwned\u0007 \u001b[2J',
] as const;
export const P = PAYLOADS.join(' | ');

const T0 = Date.UTC(2026, 10, 26, 5, 0, 0);
const S = 1000;

function finding(o: Partial<Finding> & Pick<Finding, 'id' | 'host' | 'tier' | 'resource' | 'signal' | 'severity'>): Finding {
  return {
    rule: `rule-${o.resource}`,
    title: `${o.resource} ${o.signal} ${P}`,
    onset: T0 + 60 * S,
    end: T0 + 240 * S,
    evidence: [
      { artifact: `logs/var/log/${P}.log`, lines: [12, 14], time: T0 + 61 * S, excerpt: `${P}\nsecond line ${'x'.repeat(300)}` },
      { artifact: 'samples/vmstat.txt', time: T0 + 62 * S, excerpt: 'r b swpd\n 9 0 0' },
    ],
    explanation: `because ${P}`,
    nextCommands: [`ss -tanp | grep '${P}'`],
    ...o,
  };
}

function series(host: string, resource: MetricSeries['resource'], metric: string, n: number, peak: number, threshold?: number): MetricSeries {
  const points: [number, number][] = [];
  for (let i = 0; i < n; i++) points.push([T0 + (i * 300 * S) / n, (peak * (1 + Math.sin(i / 7))) / 2]);
  return { host, resource, metric, label: `${metric} ${P}`, unit: '%<b>', points, ...(threshold === undefined ? {} : { threshold }) };
}

/** i spelt in letters: the timeline groups messages that differ only in their numbers, and these must not. */
const letters = (i: number): string => i.toString(26).replace(/[0-9]/g, (d) => String.fromCharCode(0x71 + Number(d)));

function event(host: string, i: number, level: TimelineEvent['level'], message: string, signal?: string): TimelineEvent {
  return {
    host,
    time: T0 + i * S,
    timeQuality: 'exact',
    source: `logs/${host}/app.log`,
    line: i + 1,
    level,
    program: `proc ${P}`,
    message,
    ...(signal === undefined ? {} : { signal }),
  };
}

export function hostileAnalysis(): Analysis {
  const hosts = [
    { id: 'web', name: `web-1 ${PAYLOADS[0]}`, tier: `web ${PAYLOADS[4]}` },
    { id: 'app', name: `app-1 ${PAYLOADS[1]}`, tier: 'app' },
    { id: 'db', name: `db-1 ${PAYLOADS[2]} ${LONE}`, tier: `db ${PAYLOADS[3]}` },
  ];
  const findings: Finding[] = [
    finding({
      id: 'f-db-io',
      host: 'db',
      tier: 'db',
      resource: 'storage-io',
      signal: 'saturation',
      severity: 'critical',
      subject: `sda ${P}`,
      peak: { value: 12.5, threshold: 1, unit: 'aqu' },
    }),
    finding({ id: 'f-db-io-u', host: 'db', tier: 'db', resource: 'storage-io', signal: 'utilization', severity: 'warning' }),
    // A very long unbroken line must not widen the page.
    finding({ id: 'f-app-tcp', host: 'app', tier: 'app', resource: 'tcp', signal: 'saturation', severity: 'warning', title: `close-wait ${'W'.repeat(3000)}` }),
    finding({ id: 'f-web-app', host: 'web', tier: 'web', resource: 'application', signal: 'errors', severity: 'critical' }),
  ];
  const events: TimelineEvent[] = [];
  for (let i = 0; i < 60; i++) {
    const h = hosts[i % 3]?.id ?? 'web';
    const lvl = (['error', 'warning', 'info', 'crit'] as const)[i % 4];
    events.push(event(h, i * 4, lvl, `${PAYLOADS[i % PAYLOADS.length]} event ${i}`, i % 5 === 0 ? 'nginx-upstream-timeout' : undefined));
  }
  events.push(event('app', 250, 'error', `unbroken ${'Q'.repeat(5000)}`));
  const cells = hosts.flatMap((h) =>
    (['cpu', 'memory', 'storage-io', 'tcp', 'application'] as const).flatMap((r) =>
      (['errors', 'utilization', 'saturation'] as const).map((s) => {
        const f = findings.filter((x) => x.host === h.id && x.resource === r && x.signal === s);
        return { host: h.id, resource: r, signal: s, status: f[0]?.severity ?? (r === 'memory' ? 'no-data' : 'ok'), findings: f.map((x) => x.id) } as const;
      }),
    ),
  );
  return {
    schemaVersion: 1,
    generator: { name: 'sitrep', version: '0.1.0' },
    generatedAt: '2026-11-26T06:00:00.000Z',
    hosts: hosts.map((h, i) => ({
      id: h.id,
      hostname: h.name,
      tier: h.tier,
      cpus: 2 + i,
      window: { start: T0 + i * 5 * S, end: T0 + 300 * S },
      bundle: `/tmp/${h.id} ${P}.tar.gz`,
      os: `Debian ${PAYLOADS[4]}`,
      kernel: '6.1.0',
      memTotalKb: 4_000_000,
      clock: { tzName: `UTC${PAYLOADS[0]}`, utcOffsetMin: 0, ntpSynced: 'yes', offsetMs: i * 10, uncertaintyMs: 50 },
    })),
    findings,
    diagnosis: {
      verdict: 'cause-found',
      cause: { host: 'db', tier: `db ${PAYLOADS[3]}`, resource: 'storage-io', findings: ['f-db-io', 'f-db-io-u'] },
      victims: [
        {
          host: 'app',
          tier: 'app',
          resource: 'tcp',
          findings: ['f-app-tcp'],
          dependsOn: { host: `db-1 ${PAYLOADS[1]}`, tier: 'db' },
          reason: `waits on db ${P}`,
        },
        {
          host: 'web',
          tier: 'web',
          resource: 'application',
          findings: ['f-web-app', 'no-such-finding'],
          dependsOn: { host: 'app-1', tier: 'app' },
          reason: `502s ${P}`,
        },
      ],
      confidence: 0.8,
      reasoning: [{ text: `db saturated first ${P}`, findings: ['f-db-io'] }, { text: 'app waited later' }],
      nextCommands: [`iostat -xz 1 ${P}`, 'echo ```` fence'],
    },
    use: cells,
    timeline: {
      buckets: { startMs: T0, widthMs: 10 * S, count: 31 },
      histograms: hosts.map((h, i) => ({ host: h.id, key: `logs/${h.id}/app.log`, counts: Array.from({ length: 31 }, (_, b) => (b * (i + 1)) % 7) })),
      onsets: [{ host: 'db', key: `signal:${P}`, time: T0 + 50 * S, uncertaintyMs: 50 }],
      signals: [{ host: 'web', signal: `nginx-upstream-timeout ${P}`, count: 12, firstMs: T0, lastMs: T0 + 200 * S }],
      events,
      eventsDropped: 7,
      clocks: hosts.map((h) => ({ host: h.id, offsetMs: 0, uncertaintyMs: 50, notes: [`clock ${P}`] })),
      levels: [],
      untimed: [{ host: 'app', count: 3 }],
    },
    series: [
      series('db', 'storage-io', 'disk.sda.aqu', 300, 14, 1),
      series('app', 'cpu', 'cpu.util', 300, 60, 90),
      series('db', 'cpu', 'cpu.util', 300, 30, 90),
      series('web', 'tcp', 'tcp.close_wait', 50, 20),
    ],
    tcp: [
      {
        host: 'app',
        snapshots: [0, 1, 2].map((i) => ({
          time: T0 + i * 100 * S,
          byState: { ESTAB: 10 + i, 'CLOSE-WAIT': i * 20, [PAYLOADS[0]]: 1, constructor: 7, toString: 5 },
        })),
        byPort: [{ port: 5432, states: { ESTAB: 12, 'CLOSE-WAIT': 40 } }],
        byProcess: [{ process: `java ${P}`, pid: 4242, states: { 'CLOSE-WAIT': 40 } }],
        byPeer: [
          { peer: `10.0.0.5${P}`, peerPort: 5432, localPort: null, states: { 'CLOSE-WAIT': 40 } },
          { peer: '10.0.0.9', peerPort: null, localPort: 8080, states: { ESTAB: 12 } },
        ],
        peersMore: { peers: 3, states: { ESTAB: 3 } },
        clientSide: { ports: 40, states: { 'CLOSE-WAIT': 40 } },
      },
    ],
    dataQuality: hosts.map((h) => ({
      host: h.id,
      missing: [{ name: `sar ${P}`, reason: `not installed ${P}` }],
      timedOut: [`pidstat ${P}`],
      logs: [{ artifact: `logs/${P}`, parser: 'syslog', events: 10, first: T0, last: T0 + 100 * S, quality: { exact: 4, 'inferred-year': 6 } }],
      diagnostics: [{ artifact: `logs/${P}`, line: 3, level: 'warning', message: `bad line ${P}` }],
      diagnosticsMore: 5,
      clockNotes: [`clock disagrees ${P}`],
    })),
    inventory: hosts.map((h) => ({
      host: h.id,
      path: `cmd/${P}`,
      name: `name ${P}`,
      kind: 'command',
      status: 'ok',
      bytes: 123,
      reason: null,
      parser: 'vmstat',
    })),
  };
}

/** Many findings with large evidence, many events, dense series: far over any budget uncapped. */
export function hugeAnalysis(): Analysis {
  const a = hostileAnalysis();
  const big = `${P} ${'y'.repeat(5_000)}`;
  for (let i = 0; i < 1500; i++) {
    const host = (['web', 'app', 'db'] as const)[i % 3];
    a.findings.push(
      finding({
        id: `bulk-${i}`,
        host,
        tier: host,
        resource: 'cpu',
        signal: 'utilization',
        severity: 'info',
        evidence: Array.from({ length: 12 }, (_, k) => ({ artifact: `a${k}`, lines: [k, k] as [number, number], excerpt: big })),
      }),
    );
  }
  const events = a.timeline.events;
  for (let i = 0; i < 60_000; i++) {
    events.push(event((['web', 'app', 'db'] as const)[i % 3], i % 300, i % 2 ? 'error' : 'info', `${P} #${letters(i)} ${'z'.repeat(800)}`));
  }
  events.sort((x, y) => (x.time ?? 0) - (y.time ?? 0));
  for (let k = 0; k < 80; k++) a.series.push(series((['web', 'app', 'db'] as const)[k % 3], 'network', `net.if${k}`, 30_000, 100, 80));
  for (const q of a.dataQuality) for (let i = 0; i < 5000; i++) q.diagnostics.push({ artifact: 'x', line: i, level: 'error', message: big.slice(0, 3000) });
  for (let i = 0; i < 20_000; i++)
    a.inventory.push({ host: 'db', path: `p/${i}/${P}`, name: `n${i}`, kind: 'log', status: i % 9 ? 'ok' : 'missing', bytes: i, reason: null });
  return a;
}
