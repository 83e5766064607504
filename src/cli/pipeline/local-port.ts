/**
 * A ParsePort that parses in this thread. On two cores the main thread mostly
 * waits for gunzip (which runs on libuv's pool), so it parses the segments the
 * parse worker has no room for: the same throughput as a second worker,
 * without a third isolate's memory (docs/performance.md).
 */
import { giveChunk, type ParsePort, type SegmentDone } from './log-port.js';
import { SegmentParser, type SegmentOpen } from './segment-parser.js';
import type { BuilderState } from '../../timeline/index.js';

export class LocalPort implements ParsePort {
  private readonly parser = new SegmentParser();
  readonly busy = 0;

  open(o: SegmentOpen): void {
    this.parser.open(o);
  }

  chunk(buf: Uint8Array, len: number): Promise<void> {
    this.parser.chunk(Buffer.from(buf.buffer, buf.byteOffset, len));
    giveChunk(buf);
    return Promise.resolve();
  }

  end(): Promise<SegmentDone> {
    return this.parser.end();
  }

  state(hostId: string): Promise<BuilderState> {
    return Promise.resolve(this.parser.state(hostId));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
