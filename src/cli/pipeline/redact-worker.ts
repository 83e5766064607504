/**
 * Redaction worker: redacts and checks the batches the main thread sends
 * (redact/batch.ts) and moves the bytes back; the main thread puts them in
 * order (redact/member.ts).
 */
import { parentPort } from 'node:worker_threads';
import { BatchRedactor, ownsMemory } from '../../redact/index.js';
import type { FromRedact, ToRedact } from './redact-port.js';

let batch: BatchRedactor | undefined;

/**
 * `b` if it is the start of memory of its own (BatchOutput's), else a copy
 * that is: a small buffer shares node's pool, which must never be moved.
 */
function owned(b: Buffer): Buffer {
  if (ownsMemory(b)) return b;
  const copy = Buffer.allocUnsafeSlow(b.byteLength);
  b.copy(copy);
  return copy;
}

function handle(m: ToRedact): void {
  if (m.t === 'init') {
    batch = new BatchRedactor(m.init);
    return;
  }
  if (!batch) throw new Error('redaction worker used before init');
  if (m.t === 'aliases') {
    parentPort?.postMessage({ t: 'aliases', id: m.id, aliases: batch.aliases() } satisfies FromRedact);
    return;
  }
  if (m.spare) batch.spare(Buffer.from(m.spare.buffer));
  const { input, bytes, ...result } = batch.run(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength), m.start);
  const out = owned(bytes);
  const moved = [input.buffer as ArrayBuffer];
  if (out.byteLength > 0) moved.push(out.buffer as ArrayBuffer);
  parentPort?.postMessage({ t: 'done', id: m.id, result, input, bytes: out } satisfies FromRedact, moved);
}

parentPort?.on('message', (m: ToRedact) => {
  try {
    handle(m);
  } catch (e) {
    parentPort?.postMessage({ t: 'error', message: e instanceof Error ? e.message : String(e) } satisfies FromRedact);
  }
});
