/**
 * The main thread's side of the content-check worker: a ContentCheck that
 * posts the redacted bytes and waits only when more than HIGH_WATER bytes are
 * unchecked, so memory stays bounded when the check is the slower side.
 */
import type { Checked, ContentCheck, Literal } from '../../redact/index.js';
import { spawnWorker } from './spawn.js';

export type ToCheck =
  | { t: 'init'; literals: readonly Literal[] }
  | { t: 'begin'; bundle: string; member: string }
  | { t: 'bytes'; bytes: Uint8Array }
  | { t: 'end' }
  | { t: 'finish' };
export type FromCheck = { t: 'ack'; bytes: number } | { t: 'checked'; checked: Checked } | { t: 'error'; message: string };

const HIGH_WATER = 8 << 20;
/** Bytes sent at once: a message costs ~60 µs whatever its size, and zlib hands over 16 KiB at a time. */
const BATCH = 256 << 10;

export function workerCheck(literals: readonly Literal[]): ContentCheck {
  const worker = spawnWorker('check');
  let unchecked = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let result: { resolve: (c: Checked) => void; reject: (e: Error) => void } | undefined;
  const fail = (e: Error): void => {
    failure ??= e;
    wake?.();
    result?.reject(failure);
  };
  worker.on('message', (m: FromCheck) => {
    if (m.t === 'ack') {
      unchecked -= m.bytes;
      if (unchecked <= HIGH_WATER / 2) wake?.();
    } else if (m.t === 'checked') result?.resolve(m.checked);
    else fail(new Error(`content check failed: ${m.message}`));
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`content check worker exited (${code})`)));
  const post = (m: ToCheck): void => worker.postMessage(m);
  let held: Buffer[] = [];
  let heldBytes = 0;
  const flush = (): void => {
    if (heldBytes === 0) return;
    // A copy of its own (never the pool's, never the writer's) is moved, not cloned: cloning costs ~2 ms a MiB.
    const bytes = Buffer.allocUnsafeSlow(heldBytes);
    let at = 0;
    for (const b of held) at += b.copy(bytes, at);
    worker.postMessage({ t: 'bytes', bytes } satisfies ToCheck, [bytes.buffer]);
    unchecked += heldBytes;
    held = [];
    heldBytes = 0;
  };
  post({ t: 'init', literals });
  return {
    begin: (bundle, member) => post({ t: 'begin', bundle, member }),
    // Bytes, not the text: a string built by += goes through postMessage ten times slower than a copy of its bytes.
    async bytes(bytes) {
      if (failure) throw failure;
      held.push(bytes);
      heldBytes += bytes.length;
      if (heldBytes < BATCH) return;
      flush();
      if (unchecked > HIGH_WATER) await new Promise<void>((r) => (wake = r));
      wake = undefined;
      if (failure) throw failure;
    },
    end: () => {
      flush();
      post({ t: 'end' });
    },
    finish: () =>
      new Promise<Checked>((resolve, reject) => {
        if (failure) return reject(failure);
        result = { resolve, reject };
        post({ t: 'finish' });
      }),
    close: () => void worker.terminate(),
  };
}
