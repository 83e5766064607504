/**
 * The redacted archive's own format (archive.ts, tar-header.ts): a tar stream
 * in gzip members, one for each header and one for each body. Read back by
 * the readers a bundle meets: sitrep's (tar-stream after one gunzip), and
 * GNU tar and gzip on the command line; names ustar holds, names split into
 * its prefix, names only pax holds (too long, no `/` to split at, not ASCII).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { createGunzip, gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, describe, expect, it } from 'vitest';
import { GzipMemberArchive } from '../../src/redact/archive.js';
import { BLOCK, fileHeader } from '../../src/redact/tar-header.js';
import { writeOut } from '../../src/redact/write-out.js';
import { lacks } from '../helpers/need.js';

const dir = mkdtempSync(join(tmpdir(), 'sitrep-archive-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TOP = 'host-1-20261206T030000Z';
const MEMBERS: [string, string][] = [
  ['fits ustar', `${TOP}/meta.txt`],
  ['split into prefix and name', `${TOP}/logs/${'d'.repeat(70)}/${'e'.repeat(60)}.log`],
  ['pax: a component over 100 bytes', `${TOP}/logs/${'y'.repeat(120)}.log`],
  ['pax: not ASCII', `${TOP}/logs/journal-été.txt`],
  ['empty body', `${TOP}/sample/empty.txt`],
];
/** Bodies around the block's size (padding owed: 505, 1, none, 336; then an empty body). */
const body = (i: number): Buffer => Buffer.alloc([7, 511, 512, 14_000, 0][i]!, `${i}\n`);
const MTIME = new Date('2026-12-06T03:00:00Z');

/** The archive as `sitrep redact` writes it: each body deflated into a spool by writeOut, then added. */
async function build(): Promise<Buffer> {
  const got: Buffer[] = [];
  const out = new PassThrough();
  out.on('data', (c: Buffer) => got.push(c));
  const archive = new GzipMemberArchive(out, finished(out));
  for (const [i, [, name]] of MEMBERS.entries()) {
    const spool = join(dir, `spool-${i}`);
    const sink = new Writable({ write: (c: Buffer, _e, cb) => (writeFileSync(spool, c, { flag: 'a' }), cb()) });
    writeFileSync(spool, '');
    const size = await writeOut(Readable.from([body(i)]), sink, false, () => undefined);
    await archive.add({ name, size, mode: 0o600, mtime: MTIME }, spool);
  }
  await archive.finish();
  return Buffer.concat(got);
}

async function readWithTarStream(gz: Buffer): Promise<Map<string, { body: Buffer; size: number; mode: number; mtime: number }>> {
  const got = new Map<string, { body: Buffer; size: number; mode: number; mtime: number }>();
  const extract = tar.extract();
  extract.on('entry', (h, stream, next) => {
    const parts: Buffer[] = [];
    stream.on('data', (c: Buffer) => parts.push(c));
    stream.on('end', () => {
      got.set(h.name, { body: Buffer.concat(parts), size: h.size ?? -1, mode: h.mode ?? -1, mtime: h.mtime?.getTime() ?? -1 });
      next();
    });
  });
  const done = finished(extract);
  Readable.from([gz]).pipe(createGunzip()).pipe(extract);
  await done;
  return got;
}

describe('the redacted archive: tar in gzip members', () => {
  it('tar-stream, after one gunzip, reads every name, size, mode, time and body', async () => {
    const gz = await build();
    expect(gunzipSync(gz).length % BLOCK).toBe(0);
    const got = await readWithTarStream(gz);
    expect([...got.keys()]).toEqual(MEMBERS.map(([, n]) => n));
    for (const [i, [why, name]] of MEMBERS.entries()) {
      const m = got.get(name)!;
      expect(m.body.equals(body(i)), why).toBe(true);
      expect([m.size, m.mode, m.mtime], why).toEqual([body(i).length, 0o600, MTIME.getTime()]);
    }
  });

  it.skipIf(lacks('GNU tar', { tools: ['tar', 'gzip'] }))('GNU tar and gzip -t read it, names and bodies whole', async () => {
    const file = join(dir, 'bundle.tar.gz');
    writeFileSync(file, await build());
    execFileSync('gzip', ['-t', file]);
    const out = join(dir, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xzf', file, '-C', out]);
    for (const [i, [why, name]] of MEMBERS.entries()) expect(readFileSync(join(out, name)).equals(body(i)), why).toBe(true);
  });

  it('a size past ustar’s 11 octal digits is written base-256 (GNU’s form), as tar-stream reads it', async () => {
    const size = 9 * 2 ** 30;
    const header = await new Promise<tar.Headers>((resolve, reject) => {
      const extract = tar.extract();
      extract.on('entry', (h) => {
        resolve(h);
        extract.destroy();
      });
      extract.on('error', reject);
      extract.write(fileHeader({ name: 'big.log', size, mode: 0o600, mtime: MTIME }));
    });
    expect(header.size).toBe(size);
  });
});
