/**
 * Load every bundle of an analysis. With more than one bundle and more than
 * one core, bundles are read in worker threads (one per core, at most one per
 * bundle): each bundle is inflated and parsed independently, so the cores
 * share the work. Results come back in the order the bundles were given.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { BundleLimits } from '../../bundle/limits.js';
import { SitrepError, type ErrorCode } from '../../errors.js';
import { renameHost } from './rename-host.js';
import type { LoadedHost } from './load-one.js';
import { CAN_USE_WORKERS, spawnWorker } from './spawn.js';

export interface LoadRequest {
  index: number;
  bundle: string;
  limits?: Partial<BundleLimits>;
  split?: boolean;
}
type WireError = { code: ErrorCode | null; message: string; file?: string | undefined; line?: number | undefined; stack?: string | undefined };
export type LoadReply = { index: number; ok: true; loaded: LoadedHost } | { index: number; ok: false; error: WireError };

export interface LoadAllOptions {
  limits?: Partial<BundleLimits>;
  /** Worker threads to use; 0 or 1: none at all. Default: none below SMALL_INPUT_BYTES, else one per core, at most one per bundle. */
  workers?: number;
  /** Called as each bundle finishes (progress). */
  onLoaded?: (bundle: string, index: number) => void;
}

/** Each bundle's result: the loaded host, or the error that stopped it. */
export type LoadOutcome = { bundle: string; loaded: LoadedHost } | { bundle: string; error: unknown };

function revive(e: WireError): Error {
  const err = e.code ? new SitrepError(e.code, e.message, { ...(e.file ? { file: e.file } : {}), ...(e.line ? { line: e.line } : {}) }) : new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

async function inWorkers(bundles: string[], n: number, opts: LoadAllOptions): Promise<LoadOutcome[]> {
  // Every core already reads a bundle of its own: a parse worker per bundle would only add threads.
  const split = n < availableParallelism();
  const out: LoadOutcome[] = new Array(bundles.length);
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const w = spawnWorker('load');
      const send = (): void => {
        if (next >= bundles.length) {
          void w.terminate().then(() => resolve());
          return;
        }
        const index = next++;
        w.postMessage({ index, bundle: bundles[index] as string, split, ...(opts.limits ? { limits: opts.limits } : {}) } satisfies LoadRequest);
      };
      w.on('message', (r: LoadReply) => {
        const bundle = bundles[r.index] as string;
        out[r.index] = r.ok ? { bundle, loaded: r.loaded } : { bundle, error: revive(r.error) };
        opts.onLoaded?.(bundle, r.index);
        send();
      });
      w.on('error', reject);
      send();
    });
  await Promise.all(Array.from({ length: n }, run));
  return out;
}

/**
 * Below this many bytes of bundles in all, threads cost more than they save:
 * each worker loads the parsers' modules and warms its JIT (~250 ms here),
 * while this thread reads the demo's three 55 KB bundles in ~400 ms cold.
 */
export const SMALL_INPUT_BYTES = 2 * 1024 * 1024;

/** Bytes of the bundle files; a directory (or anything unreadable) counts as large. */
async function inputBytes(bundles: string[]): Promise<number> {
  const sizes = await Promise.all(
    bundles.map((b) =>
      stat(b).then(
        (s) => (s.isFile() ? s.size : Infinity),
        () => 0,
      ),
    ),
  );
  return sizes.reduce((a, b) => a + b, 0);
}

/** Threads to use: as asked; by default none for small input, else one per core (at most one per bundle). */
async function threadsFor(bundles: string[], workers: number | undefined): Promise<{ n: number; split: boolean }> {
  if (workers !== undefined) return { n: Math.min(workers, bundles.length), split: workers > 1 };
  if ((await inputBytes(bundles)) < SMALL_INPUT_BYTES) return { n: 1, split: false };
  return { n: Math.min(availableParallelism(), bundles.length), split: true };
}

export async function loadAll(bundles: string[], opts: LoadAllOptions = {}): Promise<LoadOutcome[]> {
  const { n, split } = await threadsFor(bundles, opts.workers);
  let outcomes: LoadOutcome[];
  if (n > 1 && CAN_USE_WORKERS) {
    outcomes = await inWorkers(bundles, n, opts);
  } else {
    // Imported here: with workers, this thread never parses, and the parsers' modules cost ~100 ms to load.
    const { loadOne } = await import('./load-one.js');
    outcomes = [];
    for (const [index, bundle] of bundles.entries()) {
      try {
        // One bundle (or one core): loadOne splits inflating and parsing over two threads when it can and should.
        outcomes.push({ bundle, loaded: await loadOne(bundle, opts.limits, split ? {} : { split: false }) });
      } catch (error) {
        outcomes.push({ bundle, error });
      }
      opts.onLoaded?.(bundle, index);
    }
  }
  // Host ids are unique across the analysis, in the order bundles were given:
  // three bundles from one machine (a lab) become host, host-2, host-3.
  const used = new Map<string, number>();
  for (const o of outcomes) {
    if (!('loaded' in o)) continue;
    const base = o.loaded.host.id;
    const k = (used.get(base) ?? 0) + 1;
    used.set(base, k);
    if (k > 1) renameHost(o.loaded, `${base}-${k}`);
  }
  return outcomes;
}
