/**
 * Starting the analyzer's worker threads. From dist/ each role has its own
 * entry file next to this one; the single-file build has only itself, so a
 * worker runs that same file and its entry (src/cli/single.ts) picks the role
 * from workerData. A file URL, never a path string: it means the same on
 * Windows, macOS and Linux.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { singleFile } from '../../assets.js';

export type WorkerRole = 'load' | 'parse' | 'redact';

/** workerData of a worker started from the single file: which entry it runs. */
export interface RoleData {
  sitrepRole: WorkerRole;
}

const ENTRY: Readonly<Record<WorkerRole, string>> = { load: './load-worker.js', parse: './parse-worker.js', redact: './redact-worker.js' };

/**
 * Workers run compiled JavaScript: from dist/ (.js) or the single file. Under a
 * TypeScript test runner (.ts) there is none, and everything runs in this thread.
 */
export const CAN_USE_WORKERS = singleFile() !== undefined || /\.m?js$/.test(import.meta.url);

export function spawnWorker(role: WorkerRole, options: WorkerOptions = {}): Worker {
  if (singleFile()) return new Worker(new URL(import.meta.url), { ...options, workerData: { sitrepRole: role } satisfies RoleData });
  return new Worker(new URL(ENTRY[role], import.meta.url), options);
}
