/**
 * The main-thread side of a two-stage pipeline for one bundle. This thread
 * reads the archive (gunzip + tar, and nested .gz inflation) and hands each
 * log member's bytes, in ~1 MB transferred chunks, to a parse worker
 * (parse-worker.ts) that splits lines, parses and builds the timeline. On two
 * cores inflating and parsing then overlap instead of taking turns.
 *
 * Memory stays bounded: at most MAX_IN_FLIGHT chunks are unacknowledged, and
 * the archive is not read further until the worker catches up. Semantics are
 * those of the one-thread path: members go one at a time in the same order,
 * and each member's diagnostics are added to the bundle's log in the order
 * the one-thread path adds them (parser ones during the bytes, the member's
 * own stop reasons, then those after the end).
 */
import { Worker } from 'node:worker_threads';
import type { DiagnosticLog } from '../../bundle/diagnostics.js';
import type { BundleMember, HeldStop } from '../../bundle/member.js';
import type { BundleDiagnostic, ManifestEntry } from '../../bundle/types.js';
import type { LogCoverage } from '../../parsers/host-data.js';
import type { HostClock } from '../../parsers/types.js';
import type { HostTimelinePartial } from '../../timeline/index.js';

export type ToParse =
  | { t: 'open'; path: string; entry: ManifestEntry; clock: HostClock; hostId: string; file: string; maxLineBytes: number }
  | { t: 'chunk'; buf: ArrayBuffer; len: number }
  | { t: 'end' }
  | { t: 'finish'; hostId: string };

export type FromParse =
  | { t: 'ack' }
  | { t: 'done'; cov: LogCoverage; diags: BundleDiagnostic[]; mark: number }
  | { t: 'partial'; timeline: HostTimelinePartial }
  | { t: 'error'; message: string; stack?: string | undefined };

/** Bytes per transferred chunk: large enough that a message costs nothing per line. */
const CHUNK = 1 << 20;
/** Chunks sent and not yet parsed: the backpressure window (a few MB). */
const MAX_IN_FLIGHT = 4;

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

type Waiter<T> = { resolve: (v: T) => void; reject: (e: Error) => void };

export class LogPort {
  private readonly worker: Worker;
  private inFlight = 0;
  private acked: Waiter<void> | null = null;
  private readonly replies: Waiter<FromParse>[] = [];
  private failure: Error | null = null;
  private closed = false;

  constructor(private readonly maxLineBytes: number) {
    this.worker = new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: 12 } }); // see load-all.ts WORKER_LIMITS
    this.worker.on('message', (m: FromParse) => this.onMessage(m));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (!this.closed) this.fail(new Error(`parse worker exited (${code})`));
    });
  }

  /** A LogReadHook for loadHost: streams the member to the worker and waits for its coverage. */
  async read(m: BundleMember, entry: ManifestEntry, clock: HostClock, hostId: string, diags: DiagnosticLog): Promise<LogCoverage> {
    this.send({ t: 'open', path: m.path, entry, clock, hostId, file: diags.file, maxLineBytes: this.maxLineBytes });
    const held: HeldStop[] = [];
    let buf = new Uint8Array(CHUNK);
    let len = 0;
    for await (const c of m.bytes(held)) {
      let off = 0;
      while (off < c.length) {
        const n = Math.min(c.length - off, CHUNK - len);
        buf.set(c.subarray(off, off + n), len);
        len += n;
        off += n;
        if (len === CHUNK) {
          await this.sendChunk(buf, len);
          buf = new Uint8Array(CHUNK);
          len = 0;
        }
      }
    }
    if (len > 0) await this.sendChunk(buf, len);
    this.send({ t: 'end' });
    const done = await this.reply();
    if (done.t !== 'done') throw new Error(`parse worker: expected done, got ${done.t}`);
    done.diags.slice(0, done.mark).forEach((d) => diags.push(d));
    for (const s of held) diags.add(s.level, s.message, m.path);
    done.diags.slice(done.mark).forEach((d) => diags.push(d));
    return done.cov;
  }

  /** The timeline partial of every event the worker saw. */
  async finish(hostId: string): Promise<HostTimelinePartial> {
    this.send({ t: 'finish', hostId });
    const r = await this.reply();
    if (r.t !== 'partial') throw new Error(`parse worker: expected partial, got ${r.t}`);
    return r.timeline;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker.terminate();
  }

  private send(m: ToParse, transfer?: ArrayBuffer[]): void {
    if (this.failure) throw this.failure;
    this.worker.postMessage(m, transfer);
  }

  private async sendChunk(buf: Uint8Array, len: number): Promise<void> {
    while (this.inFlight >= MAX_IN_FLIGHT) {
      await new Promise<void>((resolve, reject) => { this.acked = { resolve, reject }; });
    }
    this.inFlight++;
    // Transferred, not copied: the buffer is the worker's from here on.
    this.send({ t: 'chunk', buf: buf.buffer as ArrayBuffer, len }, [buf.buffer as ArrayBuffer]);
  }

  private reply(): Promise<FromParse> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.replies.push({ resolve, reject }));
  }

  private onMessage(m: FromParse): void {
    if (m.t === 'ack') {
      this.inFlight--;
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
