/**
 * Text from a bundle never reaches a terminal with a bidi override or a C1
 * control raw (issue 15, item 5): `inspect`'s table and JSON, `parse`'s JSON
 * Lines on stdout, and the warnings on stderr. JSON keeps the value (the
 * characters come back from JSON.parse), only spelled as `\u` escapes.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTar, manifest, meta, tempDir } from '../bundle/build.js';
import { sitrep } from './run.js';

// U+202E right-to-left override, U+2066 isolate, U+009B the one-byte CSI.
const HOSTILE = '\u202Eevil\u2066x\u009B2J';
const RAW = /[\u0080-\u009F\u202A-\u202E\u2066-\u2069]/;

let dir: Awaited<ReturnType<typeof tempDir>>;
let bundle: string;
let log: string;

beforeAll(async () => {
  dir = await tempDir();
  bundle = await buildTar(join(dir.dir, 'b.tar.gz'), [
    { name: 'meta.txt', body: meta({ hostname: `web${HOSTILE}` }) },
    {
      name: 'manifest.tsv',
      body: manifest([
        ['proc/proc-loadavg.txt', 'proc', 'proc-loadavg'],
        ['cmd/t.txt', 'cmd', 'timedatectl', 'failed', `no ${HOSTILE}`],
      ]),
    },
    { name: 'proc/proc-loadavg.txt', body: '0.10 0.20 0.30 1/100 42\n' },
  ]);
  log = join(dir.dir, 'syslog');
  await writeFile(log, `Nov 26 05:00:01 web1 app[12]: login ${HOSTILE}\n`);
});
afterAll(async () => dir.cleanup());

describe('bundle text on a terminal', () => {
  it('inspect: the table has no raw bidi or C1 character', async () => {
    const r = await sitrep(['inspect', bundle]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('web\\u202eevil\\u2066x\\x9b2J');
    expect(r.stdout).not.toMatch(RAW);
  });

  it('inspect --json -: escaped, and the value is kept', async () => {
    const r = await sitrep(['inspect', bundle, '--json', '-']);
    expect(r.stdout).not.toMatch(RAW);
    expect(JSON.parse(r.stdout).hostname).toBe(`web${HOSTILE}`);
  });

  it('parse: JSON Lines on stdout escaped, the value kept', async () => {
    const r = await sitrep(['parse', '--as', 'syslog', log]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(JSON.parse(r.stdout.split('\n')[0]!).message).toContain(HOSTILE);
  });

  it('parse: a warning quoting a line writes its controls out on stderr', async () => {
    const r = await sitrep(['parse', '--as', 'mpstat', log]);
    expect(r.stderr).toContain('\\u202e');
    expect(r.stderr).not.toMatch(RAW);
  });
});
