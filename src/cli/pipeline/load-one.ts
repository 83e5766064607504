/**
 * One bundle → its HostData and its timeline partial. Runs in the main
 * thread or in a worker (load-worker.ts): everything it returns is plain,
 * structured-clonable data.
 *
 * With `split`, the bundle is read in two stages (log-port.ts, segmenter.ts):
 * this thread inflates and reads the archive, parse workers parse the logs
 * (one large log cut into segments parsed at once) and build the timeline.
 * The result is the same as in one thread.
 */
import { availableParallelism } from 'node:os';
import { resolveLimits, type BundleLimits } from '../../bundle/limits.js';
import type { HostData } from '../../parsers/host-data.js';
import { loadHost } from '../../parsers/host.js';
import { TimelineBuilder, finalize, mergeStates, type HostTimelinePartial } from '../../timeline/index.js';
import { LocalPort } from './local-port.js';
import { LogPort } from './log-port.js';
import { readMemberSegmented } from './segmenter.js';
import { CAN_USE_WORKERS } from './spawn.js';

export interface LoadedHost {
  host: HostData;
  timeline: HostTimelinePartial;
}

export interface LoadOneOptions {
  /** Parse logs in a second thread. Default: when workers can run and there is more than one core. */
  split?: boolean;
  /** Filled with how a split load went: log segments, parse workers, and segments parsed in this thread. */
  stats?: { segments: number; workers: number; local: number };
}

export async function loadOne(bundle: string, limits?: Partial<BundleLimits>, opts: LoadOneOptions = {}): Promise<LoadedHost> {
  const split = (opts.split ?? availableParallelism() > 1) && CAN_USE_WORKERS;
  if (split) return loadSplit(bundle, limits, opts.stats);
  let builder: TimelineBuilder | null = null;
  const host = await loadHost(bundle, {
    ...(limits ? { limits } : {}),
    deferFields: true,
    onEvent: (event, hostId) => {
      builder ??= new TimelineBuilder(hostId);
      builder.add(event, hostId);
    },
  });
  const b: TimelineBuilder = builder ?? new TimelineBuilder(host.id);
  return { host, timeline: b.finish() };
}

/**
 * Parse workers for one bundle: one per core but one, at most 3; this thread
 * parses too, whenever the workers' windows are full (local-port.ts): it
 * mostly waits on gunzip otherwise, which runs on libuv's pool.
 */
const PARSE_WORKERS = Math.max(1, Math.min(availableParallelism() - 1, 3));

async function loadSplit(bundle: string, limits?: Partial<BundleLimits>, stats?: LoadOneOptions['stats']): Promise<LoadedHost> {
  const maxLineBytes = resolveLimits(limits).maxLineBytes;
  const workers = Array.from({ length: PARSE_WORKERS }, () => new LogPort());
  const ports = { workers, local: new LocalPort() };
  const all = [...workers, ports.local];
  try {
    const host = await loadHost(bundle, {
      ...(limits ? { limits } : {}),
      onEvent: () => undefined, // events stay in the parse workers
      readLog: (member, entry, clock, hostId, diags) => readMemberSegmented(ports, { member, entry, clock, hostId, diags, maxLineBytes }, stats),
    });
    const states = await Promise.all(all.map((p) => p.state(host.id)));
    if (stats) stats.workers = workers.length;
    return { host, timeline: finalize(mergeStates(states)) };
  } finally {
    await Promise.all(all.map((p) => p.close()));
  }
}
