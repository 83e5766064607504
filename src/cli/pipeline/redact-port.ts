/**
 * The main thread's side of the redaction workers: a RedactEngine over a pool
 * of them. Each batch goes to the least busy worker, moved, not cloned
 * (cloning costs ~2 ms a MiB); the redacted bytes and the batch itself come
 * back moved the same way. Every worker redacts with the same key, so their
 * aliases agree; the private map is the union of theirs.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { ownsMemory, type AliasEntry, type BatchResult, type BatchState, type EngineInit, type RedactEngine } from '../../redact/index.js';
import { spawnWorker } from './spawn.js';

export type ToRedact =
  { t: 'init'; init: EngineInit } | { t: 'run'; id: number; bytes: Uint8Array; start: BatchState; spare?: Uint8Array } | { t: 'aliases'; id: number };
export type FromRedact =
  | { t: 'done'; id: number; result: Omit<BatchResult, 'input' | 'bytes'>; input: Uint8Array; bytes: Uint8Array }
  | { t: 'aliases'; id: number; aliases: AliasEntry[] }
  | { t: 'error'; message: string };

/**
 * One worker per core, at most 4: the main thread's own share (reading, tar,
 * digests, zlib callbacks) is small next to the scan, and past 4 the batches
 * in flight cost memory for little (docs/performance.md has the figures).
 */
export const REDACT_WORKERS = Math.max(1, Math.min(availableParallelism(), 4));

const buf = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

interface Pending {
  worker: number;
  resolve: (m: FromRedact) => void;
  reject: (e: Error) => void;
}

export function workerEngine(init: EngineInit, lanes = REDACT_WORKERS): RedactEngine {
  const workers: Worker[] = [];
  const busy: number[] = [];
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let failure: Error | undefined;
  const fail = (e: Error): void => {
    failure ??= e;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  for (let i = 0; i < lanes; i++) {
    const w = spawnWorker('redact');
    w.on('message', (m: FromRedact) => {
      if (m.t === 'error') return fail(new Error(`redaction worker failed: ${m.message}`));
      const p = pending.get(m.id);
      pending.delete(m.id);
      if (p) busy[p.worker]!--;
      p?.resolve(m);
    });
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`redaction worker exited (${code})`)));
    w.postMessage({ t: 'init', init } satisfies ToRedact);
    workers.push(w);
    busy.push(0);
  }
  const ask = (worker: number, message: (id: number) => ToRedact, moved: ArrayBuffer[] = []): Promise<FromRedact> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { worker, resolve, reject });
      busy[worker]!++;
      workers[worker]!.postMessage(message(id), moved);
    });
  const idlest = (): number => busy.indexOf(Math.min(...busy));
  // Outputs written out, each moved back with a batch: the worker copies an output into one, not into new memory.
  const spares: Buffer[] = [];
  return {
    lanes,
    async run(bytes, start) {
      // A batch is the start of memory of its own (redact/member.ts allocates it so): it can be moved.
      const spare = spares.pop();
      const moved = [bytes.buffer as ArrayBuffer, ...(spare ? [spare.buffer as ArrayBuffer] : [])];
      const m = await ask(idlest(), (id) => ({ t: 'run', id, bytes, start, ...(spare ? { spare } : {}) }), moved);
      if (m.t !== 'done') throw new Error(`redaction worker answered ${m.t} to a batch`);
      return { ...m.result, input: buf(m.input), bytes: buf(m.bytes) };
    },
    recycle(bytes) {
      // Only memory a worker made and moved here; a buffer moved on since is empty.
      if (bytes.byteLength > 0 && ownsMemory(bytes) && spares.length < 2 * lanes) spares.push(Buffer.from(bytes.buffer));
    },
    async aliases() {
      const all: AliasEntry[] = [];
      for (let i = 0; i < workers.length; i++) {
        const m = await ask(i, (id) => ({ t: 'aliases', id }));
        if (m.t === 'aliases') for (const a of m.aliases) all.push(a);
      }
      return all;
    },
    close: () => {
      for (const w of workers) {
        w.removeAllListeners('exit');
        void w.terminate();
      }
    },
  };
}
