/**
 * The incident lab end to end: for each scenario a real 3-tier stack runs on
 * loopback, three real captures sample it while a real fault is injected, and
 * `sitrep analyze` must name the expected cause (or call it healthy).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { runScenario } from '../../scripts/lab/run.mjs';
// @ts-expect-error plain ESM module without types
import { SCENARIOS } from '../../scripts/lab/scenarios.mjs';
import { REPO_ROOT } from '../helpers/corpus.js';
import { lacks } from '../helpers/need.js';

const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const LAB_MISSING = lacks('the incident lab', { root: true, tools: ['nginx', 'fio', 'runuser', 'psql'], paths: ['/usr/lib/postgresql'] });

interface Expect { verdict: string; tier?: string; resource?: string }
interface Scenario { name: string; title: string; expect: Expect }

const out = mkdtempSync(join(tmpdir(), 'sitrep-lab-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe.skipIf(LAB_MISSING)('incident lab', () => {
  for (const s of SCENARIOS as Scenario[]) {
    it(`${s.name}: ${s.title}`, async () => {
      const run = await runScenario(s.name, { seconds: 8, outDir: out });
      const bundles = [run.bundles.web, run.bundles.app, run.bundles.db] as string[];
      const json = execFileSync('node', [CLI, 'analyze', ...bundles, '--json', '-'], { encoding: 'utf8', maxBuffer: 256 << 20 });
      const analysis = JSON.parse(json);
      const d = analysis.diagnosis;
      const summary = `${s.name}: traffic ${JSON.stringify(run.traffic)}; verdict ${d.verdict}, cause ${JSON.stringify(d.cause && { host: d.cause.host, tier: d.cause.tier, resource: d.cause.resource })}, confidence ${d.confidence}`;
      console.log(summary);
      // What a failing run saw, to tell a wrong diagnosis from a noisy machine.
      type F = { severity: string; tier: string; resource: string; rule: string; onset?: string | number | null; evidence?: { excerpt?: string }[] };
      const loudList = (analysis.findings as F[]).filter((f) => f.severity !== 'info')
        .map((f) => `${f.severity} ${f.tier}/${f.resource} ${f.rule} onset ${f.onset ?? '-'}: ${(f.evidence?.[0]?.excerpt ?? '').slice(0, 160)}`);
      if (d.verdict !== s.expect.verdict) console.log(`${s.name} findings:\n  ${loudList.join('\n  ')}\nreasoning:\n  ${(d.reasoning ?? []).map((r: { text?: string } | string) => (typeof r === 'string' ? r : r.text ?? JSON.stringify(r))).join('\n  ')}`);
      expect(d.verdict, summary).toBe(s.expect.verdict);
      if (s.expect.tier) expect(d.cause?.tier, summary).toBe(s.expect.tier);
      if (s.expect.resource) expect(d.cause?.resource, summary).toBe(s.expect.resource);
      if (s.expect.verdict === 'healthy') {
        const loud = analysis.findings.filter((f: { severity: string }) => f.severity !== 'info');
        expect(loud.map((f: { id: string }) => f.id), summary).toEqual([]);
      }
    }, 180_000);
  }
});
