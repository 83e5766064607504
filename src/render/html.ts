/**
 * renderHtml: one self-contained HTML page from an Analysis. The page is
 * rendered at the most generous cap level first and stepped down until it
 * fits the byte budget; each cut is announced in the page.
 */
import type { Analysis } from '../diagnosis/types.js';
import { SitrepError } from '../errors.js';
import { CAP_LEVELS, type Caps } from './caps.js';
import { compiled } from './templates.js';
import { oneLine, wellFormed } from './text.js';
import { axes } from './axis.js';
import { chartsView, timelineView } from './view-timeline.js';
import { inventoryView, qualityView, tcpView } from './view-tables.js';
import { findingsView, hostsView, makeCtx, matrixView } from './view.js';
import { verdictView } from './view-verdict.js';

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface HtmlOptions {
  /** Upper bound on the page's size in UTF-8 bytes (default 5 MiB). */
  maxBytes?: number;
}

function view(a: Analysis, caps: Caps, level: number, maxBytes: number) {
  const ctx = makeCtx(a, caps);
  const ax = axes(a);
  const v = verdictView(ctx);
  const c = compiled();
  const findings = findingsView(ctx);
  const mb = (maxBytes / 1048576).toFixed(maxBytes < 1048576 ? 2 : 1);
  return {
    // The tab and a saved file's title tell the story too.
    title: `sitrep: ${v.text} — ${v.sentence}`,
    csp: c.csp,
    css: c.css,
    script: c.script,
    generatedAt: oneLine(a.generatedAt),
    generator: `${oneLine(a.generator.name)} ${oneLine(a.generator.version)}`,
    hostCount: a.hosts.length,
    single: a.hosts.length === 1,
    verdict: v,
    hosts: hostsView(ctx),
    matrix: matrixView(ctx),
    findings,
    timeline: timelineView(ctx, ax),
    charts: chartsView(ctx, ax.windowRaw),
    tcp: tcpView(ctx),
    quality: qualityView(ctx),
    inventory: inventoryView(ctx),
    budgetNote:
      level === 0
        ? `Report size budget ${mb} MiB: nothing beyond the usual display caps was cut.`
        : `Report size budget ${mb} MiB: this report was cut to fit (level ${level} of ${CAP_LEVELS.length - 1}); see the "more … not shown" notes. The JSON output has everything.`,
  };
}

export function renderHtml(a: Analysis, opts: HtmlOptions = {}): string {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const { page } = compiled();
  let size = 0;
  for (let level = 0; level < CAP_LEVELS.length; level++) {
    const caps = CAP_LEVELS[level] as Caps;
    // Lone surrogates anywhere would make the page unencodable as UTF-8.
    const html = wellFormed(page(view(a, caps, level, maxBytes), { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false }));
    size = Buffer.byteLength(html, 'utf8');
    if (size <= maxBytes) return html;
  }
  throw new SitrepError('OUTPUT_FAILED', `the HTML report needs ${size} bytes even at its smallest; the size budget is ${maxBytes} bytes`);
}
