/**
 * The size budget: an Analysis far too big to show whole still yields a page
 * within the budget (default and custom), every cut announced with an
 * "N more" note, the DOM bounded (≤ 2000 timeline rows), series downsampled.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_BYTES, renderHtml } from '../../src/render/index.js';
import { hugeAnalysis } from './fixture.js';

const a = hugeAnalysis();
const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

function checkCut(html: string): void {
  // Each oversized part says how much was left out.
  expect(html).toMatch(/\d+ more findings not shown/);
  expect(html).toMatch(/\d+ more events not shown/);
  expect(html).toMatch(/\d+ more evidence items not shown/);
  expect(html).toMatch(/\d+ more inventory items not shown/);
  expect(html).toMatch(/\d+ more parse diagnostics not shown/);
  expect(html).toMatch(/\d+ points downsampled away/);
  expect(html).toMatch(/… \d+ more characters/);
  const rows = html.slice(html.indexOf('<table id="tl-rows"'), html.indexOf('</table>', html.indexOf('<table id="tl-rows"')));
  expect((rows.match(/<tr data-host=/g) ?? []).length).toBeLessThanOrEqual(2000);
  // No chart path has more than 2 points per pixel column of the 1000-px chart.
  for (const m of html.matchAll(/<path class="ln[^"]*" d="([^"]*)"/g)) expect((m[1]?.match(/[ML]/g) ?? []).length).toBeLessThanOrEqual(2 * 1000);
  // The verdict and the cause's findings survive every cut.
  expect(html).toContain('<section id="verdict"');
  expect(html).toMatch(/<article id="f-\d+" class="finding sev-critical">/);
}

describe('size budget', () => {
  it('keeps the default budget (5 MiB) on a huge analysis', () => {
    const t = Date.now();
    const html = renderHtml(a);
    console.log(`huge analysis, default budget: ${bytes(html)} bytes in ${Date.now() - t} ms`);
    expect(bytes(html)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    // The input is far larger than the budget, so this is a real cut, not a pass-through.
    expect(bytes(JSON.stringify(a))).toBeGreaterThan(10 * DEFAULT_MAX_BYTES);
    checkCut(html);
  });

  it('keeps a smaller custom budget (1 MiB, 300 KiB)', () => {
    for (const max of [1024 * 1024, 300 * 1024]) {
      const t = Date.now();
      const html = renderHtml(a, { maxBytes: max });
      console.log(`huge analysis, budget ${max}: ${bytes(html)} bytes in ${Date.now() - t} ms`);
      expect(bytes(html)).toBeLessThanOrEqual(max);
      checkCut(html);
      expect(html).toMatch(/this report was cut to fit/);
    }
  });
});
