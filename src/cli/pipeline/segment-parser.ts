/**
 * Parses segments of log members (segmenter.ts) into one TimelineBuilder:
 * the work of a parse worker (parse-worker.ts), and of the main thread when
 * it parses a segment itself (local-port.ts). Bytes arrive in chunks; lines
 * are split here and numbered from the segment's first line in the file.
 */
import { DiagnosticLog } from '../../bundle/diagnostics.js';
import { LineSplitter, type LineSink } from '../../bundle/lines.js';
import type { BundleDiagnostic, ManifestEntry } from '../../bundle/types.js';
import { readSegment, type SegmentOptions, type SegmentResult } from '../../parsers/log-segment.js';
import type { HostClock, LogEvent } from '../../parsers/types.js';
import { TimelineBuilder, type BuilderState } from '../../timeline/index.js';

export interface SegmentOpen {
  path: string;
  entry: ManifestEntry;
  clock: HostClock;
  hostId: string;
  /** The bundle's name, for diagnostics. */
  file: string;
  maxLineBytes: number;
  startLine: number;
  opts: SegmentOptions;
}

export interface SegmentDone {
  seg: SegmentResult;
  diags: BundleDiagnostic[];
}

interface Job {
  splitter: LineSplitter;
  sink: LineSink | null;
  ended: () => void;
  result: Promise<SegmentDone>;
}

export class SegmentParser {
  private builder: TimelineBuilder | null = null;
  private job: Job | null = null;

  open(o: SegmentOpen): void {
    // No cap here: the bundle's log applies the cap and de-duplication when it adds these.
    const diags = new DiagnosticLog(o.file, Number.MAX_SAFE_INTEGER);
    const splitter = new LineSplitter(o.maxLineBytes, o.startLine);
    let ended: () => void = () => undefined;
    const done = new Promise<LineSplitter>((r) => {
      ended = () => r(splitter);
    });
    const job: Job = { splitter, sink: null, ended, result: null! };
    const member = {
      path: o.path,
      lines: (sink: LineSink): Promise<LineSplitter> => {
        job.sink = sink;
        return done;
      },
    };
    const emit = (ev: LogEvent): void => {
      this.builder ??= new TimelineBuilder(o.hostId);
      this.builder.add(ev, o.hostId);
    };
    // readSegment calls member.lines() before its first await: the sink is set when this returns.
    job.result = readSegment({ member, entry: o.entry, clock: o.clock, emit, deferFields: true }, diags, o.opts).then((seg) => ({ seg, diags: diags.list }));
    this.job = job;
  }

  chunk(bytes: Buffer): void {
    const j = this.job;
    if (!j || !j.sink) throw new Error('chunk without an open segment');
    j.splitter.push(bytes, j.sink);
  }

  /** Ends the open segment: its last line, then its result. */
  end(): Promise<SegmentDone> {
    const j = this.job;
    if (!j || !j.sink) throw new Error('end without an open segment');
    this.job = null;
    j.splitter.end(j.sink);
    j.ended();
    return j.result;
  }

  /** The builder's state (every event of every segment parsed here); the builder starts over. */
  state(hostId: string): BuilderState {
    const s = (this.builder ?? new TimelineBuilder(hostId)).state();
    this.builder = null;
    return s;
  }
}
