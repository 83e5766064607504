/**
 * Structural checks on a rendered page, shared by the fixture and the
 * real-bundle tests. Text is escaped, so every raw `<` starts a real tag: the
 * checks look at tags and attributes (markup), not at what log text says.
 */
import { createHash } from 'node:crypto';
import { expect } from 'vitest';

const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('base64');
const unescapeAttr = (s: string): string =>
  s
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&#x3D;/g, '=')
    .replace(/&amp;/g, '&');

export function parts(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  const styles = [...html.matchAll(/<style\b([^>]*)>([\s\S]*?)<\/style>/gi)];
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script>').replace(/<style\b[^>]*>[\s\S]*?<\/style>/gi, '<style>');
  const tags = markup.match(/<[a-zA-Z][^>]*>/g) ?? [];
  const attrs = tags.flatMap((t) =>
    [...t.matchAll(/\s([^\s=/>]+)(?:="([^"]*)")?/g)].map((m) => ({ tag: t, name: (m[1] ?? '').toLowerCase(), value: unescapeAttr(m[2] ?? '') })),
  );
  return { scripts, styles, tags, attrs };
}

/** One file: nothing fetched, every link an in-page anchor that exists, no javascript: anywhere in an href. */
export function assertSelfContained(html: string): void {
  const { styles, tags, attrs } = parts(html);
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  for (const t of tags) expect(t).not.toMatch(/^<(link|iframe|object|embed|img|image|use|form|base|frame|audio|video|source|input type="image")\b/i);
  for (const a of attrs) {
    expect(['src', 'srcset', 'action', 'formaction', 'poster', 'background', 'data', 'xlink:href', 'style', 'ping', 'xmlns:xlink'], a.tag).not.toContain(
      a.name,
    );
    expect(a.name, a.tag).not.toMatch(/^on/);
  }
  for (const s of styles) expect(s[2]).not.toMatch(/url\s*\(|@import|https?:/i);
  const hrefs = attrs.filter((a) => a.name === 'href').map((a) => a.value);
  expect(hrefs.length).toBeGreaterThan(5);
  const ids = new Set(attrs.filter((a) => a.name === 'id').map((a) => a.value));
  for (const h of hrefs) {
    expect(h).toMatch(/^#[a-z][a-z0-9_-]*$/);
    expect(ids.has(h.slice(1)), h).toBe(true);
  }
  expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
}

/** A CSP meta before anything it governs, pinning the one script and the one stylesheet by recomputed hash. */
export function assertCsp(html: string): void {
  const { scripts, styles, attrs } = parts(html);
  expect(scripts).toHaveLength(1);
  expect(styles).toHaveLength(1);
  expect(attrs.filter((a) => a.name === 'style')).toEqual([]); // would need 'unsafe-hashes'
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  expect(meta).not.toBeNull();
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<style'));
  const dirs = new Map(
    unescapeAttr(meta?.[1] ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k = '', ...v]) => [k, v.join(' ')] as const),
  );
  expect(dirs.get('default-src')).toBe("'none'");
  expect(dirs.get('script-src')).toBe(`'sha256-${sha(scripts[0]?.[2] ?? '')}'`);
  expect(dirs.get('style-src')).toBe(`'sha256-${sha(styles[0]?.[2] ?? '')}'`);
  expect(dirs.get('base-uri')).toBe("'none'");
  expect(dirs.get('form-action')).toBe("'none'");
  for (const d of ['connect-src', 'font-src', 'frame-src', 'child-src', 'worker-src', 'manifest-src', 'media-src']) expect(dirs.has(d)).toBe(false);
  expect(unescapeAttr(meta?.[1] ?? '')).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:|data:/);
}
