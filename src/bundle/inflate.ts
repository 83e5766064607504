/**
 * Inflating a nested .gz member (a rotated log) with a bomb guard: stop at an
 * absolute size, or when the inflated/compressed ratio is absurd once past a
 * floor. What was inflated before the stop is kept; the caller is told why.
 */
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export interface InflateGuard {
  maxBytes: number;
  maxRatio: number;
  ratioAfterBytes: number;
}

/** Why inflation stopped early (null when it ran to the end). */
export interface InflateOutcome {
  stopped: string | null;
  inBytes: number;
  outBytes: number;
}

export async function* inflateGuarded(src: AsyncIterable<Buffer>, guard: InflateGuard, outcome: InflateOutcome): AsyncGenerator<Buffer> {
  const gz = createGunzip({ chunkSize: 64 * 1024 });
  const input = Readable.from(src, { objectMode: false });
  input.on('error', (e) => gz.destroy(e));
  input.pipe(gz);
  try {
    for await (const out of gz as AsyncIterable<Buffer>) {
      outcome.outBytes += out.length;
      outcome.inBytes = gz.bytesWritten;
      if (outcome.outBytes > guard.maxBytes) {
        outcome.stopped = `inflated size passed ${guard.maxBytes} bytes (gzip bomb guard)`;
        yield out.subarray(0, out.length - (outcome.outBytes - guard.maxBytes));
        outcome.outBytes = guard.maxBytes;
        return;
      }
      const ratio = outcome.outBytes / Math.max(1, outcome.inBytes);
      if (outcome.outBytes > guard.ratioAfterBytes && ratio > guard.maxRatio) {
        outcome.stopped = `compression ratio ${Math.round(ratio)}:1 passed ${guard.maxRatio}:1 (gzip bomb guard)`;
        return;
      }
      yield out;
    }
  } catch (e) {
    outcome.stopped = `corrupt gzip data: ${(e as Error).message}`;
  } finally {
    input.unpipe(gz);
    gz.destroy();
    input.destroy();
  }
}
