/**
 * Where members come from: a tar stream (gzip or plain, told apart by magic
 * bytes, not by the file name) or an unpacked directory. Sources yield raw
 * members, names unchecked; reader.ts applies the policy.
 */
import { createReadStream } from 'node:fs';
import { open, opendir, lstat, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { constants, createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { SitrepError } from '../errors.js';
import { EntryReader } from './entry-stream.js';
import { isProcessTable, rotation } from './paths.js';

export type RawType = 'file' | 'directory' | 'symlink' | 'link' | 'device' | 'fifo' | 'other';

export interface RawMember {
  name: string;
  type: RawType;
  size: number;
  mtimeMs?: number;
  chunks(): AsyncIterable<Buffer>;
  drain(): Promise<void>;
}

export type SourceKind = 'tar.gz' | 'tar' | 'directory';

/** Counters shared with the reader: the total-size guard and the end-of-archive outcome. */
export interface SourceState {
  archiveBytes: number;
  maxArchiveBytes: number;
  /** Set when the archive stream failed or was stopped; members read before it are kept. */
  failure: string | null;
  /** Which layer failed: the file, its gzip stream, or the tar structure inside. */
  failedIn?: 'file' | 'gzip' | 'tar' | 'limit';
}

export async function sniff(path: string, shown: string): Promise<SourceKind> {
  let st;
  try {
    st = await stat(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new SitrepError('INPUT_UNREADABLE', `cannot read bundle: ${why}`, { file: shown });
  }
  if (st.isDirectory()) return 'directory';
  if (!st.isFile()) throw new SitrepError('INPUT_UNREADABLE', 'not a sitrep bundle (not a file or directory)', { file: shown });
  const head = Buffer.alloc(512);
  let n = 0;
  try {
    const fh = await open(path, 'r');
    try {
      n = (await fh.read(head, 0, 512, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new SitrepError('INPUT_UNREADABLE', `cannot read bundle: ${(e as Error).message}`, { file: shown });
  }
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (n >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  throw new SitrepError('INPUT_UNREADABLE', 'not a sitrep bundle (neither a gzip-compressed tar, a tar nor a directory)', { file: shown });
}

function tarType(t: tar.Header['type'] | undefined): RawType {
  switch (t) {
    case 'file':
    case 'contiguous-file':
    case undefined:
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'link';
    case 'character-device':
    case 'block-device':
      return 'device';
    case 'fifo':
      return 'fifo';
    default:
      return 'other';
  }
}

/** `input`: the archive's path, or a stream of its bytes (a bundle read back as it is written). */
export async function* tarMembers(input: string | Readable, gzip: boolean, state: SourceState): AsyncGenerator<RawMember> {
  const file: Readable = typeof input === 'string' ? createReadStream(input, { highWaterMark: 256 * 1024 }) : input;
  // Z_SYNC_FLUSH at the end: a truncated gzip gives up what it holds instead of an error;
  // the tar layer then sees the cut and says where. 256 KB out chunks: each chunk costs the
  // main thread a pass through the stream machinery, and at 64 KB that was ~0.7 s a GB.
  const gunzip = gzip ? createGunzip({ chunkSize: 256 * 1024, finishFlush: constants.Z_SYNC_FLUSH }) : null;
  const extract = tar.extract();
  const fail = (e: Error, layer: NonNullable<SourceState['failedIn']>): void => {
    if (state.failure === null) {
      state.failure = e.message;
      state.failedIn = layer;
    }
    extract.destroy(e);
  };
  const source = gunzip ?? file;
  const sink = extract as unknown as NodeJS.WritableStream;
  let stopped = false;
  // The total-size guard passes exactly maxArchiveBytes of the archive to the tar layer, then
  // ends it: the member being read there is cut where the limit fell, whatever the chunk size.
  source.on('data', (c: Buffer) => {
    if (stopped) return;
    const room = state.maxArchiveBytes - state.archiveBytes;
    state.archiveBytes += c.length;
    if (c.length <= room) {
      if (!sink.write(c)) source.pause();
      return;
    }
    stopped = true;
    if (room > 0) sink.write(c.subarray(0, room));
    if (state.failure === null) {
      state.failure = `archive passed the total size limit of ${state.maxArchiveBytes} bytes; stopped reading`;
      state.failedIn = 'limit';
    }
    file.destroy();
    gunzip?.destroy();
    sink.end();
  });
  sink.on('drain', () => source.resume());
  source.on('end', () => {
    if (!stopped) sink.end();
  });
  file.on('error', (e: Error) => fail(e, 'file'));
  gunzip?.on('error', (e) => fail(e, 'gzip'));
  if (gunzip) file.pipe(gunzip);
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const reader = new EntryReader(entry as unknown as import('node:stream').Readable);
      const m: RawMember = {
        name: h.name,
        type: tarType(h.type),
        size: h.size ?? 0,
        ...(h.mtime ? { mtimeMs: h.mtime.getTime() } : {}),
        chunks: () => reader.chunks(),
        drain: () => reader.drain(),
      };
      yield m;
      await reader.drain();
    }
  } catch (e) {
    if (state.failure === null) {
      state.failure = (e as Error).message;
      state.failedIn = 'tar';
    }
  } finally {
    file.destroy();
    gunzip?.destroy();
    extract.destroy();
  }
}

/** An unpacked bundle: meta.txt and manifest.tsv first, the process tables, then the rest in name order. */
export async function* dirMembers(root: string): AsyncGenerator<RawMember> {
  const names: string[] = [];
  await walk(root, '', names);
  // The order a capture writes (docs/bundle-format.md, "Member order"): meta, manifest, the
  // process tables, then by name with each rotated log family oldest first.
  const first = (n: string): number => (n === 'meta.txt' ? 0 : n === 'manifest.tsv' ? 1 : isProcessTable(n) ? 2 : 3);
  const key = new Map(names.map((n) => [n, rotation(n)]));
  names.sort((a, b) => {
    const ra = key.get(a)!;
    const rb = key.get(b)!;
    return first(a) - first(b) || (ra.base < rb.base ? -1 : ra.base > rb.base ? 1 : rb.rank - ra.rank);
  });
  for (const name of names) {
    const full = join(root, name);
    const st = await lstat(full);
    const type: RawType = st.isFile()
      ? 'file'
      : st.isSymbolicLink()
        ? 'symlink'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'device'
          : st.isFIFO()
            ? 'fifo'
            : 'other';
    let stream: ReturnType<typeof createReadStream> | null = null;
    yield {
      name,
      type,
      size: st.size,
      mtimeMs: st.mtimeMs,
      chunks: () => {
        stream = createReadStream(full, { highWaterMark: 64 * 1024 });
        return stream;
      },
      drain: async () => {
        (stream as ReturnType<typeof createReadStream> | null)?.destroy();
      },
    };
    (stream as ReturnType<typeof createReadStream> | null)?.destroy();
  }
}

async function walk(root: string, rel: string, out: string[]): Promise<void> {
  const dir = await opendir(join(root, rel));
  for await (const d of dir) {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) await walk(root, r, out);
    else out.push(r);
  }
}
