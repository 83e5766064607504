/**
 * Bundles of one incident through the real pipeline as `sitrep analyze` runs
 * it: one load per bundle, each host renamed to its tier (the lab's three
 * captures of one machine share a hostname), clocks, merge, buildAnalysis.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/corpus.js';
import { loadOne } from '../../src/cli/pipeline/load-one.js';
import { renameHost } from '../../src/cli/pipeline/rename-host.js';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import type { Analysis } from '../../src/diagnosis/types.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import type { TimelineSummary } from '../../src/timeline/types.js';

export async function analyzeTiers(bundles: { tier: string; path: string }[]): Promise<{ analysis: Analysis; hosts: HostData[]; timeline: TimelineSummary }> {
  const loaded = [];
  for (const b of bundles) {
    const l = await loadOne(b.path, undefined, { split: false });
    renameHost(l, b.tier);
    loaded.push(l);
  }
  const hosts = loaded.map((l) => l.host);
  const timeline = mergeTimelines(
    loaded.map((l) => l.timeline),
    estimateClocks(hosts),
  );
  return { analysis: buildAnalysis(hosts, timeline, { generatedAt: '2026-11-26T00:00:00.000Z' }), hosts, timeline };
}

const LAB_RUNS = join(REPO_ROOT, 'test', 'diagnosis', 'fixtures', 'lab-runs');

/** A recorded lab run of fixtures/lab-runs (`<name>/<tier>/*.tar.gz`, README there) through analyzeTiers. */
export function analyzeLabRun(name: string): ReturnType<typeof analyzeTiers> {
  return analyzeTiers(
    ['web', 'app', 'db'].map((tier) => {
      const dir = join(LAB_RUNS, name, tier);
      return {
        tier,
        path: join(
          dir,
          readdirSync(dir).find((f) => f.endsWith('.tar.gz'))!,
        ),
      };
    }),
  );
}
