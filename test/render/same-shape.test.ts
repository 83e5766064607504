/**
 * Two presentation rules of the report, on the real db-lock sample (three
 * captures of one machine): timeline messages that differ only in their
 * numbers (PostgreSQL's "process N still waiting … after N ms") are one row,
 * and a socket table the captures of one machine share is shown once.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/diagnosis/index.js';
import { renderHtml } from '../../src/render/index.js';
import { REPO_ROOT } from '../helpers/capture.js';
import { analyzeBundles } from '../diagnosis/analyze.js';

let a: Analysis;
let html: string;
beforeAll(async () => {
  a = await analyzeBundles(['web', 'app', 'db'].map((t) => join(REPO_ROOT, 'samples', 'db-lock', `${t}.tar.gz`)));
  html = renderHtml(a, {});
});

const section = (id: string): string => html.slice(html.indexOf(`<section id="${id}"`), html.indexOf('</section>', html.indexOf(`<section id="${id}"`)));

describe('the report groups what is the same', () => {
  it('puts lock waits that differ only in pid and duration on one timeline row', () => {
    const waits = a.timeline.events.filter((e) => e.signal === 'db-lock-wait');
    expect(new Set(waits.map((e) => e.message)).size).toBeGreaterThan(1); // the sample's lines really differ
    const rows = section('timeline')
      .split('<tr')
      .filter((r) => r.includes('still waiting for'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain(`×${waits.length}`);
  });

  it('shows a socket table once when captures of one machine read the same one', () => {
    // The sample's three captures read one socket table a few ms apart: at least two come out the same.
    const headings = [...section('tcp').matchAll(/<h3[^>]*>(.*?)<\/h3>/g)].map((m) => m[1] ?? '');
    expect(headings.length).toBeLessThan(a.tcp.length);
    expect(headings.some((h) => h.includes(', '))).toBe(true);
  });
});
