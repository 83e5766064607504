/**
 * One bundle → its HostData and its timeline partial. Runs in the main
 * thread or in a worker (load-worker.ts): everything it returns is plain,
 * structured-clonable data.
 *
 * With `split`, the bundle is read in two stages on two threads (log-port.ts):
 * this thread inflates and reads the archive, a parse worker parses the logs
 * and builds the timeline. The result is the same as in one thread.
 */
import { availableParallelism } from 'node:os';
import { resolveLimits, type BundleLimits } from '../../bundle/limits.js';
import type { HostData } from '../../parsers/host-data.js';
import { loadHost } from '../../parsers/host.js';
import { TimelineBuilder, type HostTimelinePartial } from '../../timeline/index.js';
import { LogPort } from './log-port.js';

export interface LoadedHost {
  host: HostData;
  timeline: HostTimelinePartial;
}

/** Workers run the compiled JavaScript; under a TypeScript test runner there is none. */
export const CAN_USE_WORKERS = import.meta.url.endsWith('.js');

export interface LoadOneOptions {
  /** Parse logs in a second thread. Default: when workers can run and there is more than one core. */
  split?: boolean;
}

export async function loadOne(bundle: string, limits?: Partial<BundleLimits>, opts: LoadOneOptions = {}): Promise<LoadedHost> {
  const split = (opts.split ?? availableParallelism() > 1) && CAN_USE_WORKERS;
  if (split) return loadSplit(bundle, limits);
  let builder: TimelineBuilder | null = null;
  const host = await loadHost(bundle, {
    ...(limits ? { limits } : {}),
    onEvent: (event, hostId) => {
      builder ??= new TimelineBuilder(hostId);
      builder.add(event, hostId);
    },
  });
  const b: TimelineBuilder = builder ?? new TimelineBuilder(host.id);
  return { host, timeline: b.finish() };
}

async function loadSplit(bundle: string, limits?: Partial<BundleLimits>): Promise<LoadedHost> {
  const port = new LogPort(resolveLimits(limits).maxLineBytes);
  try {
    const host = await loadHost(bundle, {
      ...(limits ? { limits } : {}),
      onEvent: () => undefined, // events stay in the parse worker
      readLog: (m, entry, clock, hostId, diags) => port.read(m, entry, clock, hostId, diags),
    });
    return { host, timeline: await port.finish(host.id) };
  } finally {
    await port.close();
  }
}
