/**
 * The redacted bundle as a tar stream in gzip members: one small member for
 * each header (after the padding the body before it owes), and each body
 * deflated as it was redacted, copied from its spool. tar needs a member's
 * size in the header before the body; deflating the body into its spool
 * first means the spool holds compressed bytes, not the whole member raw
 * (1 GB written and read again at 1 GB). gunzip, GNU tar and sitrep's own
 * reader read concatenated gzip members as one stream (RFC 1952 §2.2).
 */
import { createReadStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { END_OF_ARCHIVE, fileHeader, padding, type FileHeader } from './tar-header.js';
import { CHUNK, GZIP_LEVEL } from './write-out.js';

export class GzipMemberArchive {
  /** The size of the last body, whose padding the next header (or the end) carries. */
  private owed = 0;

  /**
   * `out` takes the compressed archive; `failed` settles when its pipeline
   * ends, so that a write is never left waiting on a stage that failed.
   */
  constructor(
    private readonly out: Writable,
    private readonly failed: Promise<unknown>,
  ) {}

  /** A member whose body, `header.size` bytes, was deflated into `spool` (write-out.ts). */
  async add(header: FileHeader, spool: string): Promise<void> {
    await this.write(this.member(fileHeader(header)));
    for await (const c of createReadStream(spool, { highWaterMark: CHUNK })) await this.write(c as Buffer);
    this.owed = header.size;
  }

  /** The end-of-archive blocks; then the stream ends. */
  async finish(): Promise<void> {
    await this.write(this.member(END_OF_ARCHIVE));
    this.out.end();
  }

  private member(blocks: Buffer): Buffer {
    return gzipSync(Buffer.concat([padding(this.owed), blocks]), { level: GZIP_LEVEL });
  }

  private write(b: Buffer): Promise<unknown> {
    const done = new Promise<void>((resolve, reject) => this.out.write(b, (e) => (e ? reject(e) : resolve())));
    return Promise.race([done, this.failed]);
  }
}
