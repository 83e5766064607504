/**
 * Reads one log member into parse workers, cut into segments that the
 * workers parse at the same time. Why: one worker parsing one large log was
 * the bottleneck of a bundle (docs/performance.md), while the other core
 * only inflated.
 *
 * A member is cut only when its format is segmentable (LogParser.segmentable)
 * and only before a line that starts an entry, so every event is the one a
 * single reader gives; the parser is chosen here from the member's first
 * lines, the same choice the first segment's worker makes. Line numbers stay
 * the file's (each segment starts at the count of newlines before it), and
 * finishMember() turns the segments' tallies into one coverage and the same
 * diagnostics. Each new segment goes to a port chosen by pickPort.
 */
import type { DiagnosticLog } from '../../bundle/diagnostics.js';
import { LineSplitter } from '../../bundle/lines.js';
import type { BundleMember, HeldStop } from '../../bundle/member.js';
import type { ManifestEntry } from '../../bundle/types.js';
import type { LogCoverage } from '../../parsers/host-data.js';
import { DETECT_LINES, chooseParser, finishMember, type SegmentOptions } from '../../parsers/log-segment.js';
import type { HostClock, SegmentReader } from '../../parsers/types.js';
import { CHUNK, MAX_IN_FLIGHT, takeChunk, type ParsePort, type SegmentDone } from './log-port.js';

const NL = 10;
const CR = 13;
/** Lines tried, from a chunk's end backwards, for one that starts an entry. */
const CUT_TRIES = 64;
/**
 * A whole member this small is parsed in this thread: a worker's round trip
 * (open, chunk, end and its answer, ~0.2 ms) costs more than parsing 16 KB,
 * and 100,000 empty members took 22 s and 394 MB of RSS through a worker.
 */
export const SMALL_MEMBER = 16 * 1024;

export interface MemberJob {
  member: BundleMember;
  entry: ManifestEntry;
  clock: HostClock;
  hostId: string;
  diags: DiagnosticLog;
  maxLineBytes: number;
}

function countLines(buf: Uint8Array, end: number): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, end);
  let n = 0;
  for (let i = b.indexOf(NL); i !== -1; i = b.indexOf(NL, i + 1)) n++;
  return n;
}

/** The member's first lines as the worker's splitter gives them (null: not DETECT_LINES of them in these bytes). */
function headLines(buf: Uint8Array, len: number, whole: boolean, maxLineBytes: number): string[] | null {
  const lines: string[] = [];
  const s = new LineSplitter(maxLineBytes);
  s.push(Buffer.from(buf.buffer, buf.byteOffset, len), (l) => {
    if (lines.length < DETECT_LINES) lines.push(l);
  });
  if (whole)
    s.end((l) => {
      if (lines.length < DETECT_LINES) lines.push(l);
    });
  return lines.length >= DETECT_LINES || whole ? lines : null;
}

/** Where a new segment may start in buf[0, len): just after a newline, before a complete line that starts an entry; -1 if none. */
function findCut(buf: Uint8Array, len: number, probe: SegmentReader, maxLineBytes: number): number {
  const b = Buffer.from(buf.buffer, buf.byteOffset, len);
  let end = b.lastIndexOf(NL);
  for (let tries = 0; end > 0 && tries < CUT_TRIES; tries++) {
    const nl = b.lastIndexOf(NL, end - 1);
    if (nl < 0) return -1;
    const start = nl + 1;
    const stop = end > start && b[end - 1] === CR ? end - 1 : end;
    if (stop > start && stop - start <= maxLineBytes && probe.startsEntry(b.toString('utf8', start, stop))) return start;
    end = nl;
  }
  return -1;
}

/**
 * The port for a new segment: a worker with room in its window (the least
 * busy), else this thread's own port when there is one (it parses while the
 * workers are full), else the least busy worker (the segment waits for room).
 */
export function pickPort(workers: readonly ParsePort[], local: ParsePort | null): ParsePort {
  let best: ParsePort | null = null;
  for (const p of workers) if (best === null || p.busy < best.busy) best = p;
  if (best !== null && (best.busy < MAX_IN_FLIGHT || local === null)) return best;
  if (local === null) throw new Error('no parse port');
  return local;
}

