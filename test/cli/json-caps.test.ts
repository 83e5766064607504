/**
 * The JSON result's lists that grow with the member count are capped with a
 * `<list>More` count (issue 15, item 4): 200,000 empty members used to give a
 * 63 MB JSON. Checked with a bundle just over the cap (1,200 empty logs),
 * and the result still validates against schema/report.schema.json. A
 * manifest's row count was not bounded by the member limit: 200,000 rows
 * without a window in meta.txt made `analyze` overflow a call's arguments
 * (exit 70, an internal error), then cost 311-320 MB of peak RSS; now the
 * rows past the member limit are cut with a warning, and the lists capped. At the
 * member limit (100,000), in this thread and through the parse workers, the
 * JSON stays under 1 MB (its peak RSS is the bench's: `npm run bench`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_ROWS } from '../../src/cli/json-caps.js';
import { manyMembersBundle } from '../../scripts/bench/many-members.mjs';
import { buildTar, manifest, meta, tempDir } from '../bundle/build.js';
import { validate } from '../diagnosis/schema-validator.js';
import { REPO, sitrep } from './run.js';

const N = 1200;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let bundle: string;
let rows: string;
let limit: string;
const ROWS = 200_000;
/** Members past the reader's limit (100,000 entries, meta.txt and manifest.tsv among them): the rest are never read. */
const LIMIT = 100_000;
const MANY = LIMIT + 1;

beforeAll(async () => {
  tmp = await tempDir();
  const logs = Array.from({ length: N }, (_, i) => ({ name: `logs/var/log/app/f${i}.log`, body: '' }));
  bundle = await buildTar(join(tmp.dir, 'many.tar.gz'), [{ name: 'meta.txt', body: meta() }, ...logs]);
  const man = manifest(Array.from({ length: ROWS }, (_, i) => ['-', 'cmd', `c${i}`, 'skipped', 'not-installed'] as [string, string, string, string, string]));
  rows = await buildTar(join(tmp.dir, 'rows.tar.gz'), [
    { name: 'meta.txt', body: 'format=sitrep-bundle\nformat_version=1\nhostname=web1\n' },
    { name: 'manifest.tsv', body: man },
  ]);
  limit = await manyMembersBundle(join(tmp.dir, 'limit.tar.gz'), MANY, true);
});
afterAll(async () => tmp.cleanup());

describe('JSON lists are capped', () => {
  it(`keeps ${MAX_JSON_ROWS} rows of each and counts the rest`, async () => {
    const r = await sitrep(['analyze', bundle, '--json', '-', '-q']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.inventory).toHaveLength(MAX_JSON_ROWS);
    expect(j.inventoryMore).toBe(N - MAX_JSON_ROWS);
    expect(j.parsed[0].logs).toHaveLength(MAX_JSON_ROWS);
    expect(j.parsed[0].logsMore).toBe(N - MAX_JSON_ROWS);
    expect(j.dataQuality[0].logs).toHaveLength(MAX_JSON_ROWS);
    expect(j.dataQuality[0].logsMore).toBe(N - MAX_JSON_ROWS);
    expect(j.parsed[0]).not.toHaveProperty('artifactsMore');
    const schema = JSON.parse(readFileSync(join(REPO, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
    expect(validate(schema, j)).toEqual([]);
  });

  it(`a manifest of ${ROWS} rows and no window in meta.txt: a report, missing rows capped`, async () => {
    const r = await sitrep(['analyze', rows, '--json', '-', '-q']);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // Rows past the member limit are not kept (every row is memory the analysis holds), and the cut is said.
    expect(j.dataQuality[0].missing).toHaveLength(MAX_JSON_ROWS);
    expect(j.dataQuality[0].missingMore).toBe(LIMIT - MAX_JSON_ROWS);
    expect(j.inventoryMore).toBe(LIMIT - MAX_JSON_ROWS);
    expect(JSON.stringify(j)).toContain(`manifest lists more than ${LIMIT} rows (the member limit): the rows from line`);
  });

  it(`${MANY} empty logs listed in the manifest: the reader stops at its limit, every list capped, the JSON under 1 MB`, async () => {
    // One thread, then the archive here and the parsing in parse workers (one bundle, --workers 2).
    const runs = [await sitrep(['analyze', limit, '--json', '-', '-q']), await sitrep(['analyze', limit, '--workers', '2', '--json', '-', '-q'])];
    const [one, split] = runs.map((r) => {
      expect(r.stderr).not.toMatch(/internal error/);
      expect(r.code).toBe(0);
      expect(r.stdout.length).toBeLessThan(1 << 20);
      return JSON.parse(r.stdout) as Record<string, unknown> & {
        inventory: unknown[];
        parsed: Record<string, unknown>[];
        dataQuality: Record<string, unknown>[];
      };
    });
    const read = LIMIT - 2; // meta.txt and manifest.tsv count
    expect(one!.inventory).toHaveLength(MAX_JSON_ROWS);
    expect(one!.inventoryMore).toBe(LIMIT - MAX_JSON_ROWS); // the manifest's rows past the member limit are cut too
    expect(one!.parsed[0]!.logs).toHaveLength(MAX_JSON_ROWS);
    expect(one!.parsed[0]!.logsMore).toBe(read - MAX_JSON_ROWS);
    expect(one!.dataQuality[0]!.logs).toHaveLength(MAX_JSON_ROWS);
    expect(one!.dataQuality[0]!.logsMore).toBe(read - MAX_JSON_ROWS);
    delete one!.generatedAt;
    delete split!.generatedAt;
    expect(split).toEqual(one);
  });
});
