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

/**
 * A smaller young generation than V8's default, for every worker: their garbage
 * is short-lived (lines, events, batches), so scavenges stay cheap, and two or
 * three isolates each keeping ~48 MB of nursery pushed 4 bundles at once past
 * 400 MB of RSS (and 1 GB redacted in two workers to 341 MB).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

export function spawnWorker(role: WorkerRole, options: WorkerOptions = {}): Worker {
  options = { resourceLimits: WORKER_LIMITS, ...options };
  if (singleFile()) return new Worker(new URL(import.meta.url), { ...options, workerData: { sitrepRole: role } satisfies RoleData });
  return new Worker(new URL(ENTRY[role], import.meta.url), options);
}
