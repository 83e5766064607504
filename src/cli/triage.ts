/**
 * What a file given to `analyze` is, when it is not a bundle: the loader says
 * "not a sitrep bundle"; this says what it is instead and what to run, in one
 * line. Only consulted after a load failed, so a good bundle costs nothing.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { SitrepError } from '../errors.js';
import { shownName } from './paths.js';

const BUNDLE_NAME = /\.(tar\.gz|tgz|tar)$/i;

async function head(path: string, bytes: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** The start of a gzip stream, inflated as far as the bytes read allow. */
function inflateHead(gz: Buffer): Buffer {
  try {
    return gunzipSync(gz, { finishFlush: 2 /* Z_SYNC_FLUSH: a cut stream is not an error */ });
  } catch {
    return Buffer.alloc(0);
  }
}

const isTar = (b: Buffer): boolean => b.length >= 262 && b.subarray(257, 262).toString('latin1') === 'ustar';
const isText = (b: Buffer): boolean => b.length > 0 && !b.subarray(0, 4096).includes(0);

async function dirHint(path: string, shown: string): Promise<string | null> {
  const names = (await readdir(path)).filter((n) => BUNDLE_NAME.test(n)).sort();
  if (names.length === 0) return null;
  const list = names
    .slice(0, 3)
    .map((n) => join(shown, n))
    .join(' ');
  return `a directory of ${names.length} bundle${names.length > 1 ? 's' : ''}, not a bundle: name them, e.g. sitrep analyze ${list}${names.length > 3 ? ' …' : ''}`;
}

/** A one-line description and hint for a path that failed to load as a bundle, or null when there is nothing better to say. */
export async function notABundleHint(path: string): Promise<string | null> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) return await dirHint(path, path);
    if (!st.isFile()) return null;
    if (st.size === 0) return 'empty file (0 bytes): the capture did not finish or the copy failed; copy the bundle again';
    const b = await head(path, 64 * 1024);
    if (b.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))) {
      return 'a zip archive, not a bundle: sitrep reads the .tar.gz the capture writes; unzip it and analyze the .tar.gz inside';
    }
    if (b[0] === 0x1f && b[1] === 0x8b) {
      const inner = inflateHead(b);
      if (isText(inner) && !isTar(inner)) return `a gzip-compressed log, not a bundle: to read one log, sitrep parse ${path}`;
      return null;
    }
    if (isText(b)) return `a text file (a log?), not a bundle: to read one log, sitrep parse ${path}`;
    return null;
  } catch {
    return null;
  }
}

/** The load error, reworded with the hint when there is one (same exit status). */
export async function explainLoadError(err: SitrepError, bundle: string): Promise<SitrepError> {
  if (err.code !== 'INPUT_UNREADABLE' && err.code !== 'INPUT_CORRUPT') return err;
  const hint = await notABundleHint(bundle);
  return hint ? new SitrepError(err.code, hint, { file: shownName(bundle) }, { cause: err }) : err;
}
