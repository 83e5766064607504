/**
 * readBundle: the one way into a bundle. Streams members in archive order,
 * never writes to disk, and applies the untrusted-input policy of
 * docs/security.md: unsafe names and non-regular members are skipped and
 * reported; a broken archive yields what could be read plus a diagnostic.
 */
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { SitrepError } from '../errors.js';
import { DiagnosticLog } from './diagnostics.js';
import { resolveLimits, type BundleLimits } from './limits.js';
import { makeMember, type BundleMember, type ReaderContext } from './member.js';
import { checkMemberName, printableName } from './paths.js';
import { dirMembers, sniff, tarMembers, type RawMember, type SourceKind, type SourceState } from './source.js';

export interface ReadOptions {
  limits?: Partial<BundleLimits>;
  /** Shared across passes over the same bundle so nothing is reported twice. */
  diagnostics?: DiagnosticLog;
  /**
   * The caller's string for a member path it already holds (the manifest's):
   * the set of names read keeps that one, not a second copy of each path
   * (100,000 members: 4.8 MB of strings kept to the end of the pass).
   */
  intern?: (path: string) => string;
  /** Where this pass keeps the paths it read (a second member of a name is skipped): the caller's, to keep it compact. */
  names?: { has(path: string): boolean; add(path: string): void };
  /** The archive's bytes (gzip-compressed tar) as they are written, read instead of the file at the path, which only names it. */
  stream?: Readable;
  /** Every entry as stored, before the policy skips or strips anything: verification checks each name. */
  onRaw?: (raw: RawMember) => void;
}

/** What a pass over the bundle found, beyond its members. */
export interface PassResult {
  kind: SourceKind;
  members: number;
  /** The archive broke or was stopped before its end. */
  failure: string | null;
}

/**
 * Streams the members of a bundle. Each member must be consumed (or ignored)
 * before the next is requested; ignoring it skips its bytes cheaply. Throws
 * only SitrepError INPUT_UNREADABLE (not a bundle) or INPUT_CORRUPT (nothing
 * readable); everything else becomes a diagnostic in `opts.diagnostics`.
 */
export async function* readBundle(path: string, opts: ReadOptions = {}, result?: PassResult): AsyncGenerator<BundleMember> {
  const shown = basename(path);
  const limits = resolveLimits(opts.limits);
  const diags = opts.diagnostics ?? new DiagnosticLog(shown, limits.maxDiagnostics);
  const kind: SourceKind = opts.stream ? 'tar.gz' : await sniff(path, shown);
  const state: SourceState = { archiveBytes: 0, maxArchiveBytes: limits.maxTotalBytes, failure: null };
  const ctx: ReaderContext = { limits, state, inflated: { bytes: 0 }, diags };
  const raws: AsyncGenerator<RawMember> = kind === 'directory' ? dirMembers(path) : tarMembers(opts.stream ?? path, kind === 'tar.gz', state);
  let top: string | null = kind === 'directory' ? '' : null;
  let entries = 0;
  let yielded = 0;
  // Paths already yielded: a second member of a name is skipped, so the first copy
  // wins for every artifact alike (bounded by maxEntries).
  const names = opts.names ?? new Set<string>();
  for await (const raw of raws) {
    opts.onRaw?.(raw);
    if (++entries > limits.maxEntries) {
      diags.add('error', `more than ${limits.maxEntries} members; stopped reading`);
      break;
    }
    const name = printableName(raw.name);
    const check = checkMemberName(raw.name);
    if (!check.ok) {
      diags.add('warning', `skipped member "${name}": ${check.reason}`);
      continue;
    }
    if (raw.type !== 'file' && raw.type !== 'directory') {
      diags.add('warning', `skipped member "${name}": ${raw.type === 'link' ? 'hard link' : raw.type} (only regular files are read)`);
      continue;
    }
    // The first member fixes the top directory (`<host>-<stamp>/`); a bundle
    // tarred from inside that directory has none.
    if (top === null) top = check.parts.length > 1 || raw.type === 'directory' ? check.parts[0]! : '';
    let parts = check.parts;
    if (top !== '') {
      if (parts[0] !== top) {
        diags.add('warning', `skipped member "${name}": outside the bundle's top directory ${top}/`);
        continue;
      }
      parts = parts.slice(1);
    }
    if (raw.type === 'directory' || parts.length === 0) continue;
    if (raw.size > limits.maxMemberBytes) {
      diags.add('warning', `skipped member "${name}": ${raw.size} bytes is over the ${limits.maxMemberBytes}-byte member limit`);
      continue;
    }
    const rel = opts.intern ? opts.intern(parts.join('/')) : parts.join('/');
    if (names.has(rel)) {
      diags.add('warning', `skipped member "${name}": a second member of that name (the first one is read)`);
      continue;
    }
    names.add(rel);
    yielded++;
    yield makeMember(raw, rel, ctx);
  }
  if (result) Object.assign(result, { kind, members: yielded, failure: state.failure });
  if (state.failure !== null) {
    if (entries === 0) {
      // Broken before its first member: corrupt compressed data or a cut is a damaged
      // bundle; a tar layer that cannot read even one header means this is no tar at all.
      if (state.failedIn === 'tar' && !/unexpected end/i.test(state.failure)) {
        throw new SitrepError('INPUT_UNREADABLE', `not a sitrep bundle (not a readable tar archive: ${state.failure})`, { file: shown });
      }
      const what = /unexpected end/i.test(state.failure) ? 'truncated archive' : 'corrupt archive';
      throw new SitrepError('INPUT_CORRUPT', `${what}: nothing readable before the damage (${state.failure})`, { file: shown });
    }
    diags.add('error', `archive is truncated or corrupt after ${entries} member(s) (${state.failure}): kept what was read before`);
  }
}

export { DiagnosticLog };
