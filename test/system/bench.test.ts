/**
 * The benchmark works (issue #8): at a tiny size, `scripts/bench/run.mjs`
 * generates its bundles, runs the floor, `sitrep analyze` and the loading
 * pipeline, and writes sane figures. Speed targets are never asserted here
 * (a timed test on a shared machine proves nothing); `npm run bench` measures.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { lacks } from '../helpers/need.js';

const RUN = join(REPO, 'scripts', 'bench', 'run.mjs');
const out = mkdtempSync(join(tmpdir(), 'sitrep-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const positive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;

describe.skipIf(lacks('the bench', { paths: ['/usr/bin/time'] }))('npm run bench at a tiny size', () => {
  it('writes every figure, positive and finite, for each size and the multi-bundle case', () => {
    const r = spawnSync(process.execPath, [RUN, '--sizes', '8,16', '--multi', '2', '--multi-size', '8', '--runs', '3', '--members', '3000', '--out', out], {
      encoding: 'utf8',
      cwd: REPO,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^size MB \| uncompressed MB \| floor s \| sitrep s/m);
    const res = JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8')) as {
      cpus: number;
      node: string;
      rows: Record<string, number>[];
      linearLastTwo: number;
      pipelineLinearLastTwo: number;
      multi: Record<string, number> & { pipeline: Record<string, number> };
      members: Record<string, number | string>[];
    };
    expect(res.cpus).toBeGreaterThan(0);
    expect((res as unknown as { runs: number }).runs).toBe(3);
    expect(res.node).toMatch(/^v\d+/);
    expect(res.rows.map((row) => row.sizeMb)).toEqual([8, 16]);
    const fields = [
      'uncompressedMb',
      'floorS',
      'sitrepS',
      'pipelineS',
      'floorMBs',
      'sitrepMBs',
      'pipelineMBs',
      'ratio',
      'pipelineRatio',
      'peakRssMb',
      'pipelinePeakRssMb',
      'lines',
      'pipelineEvents',
      'runs',
      'exportS',
      'exportPeakRssMb',
      'redactS',
      'redactPeakRssMb',
      'redactOverAnalyze',
    ];
    for (const row of res.rows) {
      for (const f of fields) expect(positive(row[f]), `${row.sizeMb} MB: ${f} = ${row[f]}`).toBe(true);
      // The size asked for is the uncompressed size generated (within the tar's own bytes).
      expect(row.uncompressedMb!).toBeGreaterThan(row.sizeMb! * 0.95);
      expect(row.uncompressedMb!).toBeLessThan(row.sizeMb! * 1.2);
      // The pipeline read the logs: nearly every line of the bundle is an event (the rest are samples and headers).
      expect(row.pipelineEvents!).toBeLessThanOrEqual(row.lines!);
      expect(row.pipelineEvents!).toBeGreaterThan(row.lines! * 0.5);
      // Each figure is the median of the runs, every run kept.
      const runs = row as unknown as Record<string, number[]>;
      for (const [k, all] of [
        ['floorS', runs.floorRunsS],
        ['sitrepS', runs.sitrepRunsS],
        ['pipelineS', runs.pipelineRunsS],
        ['exportS', runs.exportRunsS],
        ['redactS', runs.redactRunsS],
      ] as const) {
        expect(all).toHaveLength(3);
        expect(row[k]).toBeCloseTo([...all!].sort((a, b) => a - b)[1]!, 3);
      }
      // Redaction over analyze of the same run, as the issue states its budget (a figure, not a pass mark here).
      expect(Math.abs(row.redactOverAnalyze! / (row.redactS! / row.sitrepS!) - 1)).toBeLessThan(0.05);
      // The ratio is analyze over floor of the same run (both rounded in the file, hence the tolerance).
      expect(Math.abs(row.ratio! / (row.sitrepS! / row.floorS!) - 1)).toBeLessThan(0.05);
    }
    expect(res.rows[1]!.pipelineEvents!).toBeGreaterThan(res.rows[0]!.pipelineEvents! * 1.5);
    expect(positive(res.linearLastTwo)).toBe(true);
    expect(positive(res.pipelineLinearLastTwo)).toBe(true);
    // Memory against member count: each shape (no manifest, a manifest) in one thread and through parse workers.
    expect(res.members.map((m) => `${m.members} ${m.shape} ${m.mode}`)).toEqual([
      '3000 bare one thread',
      '3000 bare parse workers',
      '3000 manifest one thread',
      '3000 manifest parse workers',
    ]);
    for (const m of res.members) for (const f of ['seconds', 'peakRssMb', 'jsonBytes']) expect(positive(m[f]), `members ${f} = ${m[f]}`).toBe(true);
    expect(res.multi.bundles).toBe(2);
    for (const m of [res.multi, res.multi.pipeline]) {
      for (const f of ['togetherS', 'sequentialS', 'speedup', 'peakRssMb']) expect(positive(m[f]), `multi ${f} = ${m[f]}`).toBe(true);
    }
  });

  it('generates the same bytes from the same seed and size (bundles are cached by them)', async () => {
    const { generateBundle } = (await import(join(REPO, 'scripts', 'bench', 'generate.mjs'))) as {
      generateBundle: (o: { out: string; name: string; totalBytes: number; seed: number }) => string;
    };
    const hash = (dir: string, seed: number): string => {
      const file = generateBundle({ out: join(out, dir), name: 'b', totalBytes: 1 << 20, seed });
      return createHash('sha256').update(readFileSync(file)).digest('hex');
    };
    const a = hash('g1', 7);
    expect(hash('g2', 7)).toBe(a);
    expect(hash('g3', 8)).not.toBe(a);
  });
});
