/**
 * The committed samples read right to someone who has never seen sitrep
 * (issue 18): every output names the cause and its victims by the concrete
 * thing, as the verdict sentence does, never by a bare USE resource
 * ("application"); no sentence reads "(…) (…)"; one machine's OOM kill seen
 * by three captures is one critical finding. Through the real CLI: terminal
 * summary, Markdown, JSON and the HTML report's text.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/diagnosis/types.js';
import { md } from '../../src/render/markdown.js';
import { SIGNALS } from '../../src/rules/signal-ids.js';
import { RESOURCE_ORDER } from '../../src/vocabulary/orders.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const CLI = join(REPO_ROOT, 'dist', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'sitrep-wording-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Outputs {
  terminal: string;
  markdown: string;
  json: Analysis;
  html: string;
  /** The page as written. */
  page: string;
}

function run(name: string): Outputs {
  const bundles = ['web', 'app', 'db'].map((t) => join(REPO_ROOT, 'samples', name, `${t}.tar.gz`));
  const out = (ext: string): string => join(dir, `${name}.${ext}`);
  const terminal = execFileSync('node', [CLI, 'analyze', ...bundles, '-o', out('html'), '--md', out('md'), '--json', out('json')], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 << 20,
  });
  // The page's text as a reader sees it: no scripts or styles, tags dropped, the entities the renderer writes decoded.
  const page = readFileSync(out('html'), 'utf8');
  const text = page
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&gt;/g, '>')
    .replace(/&lt;/g, '<')
    .replace(/&amp;/g, '&');
  return { terminal, markdown: readFileSync(out('md'), 'utf8'), json: JSON.parse(readFileSync(out('json'), 'utf8')) as Analysis, html: text, page };
}

const RES = RESOURCE_ORDER.join('|');
/** "cause: db1 (db) · application", "is application on db1", "Victim application on app1", "resource application". */
const BARE = [
  new RegExp(`· (${RES})\\s*(→|$)`, 'm'),
  new RegExp(`\\bis (${RES}) on\\b`),
  new RegExp(`\\bVictim:?\\*{0,2} (${RES})\\b`),
  new RegExp(`\\bresource \\**(${RES})\\b`),
];

/** The cause as its own line names it, with its USE cell and without ("PostgreSQL lock waits (application saturation)", "PostgreSQL lock waits"). */
function causeNamed(terminal: string, a: Analysis): { label: string; named: string } {
  const line = terminal.split('\n').find((l) => l.trimStart().startsWith('cause:'))!;
  const label = line.slice(line.indexOf('· ') + 2).trim();
  const f = a.findings.find((x) => x.id === a.diagnosis.cause!.findings[0])!;
  const cell = `${f.resource} ${f.signal}`;
  expect(label).toMatch(new RegExp(`(\\(|; )${cell}\\)$`));
  return { label, named: label.endsWith(`; ${cell})`) ? `${label.slice(0, -cell.length - 3)})` : label.slice(0, -cell.length - 3) };
}

const SAMPLES = ['db-lock', 'memory', 'close-wait'];
const outputs = new Map<string, Outputs>();
const get = (name: string): Outputs => outputs.get(name) ?? (outputs.set(name, run(name)).get(name) as Outputs);

