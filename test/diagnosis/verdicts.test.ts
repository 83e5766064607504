/**
 * Every sample (samples/*, real lab runs) and every recorded lab run given in
 * SITREP_LAB_DIRS (colon-separated directories of `<scenario>/<tier>/*.tar.gz`,
 * as `npm run lab -- -o DIR` writes them) through the real pipeline: prints
 * right or wrong against the confidence and its table, so confidence can be
 * judged against outcomes; each run of a scenario the lab knows must be right.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM module without types
import { SCENARIOS } from '../../scripts/lab/scenarios.mjs';
import type { Analysis } from '../../src/diagnosis/types.js';
import { makeCtx, matrixView } from '../../src/render/view.js';
import { CAP_LEVELS } from '../../src/render/caps.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { analyzeAsCli } from './analyze.js';
import { validate } from './schema-validator.js';

interface Expect {
  verdict: string;
  tier?: string;
  resource?: string;
}
const EXPECT = new Map((SCENARIOS as { name: string; expect: Expect }[]).map((s) => [s.name, s.expect]));
const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;
const TIERS = ['web', 'app', 'db'];

/** `{name, bundles}` for each run: samples/<name>/<tier>.tar.gz, and <dir>/<name>/<tier>/*.tar.gz. */
function runs(): { name: string; source: string; bundles: string[] }[] {
  const out: { name: string; source: string; bundles: string[] }[] = [];
  const samples = join(REPO_ROOT, 'samples');
  for (const n of readdirSync(samples)) {
    const b = TIERS.map((t) => join(samples, n, `${t}.tar.gz`)).filter((p) => existsSync(p));
    if (b.length > 0) out.push({ name: n, source: 'samples', bundles: b });
  }
  for (const dir of (process.env.SITREP_LAB_DIRS ?? '').split(':').filter(Boolean)) {
    for (const n of existsSync(dir) ? readdirSync(dir) : []) {
      const b = TIERS.flatMap((t) =>
        existsSync(join(dir, n, t))
          ? readdirSync(join(dir, n, t))
              .filter((f) => f.endsWith('.tar.gz'))
              .map((f) => join(dir, n, t, f))
          : [],
      );
      if (b.length > 0) out.push({ name: n, source: dir, bundles: b });
    }
  }
  return out;
}

function judge(a: Analysis, e: Expect | undefined): 'right' | 'wrong' | 'unknown' {
  if (!e) return 'unknown';
  const d = a.diagnosis;
  const ok = d.verdict === e.verdict && (!e.tier || d.cause?.tier === e.tier) && (!e.resource || d.cause?.resource === e.resource);
  return ok ? 'right' : 'wrong';
}

describe('verdicts against confidence, over every recorded run', () => {
  for (const r of runs()) {
    it(`${r.source}/${r.name}`, async () => {
      const a = await analyzeAsCli(r.bundles);
      const d = a.diagnosis;
      const outcome = judge(a, EXPECT.get(r.name));
      const table = d.confidenceTable.adjustments.map((x) => `${x.name} ${x.delta > 0 ? '+' : ''}${x.delta}`).join(', ');
      console.log(
        `${outcome.padEnd(7)} ${r.source}/${r.name}: ${d.verdict}${d.cause ? ` ${d.cause.tier}/${d.cause.resource}` : ''} confidence ${d.confidence} (base ${d.confidenceTable.base}: ${table}); ${d.problems.length} active problem(s), ${d.earlier.length} earlier`,
      );
      expect(validate(SCHEMA, JSON.parse(JSON.stringify(a)))).toEqual([]);
      if (outcome !== 'unknown') expect(outcome, JSON.stringify(d.reasoning.map((x) => x.text))).toBe('right');
    });
  }
});

describe('hosts are their bundles, never their hostnames', () => {
  // The demo's db-lock bundles as they were before the samples got a hostname per tier (fixtures/shared-hostname/README.md).
  it("the demo's three captures share hostname vm, and the USE matrix gives each its own cells", async () => {
    const bundles = TIERS.map((t) => join(REPO_ROOT, 'test', 'diagnosis', 'fixtures', 'shared-hostname', `${t}.tar.gz`));
    const a = await analyzeAsCli(bundles);
    expect(new Set(a.hosts.map((h) => h.hostname)).size).toBe(1);
    const rows = matrixView(makeCtx(a, CAP_LEVELS[0]!));
    const app = (i: number): string[] => rows[i]!.rows.find((x) => x.resource === 'application')!.cells.map((c) => c.cls);
    // web: 5xx (errors); db: lock waits (saturation): each host its own row.
    expect(app(0)).not.toEqual(app(2));
    for (const [i, h] of a.hosts.entries()) {
      const own = a.use.filter((c) => c.host === h.id && c.resource === 'application').map((c) => c.status);
      expect(app(i)).toEqual(own.map((s) => `st-${s}`));
    }
  });
});
