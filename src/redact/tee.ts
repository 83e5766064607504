/**
 * A pass-through that also hands every chunk to a second reader, at that
 * reader's pace: the written bundle is read back as it goes to the file
 * (verify.ts), not read again from the disk after it. A side that stops
 * reading (it failed, or found what it needed) no longer holds the write.
 */
import { Readable, Transform } from 'node:stream';

export interface Tee {
  /** Put in the pipeline: passes every chunk on. */
  through: Transform;
  /** The same chunks, ended when `through` ends, failed when it fails. */
  side: Readable;
}

export function tee(): Tee {
  let held: (() => void) | null = null;
  let ended = false;
  const release = (): void => {
    const go = held;
    held = null;
    go?.();
  };
  const side = new Readable({ read: release, highWaterMark: 1 << 20 });
  side.on('close', release);
  const through = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (side.destroyed || side.push(chunk)) return done(null, chunk);
      held = () => done(null, chunk);
    },
    flush(done) {
      ended = true;
      if (!side.destroyed) side.push(null);
      done();
    },
  });
  // The write failed or was stopped: the reader sees an error, not a short archive.
  through.on('close', () => {
    if (!ended && !side.destroyed) side.destroy(new Error('the bundle was not written to its end'));
  });
  return { through, side };
}
