/**
 * loadHost: one bundle → HostData, with every log event streamed to the sink.
 *
 * Member order: the capture writes meta.txt and manifest.tsv first and each
 * rotated log family oldest first (docs/bundle-format.md, "Member order"), and
 * then one pass does everything. Otherwise nothing is lost, only time: members
 * met before meta.txt and the manifest are known are held (small command
 * artifacts, up to maxHeldBytes) or deferred, and rotated logs met out of
 * order are deferred; further passes over the archive read what was deferred,
 * each pass taking every family's next-oldest member. Memory never holds a
 * log, only single artifacts.
 */
import { basename } from 'node:path';
import { DiagnosticLog } from '../bundle/diagnostics.js';
import { resolveLimits, type BundleLimits } from '../bundle/limits.js';
import { checkFormat, guessEntry, metaNumber, metaMs, parseManifest, parseMeta } from '../bundle/manifest.js';
import type { BundleMember } from '../bundle/member.js';
import { rotation } from '../bundle/paths.js';
import { readBundle, type PassResult } from '../bundle/reader.js';
import type { ManifestEntry } from '../bundle/types.js';
import { SitrepError } from '../errors.js';
import type { HostData, LogCoverage, ParsedArtifact } from './host-data.js';
import { parseCommandArtifact } from './host-commands.js';
import { metaClock } from './host-meta.js';
import { readLogMember } from './host-logs.js';
import type { EventSink, HostClock } from './types.js';

export interface LoadOptions {
  onEvent: EventSink;
  /** onEvent is a TimelineBuilder's: events may come with deferred fields (LogContext.deferFields). */
  deferFields?: boolean;
  limits?: Partial<BundleLimits>;
  /** Turns the bundle's hostname into this analysis' unique host id (suffixing duplicates). */
  idFor?: (hostname: string) => string;
  /**
   * Reads one log member instead of parsing it in this thread (a parse worker,
   * see cli/pipeline/log-port.ts); its events then never reach onEvent here.
   */
  readLog?: LogReadHook;
  /** Filled with how the bundle was read (passes over the archive: 1 in the capture's member order). */
  stats?: { passes: number };
}

export type LogReadHook = (m: BundleMember, entry: ManifestEntry, clock: HostClock, hostId: string, diags: DiagnosticLog) => Promise<LogCoverage>;

/** Passes over the archive before leftover out-of-order logs are read in archive order. */
const MAX_PASSES = 6;

export function isLogEntry(e: ManifestEntry): boolean {
  return e.kind === 'log' || e.kind === 'journal' || e.name.startsWith('log:') || e.name === 'journal' || e.name === 'dmesg';
}

