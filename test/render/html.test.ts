/**
 * Structural properties of the HTML report, asserted on the page text: one
 * self-contained file, a CSP that pins the one script and the one stylesheet
 * by hash, every hostile input escaped, sections in reading order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors.js';
import { renderHtml, renderMarkdown } from '../../src/render/index.js';
import { TEMPLATE_DIR } from '../../src/render/templates.js';
import { assertCsp, assertSelfContained } from './checks.js';
import { hostileAnalysis, LONE, PAYLOADS } from './fixture.js';

const html = renderHtml(hostileAnalysis());

describe('self-contained page', () => {
  it('references nothing outside itself', () => {
    assertSelfContained(html);
    // Nothing fetchable in the raw text either (in the hostile fixture no log text says url( or @import).
    expect(html).not.toMatch(/url\s*\(|@import|<link\b|\ssrc\s*=/i);
  });

  it('has a CSP meta that pins the one script and the one stylesheet by hash', () => {
    assertCsp(html);
  });

  it('shows the sections in reading order', () => {
    const order = ['verdict', 'hosts', 'use', 'findings', 'timeline', 'charts', 'tcp', 'quality', 'inventory'];
    const at = order.map((id) => html.indexOf(`<section id="${id}"`));
    for (const i of at) expect(i).toBeGreaterThan(0);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    // Charts are inline SVG with a shaded window, lines and a threshold.
    expect(html).toMatch(/<svg viewBox="[^"]+"[^>]*>/);
    expect(html).toMatch(/<rect class="win"/);
    expect(html).toMatch(/<path class="ln s\d"/);
    expect(html).toMatch(/<line class="thr"/);
    expect(html).toMatch(/<line class="onset mk-critical"/);
  });

  it('colors matrix cells by their worst finding and links them to it', () => {
    const crit = [...html.matchAll(/<td class="st-critical"[^>]*><a href="#([^"]+)">/g)].map((m) => m[1]);
    expect(crit.length).toBe(2); // db storage-io saturation, web application errors
    for (const id of crit) expect(html).toMatch(new RegExp(`<article id="${id}" class="finding sev-critical">`));
    expect(html.match(/<td class="st-no-data"/g)?.length).toBe(9); // memory on three hosts
    expect(html.match(/<td class="st-ok"/g)?.length).toBe(3 * 5 * 3 - 9 - 4);
  });
});

describe('time axes', () => {
  it('adds a whole-history view when logs reach far back, keeping charts on the capture window', () => {
    const a = hostileAnalysis();
    const first = a.timeline.events[0];
    if (!first || first.time === null) throw new Error('fixture has no timed event');
    a.timeline.events.unshift({ ...first, time: first.time - 10 * 86_400_000 });
    const page = renderHtml(a);
    expect(page.match(/<figure class="chart lanes">/g)).toHaveLength(2);
    expect(page).toContain('Whole log history');
    const lanes = page.slice(page.indexOf('<figure class="chart lanes">'));
    expect(lanes).toMatch(/>\d\d-\d\d \d\d:\d\d</); // dates on a multi-day axis
    // The capture window still fills most of each chart's plot (878 px wide).
    const charts = page.slice(page.indexOf('<section id="charts"'), page.indexOf('<section id="tcp"'));
    const widths = [...charts.matchAll(/<rect class="win" x="[^"]+" y="[^"]+" width="([^"]+)"/g)].map((m) => Number(m[1]));
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(w).toBeGreaterThan(800);
    // Without the old event there is one view only.
    expect(html.match(/<figure class="chart lanes">/g)).toHaveLength(1);
  });
});

describe('hostile text', () => {
  it('is escaped everywhere: no payload survives as markup', () => {
    expect(html).not.toMatch(/<script>alert|<img|<svg onload|\son[a-z]+\s*=/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;/script&gt;&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload&#x3D;alert(1)&gt;');
    expect(html).toContain('&#x27; onmouseover&#x3D;&#x27;alert(1)');
    // Inside the SVG too (titles and legend).
    const svg = html.slice(html.indexOf('<section id="charts"'), html.indexOf('<section id="tcp"'));
    expect(svg).toContain('<title>cpu.util &lt;script&gt;');
  });

  it('treats keys from log text (TCP state names like constructor) as plain data', () => {
    const tcp = html.slice(html.indexOf('<section id="tcp"'), html.indexOf('<section id="quality"'));
    expect(tcp).toContain('<th>constructor</th>');
    expect(tcp).toContain('<th>toString</th>');
    expect(tcp).not.toMatch(/function|\[object/);
    // The snapshot rows carry the counts (7 and 5) under those columns, on every snapshot.
    expect(tcp.match(/<td class="num">7<\/td><td class="num">5<\/td>/g)).toHaveLength(3);
  });

  it('shows template syntax from logs literally and never evaluates it', () => {
    expect(html).toContain('{{constructor.constructor}}');
    expect(html).not.toMatch(/function Function|\[native code\]/);
  });

  it('is well-formed UTF-8 with controls, separators and lone surrogates neutralized', () => {
    expect(html).not.toContain(LONE);
    expect(/[\uD800-\uDFFF]/.test(html.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''))).toBe(false);
    expect(Buffer.from(html, 'utf8').toString('utf8')).toBe(html);
    expect(html).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029]/);
    expect(html).toContain('\\e]0;pwned\\x07');
    expect(html).toContain('\uFFFD');
  });

  it('every payload in a hostname reaches the page only escaped', () => {
    for (const p of PAYLOADS) {
      const a = hostileAnalysis();
      const h = a.hosts[0];
      if (h) h.hostname = p;
      const page = renderHtml(a);
      expect(page).not.toMatch(/<script>alert|<img|<svg onload|\son[a-z]+\s*=|href="javascript/i);
    }
  });
});

describe('an Analysis off its contract (e.g. read back from an edited JSON file)', () => {
  it('renders enum-like values such as constructor as nothing special', () => {
    const a = hostileAnalysis() as unknown as {
      diagnosis: { verdict: string };
      use: { status: string }[];
      findings: { severity: string }[];
      timeline: { events: { level: string }[] };
    };
    a.diagnosis.verdict = 'constructor';
    for (const c of a.use) c.status = 'constructor';
    for (const f of a.findings) f.severity = 'toString';
    for (const e of a.timeline.events) e.level = 'constructor';
    const full = renderHtml(a as unknown as Parameters<typeof renderHtml>[0]);
    const page = full.slice(0, full.lastIndexOf('<script>')); // the page's own script says "function"
    expect(page).not.toMatch(/\[object |function |native code/);
    expect(page).toContain('Verdict: Inconclusive');
    expect(page).not.toMatch(/class="[^"]*(constructor|toString)/);
    const md = renderMarkdown(a as unknown as Parameters<typeof renderMarkdown>[0]);
    expect(md).not.toMatch(/\[object |function /);
  });
});

describe('templates', () => {
  it('use triple-stash only for the two static assets, never for data', () => {
    const files = ['report.hbs', ...readdirSync(join(TEMPLATE_DIR, 'partials')).map((f) => join('partials', f))];
    const triples = files.flatMap((f) =>
      [...readFileSync(join(TEMPLATE_DIR, f), 'utf8').matchAll(/\{\{\{?\s*&?\s*([^}]*)\}/g)]
        .filter((m) => m[0].startsWith('{{{') || m[0].startsWith('{{&'))
        .map((m) => `${f}:${m[1]?.trim()}`),
    );
    expect(triples.sort()).toEqual(['report.hbs:css', 'report.hbs:script']);
  });
});

describe('size budget', () => {
  it('refuses, with a typed error, a budget too small for even the smallest report', () => {
    expect(() => renderHtml(hostileAnalysis(), { maxBytes: 2000 })).toThrow(SitrepError);
  });
});
