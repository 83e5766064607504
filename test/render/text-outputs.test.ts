/**
 * Markdown, terminal and JSON outputs on hostile input: Markdown specials and
 * pipes from log text cannot format, link or split a table cell; the terminal
 * never receives a raw control sequence from a log; JSON round-trips.
 */
import { describe, expect, it } from 'vitest';
import { renderJson, renderMarkdown, renderTerminal } from '../../src/render/index.js';
import { hostileAnalysis, LONE } from './fixture.js';

const a = hostileAnalysis();

/** Pipes that act as cell separators: not backslash-escaped (an escaped backslash before one does not count). */
const cellPipes = (row: string): number => (row.replace(/\\\\/g, '').match(/(?<!\\)\|/g) ?? []).length;

describe('renderMarkdown', () => {
  const md = renderMarkdown(a);
  const lines = md.split('\n');
  const fenceAt = lines.findIndex((l) => /^`{3,}sh$/.test(l));
  const fenceLen = (lines[fenceAt] ?? '').replace('sh', '').length;
  const closeAt = lines.findIndex((l, i) => i > fenceAt && l === '`'.repeat(fenceLen));
  const outside = lines.filter((_, i) => i < fenceAt || i > closeAt);

  it('keeps every table row to its columns whatever pipes the log text holds', () => {
    const tables = outside.filter((l) => l.startsWith('|'));
    expect(tables.length).toBeGreaterThan(6);
    const header = (l: string): number => cellPipes(l);
    let cols = 0;
    for (const l of tables) {
      if (/^\|---/.test(l)) continue;
      if (/^\| (Severity|Host) \|/.test(l)) cols = header(l);
      else expect(cellPipes(l), l).toBe(cols);
    }
  });

  it('lets no log text format, link or inject HTML', () => {
    for (const l of outside) {
      expect(l).not.toMatch(/(?<!\\)[<>]/); // raw HTML
      expect(l).not.toMatch(/(?<!\\)\]\(/); // [text](url)
      expect(l).not.toMatch(/(?<!\\)`/); // code spans
      expect(l).not.toMatch(/javascript:/i); // scheme autolinks need a bare colon
    }
    expect(md).toContain('javascript\\:alert');
    expect(md).toContain('\\<script\\>');
  });

  it('keeps URLs, www. hosts, e-mail addresses and mentions from becoming links', () => {
    const b = hostileAnalysis();
    const v = b.diagnosis.victims[0];
    if (v) v.reason = 'see http://evil.example/x, HTTPS://evil.example, www.evil.example, mailto:a@b.example, @team #123 at 05:11:44';
    const line =
      renderMarkdown(b)
        .split('\n')
        .find((l) => l.includes('evil')) ?? '';
    expect(line).not.toMatch(/(https?|mailto)(?<!\\):(?!\\)/i);
    expect(line).toMatch(/http\\:\/\/evil/);
    expect(line).not.toMatch(/www\.(?!\\)/i);
    expect(line).not.toMatch(/(?<!\\)[@#]/);
    expect(line).toContain('05:11:44'); // times stay readable
  });

  it('keeps commands in a fence no log text can close', () => {
    expect(fenceAt).toBeGreaterThan(0);
    expect(closeAt).toBeGreaterThan(fenceAt);
    const inside = lines.slice(fenceAt + 1, closeAt);
    expect(inside.length).toBe(a.diagnosis.nextCommands.length);
    for (const l of inside) expect(l).not.toMatch(new RegExp(`^\`{${fenceLen},}`));
  });

  it('is short, well-formed, and free of control characters', () => {
    expect(md).toMatch(/^## sitrep: Cause found \(confidence 80%\)/);
    expect(md).not.toContain(LONE);
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/);
    expect(lines.length).toBeLessThan(60);
  });
});

describe('renderTerminal', () => {
  it('writes no ANSI at all when color is off, even from logs that hold escape sequences', () => {
    const t = renderTerminal(a, { color: false, width: 2000 });
    expect(t).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(t).toContain('\\e]0;pwned\\x07');
    expect(t).toContain('\\e[2J');
    expect(t).toMatch(/^sitrep: CAUSE FOUND/);
  });

  it('with color on, emits only its own SGR sequences and nothing from the logs', () => {
    const t = renderTerminal(a, { color: true });
    expect(t).toMatch(/\u001b\[3[1-4]m/);
    const stripped = t.replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
    expect(stripped).not.toContain(LONE);
  });

  it('keeps lines within the width', () => {
    for (const width of [60, 100]) {
      const t = renderTerminal(a, { color: true, width });
      for (const l of t.replace(/\u001b\[[0-9;]*m/g, '').split('\n')) expect(Array.from(l).length).toBeLessThanOrEqual(width);
    }
  });
});

describe('renderJson', () => {
  it('round-trips the Analysis and is well-formed', () => {
    const j = renderJson(a);
    expect(JSON.parse(j)).toEqual(a);
    expect(j).not.toMatch(/[\uD800-\uDFFF]/); // lone surrogates are written as \ud800 escapes
    expect(j).toContain('\\ud800');
  });
});
