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
 * Other people's work on this shared machine during the bundle's window:
 * foreign processes (not capture tools, not pids the test started) whose CPU
 * use summed to half a CPU or more in two or more pidstat samples, and
 * CLOSE_WAIT findings owned by foreign processes. Any of these breaks a
 * scenario's premise that only its own load is present.
 */
export function neighbours(host: HostData, ownPids: number[], analysis?: Analysis): string[] {
  const perSample = new Map<string, { total: number; who: Set<string> }>();
  for (const a of host.artifacts.filter((x) => x.name === 'pidstat')) {
    for (const b of a.blocks) {
      const data = (Array.isArray(b.result.data) ? b.result.data : []) as Record<string, unknown>[];
      data.forEach((r, i) => {
        const cmd = String(r.command ?? '');
        const pid = Number(r.pid);
        const cpu = Number(r.percent_cpu);
        if (OURS.test(cmd) || ownPids.includes(pid) || !(cpu > 0)) return;
        const key = String(b.result.times?.[i]?.epochMs ?? r.time ?? '');
        const e = perSample.get(key) ?? { total: 0, who: new Set<string>() };
        e.total += cpu;
        if (cpu >= 10) e.who.add(`${cmd} (pid ${pid})`);
        perSample.set(key, e);
      });
    }
  }
  const busy = [...perSample.values()].filter((e) => e.total >= 50);
  const out: string[] = [];
  if (busy.length >= 2)
    out.push(`foreign processes used ≥ half a CPU in ${busy.length} samples (${[...new Set(busy.flatMap((e) => [...e.who]))].slice(0, 5).join(', ')})`);
  for (const f of analysis?.findings ?? []) {
    const pid = Number(/\/(\d+)$/.exec(f.subject ?? '')?.[1]);
    if (f.rule === 'tcp-close-wait' && Number.isFinite(pid) && !ownPids.includes(pid)) out.push(`a foreign process leaks sockets: ${f.title}`);
  }
  return out;
}

/** Bundles as `sitrep analyze` loads them: unique ids in the order given (vm, vm-2, vm-3 for one machine's captures). */
export async function analyzeAsCli(paths: string[]): Promise<Analysis> {
  const { loadAll } = await import('../../src/cli/pipeline/load-all.js');
  const outcomes = await loadAll(paths, { workers: 1 });
  const loaded = outcomes.flatMap((o) => ('loaded' in o ? [o.loaded] : []));
  const hosts = loaded.map((l) => l.host);
  const timeline = mergeTimelines(
    loaded.map((l) => l.timeline),
    estimateClocks(hosts),
  );
  return buildAnalysis(hosts, timeline, { generatedAt: '2026-11-26T00:00:00.000Z' });
}
