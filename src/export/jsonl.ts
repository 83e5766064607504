/**
 * Streaming JSON Lines writer: each record is serialised and written as it is
 * produced, waiting for 'drain' when the stream is full, so memory stays
 * bounded by one record however large the bundle.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Write every record of `records` as one line; resolves with the count written. */
export async function writeJsonLines(out: Writable, records: Iterable<unknown> | AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const r of records) {
    if (!out.write(`${JSON.stringify(r)}\n`)) await once(out, 'drain');
    n += 1;
  }
  return n;
}
