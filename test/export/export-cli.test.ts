/** `sitrep export` as a user meets it (the built CLI): help, usage errors, outputs written safely and the same twice. */
import { lstatSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../bundle/build.js';
import { noTrace, REPO, sitrep } from '../cli/run.js';

const DB_LOCK = ['web', 'app', 'db'].map((t) => join(REPO, 'samples', 'db-lock', `${t}.tar.gz`));
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => tmp.cleanup());

const jsonLines = (s: string): Record<string, any>[] =>
  s
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));

describe('sitrep export', () => {
  it('--help names the formats and gives examples', async () => {
    const r = await sitrep(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Examples:/);
    for (const f of ['ecs', 'otlp', 'clickhouse', '--bulk', '--table']) expect(r.stdout).toContain(f);
  });

  it('usage errors: exit 1, one line, no trace', async () => {
    for (const args of [
      ['export', ...DB_LOCK, '-o', '-'],
      ['export', ...DB_LOCK, '--format', 'clickhouse', '-o', '-'],
      ['export', ...DB_LOCK, '--format', 'otlp', '--bulk', '-o', '-'],
      ['export', ...DB_LOCK, '--format', 'ecs', '--table', 'events', '-o', '-'],
      ['export', ...DB_LOCK, '--format', 'ecs'],
      ['export', '--format', 'ecs', '-o', '-'],
      ['export', ...DB_LOCK, '--format', 'xml', '-o', '-'],
    ]) {
      const r = await sitrep(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(noTrace(r.stderr)).toBe(true);
      expect(r.stdout).toBe('');
    }
  });

  it("ecs --bulk: create actions, each followed by its document, the action's _id the document's event.id", async () => {
    const r = await sitrep(['export', ...DB_LOCK, '--format', 'ecs', '--bulk', '-o', '-']);
    expect(r.code).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines.length % 2).toBe(0);
    for (let i = 0; i < lines.length; i += 2) {
      expect(Object.keys(lines[i]!)).toEqual(['create']);
      expect(lines[i]!.create._id).toBe(lines[i + 1]!.event.id);
    }
  });

  it('clickhouse -o DIR: one 0600 file per table, the same bytes on a second export', async () => {
    const runs = ['a', 'b'].map((d) => join(tmp.dir, d));
    for (const dir of runs) {
      const r = await sitrep(['export', ...DB_LOCK, '--format', 'clickhouse', '-o', dir, '-q']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
    }
    const files = readdirSync(runs[0]!).sort();
    expect(files).toEqual(['sitrep_captures.jsonl', 'sitrep_diagnoses.jsonl', 'sitrep_events.jsonl', 'sitrep_findings.jsonl']);
    for (const f of files) {
      expect(statSync(join(runs[0]!, f)).mode & 0o777).toBe(0o600);
      expect(readFileSync(join(runs[1]!, f), 'utf8')).toBe(readFileSync(join(runs[0]!, f), 'utf8'));
    }
    expect(
      jsonLines(readFileSync(join(runs[0]!, 'sitrep_captures.jsonl'), 'utf8'))
        .map((c) => c.host)
        .sort(),
    ).toEqual(['app1', 'db1', 'web1']);
  });

  it('never writes through a symbolic link, nor over an input', async () => {
    const victim = join(tmp.dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    const link = join(tmp.dir, 'out.jsonl');
    symlinkSync(victim, link);
    const r = await sitrep(['export', ...DB_LOCK, '--format', 'otlp', '-o', link]);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/out\.jsonl: refusing to write through a symbolic link/);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    const over = await sitrep(['export', ...DB_LOCK, '--format', 'otlp', '-o', DB_LOCK[0]!]);
    expect(over.code).toBe(5);
    expect(over.stderr).toMatch(/refusing to write over input/);
  });

  it('--redact: every record comes from the redacted copies, no hostname left', async () => {
    const env = { XDG_CONFIG_HOME: join(tmp.dir, 'config') };
    const r = await sitrep(['export', ...DB_LOCK, '--format', 'ecs', '--redact', '-o', '-'], { env });
    expect(r.code, r.stderr).toBe(0);
    const docs = jsonLines(r.stdout);
    expect(docs.length).toBeGreaterThan(100);
    // As words: a hex id may hold "db1".
    expect(r.stdout).not.toMatch(/\b(?:web1|app1|db1)\b/);
    expect(new Set(docs.map((d) => d.host?.name)).size).toBe(3);
  });

  it('an unreadable bundle: the others are exported, the exit status is its', async () => {
    const r = await sitrep(['export', DB_LOCK[0]!, join(tmp.dir, 'missing.tar.gz'), '--format', 'clickhouse', '--table', 'captures', '-o', '-']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing\.tar\.gz: cannot read bundle/);
    expect(jsonLines(r.stdout).map((c) => c.host)).toEqual(['web1']);
  });
});
