/**
 * Writing results: to a file, or to stdout for `-`. Failures are OUTPUT_FAILED
 * naming the file. A report carries server log text and is written next to
 * bundles that came from hosts that may be compromised (docs/security.md):
 * never through a symlink, never over an input, through a temporary file in
 * the target's directory renamed into place (no half-written report, no
 * pre-existing path opened), mode 0600 unless the user says otherwise.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
import { Writable } from 'node:stream';
import { SitrepError } from '../errors.js';
import { oneLine } from '../render/text.js';

export interface OutputOptions {
  /** The command's inputs (bundle files or directories): never written to, nor anything inside one. */
  inputs?: readonly string[];
  /** File mode of the result (default 0o600). */
  mode?: number;
}

export const DEFAULT_MODE = 0o600;

export async function writeOutput(target: string, content: string, opts: OutputOptions = {}): Promise<void> {
  if (target === '-') {
    await writeStdout(content);
    return;
  }
  await place(target, opts, (fh) => fh.writeFile(content));
}

/**
 * writeOutput for content too large to hold: `fill` streams it into the
 * writable it is given (honouring back-pressure), with the same safety: a
 * temporary file renamed into place only once `fill` has finished.
 */
export async function writeOutputStream(target: string, fill: (out: Writable) => Promise<void>, opts: OutputOptions = {}): Promise<void> {
  if (target === '-') {
    await fill(process.stdout);
    return;
  }
  await place(target, opts, async (fh) => {
    // A Writable of our own over the handle: an fs.WriteStream would hold the handle until it closes it,
    // and the handle must stay open for the chmod and close that place() does after.
    const ws = new Writable({
      highWaterMark: 1 << 16,
      writev: (chunks, cb) => {
        fh.writeFile(Buffer.concat(chunks.map((c) => c.chunk as Buffer))).then(() => cb(), cb);
      },
    });
    let failed: Error | undefined;
    ws.on('error', (e) => {
      failed ??= e;
    }); // a write error (ENOSPC) fails the output once fill returns
    await fill(ws);
    await new Promise<void>((resolve, reject) => ws.end((e?: Error | null) => ((e ?? failed) ? reject(e ?? failed) : resolve())));
  });
}

/** The checks and the temporary file of writeOutput / writeOutputStream; `write` fills the opened file. */
async function place(target: string, opts: OutputOptions, write: (fh: FileHandle) => Promise<void>): Promise<void> {
  const fail = (why: string): SitrepError => new SitrepError('OUTPUT_FAILED', why, { file: target });
  const dir = await realpath(dirname(target)).catch((e: Error) => {
    throw fail(`cannot write: ${e.message}`);
  });
  const real = join(dir, basename(target));
  const existing = await lstat(real).catch(() => null);
  if (existing?.isSymbolicLink()) throw fail('refusing to write through a symbolic link');
  if (existing?.isDirectory()) throw fail('is a directory');
  await refuseInputs(real, existing ? { dev: existing.dev, ino: existing.ino } : null, opts.inputs ?? [], fail);
  // A device or a pipe the user named (`--json /dev/null`, a FIFO) is written into, never replaced:
  // renaming over it would swap /dev/null for a regular file (as root, for every process on the machine).
  if (existing && !existing.isFile()) return writeInto(real, write, fail);
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // O_EXCL|O_NOFOLLOW: a name nobody else created, never a planted link.
    const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await write(fh);
      await fh.chmod(opts.mode ?? DEFAULT_MODE);
    } finally {
      await fh.close();
    }
    await rename(tmp, real);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    if (e instanceof SitrepError) throw e;
    throw fail(`cannot write: ${(e as Error).message}`);
  }
}

/** Writes into an existing device or pipe, opened as it is (no create, no link followed, no truncation of what is not a file). */
async function writeInto(path: string, write: (fh: FileHandle) => Promise<void>, fail: (why: string) => SitrepError): Promise<void> {
  try {
    const fh = await open(path, constants.O_WRONLY | constants.O_NOFOLLOW);
    try {
      await write(fh);
    } finally {
      await fh.close();
    }
  } catch (e) {
    if (e instanceof SitrepError) throw e;
    throw fail(`cannot write: ${(e as Error).message}`);
  }
}

/** The target is none of the inputs, nor inside an input directory, nor a hard link to an input file. */
async function refuseInputs(
  real: string,
  id: { dev: number; ino: number } | null,
  inputs: readonly string[],
  fail: (why: string) => SitrepError,
): Promise<void> {
  for (const input of inputs) {
    const rin = await realpath(input).catch(() => null);
    if (rin === null) continue;
    const st = await stat(rin);
    const inside = st.isDirectory() && (real === rin || real.startsWith(rin.endsWith(sep) ? rin : rin + sep));
    if (inside || real === rin || (id && st.dev === id.dev && st.ino === id.ino)) {
      throw fail(`refusing to write over input ${input}${inside ? ' (inside that bundle directory)' : ''}`);
    }
  }
}

/** `--mode 0644`: an octal file mode, else a USAGE error. */
export function parseMode(text: string | undefined): number {
  if (text === undefined) return DEFAULT_MODE;
  if (!/^0?[0-7]{3}$/.test(text)) throw new SitrepError('USAGE', `--mode: expected an octal file mode such as 0600 or 644, got ${JSON.stringify(text)}`);
  return parseInt(text, 8);
}

/** stdout honoring back-pressure, so large outputs piped to `head` or a file stay bounded. */
export function writeStdout(content: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(content)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

/** One line on stderr. Text from a bundle may hold escape sequences and bidi marks: written out as the summary does (`\e`, `\u202e`). */
export function stderrLine(line: string): void {
  process.stderr.write(`${oneLine(line.replace(/\r/g, ' '))}\n`);
}
