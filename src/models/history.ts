/**
 * sar history (the bundle's `sar/<saNN>.json`, `sadf -j <file> -- -A`) as
 * the lowest-preference source, for the times before the capture window
 * only: the window's own samples cover the window, history never stands in
 * for a missing window source and no instant mixes the two. Each window
 * series that sadf also measures gets its history attached beside its
 * points (`Series.history`), so rules can tell which is which (helpers.ts
 * `sustained` reads it to move an onset back before the capture).
 */
import type { HostData } from '../parsers/host-data.js';
import type { ArtifactRecord } from '../parsers/registry.js';
import type { HistorySeries, HostModels, Point, PsiModel, Series } from './types.js';
import { isRec, num, sumOf } from './samples.js';
import type { Rec } from './samples.js';

export interface HistorySample {
  t: number;
  /** sadf's `interval` (seconds the sample averages over, ending at t). */
  intervalS: number | null;
  metrics: Rec;
  artifact: string;
}

/**
 * Every sadf sample that ended at or before the window start, in time order,
 * one per instant (two sa files covering the same time, e.g. sadc's own and
 * one written with `sar -o`, would otherwise double the points).
 */
export function historySamples(host: HostData): HistorySample[] {
  const cutoff = host.windowStartMs;
  // Without the window start, what is "before the window" is unknown: no history.
  if (cutoff === null) return [];
  const byTime = new Map<number, HistorySample>();
  for (const art of host.artifacts) {
    if (art.name !== 'sar-history' && !art.name.startsWith('sar-history:')) continue;
    for (const block of art.blocks) {
      const data = block.result.data;
      if (!Array.isArray(data)) continue;
      data.forEach((raw, i) => {
        const t = block.result.times?.[i]?.epochMs;
        if (!isRec(raw)) return;
        // sadf-json reads every sar-history artifact (PARSER_BY_ARTIFACT): its records are SadfRecord.
        const rec = raw as unknown as ArtifactRecord<'sar-history'>;
        if (rec.kind !== 'sample' || !isRec(rec.metrics) || typeof t !== 'number' || t > cutoff) return;
        if (!byTime.has(t)) byTime.set(t, { t, intervalS: num(rec.interval), metrics: rec.metrics, artifact: art.path });
      });
    }
  }
  return [...byTime.values()].sort((a, b) => a.t - b.t);
}

/** One metric over the history samples; the newest sample's file is the one cited. */
function historySeries(samples: HistorySample[], pick: (m: Rec) => number | null, unit: string): HistorySeries | undefined {
  const points: Point[] = [];
  let intervalS: number | null = null;
  let artifact = '';
  for (const s of samples) {
    const v = pick(s.metrics);
    if (v === null) continue;
    points.push([s.t, v]);
    if (s.intervalS !== null) intervalS = Math.max(intervalS ?? 0, s.intervalS);
    artifact = s.artifact;
  }
  return points.length > 0 ? { points, unit, source: 'sar-history', artifact, intervalS, window: [] } : undefined;
}

/**
 * The window series with its history beside it. `window` is the very points
 * array the history extends: a rule that derives a new series (other unit,
 * masked points) drops the link by building new points, so history is never
 * judged against a threshold meant for something else.
 */
function attach(s: Series | undefined, h: HistorySeries | undefined): Series | undefined {
  return s && h ? { ...s, history: { ...h, window: s.points } } : s;
}

const obj = (m: Rec, ...path: string[]): Rec | null => {
  let o: unknown = m;
  for (const k of path) o = isRec(o) ? o[k] : undefined;
  return isRec(o) ? o : null;
};
const list = (m: Rec, ...path: string[]): Rec[] => {
  const parent = path.length > 1 ? obj(m, ...path.slice(0, -1)) : m;
  const v = parent?.[path[path.length - 1]!];
  return Array.isArray(v) ? v.filter(isRec) : [];
};
/** The all-CPU row: `cpu-load` (sar -u), or `cpu-load-all` (sar -u ALL in sysstat before 12). */
const allCpu = (m: Rec): Rec | null => [...list(m, 'cpu-load'), ...list(m, 'cpu-load-all')].find((r) => r.cpu === 'all') ?? null;
/**
 * sadf's `some_avg`/`full_avg` (sar -q's %scpu, %smem, %sio...): sar(1) gives them as the share of
 * the whole sar interval that was stalled, the measure the window's PSI series has (psi.ts); the
 * `*_avg10` beside them is the kernel's 10 s average at the interval's end, not the interval.
 */
const psi = (m: Rec, group: string, key: string): number | null => num(obj(m, 'psi', group)?.[key]);

type H = (pick: (m: Rec) => number | null, unit: string) => ReturnType<typeof historySeries>;

/** Both PSI series of one resource from its sadf group (`psi-cpu`, `psi-mem`, `psi-io`). */
function attachPsi(p: PsiModel, group: string, h: H): void {
  p.some = attach(
    p.some,
    h((m) => psi(m, group, 'some_avg'), '%'),
  );
  p.full = attach(
    p.full,
    h((m) => psi(m, group, 'full_avg'), '%'),
  );
}

function attachCpu(cpu: HostModels['cpu'], h: H): void {
  cpu.util = attach(
    cpu.util,
    h((m) => {
      const a = allCpu(m),
        idle = num(a?.idle);
      return idle === null ? null : Math.max(0, 100 - idle - (num(a?.iowait) ?? 0));
    }, '%'),
  );
  cpu.iowait = attach(
    cpu.iowait,
    h((m) => num(allCpu(m)?.iowait), '%'),
  );
  cpu.steal = attach(
    cpu.steal,
    h((m) => num(allCpu(m)?.steal), '%'),
  );
  cpu.runq = attach(
    cpu.runq,
    h((m) => num(obj(m, 'queue')?.['runq-sz']), 'threads'),
  );
  cpu.blocked = attach(
    cpu.blocked,
    h((m) => num(obj(m, 'queue')?.blocked), 'threads'),
  );
  cpu.load1 = attach(
    cpu.load1,
    h((m) => num(obj(m, 'queue')?.['ldavg-1']), 'load'),
  );
  attachPsi(cpu.psi, 'psi-cpu', h);
}

