/**
 * `sitrep redact` on the real bundles in samples/: the same value gets the
 * same alias across runs and across bundle sets with one key, another key
 * gives other aliases, the outputs verify, and they diagnose the same.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnosisOf, everything, sitrepEnv, whereFound } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-redact-samples-'));
const env = { XDG_CONFIG_HOME: join(tmp, 'config') };
const key = join(tmp, 'k1');
const key2 = join(tmp, 'k2');
writeFileSync(key, 'a'.repeat(64), { mode: 0o600 });
writeFileSync(key2, 'b'.repeat(64), { mode: 0o600 });
const SET = ['samples/close-wait/app.tar.gz', 'samples/close-wait/db.tar.gz', 'samples/close-wait/web.tar.gz'];

/** Contents by member name (outer file names dropped): comparable across output directories. */
function byMember(all: Map<string, string>): Map<string, string> {
  return new Map(
    [...all].filter(([k]) => k.includes('!') && !k.includes('!name:')).map(([k, v]) => [k.slice(k.indexOf('/', k.indexOf('sitrep-redact-x-')) + 1), v]),
  );
}

describe('sitrep redact on samples/', () => {
  it('gives the same aliases across runs and bundle sets with one key, others with another key', async () => {
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((n) => join(tmp, n)) as [string, string, string, string];
    for (const [out, k, set] of [
      [a, key, SET],
      [b, key, SET],
      [c, key, SET.slice(1, 2)],
      [d, key2, SET],
    ] as const) {
      const r = await sitrepEnv(['redact', ...set, '-o', out, '--key', k, '--map', `${out}.map`], env);
      expect(r.stderr).not.toMatch(/left unredacted/);
      expect(r.code).toBe(0);
    }
    const [ma, mb, mc, md] = [a, b, c, d].map((o) => byMember(everything(o)));
    expect([...ma!.keys()].length).toBeGreaterThan(150);
    expect(ma).toEqual(mb);
    for (const [k, v] of mc!) expect(ma!.get(k)).toBe(v);
    // The app bundle's hostname (the lab captures each tier under its own: app1).
    const alias = (map: string): string => /^host\tapp1\t(\S+)$/m.exec(map)?.[1] ?? '';
    const [aliasA, aliasD] = [await readFile(`${a}.map`, 'utf8'), await readFile(`${d}.map`, 'utf8')].map(alias);
    expect(aliasA).toMatch(/^host-[0-9a-f]{6}$/);
    expect(aliasD).toMatch(/^host-[0-9a-f]{6}$/);
    expect(aliasD).not.toBe(aliasA);
    // The host's name is nowhere (sysctl keys such as vm.swappiness aside), its alias everywhere it was.
    const all = everything(a);
    expect(whereFound(all, `${aliasA}-`).length).toBeGreaterThan(0);
    expect(whereFound(all, 'hostname=vm\n')).toEqual([]);
  });

  it('writes the same bundles and the same map whatever the number of workers', async () => {
    const outs = [1, 2, 3].map((n) => join(tmp, `w${n}`));
    for (const [i, out] of outs.entries()) {
      const r = await sitrepEnv(['redact', ...SET, '-o', out, '--key', key, '--map', `${out}.map`, '--workers', String(i + 1)], env);
      expect(r.code).toBe(0);
    }
    // The map is the union of every worker's aliases, sorted: the same text as one thread's.
    const maps = await Promise.all(outs.map((o) => readFile(`${o}.map`, 'utf8')));
    expect(maps[0]!.split('\n').length).toBeGreaterThan(4); // two header lines, then the aliases
    expect(maps[1]).toBe(maps[0]);
    expect(maps[2]).toBe(maps[0]);
    const files = readdirSync(outs[0]!);
    expect(files).toHaveLength(3);
    for (const out of outs.slice(1)) for (const f of files) expect(readFileSync(join(out, f)).equals(readFileSync(join(outs[0]!, f))), f).toBe(true);
    const bad = await sitrepEnv(['redact', SET[0]!, '-o', join(tmp, 'w0'), '--key', key, '--workers', '0'], env);
    expect(bad.code).toBe(1); // USAGE
    expect(bad.stderr).toMatch(/--workers takes a whole number from 1 to 64, not 0/);
  });

  it('diagnoses the redacted copies as the originals (analyze --redact)', async () => {
    const plain = await sitrepEnv(['analyze', ...SET, '--json', '-', '-q'], env);
    const red = await sitrepEnv(['analyze', '--redact', ...SET, '--json', '-', '-q'], env);
    expect(plain.code).toBe(0);
    expect(red.code).toBe(0);
    expect(diagnosisOf(red.stdout)).toEqual(diagnosisOf(plain.stdout));
    expect(red.stdout).not.toMatch(/"hostname": ?"vm"/);
  });

  it('--verify fails closed on an unredacted bundle, naming file:line and kind, never the value', async () => {
    const dir = join(tmp, 'plain');
    const r0 = await sitrepEnv(['redact', SET[0]!, '-o', join(tmp, 'v'), '--key', key, '--map', join(tmp, 'v.map')], env);
    expect(r0.code).toBe(0);
    await sitrepEnv(['redact', '--verify', join(tmp, 'v'), '--map', join(tmp, 'v.map')], env).then((r) => expect(r.code).toBe(0));
    const { cpSync } = await import('node:fs');
    cpSync(SET[0]!, join(dir, 'app.tar.gz'));
    const r = await sitrepEnv(['redact', '--verify', dir, '--map', join(tmp, 'v.map')], env);
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(/^app\.tar\.gz:meta\.txt:4: host name: left unredacted$/m);
    expect(r.stderr).toMatch(/host name in a name: left unredacted/);
    expect(r.stderr).toMatch(/mac: left unredacted/);
    expect(r.stderr).not.toMatch(/=vm\b|vm-2026/);
  });

  it('refuses a map inside the output directory', async () => {
    const r = await sitrepEnv(['redact', SET[0]!, '-o', join(tmp, 'm'), '--key', key, '--map', join(tmp, 'm', 'map.tsv')], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--map must not be inside the output directory/);
  });
});
