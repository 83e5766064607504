/**
 * Parse worker: the second stage of one bundle's pipeline (log-port.ts is the
 * first). It receives each log member as transferred byte chunks, splits
 * lines, runs the log parser and feeds the host's TimelineBuilder, exactly as
 * loadOne does in one thread, while the main thread inflates the next bytes.
 * Messages arrive in order, so events reach the builder in the same order.
 */
import { parentPort } from 'node:worker_threads';
import { DiagnosticLog } from '../../bundle/diagnostics.js';
import { LineSplitter, type LineSink } from '../../bundle/lines.js';
import type { ManifestEntry } from '../../bundle/types.js';
import { readLogMember } from '../../parsers/host-logs.js';
import type { HostClock } from '../../parsers/types.js';
import { TimelineBuilder } from '../../timeline/index.js';
import type { FromParse, ToParse } from './log-port.js';

interface Job {
  path: string;
  splitter: LineSplitter;
  sink: LineSink | null;
  diags: DiagnosticLog;
  /** Diagnostics recorded before the end of the bytes: the main thread adds its stop diagnostics after them. */
  mark: number;
  resolve: (s: LineSplitter) => void;
}

let builder: TimelineBuilder | null = null;
let job: Job | null = null;
const post = (m: FromParse, transfer?: ArrayBuffer[]): void => parentPort?.postMessage(m, transfer);
const fail = (e: unknown): void => post({ t: 'error', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined });

function open(path: string, entry: ManifestEntry, clock: HostClock, hostId: string, file: string, maxLineBytes: number): void {
  // No cap here: the main thread's log applies the cap and de-duplication when it adds these.
  const diags = new DiagnosticLog(file, Number.MAX_SAFE_INTEGER);
  let resolve: (s: LineSplitter) => void = () => undefined;
  const ended = new Promise<LineSplitter>((r) => { resolve = r; });
  const j: Job = { path, splitter: new LineSplitter(maxLineBytes), sink: null, diags, mark: 0, resolve };
  job = j;
  const member = { path, lines: (sink: LineSink): Promise<LineSplitter> => { j.sink = sink; return ended; } };
  const emit = (ev: Parameters<TimelineBuilder['add']>[0]): void => {
    builder ??= new TimelineBuilder(hostId);
    builder.add(ev, hostId);
  };
  readLogMember({ member, entry, clock, emit }, diags).then(
    (cov) => post({ t: 'done', cov, diags: diags.list, mark: j.mark }),
    fail,
  );
}

function handle(m: ToParse): void {
  switch (m.t) {
    case 'open':
      open(m.path, m.entry, m.clock, m.hostId, m.file, m.maxLineBytes);
      return;
    case 'chunk': {
      const j = job;
      if (!j || !j.sink) throw new Error('chunk without an open member');
      j.splitter.push(Buffer.from(m.buf, 0, m.len), j.sink);
      post({ t: 'ack' });
      return;
    }
    case 'end': {
      const j = job;
      if (!j || !j.sink) throw new Error('end without an open member');
      job = null;
      // Same order as BundleMember.lines(): the last partial line, then the splitter's diagnostics.
      j.mark = j.diags.list.length;
      j.splitter.end(j.sink);
      for (const d of j.splitter.diagnostics(j.diags.file, j.path)) j.diags.push(d);
      j.resolve(j.splitter);
      return;
    }
    case 'finish':
      post({ t: 'partial', timeline: (builder ?? new TimelineBuilder(m.hostId)).finish() });
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
