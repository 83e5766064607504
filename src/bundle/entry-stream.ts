/**
 * Pull-based reading of one tar entry. tar-stream destroys the whole archive
 * when an entry stream is destroyed (which `break` out of `for await` does),
 * so entries are read with pause/resume and skipped by draining instead.
 */
import type { Readable } from 'node:stream';

type Src = Pick<Readable, 'on' | 'pause' | 'resume'>;

export class EntryReader {
  private queue: Buffer[] = [];
  private done = false;
  private error: Error | null = null;
  private discard = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly src: Src) {
    src.on('data', (c: Buffer) => {
      if (this.discard) return;
      this.queue.push(c);
      if (this.queue.length >= 8) this.src.pause();
      this.notify();
    });
    src.on('end', () => this.finish(null));
    src.on('error', (e: Error) => this.finish(e));
    src.on('close', () => this.finish(this.done ? null : new Error('archive ended inside this member')));
  }

  /** Next chunk, null at the end; throws when the archive broke inside this member. */
  async next(): Promise<Buffer | null> {
    while (this.queue.length === 0 && !this.done) await new Promise<void>((r) => this.waiters.push(r));
    const c = this.queue.shift();
    if (c) {
      if (this.queue.length < 2) this.src.resume();
      return c;
    }
    if (this.error) throw this.error;
    return null;
  }

  async *chunks(): AsyncGenerator<Buffer> {
    for (;;) {
      const c = await this.next();
      if (c === null) return;
      yield c;
    }
  }

  /** Skip what is left so the archive can move to the next member; never throws. */
  async drain(): Promise<void> {
    this.discard = true;
    this.queue = [];
    this.src.resume();
    while (!this.done) await new Promise<void>((r) => this.waiters.push(r));
  }

  private finish(e: Error | null): void {
    if (this.done) return;
    this.done = true;
    this.error = e;
    this.notify();
  }

  private notify(): void {
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }
}
