/** One recorded real bundle (test/recordings) loaded and analysed as the CLI does. */
import { join } from 'node:path';
import { loadAll } from '../../src/cli/pipeline/load-all.js';
import { buildAnalysis, type Analysis } from '../../src/diagnosis/index.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';

export async function analyse(name: string): Promise<Analysis> {
  const bundle = join(REPO_ROOT, 'test', 'recordings', `${name}.tar.gz`);
  const [o] = await loadAll([bundle], { workers: 1 });
  if (!o || !('loaded' in o)) throw new Error(`${bundle} did not load`);
  return buildAnalysis([o.loaded.host], mergeTimelines([o.loaded.timeline], estimateClocks([o.loaded.host])), { version: 'test' });
}
