/**
 * The read-back's tap on the written bundle (src/redact/tee.ts): the side
 * reads every byte the file gets, at its own pace; a side that stops early
 * never stalls the write; a write that fails is an error on the side, never a
 * short archive that reads as complete.
 */
import { randomBytes } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { tee } from '../../src/redact/tee.js';

const CHUNKS = Array.from({ length: 64 }, (_, i) => randomBytes(64 * 1024 + i));

function sink(into: Buffer[], failAt = -1): Writable {
  let n = 0;
  return new Writable({
    write(c: Buffer, _e, done) {
      if (n++ === failAt) return done(new Error('disk full'));
      into.push(c);
      done();
    },
  });
}

async function readAll(r: Readable, slow = false): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of r) {
    parts.push(c as Buffer);
    if (slow) await sleep(1);
  }
  return Buffer.concat(parts);
}

describe('tee', () => {
  it('gives the side every byte the file gets, in order, with a slow reader', async () => {
    const t = tee();
    const file: Buffer[] = [];
    const [side] = await Promise.all([readAll(t.side, true), pipeline(Readable.from(CHUNKS), t.through, sink(file))]);
    expect(side.equals(Buffer.concat(CHUNKS))).toBe(true);
    expect(Buffer.concat(file).equals(Buffer.concat(CHUNKS))).toBe(true);
  });

  it('does not stall the write when the side stops reading', async () => {
    const t = tee();
    const file: Buffer[] = [];
    const write = pipeline(Readable.from(CHUNKS), t.through, sink(file));
    // Nobody reads the side: the write fills it and waits, until the side is given up.
    await sleep(50);
    expect(Buffer.concat(file).length).toBeLessThan(Buffer.concat(CHUNKS).length);
    t.side.destroy();
    await write;
    expect(Buffer.concat(file).equals(Buffer.concat(CHUNKS))).toBe(true);
  });

  it('fails the side when the write fails', async () => {
    const t = tee();
    const side = readAll(t.side);
    await expect(pipeline(Readable.from(CHUNKS), t.through, sink([], 10))).rejects.toThrow('disk full');
    await expect(side).rejects.toThrow('not written to its end');
  });
});
