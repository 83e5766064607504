/**
 * Builds bundles for tests with tar-stream and zlib, hostile ones included.
 * Nothing here is a fixture file: every archive is made fresh in a temp dir.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';

export interface TestEntry {
  name: string;
  body?: string | Buffer;
  /** A large body written `times` times from one chunk, never held whole. */
  repeat?: { chunk: Buffer; times: number };
  type?: tar.Header['type'];
  linkname?: string;
}

export const TOP = 'web1-20251126T050000Z';

export function meta(extra: Record<string, string> = {}): string {
  const m: Record<string, string> = {
    format: 'sitrep-bundle',
    format_version: '1',
    sitrep_version: '0.1.0',
    hostname: 'web1',
    tier: 'web',
    cpus: '2',
    start_epoch: '1764133200.250',
    end_epoch: '1764133260.500',
    boot_epoch: '1764000000',
    mono_at_start: '133200.25',
    tz_name: 'Europe/Berlin',
    utc_offset: '+0100',
    interval_s: '1',
    ...extra,
  };
  return Object.entries(m)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('');
}

const COLS = 'path\tkind\tname\tsource\tstatus\texit\tstart\tend\tduration_ms\tbytes\tmtime\treason';

/** A manifest line per [path, kind, name, status?, reason?]. */
export function manifest(rows: [string, string, string, string?, string?][]): string {
  const lines = rows.map(([path, kind, name, status = 'ok', reason = '-']) =>
    [path, kind, name, kind === 'log' ? `/${path.slice(5)}` : 'cmd', status, '0', '1764133200.3', '1764133201.3', '1000', '10', '-', reason].join('\t'),
  );
  return `#sitrep-manifest\t1\n${COLS}\n${lines.map((l) => `${l}\n`).join('')}`;
}

/** Writes a tar (gzip unless told otherwise) of `entries`, each under TOP/ unless `raw`. */
export async function buildTar(file: string, entries: TestEntry[], opts: { gzip?: boolean; raw?: boolean } = {}): Promise<string> {
  const pack = tar.pack();
  const out = createWriteStream(file);
  const done = opts.gzip === false ? pipeline(pack, out) : pipeline(pack, createGzip({ level: 1 }), out);
  for (const e of entries) {
    const name = opts.raw ? e.name : `${TOP}/${e.name}`;
    if (e.repeat) {
      await writeRepeated(pack, name, e.repeat.chunk, e.repeat.times);
      continue;
    }
    const body = e.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.body) ? e.body : Buffer.from(e.body);
    const header: tar.Header = { name, type: e.type ?? 'file', size: e.type && e.type !== 'file' ? 0 : body.length } as tar.Header;
    if (e.linkname) header.linkname = e.linkname;
    if (e.type === 'character-device') Object.assign(header, { devmajor: 1, devminor: 3 });
    await new Promise<void>((resolve, reject) => {
      const cb = (err?: Error | null): void => (err ? reject(err) : resolve());
      if (e.type && e.type !== 'file') pack.entry(header, cb);
      else pack.entry(header, body, cb);
    });
  }
  pack.finalize();
  await done;
  return file;
}

async function writeRepeated(pack: tar.Pack, name: string, chunk: Buffer, times: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const sink = pack.entry({ name, size: chunk.length * times }, (err) => (err ? reject(err) : resolve()));
    let i = 0;
    const more = (): void => {
      while (i < times) {
        i++;
        if (!sink.write(chunk)) {
          sink.once('drain', more);
          return;
        }
      }
      sink.end();
    };
    more();
  });
}

/**
 * A gzip bomb that is never held inflated: one gzip member of `blockMiB` of
 * zeros, repeated (concatenated gzip members are one valid gzip stream).
 */
export function gzipBomb(totalMiB: number, blockMiB = 16): Buffer {
  const block = gzipSync(Buffer.alloc(blockMiB * 1024 * 1024), { level: 9 });
  return Buffer.concat(Array.from({ length: Math.ceil(totalMiB / blockMiB) }, () => block));
}

export async function tempDir(): Promise<{ dir: string; files: () => Promise<string[]>; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'sitrep-test-'));
  return {
    dir,
    files: async () => (await readdir(dir, { recursive: true })).map(String).sort(),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
}
