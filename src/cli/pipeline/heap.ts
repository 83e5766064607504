/**
 * Room for the Buffers a redaction streams. The main thread's own heap holds
 * ~8 MB, but V8 counts the memory of every Buffer made since its last full
 * collection against an old-generation limit it sets from that heap (~26 MB
 * above it), and a redaction makes gigabytes of them (inflated input, batches
 * moved to and from the workers, the read-back): the 1 GB bench bundle cost
 * 151 full collections on the main thread (0.73 s of pauses and 0.61 s of
 * marking steps, besides the marking threads). While a redaction runs, the
 * limit is set to eleven times the live heap instead of V8's own factor
 * (1.1-4): 3 collections, 2.5 s less CPU, peak RSS 170 → 200 MB
 * (docs/redaction.md). The flag is V8's own (`--heap-growing-percent`),
 * read whenever a limit is set, so it takes effect at the next collection;
 * it is set back after, so `analyze --redact` analyzes with V8's defaults.
 */
import { setFlagsFromString } from 'node:v8';

const GROWING_PERCENT = 1000;

export async function withRoomyHeap<T>(run: () => Promise<T>): Promise<T> {
  setFlagsFromString(`--heap-growing-percent=${GROWING_PERCENT}`);
  try {
    return await run();
  } finally {
    setFlagsFromString('--heap-growing-percent=0'); // 0: V8's own factor
  }
}
