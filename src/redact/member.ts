/**
 * A member's bytes redacted as they stream: cut into batches at line ends,
 * redacted and checked by the engine several at a time, put back in order.
 * Every batch is started as if no PEM block were open, which is nearly always
 * so; when its predecessor ended inside one it is run again from that state,
 * so the bytes are those of a run in one piece (test/redact/chunking.test.ts).
 * A member is never held whole: at most about two batches per lane.
 */
import { createHash } from 'node:crypto';
import { closes, openState, type BatchLeak, type BatchResult, type BatchState } from './batch.js';
import type { RedactEngine } from './engine.js';
import { MAX_LINE, refuse } from './lines.js';

/** ~60 µs a message whatever its size: a MiB makes that noise, and keeps a lane's memory small. */
export const BATCH_BYTES = 1 << 20;

/** What the check found in a member and what it checked. */
export interface MemberCheck {
  /** SHA-256 (hex) of the bytes yielded, which are the bytes checked. */
  sha256: string;
  /** Leaks by line of the member. */
  leaks: BatchLeak[];
}

const NL = 0x0a;

/** Batches in flight, taken back in the order sent. */
class InOrder {
  private readonly queue: Promise<BatchResult>[] = [];
  private end: BatchState = openState();
  private lines = 0;
  private readonly hash = createHash('sha256');
  readonly leaks: BatchLeak[] = [];
  /** Batches taken, whose memory the next ones are copied into: a fresh MiB costs ~256 page faults. */
  readonly spare: Buffer[] = [];

  constructor(private readonly engine: RedactEngine) {}

  get full(): boolean {
    return this.queue.length >= 2 * this.engine.lanes;
  }

  get size(): number {
    return this.queue.length;
  }

  send(bytes: Buffer): void {
    const result = this.engine.run(bytes, openState());
    result.catch(() => undefined); // awaited in turn by take(); not an unhandled rejection meanwhile
    this.queue.push(result);
  }

  async take(): Promise<Buffer> {
    let r = await this.queue.shift()!;
    // The engine hands the input back: the worker had it moved, not copied.
    if (!closes(this.end)) r = await this.engine.run(r.input, this.end);
    if (r.refused !== undefined) refuse(this.lines + r.refused);
    for (const l of r.leaks) this.leaks.push({ line: this.lines + l.line, kind: l.kind });
    this.lines += r.lines;
    this.end = r.end;
    this.hash.update(r.bytes);
    this.spare.push(Buffer.from(r.input.buffer));
    return r.bytes;
  }

  /** The first line not yet taken, once all in flight are taken. */
  get nextLine(): number {
    return this.lines + 1;
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * The first `bytes` of a buffer that owns its memory whole (never node's pool:
 * a worker is handed that memory): a spare one when one is large enough.
 */
function joined(parts: readonly Buffer[], bytes: number, spare: Buffer[], room: number): Buffer {
  let mem = spare.pop();
  if (mem === undefined || mem.length < bytes) mem = Buffer.allocUnsafeSlow(Math.max(bytes, room));
  let at = 0;
  for (const p of parts) at += p.copy(mem, at);
  return mem.subarray(0, bytes);
}

function newlines(parts: readonly Buffer[]): number {
  let n = 0;
  for (const p of parts) for (let i = p.indexOf(NL); i >= 0; i = p.indexOf(NL, i + 1)) n++;
  return n;
}

/** Yields `chunks` redacted; `into` holds the check's findings when the generator is done. */
export async function* redactMember(chunks: AsyncIterable<Buffer>, engine: RedactEngine, into: MemberCheck, batchBytes = BATCH_BYTES): AsyncGenerator<Buffer> {
  const flight = new InOrder(engine);
  // A batch is cut at the first line end past batchBytes: room for most lines past it.
  const room = batchBytes + (batchBytes >> 2);
  let parts: Buffer[] = [];
  let held = 0;
  let sinceNl = 0;
  const send = (upTo: number): void => {
    // The last part is cut after a \n; what follows it starts the next batch.
    const last = parts[parts.length - 1]!;
    const head = parts.slice(0, -1);
    head.push(last.subarray(0, upTo));
    flight.send(joined(head, held - last.length + upTo, flight.spare, room));
    const rest = last.subarray(upTo);
    parts = rest.length > 0 ? [Buffer.from(rest)] : [];
    held = rest.length;
  };
  for await (const c of chunks) {
    if (c.length === 0) continue;
    parts.push(c);
    held += c.length;
    const nl = c.lastIndexOf(NL);
    sinceNl = nl < 0 ? sinceNl + c.length : c.length - nl - 1;
    // Cut at the first line end past each batchBytes: batches of about that size, whatever the reader's chunks.
    while (held >= batchBytes) {
      const last = parts[parts.length - 1]!;
      const at = last.indexOf(NL, Math.max(0, batchBytes - (held - last.length) - 1));
      if (at < 0) break;
      send(at + 1);
    }
    if (sinceNl > MAX_LINE) {
      // Fail closed, at the line's number: the batches before it are taken first.
      while (flight.size > 0) await flight.take();
      refuse(flight.nextLine + newlines(parts));
    }
    while (flight.full) {
      const out = await flight.take();
      if (out.length > 0) yield out;
    }
  }
  if (held > 0) flight.send(joined(parts, held, flight.spare, room));
  while (flight.size > 0) {
    const out = await flight.take();
    if (out.length > 0) yield out;
  }
  into.sha256 = flight.digest();
  into.leaks = flight.leaks;
}
