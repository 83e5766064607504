/** A bundle through the real pipeline: loadHost (with the timeline sink), clock estimates, merge, buildAnalysis. */
import { loadHost } from '../../src/parsers/host.js';
import { createTimelineSink, estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import type { Analysis } from '../../src/diagnosis/types.js';
import type { HostData } from '../../src/parsers/host-data.js';

export async function analyzeBundles(paths: string[]): Promise<Analysis> {
  return (await loadAndAnalyze(paths)).analysis;
}

export async function loadAndAnalyze(paths: string[]): Promise<{ analysis: Analysis; hosts: HostData[] }> {
  const { sink, finish } = createTimelineSink();
  const hosts = [];
  for (const p of paths) hosts.push(await loadHost(p, { onEvent: sink }));
  const timeline = mergeTimelines(finish(), estimateClocks(hosts));
  return { analysis: buildAnalysis(hosts, timeline, { generatedAt: '2026-11-26T00:00:00.000Z' }), hosts };
}

/** Capture tools and the test's own load generators: their CPU use is part of the scenario. */
const OURS = /^(vmstat|mpstat|iostat|pidstat|sar|sadc|sadf|ss|bash|sh|cat|tar|gzip|date|sleep|timeout|sitrep.*|fio|stress-ng.*|python3|kworker.*)$/;

/**
 * Processes of other people on this shared machine that used at least half a
 * CPU in two or more pidstat samples of the bundle (pids the test started are
 * its own). When any show up, the scenario's premise (only our load) failed.
 */
export function neighbours(host: HostData, ownPids: number[]): string[] {
  const busy = new Map<string, number>();
  for (const a of host.artifacts.filter((x) => x.name === 'pidstat')) {
    for (const b of a.blocks) {
      for (const r of (Array.isArray(b.result.data) ? b.result.data : []) as Record<string, unknown>[]) {
        const cmd = String(r.command ?? '');
        const pid = Number(r.pid);
        if (OURS.test(cmd) || ownPids.includes(pid) || !(Number(r.percent_cpu) >= 50)) continue;
        const key = `${cmd} (pid ${pid})`;
        busy.set(key, (busy.get(key) ?? 0) + 1);
      }
    }
  }
  return [...busy].filter(([, n]) => n >= 2).map(([k]) => k);
}
