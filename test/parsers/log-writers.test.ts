/** The log-writers artifact of a real capture names the process that holds the given log open. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { commandParser } from '../../src/parsers/registry.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-lw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("'log-writers' parses a real capture's listing and finds the writer of the log", () => {
  const log = join(dir, 'writer.log');
  writeFileSync(log, 'first line\n');
  // A real writer: a shell with the log open on fd 7 for the whole capture.
  const writer = spawn('bash', ['-c', `exec 7>>'${log}'; exec sleep 60`], { stdio: 'ignore' });
  try {
    const out = dir;
    const r = spawnSync('bash', [join(REPO_ROOT, 'scripts', 'sitrep-capture.sh'), '-d', '1', '-q', '--no-discover', '-l', log, '-o', out], {
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const bundle = r.stdout.trim().split('\n').at(-1) as string;
    const text = spawnSync('tar', ['-xzOf', bundle, '--wildcards', '*/cmd/log-writers.txt'], { encoding: 'utf8' }).stdout;
    const parser = commandParser('log-writers');
    const result = parser!.parse(text, { file: 'cmd/log-writers.txt', clock: {} });
    expect(result.diagnostics).toEqual([]);
    expect(result.data).toContainEqual({ pid: writer.pid, comm: 'sleep', path: log });
  } finally {
    writer.kill('SIGKILL');
  }
});
