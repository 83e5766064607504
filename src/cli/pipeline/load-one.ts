/**
 * One bundle → its HostData and its timeline partial. Runs in the main
 * thread or in a worker (load-worker.ts): everything it returns is plain,
 * structured-clonable data.
 */
import type { BundleLimits } from '../../bundle/limits.js';
import type { HostData } from '../../parsers/host-data.js';
import { loadHost } from '../../parsers/host.js';
import { TimelineBuilder, type HostTimelinePartial } from '../../timeline/index.js';

export interface LoadedHost {
  host: HostData;
  timeline: HostTimelinePartial;
}

export async function loadOne(bundle: string, limits?: Partial<BundleLimits>): Promise<LoadedHost> {
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
