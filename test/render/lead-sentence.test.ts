/**
 * Markdown and terminal lead with the HTML verdict's sentence and chain (docs/report.md):
 * the reader of a ticket or a shell sees the same story first.
 */
import { describe, expect, it } from 'vitest';
import { renderMarkdown, renderTerminal } from '../../src/render/index.js';
import { md } from '../../src/render/markdown.js';
import { headline } from '../../src/render/summary.js';
import { hostileAnalysis } from './fixture.js';
import { analyse } from './recorded.js';

const a = hostileAnalysis();
const head = headline(a);

describe('summaries lead with the verdict', () => {
  it('has a sentence and a chain to lead with', () => {
    expect(head.sentence.length).toBeGreaterThan(20);
    expect(head.sentence).not.toMatch(/undefined|null|NaN/);
  });

  it('puts the sentence in Markdown before any table or finding', () => {
    const out = renderMarkdown(a);
    const at = out.indexOf(`**${md(head.sentence)}**`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(out.indexOf('|'));
  });

  it('puts the sentence first in the terminal, wrapped but whole', () => {
    const out = renderTerminal(a, { color: false, width: 100 });
    const flat = out.replace(/\s+/g, ' ');
    const words = head.sentence.replace(/\s+/g, ' ').slice(0, 40);
    expect(flat.indexOf(words.replace(/[\x00-\x1f\x7f]/g, ''))).toBeGreaterThanOrEqual(0);
  });
});

describe('summaries lead with the same sentence for a metric cause', () => {
  it('puts the recorded CLOSE_WAIT leak sentence first in Markdown and the terminal', async () => {
    const b = await analyse('close-wait-leak');
    const s = headline(b).sentence;
    expect(s).toContain('CLOSE_WAIT');
    const mdOut = renderMarkdown(b);
    const at = mdOut.indexOf(`**${md(s)}**`);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(mdOut.indexOf('|'));
    const term = renderTerminal(b, { color: false, width: 100 }).replace(/\s+/g, ' ');
    expect(term.indexOf(s.replace(/\s+/g, ' ').slice(0, 40))).toBeGreaterThanOrEqual(0);
  });
});
