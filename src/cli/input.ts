/** One plain file for `sitrep parse`: a byte stream, inflated (with the bomb guard) when gzip. */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { inflateGuarded, type InflateOutcome } from '../bundle/inflate.js';
import { DEFAULT_LIMITS } from '../bundle/limits.js';
import { SitrepError } from '../errors.js';

export interface InputFile {
  shown: string;
  chunks: AsyncIterable<Buffer>;
  /** Why reading stopped early, when it did (bomb guard, corrupt gzip). */
  outcome: InflateOutcome;
}

export async function openInput(path: string): Promise<InputFile> {
  const shown = basename(path);
  try {
    const st = await stat(path);
    if (!st.isFile()) throw new SitrepError('INPUT_UNREADABLE', 'not a regular file', { file: path });
    const fh = await open(path, 'r');
    const head = Buffer.alloc(2);
    await fh.read(head, 0, 2, 0);
    await fh.close();
    const outcome: InflateOutcome = { stopped: null, inBytes: 0, outBytes: 0 };
    const raw = createReadStream(path, { highWaterMark: 64 * 1024 });
    const gzip = head[0] === 0x1f && head[1] === 0x8b;
    const chunks = gzip
      ? inflateGuarded(
          raw,
          { maxBytes: DEFAULT_LIMITS.gzMaxBytes, maxRatio: DEFAULT_LIMITS.gzMaxRatio, ratioAfterBytes: DEFAULT_LIMITS.gzRatioAfterBytes },
          outcome,
        )
      : raw;
    return { shown, chunks, outcome };
  } catch (e) {
    if (e instanceof SitrepError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new SitrepError('INPUT_UNREADABLE', `cannot read: ${why}`, { file: path });
  }
}
