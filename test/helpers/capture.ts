/**
 * Run the real capture script (scripts/sitrep-capture.sh) and read the bundle
 * it writes, with the system `tar`. Shared by the capture tests and by anyone
 * who needs a fresh bundle from this machine. Depends on nothing under src/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * The script under test. SITREP_CAPTURE_SCRIPT points the capture tests at
 * another version (e.g. `git show main:scripts/sitrep-capture.sh`), to check
 * that a new test fails on the old script.
 */
export const CAPTURE_SCRIPT = process.env.SITREP_CAPTURE_SCRIPT ?? join(REPO_ROOT, 'scripts', 'sitrep-capture.sh');
/** Tests that switch to `nobody` or write under /var/lib need root (CI runs as root): see need.ts. */
export { IS_ROOT } from './need.js';

export interface CaptureOptions {
  /** Extra environment (merged over process.env; PATH here replaces it). */
  env?: Record<string, string>;
  /** Run as the unprivileged `nobody` (the caller must be root). */
  user?: 'nobody';
  /** Kill the capture (SIGKILL) after this long; default 90 s. */
  timeoutMs?: number;
  /** Script to run instead of scripts/sitrep-capture.sh. */
  script?: string;
  /** A command to run bash under (e.g. `['ip', 'netns', 'exec', 'NS']`). Not with `user`. */
  prefix?: string[];
  /** Called with the child right after spawn (e.g. to signal it mid-window). */
  onSpawn?: (child: ChildProcess) => void;
}

export interface CaptureResult {
  /** Last line of stdout when the capture exited 0, else null. */
  bundlePath: string | null;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  durationMs: number;
}

/** Spawns `bash sitrep-capture.sh ARGS` and resolves when it exits. */
export function runCapture(args: string[], opts: CaptureOptions = {}): Promise<CaptureResult> {
  const script = opts.script ?? CAPTURE_SCRIPT;
  const env: NodeJS.ProcessEnv = { ...process.env, ...(opts.env ?? {}) };
  let cmd = 'bash';
  let argv = [script, ...args];
  if (opts.user === 'nobody') {
    cmd = 'setpriv';
    argv = ['--reuid=65534', '--regid=65534', '--clear-groups', 'bash', ...argv];
    env.HOME = '/nonexistent';
    env.USER = 'nobody';
  } else if (opts.prefix && opts.prefix.length > 0) {
    argv = [...opts.prefix.slice(1), cmd, ...argv];
    cmd = opts.prefix[0]!;
  }
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 90_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const lines = stdout.split('\n').filter((l) => l.length > 0);
      resolvePromise({
        bundlePath: code === 0 && lines.length > 0 ? lines[lines.length - 1]! : null,
        stdout,
        stderr,
        exitCode: code,
        signal,
        durationMs: Date.now() - started,
      });
    });
    opts.onSpawn?.(child);
  });
}

export const MANIFEST_COLUMNS = ['path', 'kind', 'name', 'source', 'status', 'exit', 'start', 'end', 'duration_ms', 'bytes', 'mtime', 'reason'] as const;
export type ManifestRow = Record<(typeof MANIFEST_COLUMNS)[number], string>;

export interface Bundle {
  /** The top directory inside the tarball (`<host>-<stamp>`). */
  top: string;
  /** Member names as `tar tzf` lists them. */
  members: string[];
  meta: Record<string, string>;
  /** The manifest's first line (`#sitrep-manifest<TAB>1`) and column line. */
  manifestHeader: [string, string];
  manifest: ManifestRow[];
  /** Regular files, keyed by path relative to the top directory. */
  files: Map<string, Buffer>;
}

/** Lists and unpacks a bundle with the system tar, and reads every file. */
export function readBundle(path: string): Bundle {
  const list = spawnSync('tar', ['tzf', path], { encoding: 'utf8' });
  if (list.status !== 0) throw new Error(`tar tzf ${path} failed: ${list.stderr}`);
  const members = list.stdout.split('\n').filter((l) => l.length > 0);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-bundle-'));
  try {
    const x = spawnSync('tar', ['xzf', path, '-C', dir], { encoding: 'utf8' });
    if (x.status !== 0) throw new Error(`tar xzf ${path} failed: ${x.stderr}`);
    const tops = readdirSync(dir);
    if (tops.length !== 1) throw new Error(`expected one top directory, found ${tops.join(', ')}`);
    const top = tops[0]!;
    const root = join(dir, top);
    const files = new Map<string, Buffer>();
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) files.set(relative(root, p), readFileSync(p));
        else throw new Error(`bundle member is neither file nor directory: ${relative(root, p)}`);
      }
    };
    walk(root);
    const meta: Record<string, string> = {};
    for (const line of (files.get('meta.txt')?.toString('utf8') ?? '').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0) meta[line.slice(0, i)] = line.slice(i + 1);
    }
    const mlines = (files.get('manifest.tsv')?.toString('utf8') ?? '').split('\n').filter((l) => l);
    const manifest = mlines.slice(2).map((l) => {
      const cells = l.split('\t');
      const row = {} as ManifestRow;
      MANIFEST_COLUMNS.forEach((c, i) => (row[c] = cells[i] ?? ''));
      return row;
    });
    return {
      top,
      members,
      meta,
      manifestHeader: [mlines[0] ?? '', mlines[1] ?? ''],
      manifest,
      files,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Rows of the manifest with this name (a name appears twice for snap start/end). */
export function rows(b: Bundle, name: string): ManifestRow[] {
  return b.manifest.filter((r) => r.name === name);
}

/** Epoch times of the `@@sitrep <epoch>` markers in a text artifact. */
export function markers(text: string): number[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('@@sitrep '))
    .map((l) => Number(l.slice('@@sitrep '.length)));
}

/** A fresh temporary directory; chmod 777 when `world` (for the nobody runs). */
export function tempDir(prefix: string, world = false): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  if (world) spawnSync('chmod', ['777', d]);
  return d;
}

/** Pids of live processes whose environment holds NAME=VALUE (root sees all). */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = Buffer.from(`${name}=${value}\0`);
  const pids: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try {
      const env = readFileSync(`/proc/${e}/environ`);
      if (env.includes(needle)) pids.push(Number(e));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

/** The command name of a pid (`/proc/<pid>/comm`), or '' when gone. */
export function commOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** Entries of a directory (for leftover checks). */
export function listDir(d: string): string[] {
  return readdirSync(d);
}

export function fileSize(p: string): number {
  return statSync(p).size;
}

/**
 * Every member's bytes, `.gz` members inflated too: what a search for a
 * leaked secret must look through (a rotated log is kept compressed).
 */
export function memberContents(b: Bundle): { path: string; data: Buffer }[] {
  return [...b.files].map(([path, data]) => ({ path, data: path.endsWith('.gz') ? gunzipSync(data) : data }));
}

/** Paths of the members (inflated where gzipped) that contain NEEDLE. */
export function membersContaining(b: Bundle, needle: string): string[] {
  return memberContents(b)
    .filter((m) => m.data.includes(needle))
    .map((m) => m.path);
}
