/**
 * Pass one (collect.ts) stops once it has meta.txt, the manifest and every
 * process table the manifest lists, which a capture writes first. A table past
 * that point (one the manifest does not list) must still have its users
 * hidden: the redaction meets it, reads every bundle whole and starts again.
 * The bundles are real lab captures (samples/), packed again by the system tar
 * in a chosen order, with one ps table of theirs given a planted user.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';
import { collectLiterals, redactBundles } from '../../src/redact/index.js';
import { everything, whereFound } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-tables-'));
const key = join(tmp, 'key');
writeFileSync(key, 'e'.repeat(64), { mode: 0o600 });
const SAMPLE = 'samples/db-lock/app.tar.gz';
const TABLES = ['snap/end/ps.txt', 'snap/end/top.txt', 'snap/start/ps.txt', 'snap/start/top.txt'];
const CANARY = 'canaryop';

function files(dir: string, root = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) files(p, root, out);
    else out.push(relative(root, p));
  }
  return out;
}

/**
 * The sample packed again with its members in the order `order` gives (every
 * other member after, by name), and with `extra` (a path under the top
 * directory) holding the sample's snap/end/ps.txt with root's first process
 * run by CANARY, the columns kept.
 */
function repacked(name: string, order: (all: string[]) => string[], extra?: string): string {
  const x = mkdtempSync(join(tmp, 'x-'));
  if (spawnSync('tar', ['-xzf', join(REPO, SAMPLE), '-C', x]).status !== 0) throw new Error(`tar cannot unpack ${SAMPLE}`);
  const top = readdirSync(x)[0]!;
  if (extra !== undefined) {
    const ps = readFileSync(join(x, top, 'snap/end/ps.txt'), 'latin1');
    // `  PID  PPID USER     STAT`: root's 9 columns (name and padding) become the canary's 8 and a space.
    const planted = ps.replace(/^(\s*\d+\s+\d+ )root {5}/m, (_, lead: string) => `${lead}${CANARY} `);
    if (planted === ps) throw new Error('no process of root in the sample table');
    mkdirSync(join(x, top, extra, '..'), { recursive: true });
    writeFileSync(join(x, top, extra), planted, 'latin1');
  }
  const all = files(join(x, top)).sort();
  const first = order(all);
  const list = [...first, ...all.filter((f) => !first.includes(f))].map((f) => `${top}/${f}`);
  writeFileSync(join(x, 'list'), list.join('\n') + '\n');
  const out = join(tmp, name);
  if (spawnSync('tar', ['-czf', out, '-C', x, '--no-recursion', '-T', join(x, 'list')]).status !== 0) throw new Error(`tar cannot pack ${out}`);
  return out;
}

const captureOrder = (): string[] => ['meta.txt', 'manifest.tsv', ...TABLES];

describe('pass one over a bundle', () => {
  it('stops after meta.txt, the manifest and the tables it lists when a capture wrote them first', async () => {
    const bundle = repacked('capture-order.tar.gz', captureOrder);
    const early = await collectLiterals(bundle);
    const whole = await collectLiterals(bundle, true);
    expect(early.members).toBe(2 + TABLES.length);
    expect(whole.members).toBeGreaterThan(40);
    expect([...early.tables].sort()).toEqual(TABLES);
    expect(early.literals).toEqual(whole.literals);
  });

  it('stops at the manifest when the tables it lists came before it', async () => {
    const bundle = repacked('tables-first.tar.gz', () => ['meta.txt', ...TABLES, 'manifest.tsv']);
    const early = await collectLiterals(bundle);
    expect(early.members).toBe(2 + TABLES.length);
    expect(early.literals).toEqual((await collectLiterals(bundle, true)).literals);
  });

  it('reads on to the last listed table when the tables come after the logs (the order before)', async () => {
    const bundle = repacked('name-order.tar.gz', (all) => ['meta.txt', 'manifest.tsv', ...all.filter((f) => !TABLES.includes(f))]);
    const early = await collectLiterals(bundle);
    expect(early.members).toBe((await collectLiterals(bundle, true)).members);
    expect([...early.tables].sort()).toEqual(TABLES);
  });

  it('reads a table the manifest lists wherever it is, and only then stops', async () => {
    // No planted table here: the listed ones, the last of them at the very end.
    const bundle = repacked('last-table.tar.gz', (all) =>
      ['meta.txt', 'manifest.tsv', ...all.filter((f) => f !== 'snap/start/top.txt')].concat('snap/start/top.txt'),
    );
    const early = await collectLiterals(bundle);
    expect(early.tables.has('snap/start/top.txt')).toBe(true);
    expect(early.members).toBe((await collectLiterals(bundle, true)).members);
  });

  it('misses the users of a table the manifest does not list, past where it stops', async () => {
    const bundle = repacked('unlisted.tar.gz', captureOrder, 'snap/extra/ps.txt');
    const early = await collectLiterals(bundle);
    const whole = await collectLiterals(bundle, true);
    expect(early.literals.map((l) => l.value)).not.toContain(CANARY);
    expect(whole.literals.map((l) => l.value)).toContain(CANARY);
    expect(whole.tables.has('snap/extra/ps.txt')).toBe(true);
  });
});

describe('a table pass one did not read', () => {
  it('makes the redaction read every bundle whole and start again: its users are hidden everywhere', async () => {
    const unlisted = repacked('unlisted-2.tar.gz', captureOrder, 'snap/extra/ps.txt');
    const plain = repacked('capture-order-2.tar.gz', captureOrder);
    const out = join(tmp, 'out');
    // Two bundles, the unlisted table in the second: the first is written again with the fuller set.
    const r = await redactBundles([plain, unlisted], out, { keyPath: key });
    expect(r.leaks).toEqual([]);
    expect(r.literals.map((l) => l.value)).toContain(CANARY);
    expect(readdirSync(out).sort()).toEqual(r.outcomes.map((o) => relative(out, o.output)).sort());
    const all = everything(out);
    expect(whereFound(all, CANARY)).toEqual([]);
    // The table is still there, its user aliased.
    expect([...all.keys()].some((k) => k.endsWith('snap/extra/ps.txt'))).toBe(true);
  });
});
