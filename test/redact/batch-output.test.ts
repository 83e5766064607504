/**
 * BatchOutput: a batch's redacted bytes assembled in memory the redactor
 * keeps, handed out as memory of their own (moved to another thread), in a
 * former output's when one is given back.
 */
import { describe, expect, it } from 'vitest';
import { BatchOutput } from '../../src/redact/batch-output.js';

const input = Buffer.from('keep one\nchange me\nkeep two\nkeep three\n', 'latin1');

function assemble(out: BatchOutput, from: Buffer): Buffer {
  out.begin(from);
  out.keep(0, 9);
  out.write('changed \xe9', true);
  out.keep(19, 28);
  out.keep(28, 39);
  return out.bytes();
}

describe('BatchOutput', () => {
  it('copies kept runs and encodes written lines as latin1, in order, growing past its first size', () => {
    const out = new BatchOutput(4);
    const bytes = assemble(out, input);
    expect(bytes.toString('latin1')).toBe('keep one\nchanged \xe9\nkeep two\nkeep three\n');
    expect(bytes[17]).toBe(0xe9);
    out.begin(input);
    out.write('no newline', false);
    expect(out.bytes().toString('latin1')).toBe('no newline');
  });

  it('hands out memory of its own: later batches and changes to the input leave it as it was', () => {
    const out = new BatchOutput(64);
    const src = Buffer.from(input);
    const first = assemble(out, src);
    const copy = Buffer.from(first);
    src.fill(0x41);
    out.begin(src);
    out.write('x'.repeat(60), true);
    out.bytes();
    expect(first.equals(copy)).toBe(true);
    expect(first.byteOffset).toBe(0);
    expect(first.buffer).not.toBe(src.buffer);
  });

  it('copies into a former output given back, when it is large enough, and never into node pool memory', () => {
    // Outputs take memory the size of the assembly buffer: over node's pool size (8 KiB), so they can be given back.
    const out = new BatchOutput(16 * 1024);
    const first = assemble(out, input);
    out.spare(first);
    const second = assemble(out, input);
    expect(second.buffer).toBe(first.buffer);
    expect(second.toString('latin1')).toBe('keep one\nchanged \xe9\nkeep two\nkeep three\n');
    // Too small for the next output: not used.
    const small = Buffer.allocUnsafeSlow(16 * 1024).subarray(0, 3);
    out.spare(small);
    out.begin(input);
    out.write('y'.repeat(20_000), false);
    const big = out.bytes();
    expect(big.length).toBe(20_000);
    expect(big.buffer).not.toBe(small.buffer);
    // A pooled buffer (shared with other buffers of this thread) is never taken.
    const pooled = Buffer.from('pooled');
    out.spare(pooled);
    expect(assemble(out, input).buffer).not.toBe(pooled.buffer);
  });

  it('makes the memory of an output after a long line no larger than usual', () => {
    const out = new BatchOutput(16 * 1024);
    out.begin(input);
    out.write('z'.repeat(100_000), true);
    expect(out.bytes().length).toBe(100_001);
    expect(assemble(out, input).buffer.byteLength).toBe(16 * 1024);
  });

  it('an empty batch is an empty buffer', () => {
    const out = new BatchOutput(8);
    out.begin(Buffer.alloc(0));
    expect(out.bytes().length).toBe(0);
  });
});
