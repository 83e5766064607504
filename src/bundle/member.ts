/**
 * One bundle member as the analyzer sees it: a checked path and ways to
 * consume its content once (bytes, lines or capped text), inflated when it is
 * a nested .gz. Consumption never throws: a member cut short by a broken
 * archive, a size limit or a bomb guard ends early and says so in the
 * bundle's diagnostics.
 */
import type { DiagnosticLog } from './diagnostics.js';
import { inflateGuarded, type InflateOutcome } from './inflate.js';
import type { BundleLimits } from './limits.js';
import { LineSplitter, type LineSink } from './lines.js';
import type { RawMember, SourceState } from './source.js';

export interface BundleMember {
  /** Path relative to the bundle's top directory, normalized (`logs/var/log/syslog.2.gz`). */
  path: string;
  /** Size in the archive (compressed size for a .gz member). */
  size: number;
  /** True when the member is gzip data that bytes()/lines()/text() inflate. */
  gzip: boolean;
  mtimeMs?: number;
  /** Set once consumption stopped early (limit, bomb guard, broken archive). */
  readonly cut: boolean;
  /**
   * The content, inflated. With `held`, the reasons consumption stopped early go
   * there instead of the bundle's log: a caller that parses elsewhere (a worker)
   * adds them itself, in the order an in-thread parse would have.
   */
  bytes(held?: HeldStop[]): AsyncIterable<Buffer>;
  /** Streams lines to `sink`; the splitter's line diagnostics go to the bundle's log. */
  lines(sink: LineSink): Promise<LineSplitter>;
  /** The whole content as text, up to `cap` bytes (default limits.maxHeldBytes). */
  text(cap?: number): Promise<{ text: string; truncated: boolean }>;
}

/** A stop diagnostic held back by bytes(held). */
export interface HeldStop {
  level: 'error' | 'warning';
  message: string;
}

export interface ReaderContext {
  limits: BundleLimits;
  state: SourceState;
  /** Nested inflation counts against the same total as the archive stream. */
  inflated: { bytes: number };
  diags: DiagnosticLog;
}

export function makeMember(raw: RawMember, path: string, ctx: ReaderContext): BundleMember {
  const gzip = path.endsWith('.gz');
  let used = false;
  let cut = false;
  const { limits, diags } = ctx;
  let held: HeldStop[] | undefined;
  const stop: Stop = (msg, level = 'warning') => {
    cut = true;
    if (held) held.push({ level, message: msg });
    else diags.add(level, msg, path);
  };

  async function* raw1(): AsyncGenerator<Buffer> {
    let n = 0;
    try {
      for await (const c of raw.chunks()) {
        n += c.length;
        yield c;
      }
    } catch (e) {
      stop(`member cut short after ${n} bytes: ${(e as Error).message}`, 'error');
    }
  }

  async function* bytes(hold?: HeldStop[]): AsyncGenerator<Buffer> {
    if (used) throw new Error(`member ${path} consumed twice`); // a programming error, not input
    used = true;
    held = hold;
    let src: AsyncIterable<Buffer> = raw1();
    const outcome: InflateOutcome = { stopped: null, inBytes: 0, outBytes: 0 };
    if (gzip) {
      src = inflateGuarded(
        src,
        {
          maxBytes: Math.min(limits.gzMaxBytes, limits.maxMemberBytes),
          maxRatio: limits.gzMaxRatio,
          ratioAfterBytes: limits.gzRatioAfterBytes,
        },
        outcome,
      );
    }
    yield* withinLimits(src, gzip, ctx, stop);
    if (outcome.stopped) stop(`${outcome.stopped}; kept ${outcome.outBytes} inflated bytes`);
  }

  return {
    path,
    size: raw.size,
    gzip,
    ...(raw.mtimeMs !== undefined ? { mtimeMs: raw.mtimeMs } : {}),
    get cut() {
      return cut;
    },
    bytes,
    async lines(sink) {
      const splitter = new LineSplitter(limits.maxLineBytes);
      for await (const c of bytes()) splitter.push(c, sink);
      splitter.end(sink);
      for (const d of splitter.diagnostics(diags.file, path)) diags.push(d);
      return splitter;
    },
    async text(cap = limits.maxHeldBytes) {
      const { text, truncated } = await headText(bytes(), cap);
      if (truncated) stop(`larger than the ${cap}-byte limit for an artifact held in memory; kept the first ${cap} bytes`);
      return { text, truncated };
    },
  };
}

type Stop = (msg: string, level?: 'error' | 'warning') => void;

/** A member's bytes within the member size limit and, inflating, the bundle's total; a limit reached ends the stream through `stop`. */
async function* withinLimits(src: AsyncIterable<Buffer>, gzip: boolean, ctx: ReaderContext, stop: Stop): AsyncGenerator<Buffer> {
  const { limits } = ctx;
  let n = 0;
  for await (const c of src) {
    if (gzip) {
      ctx.inflated.bytes += c.length;
      if (ctx.inflated.bytes + ctx.state.archiveBytes > limits.maxTotalBytes) {
        stop(`total size limit of ${limits.maxTotalBytes} bytes reached while inflating; kept ${n} bytes`);
        return;
      }
    }
    if (n + c.length > limits.maxMemberBytes) {
      yield c.subarray(0, limits.maxMemberBytes - n);
      stop(`member passed the size limit of ${limits.maxMemberBytes} bytes; kept the first ${limits.maxMemberBytes}`);
      return;
    }
    n += c.length;
    yield c;
  }
}

/** The first `cap` bytes of a stream as text; `truncated` when more followed (the rest is not read). */
async function headText(src: AsyncIterable<Buffer>, cap: number): Promise<{ text: string; truncated: boolean }> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const c of src) {
    if (n + c.length > cap) {
      parts.push(c.subarray(0, cap - n));
      return { text: Buffer.concat(parts, cap).toString('utf8'), truncated: true };
    }
    parts.push(c);
    n += c.length;
  }
  return { text: Buffer.concat(parts, n).toString('utf8'), truncated: false };
}