export interface Ports {
  workers: readonly ParsePort[];
  local: ParsePort | null;
}

/** The segmentable parser the member's first lines choose, and a reader of it to find cuts with; none for the rest. */
function probeParser(job: MemberJob, head: string[] | null): { parserId: string | undefined; probe: SegmentReader | null } {
  const { member, entry, clock } = job;
  const choice = head ? chooseParser(entry, member.path, head) : null;
  if (!choice?.parser.segmentable) return { parserId: undefined, probe: null };
  const probe = choice.parser.open({ file: member.path, clock, ...(entry.mtimeMs !== null ? { mtimeMs: entry.mtimeMs } : {}) }) as SegmentReader;
  return { parserId: choice.parser.id, probe };
}

export async function readMemberSegmented(ports: Ports, job: MemberJob, stats?: { segments: number; local: number }): Promise<LogCoverage> {
  const { member, entry, clock, hostId, diags, maxLineBytes } = job;
  const path = member.path;
  const held: HeldStop[] = [];
  const done: Promise<SegmentDone>[] = [];
  // Awaited together at the member's end; one that fails before then must not count as unhandled.
  const ended = (p: Promise<SegmentDone>): void => {
    p.catch(() => undefined);
    done.push(p);
  };
  let port: ParsePort | null = null;
  let parserId: string | undefined;
  let probe: SegmentReader | null = null;
  let lines = 0;
  const least = (small = false): ParsePort => {
    const p = small && ports.local ? ports.local : pickPort(ports.workers, ports.local);
    if (stats && p === ports.local) stats.local++;
    return p;
  };
  const opening = (startLine: number, opts: SegmentOptions) => ({ path, entry, clock, hostId, file: diags.file, maxLineBytes, startLine, opts });
  const openFirst = (buf: Uint8Array, len: number, whole: boolean): void => {
    ({ parserId, probe } = probeParser(job, headLines(buf, len, whole, maxLineBytes)));
    port = least(whole && len <= SMALL_MEMBER);
    // The first segment chooses its parser itself: the same choice, and its notes (a fallback) are logged once.
    port.open(opening(0, { part: probe !== null }));
  };
  const send = async (buf: Uint8Array, len: number, last: boolean): Promise<void> => {
    if (!port) openFirst(buf, len, last);
    let cut = !last && probe ? findCut(buf, len, probe, maxLineBytes) : -1;
    // The first segment's worker chooses the parser from its first DETECT_LINES lines, as one reader
    // would: a cut before it has them (lines of tens of KB) could make it choose from fewer.
    if (cut > 0 && done.length === 0 && lines + countLines(buf, cut) < DETECT_LINES) cut = -1;
    if (cut <= 0) {
      lines += countLines(buf, len);
      await port!.chunk(buf, len);
      return;
    }
    const rest = takeChunk();
    rest.set(buf.subarray(cut, len));
    lines += countLines(buf, cut);
    await port!.chunk(buf, cut);
    ended(port!.end());
    port = least();
    port.open(opening(lines, { parserId: parserId!, part: true }));
    // The rest (about a line) starts the new segment's next chunk.
    carry = { buf: rest, len: len - cut };
  };

  let carry: { buf: Uint8Array; len: number } | null = null;
  let buf = takeChunk();
  let len = 0;
  for await (const c of member.bytes(held)) {
    let off = 0;
    while (off < c.length) {
      const n = Math.min(c.length - off, CHUNK - len);
      buf.set(c.subarray(off, off + n), len);
      len += n;
      off += n;
      if (len === CHUNK) {
        await send(buf, len, false);
        ({ buf, len } = carry ?? { buf: takeChunk(), len: 0 });
        carry = null;
      }
    }
  }
  if (len > 0 || !port) await send(buf, len, true);
  ended(port!.end());
  const segments = await Promise.all(done);
  if (stats) stats.segments += segments.length;
  for (const s of segments) s.diags.forEach((d) => diags.push(d));
  for (const s of held) diags.add(s.level, s.message, path);
  const segs = segments.map((s) => s.seg);
  return finishMember(path, segs, diags, maxLineBytes);
}
