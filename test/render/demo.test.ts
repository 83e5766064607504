/**
 * The demo report (samples/db-lock: web, app and db bundles of a real lab run
 * of a PostgreSQL lock) in headless Chromium, read as a first-time user
 * would: the verdict sentence names the technology and the hosts, the
 * cause's chart is on the first screen, a phone never scrolls the page
 * sideways, the page and its print stay within budget, the timeline groups
 * identical messages. Screenshots of the first screen at both widths go to
 * test/.artifacts/ for a person to look at.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAll } from '../../src/cli/pipeline/load-all.js';
import { buildAnalysis, type Analysis } from '../../src/diagnosis/index.js';
import { renderHtml } from '../../src/render/index.js';
import { hostName } from '../../src/render/summary.js';
import { estimateClocks, mergeTimelines } from '../../src/timeline/index.js';
import { REPO_ROOT } from '../helpers/capture.js';
import { artifactPath, launch, open, type Session } from './browser.js';

/** The budgets: the old demo was 19,583 px tall and printed on 22 A4 pages. */
const MAX_HEIGHT_PX = 8000;
const MAX_PRINT_PAGES = 6;

async function demo(): Promise<Analysis> {
  const bundles = ['web', 'app', 'db'].map((t) => join(REPO_ROOT, 'samples', 'db-lock', `${t}.tar.gz`));
  const outcomes = await loadAll(bundles, { workers: 1 });
  const loaded = outcomes.map((o) => {
    if (!('loaded' in o)) throw o.error;
    return o.loaded;
  });
  const timeline = mergeTimelines(
    loaded.map((l) => l.timeline),
    estimateClocks(loaded.map((l) => l.host)),
  );
  return buildAnalysis(
    loaded.map((l) => l.host),
    timeline,
    { version: 'test' },
  );
}

let a: Analysis;
let s: Session;
const file = artifactPath('demo.html');

beforeAll(async () => {
  a = await demo();
  writeFileSync(file, renderHtml(a));
  s = await launch();
});
afterAll(async () => s?.close());

describe('the demo report tells the story in one screen', () => {
  it('names the technology and the hosts in the verdict, with the cause chart above the fold at 1400×900', async () => {
    const { page, rec } = await open(s, file);
    expect(rec.pageErrors).toEqual([]);
    expect(rec.requests).toEqual([`file://${file}`]);
    await page.setViewportSize({ width: 1400, height: 900 });
    const sentence = await page.locator('#verdict .v-sentence').innerText();
    expect(sentence).toMatch(/PostgreSQL/);
    expect(sentence).not.toMatch(/MySQL/);
    const d = a.diagnosis;
    expect(d.cause).not.toBeNull();
    for (const id of [d.cause?.host ?? '', ...d.victims.map((v) => v.host)]) expect(sentence).toContain(hostName(a, id).name);
    // The cause's chart: its bottom edge is inside the first screen, and it has a strip per cause and victim finding.
    const box = await page.locator('#verdict .cause-chart').boundingBox();
    expect(box).not.toBeNull();
    expect((box?.y ?? 1e9) + (box?.height ?? 0)).toBeLessThanOrEqual(900);
    expect(await page.locator('#verdict .cause-chart .strip:not(.axis-row)').count()).toBeGreaterThanOrEqual(3);
    // The chain shows the cause highlighted on its own tier.
    expect(await page.locator('#verdict svg.chain rect.ch-cause').count()).toBeGreaterThanOrEqual(1);
    // No MySQL command in a PostgreSQL incident.
    await expect(page.locator('#verdict').innerText()).resolves.not.toMatch(/mysql/i);
    await page.screenshot({ path: artifactPath('demo-first-screen-1400.png') });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height).toBeLessThanOrEqual(MAX_HEIGHT_PX);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(MAX_PRINT_PAGES);
    console.log(`demo: ${height} px tall at 1400 px, ${pages} A4 pages printed; sentence: ${sentence}`);
  });

  it('never scrolls the page sideways at 390 px', async () => {
    const { page } = await open(s, file);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The sentence and the chart are still text a person can read (no shrunken SVG text).
    const px = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.cause-chart .s-label') as Element).fontSize));
    expect(px).toBeGreaterThanOrEqual(11);
    // The timeline's lanes: host names and times are HTML text at their own size, not SVG text scaled down with the drawing.
    expect(await page.locator('#timeline svg text').count()).toBe(0);
    const lane = await page.evaluate(() =>
      [...document.querySelectorAll('#timeline .lanes .l-lbl, #timeline .lanes .ticks span')]
        .filter((e) => getComputedStyle(e).visibility !== 'hidden')
        .map((e) => ({ font: parseFloat(getComputedStyle(e).fontSize), h: e.getBoundingClientRect().height, text: e.textContent ?? '' })),
    );
    expect(lane.filter((l) => /\d\d:\d\d/.test(l.text)).length).toBeGreaterThanOrEqual(2);
    expect(lane.filter((l) => /\(web\)|\(app\)|\(db\)/.test(l.text)).length).toBe(3);
    for (const l of lane) {
      expect(l.font, l.text).toBeGreaterThanOrEqual(11);
      expect(l.h, l.text).toBeGreaterThanOrEqual(11);
    }
    await page.screenshot({ path: artifactPath('demo-first-screen-390.png') });
    await page.locator('#timeline .lanes').screenshot({ path: artifactPath('demo-lanes-390.png') });
  });

  it('groups identical timeline messages, each row linked to the finding it supports', async () => {
    const { page } = await open(s, file);
    const rows = await page.locator('#tl-rows tbody tr').count();
    expect(rows).toBeGreaterThan(0);
    expect(rows).toBeLessThan(a.timeline.events.length);
    // 48 identical 500s from nginx's access log are one row.
    const counts = await page.locator('#tl-rows tbody tr td:nth-child(2)').allInnerTexts();
    expect(counts.some((c) => /^×\d+$/.test(c.trim()) && Number(c.trim().slice(1)) >= 10)).toBe(true);
    const linked = await page.locator('#tl-rows tbody tr td:last-child a[href^="#f-"]').count();
    expect(linked).toBeGreaterThan(0);
    // The filter narrows by tier.
    await page.locator('#tl-tier').selectOption({ index: 1 });
    const key = await page.locator('#tl-tier').inputValue();
    expect(await page.locator(`#tl-rows tbody tr:visible:not([data-tier="${key}"])`).count()).toBe(0);
  });
});
