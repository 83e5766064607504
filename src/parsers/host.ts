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
import { checkFormat, guessEntry, metaNumber, metaMs, parseManifestTable, parseMeta } from '../bundle/manifest.js';
import { BYTES, columnExtreme, END, entryAt, numberAt, START, statusAt, tableOf, type ManifestTable } from '../bundle/manifest-table.js';
import type { BundleMember } from '../bundle/member.js';
import { rotation } from '../bundle/paths.js';
import { readBundle, type PassResult } from '../bundle/reader.js';
import type { ManifestEntry } from '../bundle/types.js';
import { SitrepError } from '../errors.js';
import type { HostData, LogCoverage, ParsedArtifact } from './host-data.js';
import { parseCommandArtifact } from './host-commands.js';
import { metaClock } from './host-meta.js';
import { ReadPaths } from './read-paths.js';
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

/** A bundle's name without its archive suffix: the host name when meta.txt does not give one. */
const bareName = (shown: string): string => shown.replace(/\.(tar\.gz|tgz|tar)$/, '');

/**
 * The state of one bundle's read, shared by the passes over the archive: what
 * meta.txt and the manifest said, which members are read, held or planned.
 */
class HostLoad {
  readonly shown: string;
  readonly limits: BundleLimits;
  readonly diags: DiagnosticLog;
  meta: Record<string, string> | null = null;
  manifest: ManifestTable | null = null;
  /** The manifest's row of each member path. */
  byPath = new Map<string, number>();
  readonly seen: string[] = [];
  readonly done = new ReadPaths((p) => this.byPath.get(p));
  /** The paths the reader has met in this pass (it skips a second member of a name). */
  passNames: ReadPaths | null = null;
  readonly held = new Map<string, string>();
  heldBytes = 0;
  readonly artifacts: ParsedArtifact[] = [];
  readonly logs: LogCoverage[] = [];
  hostId = '';
  /**
   * Families of rotated logs of more than one member still to read, each oldest
   * first. A log alone in its family (most logs) is not listed: every log planned
   * is (the manifest's in the first pass, every one left after it), and a list
   * of 100,000 one-member families was ~9 MB live through the whole read, which
   * V8 lets the heap grow to about four times.
   */
  families = new Map<string, string[]>();

  constructor(
    bundlePath: string,
    readonly opts: LoadOptions,
  ) {
    this.shown = basename(bundlePath);
    this.limits = resolveLimits(opts.limits);
    this.diags = new DiagnosticLog(this.shown, this.limits.maxDiagnostics);
  }

  /**
   * The manifest's string for a member path, else the archive's: `seen` and
   * the reader's set of names read hold every member's path, one string per
   * member and not two.
   */
  pathOf(path: string): string {
    const i = this.byPath.get(path);
    return (i !== undefined && this.manifest?.paths[i]) || path;
  }

  entryFor(path: string): ManifestEntry | null {
    const i = this.byPath.get(path);
    return i !== undefined && this.manifest ? entryAt(this.manifest, i) : guessEntry(path);
  }

  clock(): HostClock {
    return metaClock(this.meta ?? {});
  }

  parseHeld(path: string, text: string): void {
    const entry = this.entryFor(path);
    if (!entry) return;
    const a = parseCommandArtifact({ entry, path, text, clock: this.clock(), meta: this.meta ?? {} }, this.diags);
    if (a) this.artifacts.push(a);
  }

  async readLog(m: BundleMember, entry: ManifestEntry): Promise<void> {
    let cov: LogCoverage;
    if (this.opts.readLog) cov = await this.opts.readLog(m, entry, this.clock(), this.hostId, this.diags);
    else {
      const ev = (e: Parameters<EventSink>[0]): void => this.opts.onEvent(e, this.hostId);
      cov = await readLogMember({ member: m, entry, clock: this.clock(), emit: ev, deferFields: this.opts.deferFields === true }, this.diags);
    }
    // The manifest's string for the path, not the archive's copy of it: one string per member, not two.
    if (entry.path === cov.path) cov.path = entry.path;
    this.logs.push(cov);
  }

