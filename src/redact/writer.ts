/**
 * Writes one redacted bundle: every member the reader accepts, its name and
 * content redacted, nested .gz members inflated, redacted and recompressed.
 * Members sitrep cannot read through (other compressions) are left out: what
 * cannot be verified is not shipped. Written to `<name>.partial`, renamed at the end;
 * each member is redacted into `<name>.member` first (tar needs its size), then copied in.
 * Each member's redacted bytes go to the content check as they are produced.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { DiagnosticLog, readBundle, type BundleDiagnostic } from '../bundle/index.js';
import { SitrepError } from '../errors.js';
import type { ContentCheck } from './content-check.js';
import { lineBatches } from './lines.js';
import type { Redactor } from './redactor.js';

/** Compressions the reader does not inflate: such a member could hide anything. */
export const OPAQUE = /\.(?:bz2|xz|zst|lz4|lzma|z|zip|7z|jar|war)$/i;

/**
 * zlib's fastest level: a redacted bundle is a copy made to be shared now, and
 * level 6 took 2.0 s of the 128 MB bench bundle against 0.85 s for a 22 %
 * larger file (docs/redaction.md).
 */
const GZIP_LEVEL = 1;

export interface BundleOutcome {
  source: string;
  output: string;
  members: number;
  bytesIn: number;
  bytesOut: number;
  left: string[];
  diagnostics: BundleDiagnostic[];
  /** Every member's name as written, in order. */
  written: string[];
}

/** `web1-20261126T050000Z.tar.gz` → its redacted name, always `.tar.gz`; the stem becomes the top directory. */
export function outputName(source: string, redactor: Redactor): { file: string; top: string } {
  const stem = basename(source.replace(/\/+$/, '')).replace(/\.(?:tar\.gz|tgz|tar)$/i, '');
  const top = redactor.scan(Buffer.from(stem, 'utf8').toString('latin1'));
  return { file: `${top}.tar.gz`, top };
}

/** The member's bytes redacted line by line, as they are read: a member is never held whole. */
export async function* redactedChunks(chunks: AsyncIterable<Buffer>, redactor: Redactor, check?: ContentCheck): AsyncGenerator<Buffer> {
  redactor.reset();
  for await (const b of lineBatches(chunks)) {
    let out = '';
    for (const line of b.lines) out += `${redactor.line(line)}\n`;
    if (b.partial !== undefined) out += redactor.line(b.partial);
    if (out === '') continue;
    const buf = Buffer.from(out, 'latin1');
    await check?.bytes(buf);
    yield buf;
  }
}

/**
 * Redacts one member into `spool` (0600, created exclusively; recompressed when
 * the member was .gz) and returns its size: tar needs the size before the body,
 * and the body may be larger than memory should hold.
 */
async function spoolMember(
  chunks: AsyncIterable<Buffer>,
  redactor: Redactor,
  check: ContentCheck,
  gzip: boolean,
  spool: string,
  file: string,
): Promise<number> {
  const body = Readable.from(redactedChunks(chunks, redactor, check));
  const sink = createWriteStream(spool, { mode: 0o600, flags: 'wx' });
  await (gzip ? pipeline(body, createGzip({ level: GZIP_LEVEL }), sink) : pipeline(body, sink)).catch((e: unknown) => {
    // A refused over-long line fails the bundle closed; name where it is.
    if (e instanceof SitrepError) throw new SitrepError(e.code, e.message, { file, ...(e.line !== undefined ? { line: e.line } : {}) });
    throw e;
  });
  return (await stat(spool)).size;
}

export async function redactBundle(source: string, outDir: string, redactor: Redactor, check: ContentCheck): Promise<BundleOutcome> {
  const { file, top } = outputName(source, redactor);
  const output = join(outDir, file);
  const partial = `${output}.partial`;
  const spool = `${output}.member`;
  const pack = tar.pack();
  const done = pipeline(pack, createGzip({ level: GZIP_LEVEL }), createWriteStream(partial, { mode: 0o600 }));
  const diags = new DiagnosticLog(basename(source), 500);
  const outcome: BundleOutcome = { source, output, members: 0, bytesIn: 0, bytesOut: 0, left: [], diagnostics: [], written: [] };
  const shownAs = Buffer.from(file, 'utf8').toString('latin1');
  try {
    // A spool left by a killed run is removed (a link itself, never its target), then created exclusively.
    await rm(spool, { force: true });
    for await (const m of readBundle(source, { diagnostics: diags })) {
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
      check.begin(shownAs, name);
      const size = await spoolMember(counted(), redactor, check, !!m.gzip, spool, `${basename(source)}:${m.path}`);
      check.end();
      outcome.written.push(name);
      outcome.bytesOut += size;
      outcome.members++;
      // Owner names are left out: uid/gid 0 and no uname, the output names nobody.
      const header = {
        name: `${top}/${name}`,
        size,
        mode: 0o600,
        type: 'file',
        ...(m.mtimeMs !== undefined ? { mtime: new Date(m.mtimeMs) } : {}),
      } as tar.Header;
      await new Promise<void>((resolve, reject) => {
        const entry = pack.entry(header, (e) => (e ? reject(e) : resolve()));
        pipeline(createReadStream(spool), entry).catch(reject);
      });
      await rm(spool, { force: true });
    }
    pack.finalize();
    await done;
    await rename(partial, output);
  } catch (e) {
    pack.destroy();
    await done.catch(() => undefined);
    await rm(partial, { force: true });
    await rm(spool, { force: true });
    if (e instanceof SitrepError) throw e;
    throw new SitrepError('OUTPUT_FAILED', `cannot write the redacted bundle: ${(e as Error).message}`, { file: output });
  }
  outcome.diagnostics = diags.list;
  return outcome;
}
