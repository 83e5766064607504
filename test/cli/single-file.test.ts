/**
 * The single-file analyzer (dist/sitrep.mjs, written by `npm run build`) as an
 * offline workstation gets it: copied alone into an empty directory, no
 * node_modules anywhere, run on the samples with its worker threads; and the
 * capture script it hands over, from the package and from the single file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, sitrep } from './run.js';

const SINGLE = join(REPO, 'dist', 'sitrep.mjs');
const SAMPLES = ['web', 'app', 'db'].map((t) => join(REPO, 'samples', 'db-lock', `${t}.tar.gz`));
const SCRIPT = readFileSync(join(REPO, 'scripts', 'sitrep-capture.sh'), 'utf8');

let dir: string;
beforeAll(() => {
  if (!existsSync(SINGLE)) throw new Error(`${SINGLE} is missing: npm test builds it (npm run build)`);
  dir = mkdtempSync(join(tmpdir(), 'sitrep-single-'));
  copyFileSync(SINGLE, join(dir, 'sitrep.mjs'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** node sitrep.mjs … in the empty directory, with nothing Node could resolve a package from. */
function single(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = { ...process.env, NODE_PATH: '', NODE_OPTIONS: '' };
  const r = spawnSync(process.execPath, ['sitrep.mjs', ...args], { cwd: dir, encoding: 'utf8', env, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the single file', () => {
  it('answers --version with the package version', () => {
    const version = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version;
    expect(single(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it('analyzes the samples in worker threads and writes the same diagnosis as the package', async () => {
    const r = single(['analyze', ...SAMPLES, '--workers', '2', '-o', 'report.html', '--json', 'report.json', '--md', 'report.md']);
    expect(r.stderr).toBe('sitrep: wrote report.html\nsitrep: wrote report.json\nsitrep: wrote report.md\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CAUSE FOUND/);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; style-src &#x27;sha256-/);
    const ours = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    const pkg = JSON.parse((await sitrep(['analyze', ...SAMPLES, '--json', '-'])).stdout);
    expect(ours.diagnosis).toEqual(pkg.diagnosis);
    expect(ours.findings).toEqual(pkg.findings);
  });

  it('loads one bundle with its parse workers (split) the same as in one thread', () => {
    // --workers 2 on one bundle: it is read in this thread and parsed in parse workers (on 2+ cores).
    const split = JSON.parse(single(['analyze', SAMPLES[2]!, '--json', '-', '--workers', '2']).stdout);
    const one = JSON.parse(single(['analyze', SAMPLES[2]!, '--json', '-', '--workers', '1']).stdout);
    expect(split.findings).toEqual(one.findings);
    expect(split.parsed).toEqual(one.parsed);
  });
});

describe('sitrep capture-script', () => {
  it("prints the package's capture script, byte for byte, from the package and from the single file", async () => {
    expect((await sitrep(['capture-script'])).stdout).toBe(SCRIPT);
    expect(single(['capture-script']).stdout).toBe(SCRIPT);
  });

  it('-o FILE writes it, executable, and says how to run it', async () => {
    const out = join(dir, 'sitrep-capture.sh');
    const r = await sitrep(['capture-script', '-o', out]);
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(SCRIPT);
    if (process.platform !== 'win32') expect(statSync(out).mode & 0o111).toBe(0o111);
    expect(r.stderr).toBe(`sitrep: wrote ${out}; copy it to the server and run: sudo bash sitrep-capture.sh -t TIER -d 30\n`);
  });
});