  /** Families of rotated logs still to read among `paths`, each oldest first. */
  plan(paths: string[]): Map<string, string[]> {
    const fam = new Map<string, string | string[]>();
    for (const p of paths) {
      const e = this.entryFor(p);
      if (this.done.has(p) || !e || !isLogEntry(e)) continue;
      const base = rotation(p).base;
      // push, not [...list, p]: a family of 100,000 dated members was quadratic
      const list = fam.get(base);
      if (list === undefined) fam.set(base, p);
      else if (typeof list === 'string') fam.set(base, [list, p]);
      else list.push(p);
    }
    const many = new Map<string, string[]>();
    for (const [base, list] of fam)
      if (typeof list !== 'string')
        many.set(
          base,
          list.sort((a, b) => rotation(b).rank - rotation(a).rank),
        );
    return many;
  }

  /**
   * Whether a log is the next of its family to read. Planned are the
   * manifest's logs in the first pass and every log left after it.
   */
  isNext(path: string, first: boolean): boolean {
    const fam = this.families.get(rotation(path).base);
    if (fam) return fam[0] === path;
    return !first || this.byPath.has(path);
  }

  /** A new pass's set of paths met: a flag per manifest row, not a set of 100,000 paths (2.6 MB). */
  passPaths(): ReadPaths {
    const names = (this.passNames = new ReadPaths((p) => this.byPath.get(p)));
    if (this.manifest) names.setRows(this.manifest.count);
    return names;
  }

  /** `path` read: out of its family; a family read whole is forgotten. */
  unplan(path: string): void {
    const base = rotation(path).base;
    const fam = this.families.get(base);
    const i = fam?.indexOf(path) ?? -1;
    if (i >= 0) fam!.splice(i, 1);
    if (fam?.length === 0) this.families.delete(base);
  }

  setMeta(text: string): void {
    const meta = (this.meta = parseMeta(text));
    checkFormat(meta, this.shown);
    if (meta.format_version === undefined) this.diags.add('warning', 'meta.txt has no format_version: read as version 1', 'meta.txt');
    const hostname = meta.hostname || bareName(this.shown);
    this.hostId = this.opts.idFor ? this.opts.idFor(hostname) : hostname;
  }

  setManifest(text: string): void {
    const manifest = (this.manifest = parseManifestTable(text, this.diags, 'manifest.tsv', this.limits.maxEntries));
    this.byPath = new Map();
    manifest.paths.forEach((p, i) => p && this.byPath.set(p, i));
    this.done.setRows(manifest.count);
    this.passNames?.setRows(manifest.count);
    this.families = this.plan(manifest.paths.filter((p): p is string => !!p));
  }

  /** A command artifact: parsed now when the host is known, else held (within budget) for the first pass's end. */
  async takeCommand(m: BundleMember, ready: boolean): Promise<void> {
    if (ready) {
      this.parseHeld(m.path, (await m.text()).text);
      this.done.add(this.pathOf(m.path));
    } else if (this.heldBytes + m.size <= this.limits.maxHeldBytes && !m.gzip) {
      const { text } = await m.text();
      this.held.set(m.path, text);
      this.heldBytes += text.length;
      this.done.add(this.pathOf(m.path));
    }
  }

  /** One member of one pass; true when a log was read (the pass made progress). */
  async takeMember(m: BundleMember, first: boolean, anyOrder: boolean): Promise<boolean> {
    if (first) this.seen.push(this.pathOf(m.path));
    if (m.path === 'meta.txt' || m.path === 'manifest.tsv') {
      if (!first) return false;
      const { text } = await m.text();
      if (m.path === 'meta.txt') this.setMeta(text);
      else this.setManifest(text);
      return false;
    }
    if (this.done.has(m.path)) return false;
    const entry = this.entryFor(m.path);
    if (!entry) return false; // capture.log, *.err: for humans
    const ready = !first || (this.meta !== null && this.manifest !== null);
    if (!isLogEntry(entry)) {
      await this.takeCommand(m, ready);
      return false;
    }
    if (!ready) return false;
    // Not the family's oldest unread member (or not planned at all): a later pass reads it.
    if (!anyOrder && !this.isNext(m.path, first)) return false;
    this.unplan(m.path);
    await this.readLog(m, entry);
    this.done.add(this.pathOf(m.path));
    return true;
  }

