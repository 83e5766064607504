/**
 * Parse worker: parses the segments the main thread sends (segmenter.ts,
 * log-port.ts) with a SegmentParser, answers each segment with its tallies
 * and, at the end, with its builder's state, which the main thread merges
 * with the others' (the result does not depend on which thread saw what).
 */
import { parentPort } from 'node:worker_threads';
import type { FromParse, ToParse } from './log-port.js';
import { SegmentParser } from './segment-parser.js';

const parser = new SegmentParser();
const post = (m: FromParse, transfer?: ArrayBuffer[]): void => parentPort?.postMessage(m, transfer);
const fail = (e: unknown): void => post({ t: 'error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });

function handle(m: ToParse): void {
  switch (m.t) {
    case 'open':
      parser.open(m.open);
      return;
    case 'chunk':
      parser.chunk(Buffer.from(m.buf, 0, m.len));
      // The splitter kept no view of the chunk (it copies a partial line): the buffer goes back for reuse.
      post({ t: 'ack', buf: m.buf }, [m.buf]);
      return;
    case 'end':
      parser.end().then((d) => post({ t: 'done', seg: d.seg, diags: d.diags }), fail);
      return;
    case 'finish':
      post({ t: 'state', state: parser.state(m.hostId) });
      return;
  }
}

parentPort?.on('message', (m: ToParse) => {
  try {
    handle(m);
  } catch (e) {
    fail(e);
  }
});
