/**
 * Parse worker: receives segments of log members (segmenter.ts) as
 * transferred byte chunks, splits lines, runs the log parser and feeds this
 * thread's TimelineBuilder. Each segment is answered with its tallies; at
 * the end, the builder's state, which the main thread merges with the other
 * workers' (the builder's result does not depend on which thread saw what).
 */
import { parentPort } from 'node:worker_threads';
import { DiagnosticLog } from '../../bundle/diagnostics.js';
import { LineSplitter, type LineSink } from '../../bundle/lines.js';
import type { ManifestEntry } from '../../bundle/types.js';
import { readSegment, type SegmentOptions } from '../../parsers/log-segment.js';
import type { HostClock, LogEvent } from '../../parsers/types.js';
import { TimelineBuilder } from '../../timeline/index.js';
import type { FromParse, ToParse } from './log-port.js';

interface Job {
  splitter: LineSplitter;
  sink: LineSink | null;
  resolve: (s: LineSplitter) => void;
}

let builder: TimelineBuilder | null = null;
let job: Job | null = null;
const post = (m: FromParse, transfer?: ArrayBuffer[]): void => parentPort?.postMessage(m, transfer);
const fail = (e: unknown): void => post({ t: 'error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });

interface Open { path: string; entry: ManifestEntry; clock: HostClock; hostId: string; file: string; maxLineBytes: number; startLine: number; opts: SegmentOptions }

function open(o: Open): void {
  // No cap here: the main thread's log applies the cap and de-duplication when it adds these.
  const diags = new DiagnosticLog(o.file, Number.MAX_SAFE_INTEGER);
  let resolve: (s: LineSplitter) => void = () => undefined;
  const ended = new Promise<LineSplitter>((r) => { resolve = r; });
  const j: Job = { splitter: new LineSplitter(o.maxLineBytes, o.startLine), sink: null, resolve };
  job = j;
  const member = { path: o.path, lines: (sink: LineSink): Promise<LineSplitter> => { j.sink = sink; return ended; } };
  const emit = (ev: LogEvent): void => {
    builder ??= new TimelineBuilder(o.hostId);
    builder.add(ev, o.hostId);
  };
  readSegment({ member, entry: o.entry, clock: o.clock, emit }, diags, o.opts).then(
    (seg) => post({ t: 'done', seg, diags: diags.list }),
    fail,
  );
}

function handle(m: ToParse): void {
  switch (m.t) {
    case 'open':
      open(m);
      return;
    case 'chunk': {
      const j = job;
      if (!j || !j.sink) throw new Error('chunk without an open segment');
      j.splitter.push(Buffer.from(m.buf, 0, m.len), j.sink);
      post({ t: 'ack' });
      return;
    }
    case 'end': {
      const j = job;
      if (!j || !j.sink) throw new Error('end without an open segment');
      job = null;
      j.splitter.end(j.sink);
      j.resolve(j.splitter);
      return;
    }
    case 'finish':
      post({ t: 'state', state: (builder ?? new TimelineBuilder(m.hostId)).state() });
      builder = null;
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