  /** After the first pass: reject what is no bundle, say what is missing, parse what was held. */
  endFirstPass(result: PassResult): void {
    const shown = this.shown;
    if (result.members === 0)
      throw new SitrepError('INPUT_CORRUPT', 'no readable member in the bundle (empty, or cut before its first member)', { file: shown });
    if (!this.meta && !this.manifest && !this.seen.some((p) => guessEntry(p))) {
      throw new SitrepError('INPUT_UNREADABLE', 'not a sitrep bundle (no meta.txt, manifest.tsv or known artifact)', { file: shown });
    }
    if (!this.meta) this.diags.add('error', 'meta.txt is missing: host identity and clock unknown, times read as UTC');
    if (!this.manifest) this.diags.add('warning', 'manifest.tsv is missing: artifacts guessed from their paths');
    if (!this.hostId) this.hostId = this.opts.idFor ? this.opts.idFor(bareName(shown)) : bareName(shown);
    for (const [p, text] of this.held) this.parseHeld(p, text);
    this.held.clear();
  }

  /** Members seen in the archive but not read yet: logs, and commands over the held budget. */
  left(): string[] {
    return this.seen.filter((p) => !this.done.has(p) && p !== 'meta.txt' && p !== 'manifest.tsv' && this.entryFor(p));
  }

  /** Warn about members the manifest lists as written but the archive lacks. */
  checkAbsent(): void {
    const t = this.manifest;
    if (!t) return;
    const present = new ReadPaths((p) => this.byPath.get(p));
    present.setRows(t.count);
    for (const p of this.seen) present.add(p);
    for (let i = 0; i < t.count; i++) {
      const path = t.paths[i];
      const status = statusAt(t, i);
      if (path && (status === 'ok' || status === 'truncated') && !present.has(path) && (numberAt(t, i, BYTES) ?? 1) > 0) {
        this.diags.add('warning', `listed in the manifest but absent from the archive (${entryAt(t, i).name})`, path);
      }
    }
  }

  /** The diagnostics, with a line counting those dropped over the limit. */
  diagnostics(): HostData['diagnostics'] {
    const diags = this.diags;
    const list = [...diags.list];
    const dropped = diags.dropped.error + diags.dropped.warning + diags.dropped.info;
    if (dropped > 0)
      list.push({
        level: 'info',
        file: this.shown,
        message: `${dropped} more diagnostics not listed (${diags.dropped.error} errors, ${diags.dropped.warning} warnings)`,
      });
    return list;
  }

  /** Entries guessed from the member paths, for a bundle without a manifest. */
  *guessed(): Generator<ManifestEntry> {
    for (const p of this.seen) {
      const e = guessEntry(p);
      if (e) yield e;
    }
  }

  hostData(): HostData {
    const m: Record<string, string> = this.meta ?? {};
    this.checkAbsent();
    const entries = this.manifest ?? tableOf(this.guessed());
    const list = this.diagnostics();
    return {
      bundle: this.shown,
      id: this.hostId,
      hostname: m.hostname ?? this.hostId,
      tier: m.tier ?? '',
      cpus: metaNumber(m, 'cpus'),
      clock: this.clock(),
      // reduce, not Math.min(...): a manifest of 300,000 rows (0.8 MB gzipped) overflows a call's arguments
      windowStartMs: metaMs(m, 'start_epoch') ?? columnExtreme(entries, START, Math.min),
      windowEndMs: metaMs(m, 'end_epoch') ?? columnExtreme(entries, END, Math.max),
      meta: m,
      manifest: entries,
      artifacts: this.artifacts,
      logs: this.logs,
      diagnostics: list,
    };
  }
}

export async function loadHost(bundlePath: string, opts: LoadOptions): Promise<HostData> {
  const load = new HostLoad(bundlePath, opts);
  for (let pass = 1; ; pass++) {
    const first = pass === 1;
    const anyOrder = pass > MAX_PASSES;
    const result: PassResult = { kind: 'tar', members: 0, failure: null };
    let progress = false;
    if (opts.stats) opts.stats.passes = pass;
    const intern = (p: string): string => load.pathOf(p);
    const names = load.passPaths();
    for await (const m of readBundle(bundlePath, { limits: load.limits, diagnostics: load.diags, intern, names }, result)) {
      if (await load.takeMember(m, first, anyOrder)) progress = true;
    }
    if (first) load.endFirstPass(result);
    const left = load.left();
    if (left.length === 0 || anyOrder) break;
    if (!first && !progress) break;
    load.families = load.plan(left);
    if (pass === MAX_PASSES) load.diags.add('info', `rotated logs are out of order in the archive: reading the rest in archive order after ${pass} passes`);
  }
  return load.hostData();
}