describe('the samples name the cause by the thing, not its USE resource', () => {
  for (const name of SAMPLES) {
    it(`${name}: no output names a bare resource as cause, victim or reason`, () => {
      const o = get(name);
      expect(o.json.diagnosis.verdict).toBe('cause-found');
      const texts = {
        terminal: o.terminal,
        markdown: o.markdown,
        json: o.json.diagnosis.reasoning.map((r) => r.text).join('\n'),
        html: o.html,
      };
      for (const [where, t] of Object.entries(texts)) for (const re of BARE) expect(t, `${where} of ${name}`).not.toMatch(re);
    });

    it(`${name}: the cause line, the first reason and every output name the cause as the verdict sentence does`, () => {
      const o = get(name);
      const sentence = o.terminal.split('\n')[1]!.trim();
      const { label, named } = causeNamed(o.terminal, o.json);
      expect(named.length).toBeGreaterThan(5);
      expect(sentence).toContain(named);
      const lead = o.json.diagnosis.reasoning.find((r) => r.text.startsWith('The leading problem'))!;
      expect(lead.text).toContain(label);
      expect(o.markdown).toContain(md(label));
      expect(o.html).toContain(label);
    });

    it(`${name}: no sentence reads "(…) (…)"`, () => {
      const o = get(name);
      const sentences = [
        ...o.terminal.split('\n'),
        ...o.markdown.split('\n'),
        ...o.json.diagnosis.reasoning.map((r) => r.text),
        ...o.json.findings.map((f) => f.title),
        ...o.html.split(/\s{2,}/),
      ];
      expect(sentences.filter((s) => s.includes(') ('))).toEqual([]);
    });
  }

  it('the findings lists open with the finding the verdict names', () => {
    for (const name of SAMPLES) {
      const o = get(name);
      const lead = o.json.findings.find((f) => f.id === o.json.diagnosis.cause!.findings[0])!;
      const lines = o.terminal.split('\n');
      const first = lines[lines.findIndex((l) => l.trim() === 'findings:') + 1]!;
      expect(first, name).toContain(`${lead.resource}/${lead.signal}: ${lead.title}`);
      const row = o.markdown.split('\n').find((l) => /^\| (critical|warning|info) \|/.test(l))!;
      expect(row, name).toContain(`| ${md(lead.title)} |`);
      // the HTML findings section's first card
      const card = /<h4>([\s\S]*?)<\/h4>/.exec(o.page)![1]!;
      expect(card.replace(/<[^>]+>/g, ''), name).toContain(lead.title);
    }
  });

  it('the cause chart labels its strips in words, never by a raw signal id', () => {
    const ids = Object.values(SIGNALS).flat();
    for (const name of SAMPLES) {
      const html = get(name).html;
      // db-lock and memory plot log signals as rates; close-wait plots its sockets' series
      if (name !== 'close-wait') expect(html, name).toMatch(/\/s\b/);
      expect(
        ids.filter((id) => html.includes(`${id}/s`) || html.includes(`${id} +`)),
        name,
      ).toEqual([]);
    }
  });

  it('db-lock: each victim line names what its tier suffered, not the resource', () => {
    const o = get('db-lock');
    const victims = o.terminal.split('\n').filter((l) => l.trimStart().startsWith('victim:'));
    expect(victims.length).toBe(o.json.diagnosis.victims.length);
    for (const v of o.json.diagnosis.victims) {
      const line = victims.find((l) => l.includes(` ${v.host} (`))!;
      // the label carries the USE cell of the finding its link reaches
      const f = o.json.findings.find((x) => x.id === v.link.to)!;
      expect(line).toContain(`${f.resource} ${f.signal})`);
      expect(line.slice(line.indexOf('· ') + 2).startsWith(`${f.resource} `)).toBe(false);
    }
  });
});

describe('samples/memory: one OOM kill is one critical finding', () => {
  it('in the JSON, the terminal, Markdown and the HTML', () => {
    const o = get('memory');
    const crit = o.json.findings.filter((f) => f.resource === 'memory' && f.severity === 'critical');
    expect(crit.length).toBe(1);
    expect(crit[0]!.host).toBe(o.json.diagnosis.cause!.host);
    expect(o.terminal.split('\n').filter((l) => /^\s+CRIT .* memory\//.test(l)).length).toBe(1);
    expect(o.markdown.split('\n').filter((l) => /^\| critical \|[^|]*\| memory \|/.test(l)).length).toBe(1);
    // USE tables: memory critical in the cause's host block only
    const blocks = o.terminal.split(/\n(?= {2}USE )/).filter((b) => b.startsWith('  USE '));
    expect(blocks.length).toBe(3);
    expect(blocks.filter((b) => /\n\s+memory\s+critical/.test(b)).length).toBe(1);
    expect(o.json.use.filter((c) => c.resource === 'memory' && c.status === 'critical').length).toBe(1);
    // the other captures' copies say where the fact is counted, by the tier's name
    const cause = o.json.diagnosis.cause!;
    expect(o.html).toContain(`the same fact as the ${cause.tier} tier's on this machine`);
  });
});
