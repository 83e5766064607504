/**
 * Content-check worker: checks and digests the redacted bytes the main thread writes
 * (redact/content-check.ts) while the main thread redacts the next of it.
 * Each text is acknowledged when checked, which is the main thread's
 * back-pressure; the leaks go back at the end.
 */
import { parentPort } from 'node:worker_threads';
import { LineCheck } from '../../redact/index.js';
import type { FromCheck, ToCheck } from './check-port.js';

let lines: LineCheck | undefined;
const post = (m: FromCheck): void => parentPort?.postMessage(m);

function handle(m: ToCheck): void {
  if (m.t === 'init') lines = new LineCheck(m.literals);
  else if (!lines) throw new Error('content check used before init');
  else if (m.t === 'begin') lines.begin(m.bundle, m.member);
  else if (m.t === 'bytes') {
    lines.bytes(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength));
    post({ t: 'ack', bytes: m.bytes.byteLength });
  } else if (m.t === 'end') lines.end();
  else post({ t: 'checked', checked: { leaks: lines.leaks, digests: lines.digests } });
}

parentPort?.on('message', (m: ToCheck) => {
  try {
    handle(m);
  } catch (e) {
    post({ t: 'error', message: e instanceof Error ? e.message : String(e) });
  }
});