export async function loadHost(bundlePath: string, opts: LoadOptions): Promise<HostData> {
  const shown = basename(bundlePath);
  const limits = resolveLimits(opts.limits);
  const diags = new DiagnosticLog(shown, limits.maxDiagnostics);
  // An object, not two lets: they are set inside closures, which TS's narrowing does not see.
  const got: { meta: Record<string, string> | null; manifest: ManifestEntry[] | null } = { meta: null, manifest: null };
  let byPath = new Map<string, ManifestEntry>();
  const seen: string[] = [];
  const done = new Set<string>();
  const held = new Map<string, string>();
  let heldBytes = 0;
  const artifacts: ParsedArtifact[] = [];
  const logs: LogCoverage[] = [];
  let hostId = '';

  const entryFor = (path: string): ManifestEntry | null => byPath.get(path) ?? guessEntry(path);
  const clock = () => metaClock(got.meta ?? {});
  const parseHeld = (path: string, text: string): void => {
    const entry = entryFor(path);
    if (!entry) return;
    const a = parseCommandArtifact({ entry, path, text, clock: clock(), meta: got.meta ?? {} }, diags);
    if (a) artifacts.push(a);
  };
  const readLog = async (m: BundleMember, entry: ManifestEntry): Promise<void> => {
    if (opts.readLog) {
      logs.push(await opts.readLog(m, entry, clock(), hostId, diags));
      return;
    }
    const ev = (e: Parameters<EventSink>[0]): void => opts.onEvent(e, hostId);
    logs.push(await readLogMember({ member: m, entry, clock: clock(), emit: ev, deferFields: opts.deferFields === true }, diags));
  };
  /** Families of rotated logs still to read, each oldest first. */
  const plan = (paths: string[]): Map<string, string[]> => {
    const fam = new Map<string, string[]>();
    for (const p of paths) {
      const e = entryFor(p);
      if (done.has(p) || !e || !isLogEntry(e)) continue;
      const base = rotation(p).base;
      fam.set(base, [...(fam.get(base) ?? []), p]);
    }
    for (const list of fam.values()) list.sort((a, b) => rotation(b).rank - rotation(a).rank);
    return fam;
  };
  let families = new Map<string, string[]>();

  const setMeta = (text: string): void => {
    const meta = (got.meta = parseMeta(text));
    checkFormat(meta, shown);
    if (meta.format_version === undefined) diags.add('warning', 'meta.txt has no format_version: read as version 1', 'meta.txt');
    const hostname = meta.hostname || shown.replace(/\.(tar\.gz|tgz|tar)$/, '');
    hostId = opts.idFor ? opts.idFor(hostname) : hostname;
  };
  const setManifest = (text: string): void => {
    const manifest = (got.manifest = parseManifest(text, diags));
    byPath = new Map(manifest.filter((e) => e.path).map((e) => [e.path!, e]));
    families = plan(manifest.flatMap((e) => (e.path ? [e.path] : [])));
  };

  for (let pass = 1; ; pass++) {
    const first = pass === 1;
    const anyOrder = pass > MAX_PASSES;
    const result: PassResult = { kind: 'tar', members: 0, failure: null };
    let progress = false;
    if (opts.stats) opts.stats.passes = pass;
    for await (const m of readBundle(bundlePath, { limits, diagnostics: diags }, result)) {
      if (first) seen.push(m.path);
      if (m.path === 'meta.txt' || m.path === 'manifest.tsv') {
        if (!first) continue;
        const { text } = await m.text();
        if (m.path === 'meta.txt') setMeta(text);
        else setManifest(text);
        continue;
      }
      if (done.has(m.path)) continue;
      const entry = entryFor(m.path);
      if (!entry) continue; // capture.log, *.err: for humans
      const ready = !first || (got.meta !== null && got.manifest !== null);
      if (!isLogEntry(entry)) {
        if (ready) {
          parseHeld(m.path, (await m.text()).text);
          done.add(m.path);
        } else if (heldBytes + m.size <= limits.maxHeldBytes && !m.gzip) {
          const { text } = await m.text();
          held.set(m.path, text);
          heldBytes += text.length;
          done.add(m.path);
        }
        continue;
      }
      if (!ready) continue;
      const fam = families.get(rotation(m.path).base);
      // Not the family's oldest unread member (or not planned at all): a later pass reads it.
      if (!anyOrder && (!fam || fam[0] !== m.path)) continue;
      fam?.splice(fam.indexOf(m.path), 1);
      await readLog(m, entry);
      done.add(m.path);
      progress = true;
    }
    if (first) {
      if (result.members === 0) throw new SitrepError('INPUT_CORRUPT', 'no readable member in the bundle (empty, or cut before its first member)', { file: shown });
      if (!got.meta && !got.manifest && !seen.some((p) => guessEntry(p))) {
        throw new SitrepError('INPUT_UNREADABLE', 'not a sitrep bundle (no meta.txt, manifest.tsv or known artifact)', { file: shown });
      }
      if (!got.meta) diags.add('error', 'meta.txt is missing: host identity and clock unknown, times read as UTC');
      if (!got.manifest) diags.add('warning', 'manifest.tsv is missing: artifacts guessed from their paths');
      if (!hostId) hostId = opts.idFor ? opts.idFor(shown.replace(/\.(tar\.gz|tgz|tar)$/, '')) : shown.replace(/\.(tar\.gz|tgz|tar)$/, '');
      for (const [p, text] of held) parseHeld(p, text);
      held.clear();
    }
    // What is left: logs (and commands over the held budget) seen in the archive but not read yet.
    const left = seen.filter((p) => !done.has(p) && p !== 'meta.txt' && p !== 'manifest.tsv' && entryFor(p));
    if (left.length === 0 || anyOrder) break;
    if (!first && !progress) break;
    families = plan(left);
    if (pass === MAX_PASSES) diags.add('info', `rotated logs are out of order in the archive: reading the rest in archive order after ${pass} passes`);
  }

  const m: Record<string, string> = got.meta ?? {};
  const present = new Set(seen);
  for (const e of got.manifest ?? []) {
    if (e.path && (e.status === 'ok' || e.status === 'truncated') && !present.has(e.path) && (e.bytes ?? 1) > 0) {
      diags.add('warning', `listed in the manifest but absent from the archive (${e.name})`, e.path);
    }
  }
  const entries: ManifestEntry[] = got.manifest ?? seen.flatMap((p) => guessEntry(p) ?? []);
  const starts = entries.map((e) => e.startMs).filter((x): x is number => x !== null);
  const ends = entries.map((e) => e.endMs).filter((x): x is number => x !== null);
  const list = [...diags.list];
  const dropped = diags.dropped.error + diags.dropped.warning + diags.dropped.info;
  if (dropped > 0) list.push({ level: 'info', file: shown, message: `${dropped} more diagnostics not listed (${diags.dropped.error} errors, ${diags.dropped.warning} warnings)` });
  return {
    bundle: shown,
    id: hostId,
    hostname: m.hostname ?? hostId,
    tier: m.tier ?? '',
    cpus: metaNumber(m, 'cpus'),
    clock: clock(),
    // reduce, not Math.min(...): a manifest of 300,000 rows (0.8 MB gzipped) overflows a call's arguments
    windowStartMs: metaMs(m, 'start_epoch') ?? (starts.length ? starts.reduce((a, b) => Math.min(a, b)) : null),
    windowEndMs: metaMs(m, 'end_epoch') ?? (ends.length ? ends.reduce((a, b) => Math.max(a, b)) : null),
    meta: m,
    manifest: entries,
    artifacts,
    logs,
    diagnostics: list,
  };
}
