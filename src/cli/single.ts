/**
 * Entry of the single-file analyzer (scripts/build-single.mjs bundles from
 * here). The file is also every worker's entry (pipeline/spawn.ts): a worker
 * runs the role its workerData names, the main thread runs the CLI. Dynamic
 * imports, so each thread evaluates only the modules its role needs.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import type { RoleData } from './pipeline/spawn.js';

const role = isMainThread ? undefined : (workerData as Partial<RoleData> | null)?.sitrepRole;
if (role === 'load') await import('./pipeline/load-worker.js');
else if (role === 'parse') await import('./pipeline/parse-worker.js');
else if (role === 'redact') await import('./pipeline/redact-worker.js');
else await import('./main.js');
