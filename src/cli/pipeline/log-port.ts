/**
 * The main thread's handle on one parse worker (parse-worker.ts). The main
 * thread reads the archive (gunzip + tar, nested .gz inflation) and sends
 * each segment of a log member (segmenter.ts) to a worker in ~1 MB chunks,
 * transferred, not copied; the worker splits lines, parses and feeds its own
 * timeline builder, and answers each segment with its tallies. At most
 * MAX_IN_FLIGHT chunks are unacknowledged per worker, and the archive is not
 * read further until one catches up: memory does not grow with the bundle.
 */
import type { Worker } from 'node:worker_threads';
import type { BundleDiagnostic } from '../../bundle/types.js';
import type { SegmentResult } from '../../parsers/log-segment.js';
import type { BuilderState } from '../../timeline/index.js';
import { SegmentParser, type SegmentDone, type SegmentOpen } from './segment-parser.js';
import { spawnWorker } from './spawn.js';

export type { SegmentDone } from './segment-parser.js';

export type ToParse = { t: 'open'; open: SegmentOpen } | { t: 'chunk'; buf: ArrayBuffer; len: number } | { t: 'end' } | { t: 'finish'; hostId: string };

export type FromParse =
  /** A chunk parsed: its buffer comes back for the next chunk. */
  | { t: 'ack'; buf: ArrayBuffer }
  /** A segment's result, and the diagnostics its reading added (format notes, parser failures). */
  | { t: 'done'; seg: SegmentResult; diags: BundleDiagnostic[] }
  | { t: 'state'; state: BuilderState }
  | { t: 'error'; message: string; stack?: string | undefined };

/** Where the segmenter sends a segment: a parse worker (LogPort) or this thread (LocalPort). */
export interface ParsePort {
  /** Chunks sent and not yet parsed. */
  readonly busy: number;
  open(o: SegmentOpen): void;
  /** Sends buf[0, len) of the open segment; the buffer is the port's after this. */
  chunk(buf: Uint8Array, len: number): Promise<void>;
  /** Ends the open segment; resolves with its result once parsed. */
  end(): Promise<SegmentDone>;
  /** The state of the port's timeline builder: every event it saw. */
  state(hostId: string): Promise<BuilderState>;
  close(): Promise<void>;
}

/** Bytes per transferred chunk: large enough that a message costs nothing per line. */
export const CHUNK = 1 << 20;
/**
 * Chunk buffers for reuse. Each chunk's buffer comes back once parsed (a
 * worker transfers it back with its ack): a fresh 1 MB buffer per chunk was
 * garbage outside the JS heap, and each isolate let ~64 MB of it pile up
 * before collecting it.
 */
const spare: Uint8Array[] = [];
const MAX_SPARE = 16;

export function takeChunk(): Uint8Array {
  return spare.pop() ?? new Uint8Array(CHUNK);
}

export function giveChunk(buf: Uint8Array): void {
  if (spare.length < MAX_SPARE && buf.byteLength === CHUNK && buf.byteOffset === 0) spare.push(buf);
}

/** Chunks sent and not yet parsed: the backpressure window (a few MB). */
export const MAX_IN_FLIGHT = 4;

type Waiter<T> = { resolve: (v: T) => void; reject: (e: Error) => void };

export class LogPort implements ParsePort {
  private started: Worker | null = null;
  private inFlight = 0;
  private acked: Waiter<void> | null = null;
  private readonly replies: Waiter<FromParse>[] = [];
  private failure: Error | null = null;
  private closed = false;

  /**
   * The worker, started by the first segment sent to it: a bundle whose logs
   * are all small (parsed in this thread, segmenter.ts) never starts one, and
   * an idle isolate cost ~30 MB of RSS.
   */
  private get worker(): Worker {
    if (this.started) return this.started;
    const w = (this.started = spawnWorker('parse'));
    w.on('message', (m: FromParse) => this.onMessage(m));
    w.on('error', (e) => this.fail(e));
    w.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`parse worker exited (${code})`));
    });
    return w;
  }

  /** Chunks sent and not yet parsed: a new segment goes to a worker with room. */
  get busy(): number {
    return this.inFlight;
  }

  open(o: SegmentOpen): void {
    this.send({ t: 'open', open: o });
  }

  /** Sends buf[0, len) of the open segment; waits first while the window is full. The buffer is the worker's after this. */
  async chunk(buf: Uint8Array, len: number): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT) {
      await new Promise<void>((resolve, reject) => {
        this.acked = { resolve, reject };
      });
    }
    this.inFlight++;
    this.send({ t: 'chunk', buf: buf.buffer as ArrayBuffer, len }, [buf.buffer as ArrayBuffer]);
  }

  /** Ends the open segment; resolves with its result once the worker has parsed it. */
  end(): Promise<SegmentDone> {
    this.send({ t: 'end' });
    return this.reply().then((r) => {
      if (r.t !== 'done') throw new Error(`parse worker: expected done, got ${r.t}`);
      return { seg: r.seg, diags: r.diags };
    });
  }

  /** The state of the worker's timeline builder: every event it saw. */
  async state(hostId: string): Promise<BuilderState> {
    // Never started: the state of a builder that saw nothing, as the worker would give it.
    if (!this.started) return new SegmentParser().state(hostId);
    this.send({ t: 'finish', hostId });
    const r = await this.reply();
    if (r.t !== 'state') throw new Error(`parse worker: expected state, got ${r.t}`);
    return r.state;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.started?.terminate();
  }

  private send(m: ToParse, transfer?: ArrayBuffer[]): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(m, transfer);
  }

  private reply(): Promise<FromParse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.replies.push({ resolve, reject }));
  }

  private onMessage(m: FromParse): void {
    if (m.t === 'ack') {
      this.inFlight--;
      giveChunk(new Uint8Array(m.buf));
      const a = this.acked;
      this.acked = null;
      a?.resolve();
      return;
    }
    if (m.t === 'error') {
      const e = new Error(`parse worker: ${m.message}`);
      if (m.stack) e.stack = m.stack;
      this.fail(e);
      return;
    }
    this.replies.shift()?.resolve(m);
  }

  private fail(e: Error): void {
    if (this.failure) return;
    this.failure = e;
    this.acked?.reject(e);
    this.acked = null;
    for (const r of this.replies.splice(0)) r.reject(e);
  }
}
