/**
 * Storage model. Devices: iostat -x (sysstat) over /proc/diskstats deltas
 * (util = Δio_ticks/Δt, aqu-sz = Δweighted_io_ticks/Δt, await = Δtime/Δios).
 * File systems: the latest df / df -i snapshot.
 */
import type { IostatRecord } from '../parsers/commands/iostat.js';
import type { DfRecord } from '../parsers/commands/df.js';
import type { HostData } from '../parsers/host-data.js';
import type { DeviceModel, FileSystemModel, Point, Series } from './types.js';
import { fieldSeries, groupBy, isRec, num, samplesOf, series, snapshotRecords } from './samples.js';
import type { Rec, Sample } from './samples.js';
import { psiModel } from './psi.js';

/** Devices whose %util says little about saturation: they serve requests in parallel. */
export function isParallelDevice(device: string): boolean {
  return /^(dm-|md\d|loop|nvme|vd|xvd|rbd|nbd|zram)/.test(device);
}

const iostatAwait = (r: IostatRecord): number | null => {
  const a = num(r.await);
  if (a !== null) return a;
  const rs = num(r.r_s) ?? 0,
    ws = num(r.w_s) ?? 0,
    ra = num(r.r_await),
    wa = num(r.w_await);
  if (ra === null && wa === null) return null;
  return rs + ws > 0 ? ((ra ?? 0) * rs + (wa ?? 0) * ws) / (rs + ws) : Math.max(ra ?? 0, wa ?? 0);
};

function fromIostat(list: Sample<IostatRecord>[], device: string): DeviceModel {
  const rest = list.slice(1); // the first report averages since boot
  const util = fieldSeries(rest, (r) => num(r.percent_util), '%', 'iostat');
  const aqu = fieldSeries(rest, (r) => num(r.aqu_sz) ?? num(r.avgqu_sz), 'requests', 'iostat');
  const aw = fieldSeries(rest, iostatAwait, 'ms', 'iostat');
  return { device, logical: isParallelDevice(device), ...(util ? { util } : {}), ...(aqu ? { aqu } : {}), ...(aw ? { await: aw } : {}), source: 'iostat' };
}

function diskDelta(list: Sample[], f: (a: Rec, b: Rec, dtMs: number) => number | null, unit: string): Series | undefined {
  const pts: Point[] = [];
  for (let i = 1; i < list.length; i++) {
    const a = list[i - 1]!,
      b = list[i]!;
    const dt = b.t - a.t;
    if (dt <= 0) continue;
    const v = f(a.rec, b.rec, dt);
    if (v !== null && v >= 0) pts.push([b.t, v]);
  }
  return series(pts, unit, 'proc-diskstats', list[0]?.artifact ?? '');
}

const d = (a: Rec, b: Rec, k: string): number | null => {
  const x = num(a[k]),
    y = num(b[k]);
  return x === null || y === null || y < x ? null : y - x;
};

function fromDiskstats(list: Sample[], device: string): DeviceModel {
  const util = diskDelta(
    list,
    (a, b, dt) => {
      const v = d(a, b, 'io_time_ms');
      return v === null ? null : Math.min(100, (100 * v) / dt);
    },
    '%',
  );
  const aqu = diskDelta(
    list,
    (a, b, dt) => {
      const v = d(a, b, 'weighted_io_time_ms');
      return v === null ? null : v / dt;
    },
    'requests',
  );
  const aw = diskDelta(
    list,
    (a, b) => {
      const ios = (d(a, b, 'reads_completed') ?? 0) + (d(a, b, 'writes_completed') ?? 0);
      const ms = (d(a, b, 'read_time_ms') ?? 0) + (d(a, b, 'write_time_ms') ?? 0);
      return ios > 0 ? ms / ios : 0;
    },
    'ms',
  );
  return {
    device,
    logical: isParallelDevice(device),
    ...(util ? { util } : {}),
    ...(aqu ? { aqu } : {}),
    ...(aw ? { await: aw } : {}),
    source: 'proc-diskstats',
  };
}

function filesystems(host: HostData): FileSystemModel[] {
  const byMount = new Map<string, FileSystemModel>();
  const take = (name: 'df' | 'df-i', apply: (fs: FileSystemModel, r: DfRecord) => void): void => {
    const snap = snapshotRecords(host, name, 'end') ?? snapshotRecords(host, name, 'start') ?? snapshotRecords(host, name);
    if (!snap) return;
    for (const r of snap.records) {
      if (typeof r.mounted_on !== 'string') continue;
      const fs = byMount.get(r.mounted_on) ?? {
        mount: r.mounted_on,
        filesystem: String(r.filesystem ?? ''),
        usePct: null,
        inodePct: null,
        artifact: snap.artifact,
        excerpt: '',
      };
      apply(fs, r);
      byMount.set(r.mounted_on, fs);
    }
  };
  take('df', (fs, r) => {
    fs.usePct = num(r.use_percent) ?? num(r.capacity_percent);
    fs.excerpt = `${String(r.filesystem ?? '')} ${fs.usePct ?? '-'}% used on ${fs.mount}`;
  });
  take('df-i', (fs, r) => {
    fs.inodePct = num(r.iuse_percent) ?? num(r.use_percent);
    fs.excerpt = `${fs.excerpt ? fs.excerpt + '; ' : ''}inodes ${fs.inodePct ?? '-'}% used on ${fs.mount}`;
  });
  return [...byMount.values()];
}

export function buildStorageModel(host: HostData) {
  const io = samplesOf(host, 'iostat').filter((s) => s.rec.type === 'device' || (s.rec.device !== undefined && s.rec.type === undefined));
  const devices: DeviceModel[] = [];
  const byDev = groupBy(io, (r) => (typeof r.device === 'string' ? r.device : null));
  for (const [dev, list] of byDev) devices.push(fromIostat(list, dev));
  if (devices.length === 0) {
    // /proc/diskstats is an array per block; flatten to per-device samples with the block's time.
    const ds = samplesOf(host, 'proc-diskstats');
    for (const [dev, list] of groupBy(ds, (r) => (typeof r.device === 'string' ? r.device : null))) {
      if (/^(ram|loop)\d+$/.test(dev)) continue; // never physical, and numerous
      devices.push(fromDiskstats(list, dev));
    }
  }
  return { devices, filesystems: filesystems(host), psi: psiModel(host, 'proc-pressure-io') };
}
