/**
 * Reports from REAL bundles: this machine captured by scripts/sitrep-capture.sh
 * (three captures labelled web/app/db, and one alone), through the real
 * pipeline (loadAll → estimateClocks → mergeTimelines → buildAnalysis), then
 * every renderer. Wired here in test code; the CLI does the same for users.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAll } from '../../src/cli/pipeline/load-all.js';
import { buildAnalysis, type Analysis } from '../../src/diagnosis/index.js';
import { DEFAULT_MAX_BYTES, renderHtml, renderJson, renderMarkdown, renderTerminal } from '../../src/render/index.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { validate } from '../diagnosis/schema-validator.js';
import { REPO_ROOT, runCapture, tempDir } from '../helpers/capture.js';
import { artifactPath, launch, open, type Session } from './browser.js';
import { assertCsp, assertSelfContained } from './checks.js';

async function capture(dir: string, tier: string): Promise<string> {
  const r = await runCapture(['-d', '3', '-o', dir, '-t', tier, '-q', '--since', '2h']);
  if (!r.bundlePath) throw new Error(`capture -t ${tier} failed (${r.exitCode}): ${r.stderr}`);
  return r.bundlePath;
}

async function analyse(bundles: string[]): Promise<Analysis> {
  const outcomes = await loadAll(bundles, { workers: 1 });
  const loaded = outcomes.map((o) => {
    if (!('loaded' in o)) throw o.error;
    return o.loaded;
  });
  const hosts = loaded.map((l) => l.host);
  const timeline = mergeTimelines(
    loaded.map((l) => l.timeline),
    estimateClocks(hosts),
  );
  return buildAnalysis(hosts, timeline, { version: 'test' });
}

const VERDICT = { 'cause-found': 'Cause found', recovered: 'Recovered', inconclusive: 'Inconclusive', healthy: 'Healthy' } as const;

const dir = tempDir('sitrep-render-real-');
let multi: Analysis;
let single: Analysis;
let browser: Session;

beforeAll(async () => {
  // One after another: the captures sample this machine and should not see each other's load.
  const web = await capture(dir, 'web');
  const app = await capture(dir, 'app');
  const db = await capture(dir, 'db');
  multi = await analyse([web, app, db]);
  single = await analyse([await capture(dir, 'db')]);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function inBrowser(html: string, name: string): Promise<void> {
  const file = artifactPath(`${name}.html`);
  writeFileSync(file, html);
  const { page, rec } = await open(browser, file);
  expect(rec.requests).toEqual([`file://${file}`]);
  expect(rec.dialogs).toEqual([]);
  expect(rec.pageErrors).toEqual([]);
  expect(rec.console.filter((m) => m.type === 'error' || m.type === 'warning')).toEqual([]);
  await expect(page.locator('#verdict').isVisible()).resolves.toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
  const light = artifactPath(`${name}-light.png`);
  const dark = artifactPath(`${name}-dark.png`);
  await page.screenshot({ path: light, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: dark, fullPage: true });
  console.log(`${name}: ${file} (${Buffer.byteLength(html)} bytes); screenshots ${light} ${dark}`);
  await page.close();
}

describe('report from three real captures labelled web, app, db', () => {
  it('renders every section for three hosts within the budget', async () => {
    expect(multi.hosts.map((h) => h.tier)).toEqual(['web', 'app', 'db']);
    const html = renderHtml(multi);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    assertSelfContained(html);
    assertCsp(html);
    for (const id of ['verdict', 'hosts', 'use', 'findings', 'timeline', 'charts', 'tcp', 'quality', 'inventory'])
      expect(html).toContain(`<section id="${id}"`);
    expect(html.match(/<table class="use">/g)).toHaveLength(3);
    // Three captures of this one machine share a hostname: the report tells them apart by their unique ids.
    expect(new Set(multi.hosts.map((h) => h.hostname)).size).toBe(1);
    expect(new Set(multi.hosts.map((h) => h.id)).size).toBe(3);
    for (const h of multi.hosts) expect(html).toContain(`<caption>${h.id} (${h.tier})</caption>`);
    // A real capture has series (vmstat, mpstat…) and an inventory of its artifacts.
    expect(multi.series.length).toBeGreaterThan(0);
    expect(html).toMatch(/<path class="ln s[0-2]"/);
    expect(html.match(/<tr( class="bad")?><td>[^<]*\((web|app|db)\)<\/td>/g)?.length ?? 0).toBeGreaterThan(10);
    await inBrowser(html, 'real-multi');
  });

  it('gives the same story in Markdown, terminal and JSON', () => {
    const md = renderMarkdown(multi);
    // The verdict is this machine's (its log history can hold an earlier OOM storm: then "recovered");
    // every renderer must state the one in the JSON.
    const word = VERDICT[multi.diagnosis.verdict];
    expect(md).toMatch(new RegExp(`^## sitrep: ${word} \\(confidence \\d+%\\)`));
    expect(md.match(/^\| [^|]+ \| (web|app|db) \|/gm)).toHaveLength(3);
    // Hostnames hold no Markdown specials, so the unique ids appear as they are.
    for (const h of multi.hosts) expect(md).toContain(`| ${h.id} | ${h.tier} |`);
    const t = renderTerminal(multi, { color: false });
    expect(t).not.toMatch(/[\u001b\u0007]/);
    expect(t.split('\n')[0]).toMatch(new RegExp(`^sitrep: ${word.toUpperCase()}\\b`));
    expect(JSON.parse(renderJson(multi))).toEqual(JSON.parse(JSON.stringify(multi)));
    // The JSON output is the public contract: it must validate against schema/report.schema.json.
    const schema = JSON.parse(readFileSync(`${REPO_ROOT}/schema/report.schema.json`, 'utf8')) as Record<string, unknown>;
    expect(validate(schema, JSON.parse(renderJson(multi)))).toEqual([]);
    expect(validate(schema, JSON.parse(renderJson(single)))).toEqual([]);
    writeFileSync(artifactPath('real-multi.md'), md);
    writeFileSync(artifactPath('real-multi.json'), renderJson(multi));
    writeFileSync(artifactPath('real-multi.txt'), t);
    console.log(
      `real-multi: markdown ${md.length} chars, verdict ${multi.diagnosis.verdict}, ${multi.findings.length} findings; ${artifactPath('real-multi.md')}`,
    );
  });
});

describe('report from one real capture', () => {
  it('renders for a single host within the budget', async () => {
    const html = renderHtml(single);
    expect(Buffer.byteLength(html)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    assertSelfContained(html);
    assertCsp(html);
    expect(html.match(/<table class="use">/g)).toHaveLength(1);
    expect(html).toContain('1 host</span>');
    await inBrowser(html, 'real-single');
  });
});
