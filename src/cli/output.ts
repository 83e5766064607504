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
import { lstat, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, sep } from 'node:path';
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
  if (existing && !existing.isFile()) return writeInto(real, content, fail);
  const tmp = join(dir, `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // O_EXCL|O_NOFOLLOW: a name nobody else created, never a planted link.
    const fh = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await fh.writeFile(content);
      await fh.chmod(opts.mode ?? DEFAULT_MODE);
    } finally {
      await fh.close();
    }
    await rename(tmp, real);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw fail(`cannot write: ${(e as Error).message}`);
  }
}

/** Writes into an existing device or pipe, opened as it is (no create, no link followed, no truncation of what is not a file). */
async function writeInto(path: string, content: string, fail: (why: string) => SitrepError): Promise<void> {
  try {
    const fh = await open(path, constants.O_WRONLY | constants.O_NOFOLLOW);
    try {
      await fh.writeFile(content);
    } finally {
      await fh.close();
    }
  } catch (e) {
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
