/**
 * The CLI as a new user meets it, mistakes included (issue 17): each mistake
 * gets one line saying what happened and what to run instead.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../bundle/build.js';
import { lacks } from '../helpers/need.js';
import { CLI, noTrace, REPO, sitrep } from './run.js';

const SAMPLE = join(REPO, 'samples', 'db-lock', 'app.tar.gz');
const SAMPLE_DB = join(REPO, 'samples', 'db-lock', 'db.tar.gz');
// The first lines of /var/log/dpkg.log on the Debian 12 development machine.
const DPKG = [
  '2025-06-24 14:36:25 startup archives unpack',
  '2025-06-24 14:36:25 upgrade libsystemd0:amd64 252.36-1~deb12u1 252.38-1~deb12u1',
  '2025-06-24 14:36:25 status triggers-pending libc-bin:amd64 2.36-9+deb12u10',
].join('\n');
const SYSLOG = 'Nov 26 05:00:01 web1 app[42]: started\nNov 26 05:00:02 web1 app[42]: ready\n';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => tmp.cleanup());

const oneLine = (s: string): string[] => s.trim().split('\n');

describe('usage mistakes', () => {
  it('an unknown option before the bundle is named, not "Not enough non-option arguments"', async () => {
    const r = await sitrep(['analyze', '--frob', SAMPLE]);
    expect(r.code).toBe(1);
    expect(oneLine(r.stderr)).toEqual(['sitrep: Unknown argument: frob (see sitrep --help)']);
  });

  it('--json, --md or -o without a value: exit 1 naming the option, not ENOENT', async () => {
    for (const [flag, shown] of [
      ['--json', '--json'],
      ['--md', '--md'],
      ['-o', '-o/--output'],
    ] as const) {
      const r = await sitrep(['analyze', SAMPLE, flag]);
      expect(r.code, flag).toBe(1);
      expect(oneLine(r.stderr), flag).toEqual([`sitrep: ${shown} needs a file name (or - for stdout)`]);
    }
  });

  it('analyze --help has no [array] [required] [default: []] noise', async () => {
    const r = await sitrep(['analyze', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^sitrep analyze BUNDLE\.\.\. \[options\]/);
    expect(r.stdout).not.toMatch(/\[array\]|\[required\]|\[default: \[\]\]/);
    expect(r.stdout).toMatch(/--wide/);
  });
});

describe('docs/cli.md', () => {
  it('covers every command and every option that --help lists', async () => {
    const doc = await readFile(join(REPO, 'docs', 'cli.md'), 'utf8');
    const top = (await sitrep(['--help'])).stdout;
    const commands = [...top.matchAll(/^ {2}sitrep ([a-z-]+)/gm)].map((m) => m[1]!);
    expect(commands).toContain('capture-script');
    for (const c of commands) {
      expect(doc, c).toContain(`sitrep ${c}`);
      const help = (await sitrep([c, '--help'])).stdout;
      for (const [, opt] of help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)) {
        if (opt !== '--help' && opt !== '--version' && opt !== '--debug') expect(doc, `${c} ${opt}`).toContain(opt);
      }
    }
    expect(doc).not.toMatch(/write nothing yet|Work in progress/);
  });
});

describe('analyze on what is not a bundle: one line each, with a hint', () => {
  const one = async (path: string): Promise<string> => {
    const r = await sitrep(['analyze', path]);
    expect(r.code).toBeGreaterThan(0);
    expect(noTrace(r.stderr)).toBe(true);
    expect(oneLine(r.stderr)).toHaveLength(1);
    return r.stderr.trim();
  };

  it('a directory of bundles names the bundles inside', async () => {
    const dir = join(tmp.dir, 'captures');
    await mkdir(dir);
    await copyFile(SAMPLE, join(dir, 'app1-20261126T050000Z.tar.gz'));
    expect(await one(dir)).toMatch(
      /^sitrep: captures: a directory of 1 bundle, not a bundle: name them, e\.g\. sitrep analyze \S*captures\/app1-20261126T050000Z\.tar\.gz$/,
    );
  });

  it('a .zip says to unzip it', async () => {
    const zip = join(tmp.dir, 'bundles.zip');
    // A zip's local file header, as `zip` writes it, then the stored data.
    await writeFile(zip, Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x00\x00', 'latin1'), Buffer.alloc(64)]));
    expect(await one(zip)).toMatch(/^sitrep: bundles\.zip: a zip archive, not a bundle: .*unzip it/);
  });

  it('an empty file says the copy or the capture did not finish', async () => {
    const empty = join(tmp.dir, 'web1-empty.tar.gz');
    await writeFile(empty, '');
    expect(await one(empty)).toMatch(/^sitrep: web1-empty\.tar\.gz: empty file \(0 bytes\)/);
  });

  it('a plain log and a gzipped log point at sitrep parse', async () => {
    const plain = join(tmp.dir, 'syslog');
    await writeFile(plain, SYSLOG);
    expect(await one(plain)).toBe(`sitrep: syslog: a text file (a log?), not a bundle: to read one log, sitrep parse ${plain}`);
    const gz = join(tmp.dir, 'syslog.2.gz');
    await writeFile(gz, gzipSync(SYSLOG.repeat(4000)));
    const line = await one(gz);
    expect(line).toBe(`sitrep: syslog.2.gz: a gzip-compressed log, not a bundle: to read one log, sitrep parse ${gz}`);
    expect(line).not.toMatch(/gunzipped/);
  });
});

describe('the same bundle twice', () => {
  it('named twice: analysed once, saying so', async () => {
    const r = await sitrep(['analyze', SAMPLE, SAMPLE_DB, `${REPO}/samples/db-lock/../db-lock/app.tar.gz`, '--json', '-', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/app\.tar\.gz is the same file as \S+app\.tar\.gz: analysing it once/);
    expect(JSON.parse(r.stdout).hosts).toHaveLength(2);
  });

  it('a copy of it: the same capture, analysed once, saying so', async () => {
    const copy = join(tmp.dir, 'app-copy.tar.gz');
    await copyFile(SAMPLE, copy);
    const r = await sitrep(['analyze', SAMPLE, copy, '--json', '-', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/app-copy\.tar\.gz is the same capture \(same host, tier and window\) as \S+app\.tar\.gz: analysing it once/);
    expect(JSON.parse(r.stdout).hosts).toHaveLength(1);
  });
});

describe('parse', () => {
  it('--as vmstat on text that is no vmstat output: exit 6, as docs/cli.md says', async () => {
    const f = join(tmp.dir, 'notes.txt');
    await writeFile(f, DPKG);
    const r = await sitrep(['parse', '--as', 'vmstat', f]);
    expect(r.code).toBe(6);
    expect(r.stderr).toMatch(/notes\.txt: nothing could be parsed as vmstat/);
  });

  it('detection says what it chose; dpkg.log is not syslog from a host "startup"', async () => {
    const f = join(tmp.dir, 'dpkg.log');
    await writeFile(f, `${DPKG}\n`);
    const r = await sitrep(['parse', f]);
    expect(r.code).toBe(0);
    expect(oneLine(r.stderr)).toEqual(['sitrep: dpkg.log: detected log type app; choose another with --as TYPE (see sitrep parse --list)']);
    const events = oneLine(r.stdout).map((l) => JSON.parse(l));
    expect(events).toHaveLength(3);
    expect(events.map((e) => e.fields?.host)).not.toContain('startup');
    expect(events[0].message).toBe('startup archives unpack');
    const s = join(tmp.dir, 'syslog-detect');
    await writeFile(s, SYSLOG);
    expect((await sitrep(['parse', s])).stderr).toMatch(/detected log type syslog/);
  });
});

describe('outputs and the terminal summary', () => {
  it('says "wrote FILE" per output, and hints at -o when nothing was asked for', async () => {
    const html = join(tmp.dir, 'r.html');
    const json = join(tmp.dir, 'r.json');
    const r = await sitrep(['analyze', SAMPLE, '-o', html, '--json', json]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`sitrep: wrote ${html}\nsitrep: wrote ${json}\n`);
    const none = await sitrep(['analyze', SAMPLE]);
    expect(none.stderr).toMatch(/^sitrep: no report written; add -o report\.html/m);
    expect((await sitrep(['analyze', SAMPLE, '-q'])).stderr).toBe('');
  });

  it('piped, the summary keeps every line whole, however long', async () => {
    const r = await sitrep(['analyze', SAMPLE, SAMPLE_DB]);
    const j = JSON.parse((await sitrep(['analyze', SAMPLE, SAMPLE_DB, '--json', '-'])).stdout);
    const texts: string[] = j.diagnosis.reasoning.slice(0, 6).map((x: { text: string }) => x.text);
    expect(texts.some((t) => t.length > 100)).toBe(true);
    for (const t of texts) expect(r.stdout).toContain(t);
    expect(r.stdout).not.toContain('…');
  });

  // A real terminal of 60 columns: util-linux `script` gives the CLI a pty, stty sets its width.
  const inTerminal = (args: string[]): string => {
    const cmd = ['stty cols 60 rows 40;', 'exec', process.execPath, CLI, ...args].map((a) => (a.endsWith(';') ? a : `'${a}'`)).join(' ');
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return r.stdout.replace(/\r/g, '');
  };
  const widest = (text: string): number => Math.max(...text.split('\n').map((l) => Array.from(l).length));

  it.skipIf(lacks('the summary in a terminal', { tools: ['script', 'stty'] }))('on a terminal it fits the width; --wide keeps every line whole', async () => {
    const fitted = inTerminal(['analyze', SAMPLE, SAMPLE_DB, '-q']);
    expect(fitted).toMatch(/CAUSE FOUND/);
    expect(widest(fitted)).toBeLessThanOrEqual(60);
    expect(fitted).toContain('…');
    const wide = inTerminal(['analyze', SAMPLE, SAMPLE_DB, '-q', '--wide']);
    expect(widest(wide)).toBeGreaterThan(60);
    expect(wide).not.toContain('…');
  });
});
