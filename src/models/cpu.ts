/**
 * CPU model. Preference: mpstat (sysstat, per CPU, decimals) over vmstat
 * (procps) over iostat's CPU report over /proc/stat deltas. Run queue: vmstat
 * r over /proc/stat procs_running over /proc/loadavg's running count.
 */
import type { HostData } from '../parsers/host-data.js';
import type { CpuModel, Point, Series } from './types.js';
import { psiModel } from './psi.js';
import { deltaRatioSeries, fieldSeries, firstOf, groupBy, isRec, num, samplesOf, series } from './samples.js';
import type { MpstatRecord } from '../parsers/commands/mpstat.js';
import type { Rec, Sample } from './samples.js';

/** Busy % from a sysstat CPU row (mpstat's and iostat's share these names). */
const busyFromIdle = (r: { percent_idle?: unknown; percent_iowait?: unknown }): number | null => {
  const idle = num(r.percent_idle),
    iowait = num(r.percent_iowait);
  return idle === null ? null : Math.max(0, 100 - idle - (iowait ?? 0));
};

function procCpuFields(r: unknown): { busy: number; total: number; steal: number; iowait: number } | null {
  if (!isRec(r)) return null;
  const g = (k: string): number => num(r[k]) ?? 0;
  const busy = g('user') + g('nice') + g('system') + g('irq') + g('softirq') + g('steal');
  const total = busy + g('idle') + g('iowait');
  return total > 0 ? { busy, total, steal: g('steal'), iowait: g('iowait') } : null;
}

function procStatSeries(samples: Sample[], key: string, pick: 'busy' | 'steal' | 'iowait'): Series | undefined {
  return deltaRatioSeries(
    samples,
    (r) => procCpuFields(r[key])?.[pick] ?? null,
    (r) => procCpuFields(r[key])?.total ?? null,
    'proc-stat',
  );
}

function countCpus(host: HostData, mp: Sample<MpstatRecord>[], ps: Sample[]): number | null {
  if (host.cpus !== null && host.cpus > 0) return host.cpus;
  const fromMeta = num(host.meta?.cpus);
  if (fromMeta !== null && fromMeta > 0) return fromMeta;
  const ids = new Set(mp.map((s) => String(s.rec.cpu)).filter((c) => /^\d+$/.test(c)));
  if (ids.size > 0) return ids.size;
  const first = ps[0]?.rec;
  if (first) {
    const n = Object.keys(first).filter((k) => /^cpu\d+$/.test(k)).length;
    if (n > 0) return n;
  }
  return null;
}

export function buildCpuModel(host: HostData): CpuModel {
  const mp = samplesOf(host, 'mpstat').filter((s) => s.rec.average !== true && (s.rec.type === undefined || s.rec.type === 'cpu'));
  const vm = samplesOf(host, 'vmstat').filter((s) => s.rec.runnable_procs !== undefined || s.rec.user_time !== undefined);
  const io = samplesOf(host, 'iostat').filter((s) => s.rec.type === 'cpu');
  const ps = samplesOf(host, 'proc-stat');
  const la = samplesOf(host, 'proc-loadavg');

  const mpAll = mp.filter((s) => s.rec.cpu === 'all');
  const vmUtil = fieldSeries(
    vm,
    (r) => {
      const us = num(r.user_time),
        sy = num(r.system_time);
      return us === null || sy === null ? null : us + sy + (num(r.stolen_time) ?? 0);
    },
    '%',
    'vmstat',
    true,
  );
  const util = firstOf(
    fieldSeries(mpAll, busyFromIdle, '%', 'mpstat'),
    vmUtil,
    fieldSeries(io, busyFromIdle, '%', 'iostat', true),
    procStatSeries(ps, 'cpu', 'busy'),
  );
  const iowait = firstOf(
    fieldSeries(mpAll, (r) => num(r.percent_iowait), '%', 'mpstat'),
    fieldSeries(vm, (r) => num(r.io_wait_time), '%', 'vmstat', true),
    procStatSeries(ps, 'cpu', 'iowait'),
  );
  const steal = firstOf(
    fieldSeries(mpAll, (r) => num(r.percent_steal), '%', 'mpstat'),
    fieldSeries(vm, (r) => num(r.stolen_time), '%', 'vmstat', true),
    procStatSeries(ps, 'cpu', 'steal'),
  );

  const perCpu: Record<string, Series> = {};
  const byCpu = groupBy(
    mp.filter((s) => s.rec.cpu !== 'all'),
    (r) => (r.cpu === undefined || r.cpu === null ? null : String(r.cpu)),
  );
  for (const [cpu, list] of byCpu) {
    const s = fieldSeries(list, busyFromIdle, '%', 'mpstat');
    if (s) perCpu[cpu] = s;
  }
  if (Object.keys(perCpu).length === 0 && ps[0]) {
    for (const key of Object.keys(ps[0].rec).filter((k) => /^cpu\d+$/.test(k))) {
      const s = procStatSeries(ps, key, 'busy');
      if (s) perCpu[key.slice(3)] = s;
    }
  }

  const runq = firstOf(
    fieldSeries(vm, (r) => num(r.runnable_procs), 'threads', 'vmstat', true),
    fieldSeries(ps, (r) => num(r.processes_running), 'threads', 'proc-stat'),
    fieldSeries(la, (r) => num(r.running), 'threads', 'proc-loadavg'),
  );
  const blocked = firstOf(
    fieldSeries(vm, (r) => num(r.uninterruptible_sleeping_procs), 'threads', 'vmstat', true),
    fieldSeries(ps, (r) => num(r.processes_blocked), 'threads', 'proc-stat'),
  );
  const loadPoints: Point[] = la.flatMap((s) => {
    const v = num(s.rec.load_1m);
    return v === null ? [] : [[s.t, v] as Point];
  });
  const load1 = series(loadPoints, 'load', 'proc-loadavg', la[0]?.artifact ?? '');

  return {
    cpus: countCpus(host, mp, ps),
    ...(util ? { util } : {}),
    ...(iowait ? { iowait } : {}),
    ...(steal ? { steal } : {}),
    perCpu,
    ...(runq ? { runq } : {}),
    ...(blocked ? { blocked } : {}),
    ...(load1 ? { load1 } : {}),
    psi: psiModel(host, 'proc-pressure-cpu'),
  };
}
