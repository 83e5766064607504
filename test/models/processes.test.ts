/**
 * Per-process CPU from a real capture under stress-ng: pidstat's samples
 * become the processes model, and the CPU findings name the processes that
 * burned the CPU (stress-ng's workers, whose pids we know), with pidstat as
 * their source; without pidstat, the top snapshot stands in, then ps.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOne } from '../../src/cli/pipeline/load-one.js';
import { dominantCommand } from '../../src/diagnosis/colocation.js';
import { buildModels } from '../../src/models/build.js';
import { runRules } from '../../src/rules/run.js';
import { EMPTY_TIMELINE, background, sleep, withMachineLock, type Load } from '../rules/fixtures.js';
import { runCapture } from '../helpers/capture.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import { validate } from '../diagnosis/schema-validator.js';
import { lacks } from '../helpers/need.js';

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** Child pids of a process (stress-ng's workers), from procps. */
function children(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe.skipIf(lacks('per-process CPU under load', { tools: ['stress-ng'] }))('processes model and CPU findings (real capture, stress-ng)', () => {
  it('names the stress-ng workers as the top CPU consumers of the saturation', async () => {
    await withMachineLock(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-procs-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const n = cpus().length;
      const load: Load = background('stress-ng', ['--cpu', String(n * 3), '--timeout', '40']);
      cleanups.push(() => load.stop());
      await sleep(2000);
      const workers = children(load.child.pid!);
      expect(workers.length).toBe(n * 3);
      const r = await runCapture(['-d', '5', '-o', dir, '--no-discover', '--since', '1m', '-q', '-t', 'app'], {
        env: { SITREP_SA_GLOBS: join(dir, 'none') },
        timeoutMs: 150_000,
      });
      expect(r.bundlePath, r.stderr).not.toBeNull();
      const { host } = await loadOne(r.bundlePath!, undefined, { split: false });
      const m = buildModels(host);
      expect(m.processes.source).toBe('pidstat');
      expect(m.processes.times.length).toBeGreaterThanOrEqual(4);

      const findings = runRules(host, m, EMPTY_TIMELINE).findings;
      const sat = findings.find((f) => f.rule === 'cpu-saturation');
      expect(sat, JSON.stringify(findings.map((f) => f.id))).toBeDefined();
      const p = sat!.processes!;
      expect(p.source).toBe('pidstat');
      expect(p.artifact).toBe('sample/pidstat.txt');
      expect(p.top.length).toBeGreaterThan(0);
      // every listed process is one of the workers we started, and together they hold the CPUs
      // our workers fill the list; this machine is shared, so a neighbour may be in it too
      const ours = p.top.filter((x) => workers.includes(x.pid!));
      const foreign = p.top.filter((x) => !workers.includes(x.pid!));
      expect(ours.length).toBeGreaterThanOrEqual(Math.min(3, p.top.length));
      for (const x of ours) expect(x.command).toMatch(/^stress-ng/);
      if (foreign.length === 0) expect(dominantCommand(p)).toMatch(/^stress-ng/);
      else console.warn(`[sitrep tests] neighbours in the top list: ${foreign.map((x) => `${x.command}/${x.pid}`).join(', ')}`);
      console.log(`[processes] ${sat!.title}; top: ${p.top.map((x) => `${x.command}/${x.pid} ${x.cpuPct}%`).join(', ')} over ${p.samples} pidstat samples`);

      // the finding as published: valid against the schema, the cause's reasoning names the consumers
      const analysis = buildAnalysis([host], EMPTY_TIMELINE, { generatedAt: '2026-11-26T00:00:00.000Z' });
      expect(validate(SCHEMA, JSON.parse(JSON.stringify(analysis)))).toEqual([]);
      expect(analysis.findings.find((f) => f.rule === 'cpu-saturation')?.processes?.top.length).toBeGreaterThan(0);
      if (analysis.diagnosis.cause?.resource === 'cpu') {
        expect(analysis.diagnosis.reasoning.some((x) => x.text.includes(`${p.top[0]!.command} (pid ${p.top[0]!.pid})`))).toBe(true);
      }

      // without pidstat, the end top snapshot names them
      const noPidstat = { ...host, artifacts: host.artifacts.filter((a) => a.name !== 'pidstat') };
      const m2 = buildModels(noPidstat);
      expect(m2.processes.source).toBe('top');
      const sat2 = runRules(noPidstat, m2, EMPTY_TIMELINE).findings.find((f) => f.rule === 'cpu-saturation');
      expect(sat2?.processes?.source).toBe('top');
      expect(sat2?.processes?.top.filter((x) => workers.includes(x.pid!)).length).toBeGreaterThan(0);

      // nor top: ps's lifetime averages (the workers are seconds old, so theirs are high)
      const psOnly = { ...host, artifacts: host.artifacts.filter((a) => a.name !== 'pidstat' && a.name !== 'top') };
      const m3 = buildModels(psOnly);
      expect(m3.processes.source).toBe('ps');
      const sat3 = runRules(psOnly, m3, EMPTY_TIMELINE).findings.find((f) => f.rule === 'cpu-saturation');
      expect(sat3?.processes?.top.filter((x) => workers.includes(x.pid!)).length).toBeGreaterThan(0);
    }, 15 * 60_000);
  }, 600_000);
});
