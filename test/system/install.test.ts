/**
 * Issue 17's "done when", as a new user does it: `npm pack`, install the
 * tarball into an empty prefix, then from a directory outside the repository
 * `sitrep --version`, `sitrep analyze` on the samples, and the one-line round
 * trip `sitrep capture-script | bash -s -- -d 3 --stdout > x.tar.gz` followed
 * by `sitrep analyze x.tar.gz`. Needs the npm registry (the dependencies).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../cli/run.js';

const SCRIPT = join(REPO, 'scripts', 'sitrep-capture.sh');
// The capture's --stdout comes with its own change (issue 17, capture side): until then that step skips.
const HAS_STDOUT = spawnSync('grep', ['-q', '--', '--stdout', SCRIPT]).status === 0;
if (!HAS_STDOUT) console.warn('[sitrep tests] skipped the capture round trip: scripts/sitrep-capture.sh has no --stdout yet');

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-install-'));
const prefix = join(tmp, 'prefix');
const away = join(tmp, 'elsewhere');
const bin = join(prefix, 'bin', 'sitrep');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const npm = (args: string[], cwd: string): string =>
  execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=warn'], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 << 20,
  });

/** The installed sitrep, run from outside the repository. */
function sitrep(args: string[], opts: { input?: Buffer } = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(bin, args, { cwd: away, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let tarball: string;
beforeAll(() => {
  mkdirSync(away);
  // prepack (the build) may print before npm's JSON: read from the JSON's start.
  const out = npm(['pack', '--json', '--pack-destination', tmp], REPO);
  const packed = JSON.parse(out.slice(out.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
  tarball = join(tmp, packed[0]!.filename);
  const files = packed[0]!.files.map((f) => f.path);
  // What the package must carry, and nothing of the checkout's tests or sources.
  for (const f of [
    'LICENSE',
    'README.md',
    'dist/cli/main.js',
    'dist/sitrep.mjs',
    'templates/report.hbs',
    'scripts/sitrep-capture.sh',
    'schema/report.schema.json',
    'docs/cli.md',
    'docs/report-json.md',
  ]) {
    expect(files, f).toContain(f);
  }
  expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('samples/'))).toEqual([]);
  npm(['install', '--global', '--prefix', prefix, tarball], away);
}, 600_000);

describe('installed from npm pack into an empty prefix', () => {
  it('has no install-time script and answers --version', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    for (const s of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts?.[s], s).toBeUndefined();
    expect(sitrep(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('analyzes the samples', () => {
    const samples = ['web', 'app', 'db'].map((t) => join(REPO, 'samples', 'db-lock', `${t}.tar.gz`));
    const r = sitrep(['analyze', ...samples, '-o', 'report.html']);
    expect(r.stderr).toBe('sitrep: wrote report.html\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/CAUSE FOUND/);
    expect(statSync(join(away, 'report.html')).size).toBeGreaterThan(10_000);
  });

  it.skipIf(!HAS_STDOUT)('round trip: capture-script | bash -s -- -d 3 --stdout > x.tar.gz, then analyze x.tar.gz', () => {
    const script = sitrep(['capture-script']);
    expect(script.stdout).toBe(readFileSync(SCRIPT, 'utf8'));
    const x = join(away, 'x.tar.gz');
    const cap = spawnSync('bash', ['-c', `bash -s -- -d 3 --stdout > ${JSON.stringify(x)}`], {
      cwd: away,
      input: script.stdout,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(cap.status, cap.stderr.slice(-2000)).toBe(0);
    expect(existsSync(x) && statSync(x).size).toBeGreaterThan(1000);
    const r = sitrep(['analyze', 'x.tar.gz', '--json', 'x.json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(away, 'x.json'), 'utf8')).hosts).toHaveLength(1);
  });
});
