/**
 * Reading parsed artifacts defensively: a missing field or a record without
 * a time is no data, never a crash (parsers are jc-shaped but inputs vary).
 * Artifacts are named by the parser registry (ArtifactName), and their records
 * have the reading parser's own output type (ArtifactRecord), so a renamed
 * artifact or field is a compile error here, not "no data" at run time.
 */
import type { HostData } from '../parsers/host-data.js';
import { artifactsNamed } from '../parsers/host-data.js';
import type { ArtifactName, ArtifactRecord } from '../parsers/registry.js';
import type { Point, Series } from './types.js';

export type Rec = Record<string, unknown>;

export interface Sample<R = Rec> {
  t: number;
  rec: R;
  artifact: string;
}

/** A finite number from a jc field (numbers, or numeric strings some parsers keep). */
export function num(x: unknown): number | null {
  if (typeof x === 'number') return Number.isFinite(x) ? x : null;
  if (typeof x === 'string' && x.trim() !== '' && !Number.isNaN(Number(x))) return Number(x);
  return null;
}

function isRec(x: unknown): x is Rec {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The sum of a record's numeric fields; null when the record or any field is missing. Keys are checked against a typed record's fields. */
export function sumOf<R extends object>(r: R | null | undefined, keys: readonly (keyof R & string)[]): number | null {
  if (!r) return null;
  let t = 0;
  for (const k of keys) {
    const v = num(r[k]);
    if (v === null) return null;
    t += v;
  }
  return t;
}

/** Every record of every artifact with this name, with its instant, in time order. */
export function samplesOf<N extends ArtifactName>(host: HostData, name: N, phase?: 'start' | 'end'): Sample<ArtifactRecord<N>>[] {
  type R = ArtifactRecord<N>;
  const out: Sample<R>[] = [];
  for (const art of artifactsNamed(host, name, phase)) {
    for (const block of art.blocks ?? []) {
      const data = block.result?.data;
      if (Array.isArray(data)) {
        data.forEach((rec, i) => {
          const t = block.result.times?.[i]?.epochMs ?? block.time?.epochMs;
          // The parser registered for this name produced it (PARSER_BY_ARTIFACT): its records have its type.
          if (isRec(rec) && typeof t === 'number') out.push({ t, rec: rec as R, artifact: art.path });
        });
      } else if (isRec(data)) {
        const t = block.time?.epochMs;
        if (typeof t === 'number') out.push({ t, rec: data as R, artifact: art.path });
      }
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

/** The first (or last) parsed object/array of a snapshot artifact, whatever its time. */
export function snapshotData(host: HostData, name: ArtifactName, phase?: 'start' | 'end'): { data: unknown; artifact: string; t: number | null } | null {
  const arts = artifactsNamed(host, name, phase);
  for (const art of phase === 'start' || phase === undefined ? arts : [...arts].reverse()) {
    const block = art.blocks?.[0];
    if (block && block.result?.data !== undefined) {
      return { data: block.result.data, artifact: art.path, t: block.time?.epochMs ?? null };
    }
  }
  return null;
}

/** The records of a snapshot artifact (as snapshotData picks it), with its parser's record type. */
export function snapshotRecords<N extends ArtifactName>(
  host: HostData,
  name: N,
  phase?: 'start' | 'end',
): { records: ArtifactRecord<N>[]; artifact: string; t: number | null } | null {
  const snap = snapshotData(host, name, phase);
  if (!snap) return null;
  const list: unknown[] = Array.isArray(snap.data) ? snap.data : [snap.data];
  return { records: list.filter(isRec) as ArtifactRecord<N>[], artifact: snap.artifact, t: snap.t };
}

export function series(points: Point[], unit: string, source: string, artifact: string): Series | undefined {
  return points.length > 0 ? { points, unit, source, artifact } : undefined;
}

/** Series of one numeric field; `skipFirst` drops the since-boot first report (vmstat, iostat). */
export function fieldSeries<R>(samples: Sample<R>[], pick: (r: R) => number | null, unit: string, source: string, skipFirst = false): Series | undefined {
  const points: Point[] = [];
  samples.forEach((s, i) => {
    if (skipFirst && i === 0) return;
    const v = pick(s.rec);
    if (v !== null) points.push([s.t, v]);
  });
  return series(points, unit, source, samples[0]?.artifact ?? '');
}

/**
 * Per-second rates of cumulative counters between consecutive samples. The
 * since-boot totals mean nothing for the window; a negative delta (counter
 * reset or wrap) is skipped rather than reported as a huge value.
 */
export function rateSeries<R>(samples: Sample<R>[], pick: (r: R) => number | null, unit: string, source: string): Series | undefined {
  const points: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const va = pick(a.rec);
    const vb = pick(b.rec);
    const dt = (b.t - a.t) / 1000;
    if (va === null || vb === null || dt <= 0 || vb < va) continue;
    points.push([b.t, (vb - va) / dt]);
  }
  return series(points, unit, source, samples[0]?.artifact ?? '');
}

/** Ratio of two counters' deltas per interval (e.g. Δbusy / Δtotal), as percent. */
export function deltaRatioSeries<R>(samples: Sample<R>[], numer: (r: R) => number | null, denom: (r: R) => number | null, source: string): Series | undefined {
  const points: Point[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!.rec;
    const b = samples[i]!.rec;
    const na = numer(a),
      nb = numer(b),
      da = denom(a),
      db = denom(b);
    if (na === null || nb === null || da === null || db === null) continue;
    const dd = db - da;
    if (dd <= 0 || nb < na) continue;
    points.push([samples[i]!.t, (100 * (nb - na)) / dd]);
  }
  return series(points, '%', source, samples[0]?.artifact ?? '');
}

/** The first series that has points, in the stated order of preference. */
export function firstOf(...candidates: (Series | undefined)[]): Series | undefined {
  return candidates.find((s) => s !== undefined && s.points.length > 0);
}

/** Group samples by a key field (device, interface, cpu). */
export function groupBy<R>(samples: Sample<R>[], key: (r: R) => string | null): Map<string, Sample<R>[]> {
  const out = new Map<string, Sample<R>[]>();
  for (const s of samples) {
    const k = key(s.rec);
    if (k === null) continue;
    const list = out.get(k) ?? [];
    list.push(s);
    out.set(k, list);
  }
  return out;
}

/** `sysctl` value (jc keeps tab-separated multi-values as one string), from the start snapshot, else the end one. */
export function sysctlValue(host: HostData, key: string): string | null {
  for (const phase of ['start', 'end'] as const) {
    const snap = snapshotData(host, 'sysctl', phase);
    if (snap && isRec(snap.data) && snap.data[key] !== undefined && snap.data[key] !== null) return String(snap.data[key]);
  }
  return null;
}

export function sysctlNumbers(host: HostData, key: string): number[] {
  const v = sysctlValue(host, key);
  if (v === null) return [];
  return v
    .trim()
    .split(/\s+/)
    .map(Number)
    .filter((n) => Number.isFinite(n));
}

export { isRec };
