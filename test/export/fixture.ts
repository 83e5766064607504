/**
 * Export records of the real sample bundles (samples/: web, app and db
 * captures of real lab runs), loaded and diagnosed as `sitrep export` does.
 * Inputs only: tests assert properties of the records, never copied output.
 */
import { join } from 'node:path';
import { loadAll } from '../../src/cli/pipeline/load-all.js';
import { buildAnalysis } from '../../src/diagnosis/index.js';
import { ExportIndex } from '../../src/export/index.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { REPO_ROOT } from '../helpers/capture.js';

export const SCENARIOS = ['db-lock', 'close-wait', 'memory', 'healthy'] as const;

export async function sampleIndex(scenario: (typeof SCENARIOS)[number]): Promise<ExportIndex> {
  const bundles = ['web', 'app', 'db'].map((t) => join(REPO_ROOT, 'samples', scenario, `${t}.tar.gz`));
  const loaded = (await loadAll(bundles, { workers: 1 })).map((o) => {
    if (!('loaded' in o)) throw o.error;
    return o.loaded;
  });
  const hosts = loaded.map((l) => l.host);
  const analysis = buildAnalysis(
    hosts,
    mergeTimelines(
      loaded.map((l) => l.timeline),
      estimateClocks(hosts),
    ),
    { version: 'test' },
  );
  const facts = new Map(
    hosts.map((h) => [h.id, { formatVersion: h.meta.format_version ?? '', captureVersion: h.meta.sitrep_version ?? '', errors: 0, warnings: 0 }]),
  );
  return new ExportIndex(analysis, facts);
}
