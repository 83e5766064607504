/**
 * Writes one redacted bundle: every member the reader accepts, its name and
 * content redacted, nested .gz members inflated, redacted and recompressed.
 * Members sitrep cannot read through (other compressions) are left out: what
 * cannot be verified is not shipped. Written to `<name>.partial`, renamed at the end;
 * each member is redacted and deflated into `<name>.member` (or `.member2`) first
 * (tar needs its size), then copied in while the next is redacted into the other.
 * The engine checks each batch's redacted bytes as it makes them (member.ts).
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import { DiagnosticLog, isProcessTable, readBundle, type BundleDiagnostic } from '../bundle/index.js';
import { SitrepError } from '../errors.js';
import type { Checker, Leak } from './checker.js';
import { UnreadTable } from './collect.js';
import type { RedactEngine } from './engine.js';
import { redactMember, type MemberCheck } from './member.js';
import type { Redactor } from './redactor.js';
import { GzipMemberArchive } from './archive.js';
import type { FileHeader } from './tar-header.js';
import { tee } from './tee.js';
import { writeOut } from './write-out.js';
import type { WrittenMember } from './verify.js';

/** Compressions the reader does not inflate: such a member could hide anything. */
export const OPAQUE = /\.(?:bz2|xz|zst|lz4|lzma|z|zip|7z|jar|war)$/i;

export interface BundleOutcome {
  source: string;
  output: string;
  members: number;
  bytesIn: number;
  bytesOut: number;
  left: string[];
  diagnostics: BundleDiagnostic[];
  /** Every member as written, in order: its name and the digest of the content checked. */
  written: WrittenMember[];
  /** What the check found in the content as it was written. */
  leaks: Leak[];
}

/** Names go through the redactor and label leaks through the checker in this thread; content through the engine. */
export interface Redaction {
  redactor: Redactor;
  checker: Checker;
  engine: RedactEngine;
  batchBytes?: number;
  /** The process tables pass one read (collect.ts); another stops the bundle (UnreadTable). Unset: no check. */
  tables?: ReadonlySet<string>;
  /**
   * Called as the bundle is started, with its compressed bytes as they go to
   * the file and the members listed as they are written (each before its
   * first byte): the read-back runs while the bundle is written.
   */
  readBack?: (output: string, compressed: Readable, written: readonly WrittenMember[]) => void;
}

/** `web1-20261126T050000Z.tar.gz` → its redacted name, always `.tar.gz`; the stem becomes the top directory. */
export function outputName(source: string, redactor: Redactor): { file: string; top: string } {
  const stem = basename(source.replace(/\/+$/, '')).replace(/\.(?:tar\.gz|tgz|tar)$/i, '');
  const top = redactor.scan(Buffer.from(stem, 'utf8').toString('latin1'));
  return { file: `${top}.tar.gz`, top };
}

/**
 * Redacts one member and deflates it into `spool` (0600, created exclusively;
 * compressed twice when the member was .gz) and returns its size in the
 * archive: tar needs the size before the body, and the body may be larger
 * than memory should hold.
 */
async function spoolMember(chunks: AsyncIterable<Buffer>, r: Redaction, into: MemberCheck, gzip: boolean, spool: string, file: string): Promise<number> {
  const sink = createWriteStream(spool, { mode: 0o600, flags: 'wx' });
  // Each batch's output is written before the next is taken, and handed back then: its memory is the next one's.
  return writeOut(redactMember(chunks, r.engine, into, r.batchBytes), sink, gzip, (b) => r.engine.recycle(b)).catch((e: unknown) => {
    // A refused over-long line fails the bundle closed; name where it is.
    if (e instanceof SitrepError) throw new SitrepError(e.code, e.message, { file, ...(e.line !== undefined ? { line: e.line } : {}) });
    throw e;
  });
}

/** Copies a spooled member into the archive after its header, then removes the spool. */
async function appendEntry(archive: GzipMemberArchive, header: FileHeader, spool: string): Promise<void> {
  await archive.add(header, spool);
  await rm(spool, { force: true });
}

export async function redactBundle(source: string, outDir: string, r: Redaction): Promise<BundleOutcome> {
  const { redactor, checker } = r;
  const { file, top } = outputName(source, redactor);
  const output = join(outDir, file);
  const partial = `${output}.partial`;
  // Two spools: one member is copied into the archive from one while the next is redacted into the other.
  const spools = [`${output}.member`, `${output}.member2`];
  let appending = Promise.resolve();
  const outcome: BundleOutcome = { source, output, members: 0, bytesIn: 0, bytesOut: 0, left: [], diagnostics: [], written: [], leaks: [] };
  const sink = createWriteStream(partial, { mode: 0o600 });
  let head: Writable = sink;
  let done: Promise<void>;
  if (r.readBack) {
    const t = tee();
    r.readBack(output, t.side, outcome.written);
    head = t.through;
    done = pipeline(t.through, sink);
  } else done = finished(sink);
  done.catch(() => undefined); // raced by every write, awaited at the end
  const archive = new GzipMemberArchive(head, done);
  const diags = new DiagnosticLog(basename(source), 500);
  const shownAs = checker.name(Buffer.from(file, 'utf8').toString('latin1'), '', false);
  try {
    // A spool left by a killed run is removed (a link itself, never its target), then created exclusively.
    for (const spool of spools) await rm(spool, { force: true });
    for await (const m of readBundle(source, { diagnostics: diags })) {
      if (r.tables && isProcessTable(m.path) && !r.tables.has(m.path)) throw new UnreadTable(basename(source), m.path);
      if (OPAQUE.test(m.path)) {
        outcome.left.push(redactor.scan(m.path));
        continue;
      }
      const counted = async function* (): AsyncGenerator<Buffer> {
        for await (const c of m.bytes()) {
          outcome.bytesIn += c.length;
          yield c;
        }
      };
      const name = redactor.scan(m.path);
      const found: MemberCheck = { sha256: '', leaks: [] };
      const spool = spools[outcome.members % 2]!;
      const size = await spoolMember(counted(), r, found, !!m.gzip, spool, `${basename(source)}:${m.path}`);
      const label = checker.name(name, shownAs, false);
      for (const l of found.leaks) outcome.leaks.push({ file: label, line: l.line, kind: l.kind });
      outcome.written.push({ path: name, sha256: found.sha256 });
      outcome.bytesOut += size;
      outcome.members++;
      // Owner names are left out: uid/gid 0 and no uname, the output names nobody.
      const header: FileHeader = { name: `${top}/${name}`, size, mode: 0o600, mtime: new Date(m.mtimeMs ?? Date.now()) };
      // Into the archive while the next member is redacted (into the other spool): the copy overlaps the scan.
      await appending;
      appending = appendEntry(archive, header, spool);
      appending.catch(() => undefined); // awaited before the next entry or the end
    }
    await appending;
    await archive.finish();
    await done;
    await rename(partial, output);
  } catch (e) {
    head.destroy();
    await done.catch(() => undefined);
    await appending.catch(() => undefined);
    await rm(partial, { force: true });
    for (const spool of spools) await rm(spool, { force: true });
    if (e instanceof SitrepError) throw e;
    throw new SitrepError('OUTPUT_FAILED', `cannot write the redacted bundle: ${(e as Error).message}`, { file: output });
  }
  outcome.diagnostics = diags.list;
  return outcome;
}
