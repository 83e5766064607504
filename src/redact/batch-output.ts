/**
 * A batch's redacted bytes, assembled in one buffer the batch redactor keeps:
 * runs of unchanged lines copied from the input, changed lines encoded into
 * it as latin1 (one byte a character both ways, so a line left as it was is
 * its own bytes and an encoded line is the string the check judged). Built
 * this way, not as one string encoded at the end, because each fresh MiB
 * (a string that size lives in pages mapped for it alone) costs ~256 page
 * faults, at ~7 µs each on a virtual machine (docs/performance.md).
 */

const NL = 0x0a;

/** Spares kept: the outputs in flight on one lane (member.ts keeps two batches a lane). */
const MAX_SPARES = 4;

/**
 * Whether `b` starts memory that can be moved to another thread and reused:
 * never node's shared pool (Buffer.poolSize), which holds other buffers too.
 */
export function ownsMemory(b: Buffer): boolean {
  return b.byteOffset === 0 && (b.byteLength === b.buffer.byteLength || b.buffer.byteLength > Buffer.poolSize);
}

export class BatchOutput {
  private buf: Buffer;
  private len = 0;
  private input: Buffer = Buffer.alloc(0);
  /** The run of unchanged lines not yet copied: input[from, to). */
  private from = -1;
  private to = 0;
  private readonly spares: Buffer[] = [];

  /** `size`: room for a usual batch's output, the size of each output's memory unless one is larger. */
  constructor(private readonly size: number) {
    this.buf = Buffer.allocUnsafeSlow(size);
  }

  /** A new batch, read from `input`. */
  begin(input: Buffer): void {
    this.input = input;
    this.len = 0;
    this.from = -1;
  }

  /** input[start, end) is kept as it is. */
  keep(start: number, end: number): void {
    if (this.from >= 0 && this.to !== start) this.flushKept();
    if (this.from < 0) this.from = start;
    this.to = end;
  }

  /** A changed line, and its `\n` when it had one. */
  write(text: string, newline: boolean): void {
    this.flushKept();
    this.room(text.length + 1);
    this.len += this.buf.write(text, this.len, 'latin1');
    if (newline) this.buf[this.len++] = NL;
  }

  /** Former outputs the caller is done with (at most a few: each is a batch's size). */
  spare(b: Buffer): void {
    if (b.byteLength > 0 && ownsMemory(b) && this.spares.length < MAX_SPARES) this.spares.push(Buffer.from(b.buffer));
  }

  /**
   * The start of memory of its own (a spare, or new memory of the usual size
   * or the output's, whichever is larger: an output after a long line grew
   * this one's memory is not made as large), never a view of the input or of
   * this one's: each is moved to another thread.
   */
  bytes(): Buffer {
    this.flushKept();
    this.input = Buffer.alloc(0);
    if (this.len === 0) return Buffer.alloc(0);
    let out = this.spares.pop();
    if (out === undefined || out.length < this.len) out = Buffer.allocUnsafeSlow(Math.max(this.len, this.size));
    this.buf.copy(out, 0, 0, this.len);
    return out.subarray(0, this.len);
  }

  private flushKept(): void {
    if (this.from < 0) return;
    this.room(this.to - this.from);
    this.len += this.input.copy(this.buf, this.len, this.from, this.to);
    this.from = -1;
  }

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buf.length, this.len + n));
    this.buf.copy(grown, 0, 0, this.len);
    this.buf = grown;
  }
}
