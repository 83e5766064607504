/**
 * Handing the capture over (issue 17): `--stdout` streams the bundle for an
 * ssh round trip (`... 'sudo bash -s -- --stdout' > web1.tar.gz`), and the
 * messages are written for the person running it: one prefix, human units,
 * a closing summary of what could not be collected, and the next step.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sitrep } from '../cli/run.js';
import { CAPTURE_SCRIPT, listDir, readBundle, rows, runCapture, tempDir } from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the script with its stdout redirected to FILE, as a shell's `>` would. */
function captureToFile(args: string[], file: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; stderr: string }> {
  const fd = openSync(file, 'w', 0o600);
  return new Promise((res, rej) => {
    const child = spawn('bash', [CAPTURE_SCRIPT, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', fd, 'pipe'] });
    closeSync(fd);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', rej);
    child.on('close', (code) => {
      clearTimeout(timer);
      res({ code, stderr });
    });
  });
}

/** Every stderr line carries the one prefix, and no raw epoch reaches a person. */
function expectHumanMessages(stderr: string): void {
  const lines = stderr.split('\n').filter((l) => l.length > 0);
  expect(lines.length).toBeGreaterThan(3);
  for (const l of lines) expect(l).toMatch(/^sitrep-capture: /);
  expect(stderr).not.toMatch(/\b1\d{9}\b/);
  expect(stderr).not.toMatch(/\d bytes\b/);
}

describe.skipIf(lacks('the capture --stdout tests', { root: true }))('--stdout', () => {
  it('writes the bundle to standard output, messages to stderr, and leaves nothing in TMPDIR or the cwd', async () => {
    const work = tempDir('sitrep-cap-stdout-');
    const tmp = tempDir('sitrep-cap-tmp-');
    const cwd = tempDir('sitrep-cap-cwd-');
    dirs.push(work, tmp, cwd);
    const file = join(work, 'x.tar.gz');
    const run = await captureToFile(['-d', '2', '--stdout'], file, { TMPDIR: tmp }, cwd);
    expect(run.code, run.stderr).toBe(0);
    expectHumanMessages(run.stderr);
    expect(run.stderr).toMatch(/wrote \S+\.tar\.gz to standard output/);
    expect(listDir(tmp)).toEqual([]);
    expect(listDir(cwd)).toEqual([]);
    expect(statSync(file).size).toBeGreaterThan(1000);
    const b = readBundle(file);
    expect(b.meta.argv).toBe('-d 2 --stdout');
    expect(rows(b, 'vmstat')[0]!.status).toBe('ok');
    // the analyzer reads it as it reads a bundle written to a file
    const inspect = await sitrep(['inspect', file]);
    expect(inspect.code, inspect.stderr).toBe(0);
    expect(inspect.stdout).toMatch(/^proc-meminfo +ok +\d+ +proc\/proc-meminfo\.txt$/m);
  });

  it('refuses a usage error before writing a byte to stdout', async () => {
    const work = tempDir('sitrep-cap-stdout-bad-');
    dirs.push(work);
    const file = join(work, 'x.tar.gz');
    const run = await captureToFile(['-d', '0', '--stdout'], file, {}, work);
    expect(run.code).toBe(2);
    expect(readFileSync(file).length).toBe(0);
    expect(run.stderr).toMatch(/^sitrep-capture: -d must be/);
  });
});

describe.skipIf(lacks('the capture message tests', { root: true }))('messages for people', () => {
  it('end with what could not be collected and why, and the next step', async () => {
    const out = tempDir('sitrep-cap-msg-');
    dirs.push(out);
    const missing = join(out, 'nowhere', '*.log');
    const run = await runCapture(['-d', '1', '-o', out, '--no-discover', '-l', missing]);
    expect(run.exitCode, run.stderr).toBe(0);
    expectHumanMessages(run.stderr);
    const name = run.bundlePath!.split('/').pop()!;
    expect(run.stderr).toMatch(/logs since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \S+ \(1 d before the start\)/);
    expect(run.stderr).toMatch(/byte budget 100 MiB/);
    expect(run.stderr).toContain('not collected, or only in part');
    expect(run.stderr).toContain(`not found: `);
    expect(run.stderr).toContain(`log:${missing}`);
    expect(run.stderr).toMatch(new RegExp(`wrote ${run.bundlePath!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\([\\d.]+ [KM]iB\\) in \\d+ s`));
    expect(run.stderr).toMatch(new RegExp(`next: .* and run: sitrep analyze ${name.replace(/\./g, '\\.')}\\n`));
  });
});

describe.skipIf(lacks('the --stdout terminal refusal', { tools: ['script'] }))('--stdout on a terminal', () => {
  it('refuses to write a tarball to a terminal, at once, and leaves nothing behind', async () => {
    const cwd = tempDir('sitrep-cap-tty-');
    dirs.push(cwd);
    // util-linux script(1) gives the child a pseudo-terminal as stdout, as an engineer's shell would.
    const r = await new Promise<{ code: number | null; out: string }>((res, rej) => {
      const child = spawn('script', ['-qec', `bash ${CAPTURE_SCRIPT} -d 2 --stdout`, '/dev/null'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      child.on('error', rej);
      child.on('close', (code) => {
        clearTimeout(timer);
        res({ code, out });
      });
    });
    expect(r.code, r.out).toBe(2);
    expect(r.out).toMatch(/sitrep-capture: --stdout: standard output is a terminal/);
    // no gzip bytes reached the terminal, and no bundle or work directory was left
    expect(r.out).not.toContain('\u001f\u008b');
    expect(listDir(cwd)).toEqual([]);
  });
});
