/** A bundle through the real pipeline: loadHost (with the timeline sink), clock estimates, merge, buildAnalysis. */
import { loadHost } from '../../src/parsers/host.js';
import { createTimelineSink, estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import type { Analysis } from '../../src/diagnosis/types.js';

export async function analyzeBundles(paths: string[]): Promise<Analysis> {
  const { sink, finish } = createTimelineSink();
  const hosts = [];
  for (const p of paths) hosts.push(await loadHost(p, { onEvent: sink }));
  const timeline = mergeTimelines(finish(), estimateClocks(hosts));
  return buildAnalysis(hosts, timeline, { generatedAt: '2026-11-26T00:00:00.000Z' });
}