function attachMemory(memory: HostModels['memory'], h: H): void {
  const total = memory.totalKb;
  memory.availableKb = attach(
    memory.availableKb,
    h((m) => num(obj(m, 'memory')?.avail), 'kB'),
  );
  memory.availablePct = attach(
    memory.availablePct,
    h((m) => {
      const a = num(obj(m, 'memory')?.avail);
      return a === null || !total ? null : (100 * a) / total;
    }, '%'),
  );
  memory.cacheKb = attach(
    memory.cacheKb,
    h((m) => sumOf(obj(m, 'memory'), ['buffers', 'cached']), 'kB'),
  );
  // sar -W counts pages, as /proc/vmstat does; vmstat's si/so are kB/s (the series' unit says which)
  memory.swapIn = attach(
    memory.swapIn,
    h((m) => num(obj(m, 'swap-pages')?.pswpin), 'pages/s'),
  );
  memory.swapOut = attach(
    memory.swapOut,
    h((m) => num(obj(m, 'swap-pages')?.pswpout), 'pages/s'),
  );
  memory.majorFaults = attach(
    memory.majorFaults,
    h((m) => num(obj(m, 'paging')?.majflt), 'faults/s'),
  );
  memory.pageScan = attach(
    memory.pageScan,
    h((m) => sumOf(obj(m, 'paging'), ['pgscank', 'pgscand']), 'pages/s'),
  );
  memory.swapUsedKb = attach(
    memory.swapUsedKb,
    h((m) => num(obj(m, 'memory')?.swpused), 'kB'),
  );
  attachPsi(memory.psi, 'psi-mem', h);
}

function attachStorage(storage: HostModels['storage'], h: H): void {
  for (const dev of storage.devices) {
    // sadf names a device as sar -d does; one it calls devM-N matches no window device and gets none
    const row = (m: Rec): Rec | null => list(m, 'disk').find((r) => r['disk-device'] === dev.device) ?? null;
    dev.util = attach(
      dev.util,
      h((m) => num(row(m)?.['util-percent']), '%'),
    );
    dev.aqu = attach(
      dev.aqu,
      h((m) => num(row(m)?.['aqu-sz']) ?? num(row(m)?.['avgqu-sz']), 'requests'),
    );
    dev.await = attach(
      dev.await,
      h((m) => num(row(m)?.await), 'ms'),
    );
  }
  attachPsi(storage.psi, 'psi-io', h);
}

/** sar's kB are 1024 bytes. */
const bytes = (v: number | null): number | null => (v === null ? null : v * 1024);

function attachNetwork(network: HostModels['network'], tcp: HostModels['tcp'], h: H): void {
  for (const nic of network) {
    const dev = (m: Rec): Rec | null => list(m, 'network', 'net-dev').find((r) => r.iface === nic.name) ?? null;
    const edev = (m: Rec): Rec | null => list(m, 'network', 'net-edev').find((r) => r.iface === nic.name) ?? null;
    nic.rxBytesPerS = attach(
      nic.rxBytesPerS,
      h((m) => bytes(num(dev(m)?.rxkB)), 'B/s'),
    );
    nic.txBytesPerS = attach(
      nic.txBytesPerS,
      h((m) => bytes(num(dev(m)?.txkB)), 'B/s'),
    );
    nic.errors = attach(
      nic.errors,
      h((m) => sumOf(edev(m), ['rxerr', 'txerr']), 'errors/s'),
    );
    nic.drops = attach(
      nic.drops,
      h((m) => sumOf(edev(m), ['rxdrop', 'txdrop', 'rxfifo', 'txfifo']), 'drops/s'),
    );
  }
  // sysstat 12.5 renamed ETCP's retrseg to retrans
  const retr = (m: Rec): number | null => num(obj(m, 'network', 'net-etcp')?.retrseg) ?? num(obj(m, 'network', 'net-etcp')?.retrans);
  const oseg = (m: Rec): number | null => num(obj(m, 'network', 'net-tcp')?.oseg);
  tcp.retransPerS = attach(tcp.retransPerS, h(retr, 'segments/s'));
  tcp.outSegsPerS = attach(tcp.outSegsPerS, h(oseg, 'segments/s'));
  tcp.retransPct = attach(
    tcp.retransPct,
    h((m) => {
      const r = retr(m),
        o = oseg(m);
      return r === null || o === null ? null : o > 0 ? (100 * r) / o : 0;
    }, '%'),
  );
}

/** Attaches, in place, the sar history to every model series sadf also measures. */
export function attachHistory(models: HostModels, host: HostData): void {
  const hs = historySamples(host);
  if (hs.length === 0) return;
  const h: H = (pick, unit) => historySeries(hs, pick, unit);
  attachCpu(models.cpu, h);
  attachMemory(models.memory, h);
  attachStorage(models.storage, h);
  attachNetwork(models.network, models.tcp, h);
  models.tasks.threads = attach(
    models.tasks.threads,
    h((m) => num(obj(m, 'queue')?.['plist-sz']), 'threads'),
  );
  models.fds.allocated = attach(
    models.fds.allocated,
    h((m) => num(obj(m, 'kernel')?.['file-nr']), 'handles'),
  );
}
