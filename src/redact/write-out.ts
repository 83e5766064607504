/**
 * Deflates a member's redacted buffers into its spool, as the gzip member its
 * body will be in the archive (archive.ts), through a first deflate when the
 * member was itself .gz, handing each buffer back once the first stage has
 * taken it in (its memory holds a later batch's output: engine.ts `recycle`).
 */
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

/**
 * zlib's fastest level: a redacted bundle is a copy made to be shared now, and
 * level 6 took 2.0 s of the 128 MB bench bundle against 0.85 s for a 22 %
 * larger file (docs/redaction.md).
 */
export const GZIP_LEVEL = 1;

/** The spool's reads and every deflate's out (the archive, a nested .gz): each chunk costs the main thread a pass through the streams (64 KB and 16 KB by default). */
export const CHUNK = 1 << 20;

/**
 * Returns the member's size in the archive (the .gz bytes for a nested .gz).
 * Fails as soon as any stage fails: a deflate whose file fails never calls
 * back the write it holds, so each write is raced against the stages' end.
 */
export async function writeOut(body: AsyncIterable<Buffer>, sink: Writable, nestedGz: boolean, done: (b: Buffer) => void): Promise<number> {
  let size = 0;
  const outer = createGzip({ level: GZIP_LEVEL, chunkSize: CHUNK });
  const inner = nestedGz ? createGzip({ level: GZIP_LEVEL, chunkSize: CHUNK }) : null;
  const head: Writable = inner ?? outer;
  // The nested .gz's bytes are the member's: counted between the two deflates.
  const count = (): Transform =>
    new Transform({
      transform(c: Buffer, _enc, cb) {
        size += c.length;
        cb(null, c);
      },
    });
  const flushed = inner ? pipeline(inner, count(), outer, sink) : pipeline(outer, sink);
  flushed.catch(() => undefined); // raced and awaited below
  try {
    for await (const b of body) {
      await Promise.race([written(head, b), flushed]);
      if (!inner) size += b.length;
      done(b);
    }
    head.end();
    await flushed;
    return size;
  } catch (e) {
    head.destroy();
    sink.destroy();
    throw e;
  }
}

/** Once `w` is done with `b` (a deflate has taken it in, a file has it). */
function written(w: Writable, b: Buffer): Promise<void> {
  return new Promise((resolve, reject) => w.write(b, (e) => (e ? reject(e) : resolve())));
}
