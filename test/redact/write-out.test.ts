/**
 * writeOut: a member's redacted buffers deflated into its spool, each handed
 * back once taken in, its size in the archive returned, and a failure
 * anywhere (the file under a deflate included) ends it with that error
 * instead of a write left waiting for ever.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeOut } from '../../src/redact/write-out.js';

async function* buffers(n: number, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < n; i++) yield randomBytes(size);
}

/** A file that keeps what it is given, at a file's pace. */
function collecting(into: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, cb) {
      into.push(Buffer.from(chunk));
      setImmediate(cb);
    },
  });
}

/** A file whose every write fails after a while, as a full disk does. */
const failing = (): Writable =>
  new Writable({
    highWaterMark: 1,
    write(_chunk, _enc, cb) {
      setTimeout(() => cb(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })), 20);
    },
  });

describe('writeOut', () => {
  it.each([false, true])('writes every buffer in order and hands each back after (nested .gz %s)', async (nested) => {
    const got: Buffer[] = [];
    const given: Buffer[] = [];
    const back: Buffer[] = [];
    const body = (async function* () {
      for await (const b of buffers(6, 300_000)) {
        given.push(Buffer.from(b));
        yield b;
      }
    })();
    const size = await writeOut(body, collecting(got), nested, (b) => back.push(b));
    // The spool is the body's gzip member; a nested .gz is the member's bytes inside it.
    const member = gunzipSync(Buffer.concat(got));
    expect(size).toBe(member.length);
    expect((nested ? gunzipSync(member) : member).equals(Buffer.concat(given))).toBe(true);
    expect(back.map((b) => b.length)).toEqual(given.map((b) => b.length));
  });

  it.each([false, true])('fails with the file error, never waits for ever (nested .gz %s)', async (nested) => {
    const back: Buffer[] = [];
    await expect(writeOut(buffers(8, 8 << 20), failing(), nested, (b) => back.push(b))).rejects.toThrow(/no space left/);
    expect(back.length).toBeLessThan(8);
  });
});
