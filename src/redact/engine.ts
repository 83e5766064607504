/**
 * Where batches are redacted: this thread (localEngine; a TypeScript test run,
 * where no worker can start) or a pool of worker threads the CLI passes
 * (cli/pipeline/redact-port.ts). Both run BatchRedactor, so both write the
 * same bytes; the aliases are a pure function of key and value, so every
 * worker's agree.
 */
import type { AliasEntry } from './alias.js';
import { BatchRedactor, type BatchResult, type BatchState, type EngineInit } from './batch.js';

export interface RedactEngine {
  /** How many batches it works on at once: the writer keeps about twice that in flight. */
  readonly lanes: number;
  run(bytes: Buffer, start: BatchState): Promise<BatchResult>;
  /** A batch's `bytes` the caller has written out and holds no more: its memory may hold a later batch's. */
  recycle(bytes: Buffer): void;
  /** Every alias any lane made, for the private map. */
  aliases(): Promise<AliasEntry[]>;
  /** Frees the workers, finished or not. */
  close(): void;
}

export type EngineFactory = (init: EngineInit) => RedactEngine;

export function localEngine(init: EngineInit): RedactEngine {
  const batch = new BatchRedactor(init);
  return {
    lanes: 1,
    run: (bytes, start) => Promise.resolve(batch.run(bytes, start)),
    recycle: (bytes) => batch.spare(bytes),
    aliases: () => Promise.resolve(batch.aliases()),
    close: () => undefined,
  };
}
