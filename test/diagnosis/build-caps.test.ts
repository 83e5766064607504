/**
 * The Analysis keeps at most MAX_BUILD_ROWS of a host's inventory and
 * data-quality logs and counts the rest (issue 15): 100,000 empty logs built
 * 200,000 rows that every output then cut. Rows past the cap that a later
 * stage reads are kept: a log with events (findings cite it, the export sums
 * its events) and the first log of each parser. The JSON's counts are the
 * same as when every row was cut at output (json-caps.ts).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOne } from '../../src/cli/pipeline/load-one.js';
import { capForJson, MAX_JSON_ROWS } from '../../src/cli/json-caps.js';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import { MAX_BUILD_ROWS } from '../../src/diagnosis/tables.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { buildTar, manifest, meta, tempDir } from '../bundle/build.js';

/** Empty logs past the cap, then one nginx access log with a line. */
const EMPTY = MAX_BUILD_ROWS + 700;
const ACCESS = 'logs/var/log/nginx/access.log';
const LINE = '10.0.0.7 - - [26/Nov/2025:05:00:01 +0000] "GET /health HTTP/1.1" 502 157 "-" "curl/8.5.0"\n';
let tmp: Awaited<ReturnType<typeof tempDir>>;
let bundle: string;

beforeAll(async () => {
  tmp = await tempDir();
  const paths = Array.from({ length: EMPTY }, (_, i) => `logs/var/log/app/f${i}.log`);
  const rows = [...paths, ACCESS].map((p) => [p, 'log', `log:/${p.slice(5)}`] as [string, string, string]);
  bundle = await buildTar(join(tmp.dir, 'caps.tar.gz'), [
    { name: 'meta.txt', body: meta() },
    { name: 'manifest.tsv', body: manifest(rows) },
    ...paths.map((name) => ({ name, body: '' })),
    { name: ACCESS, body: LINE },
  ]);
});
afterAll(async () => tmp.cleanup());

describe('lists that grow with the bundle are cut when the Analysis is built', () => {
  it(`keeps ${MAX_BUILD_ROWS} inventory and log rows per host, the log with events past the cap, and counts the rest`, async () => {
    const { host, timeline } = await loadOne(bundle, undefined, { split: false });
    expect(host.logs).toHaveLength(EMPTY + 1);
    // The manifest as columns: no name or source string for a log whose path gives them.
    expect(host.manifest.count).toBe(EMPTY + 1);
    expect(host.manifest.names).toEqual([]);
    const a = buildAnalysis([host], mergeTimelines([timeline], estimateClocks([host])), {});
    expect(a.inventory).toHaveLength(MAX_BUILD_ROWS);
    expect(a.inventoryMore).toBe(EMPTY + 1 - MAX_BUILD_ROWS);
    const q = a.dataQuality[0]!;
    const past = q.logs.slice(MAX_BUILD_ROWS);
    // The access log: its events are counted by the export, its technology (nginx) found by the report.
    expect(past.map((l) => [l.artifact, l.events])).toEqual([[ACCESS, 1]]);
    expect(q.logsMore).toBe(EMPTY - MAX_BUILD_ROWS);
    expect(q.logs.reduce((n, l) => n + l.events, 0)).toBe(1);

    const j = capForJson(a);
    expect(j.inventory).toHaveLength(MAX_JSON_ROWS);
    expect(j.inventoryMore).toBe(EMPTY + 1 - MAX_JSON_ROWS);
    expect(j.dataQuality[0]!.logs).toHaveLength(MAX_JSON_ROWS);
    expect(j.dataQuality[0]!.logsMore).toBe(EMPTY + 1 - MAX_JSON_ROWS);
    // inventoryMore last, as when the whole list was cut at output.
    expect(Object.keys(j).at(-1)).toBe('inventoryMore');
  });
});
