/**
 * Whether a line is an access-log line, and where its parts are: the one
 * acceptance test of access-log.ts (detect, head and the fields alike). The
 * result goes into a record the caller owns and passes in (each reader keeps
 * one, newFrame()): the hot path allocates no array or record per line and
 * slices only the request, which every event's message holds. The record
 * holds the last line framed into it; a kept event's deferred fields frame
 * their own line again, into their own record.
 */
import { special, tailFrame } from './access-split.js';
import { Char } from './char-codes.js';

// Only for lines special() is true for (escaped quotes, CR, U+2028/9): see access-split.ts.
const TAIL = /"((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(.*)$/y;

export interface Frame {
  /** Where ` [` (before the stamp) and `] "` (after it) are. */
  open: number;
  close: number;
  /** Where the space-separated items start: 0, or after a quoted lead (`"10.5.1.2, 199.9.1.1" `). */
  itemsFrom: number;
  /** No backslash, CR, U+2028/9: the tail and the referrer/agent were split by hand. */
  clean: boolean;
  request: string;
  /** `-` or three digits, and its value (null for `-`). */
  status: string;
  statusNum: number | null;
  /** Clean lines: the bytes field is [bytesS, bytesE) and the rest follows it. */
  bytesS: number;
  bytesE: number;
  /** Special lines: TAIL's match (request, status, bytes, rest). */
  tail: RegExpExecArray | null;
}

/** An empty record for frame() to fill: one per reader, reused line after line. */
export function newFrame(): Frame {
  return { open: 0, close: 0, itemsFrom: 0, clean: true, request: '', status: '-', statusNum: null, bytesS: 0, bytesE: 0, tail: null };
}

/**
 * Items in line[from, to): space-separated tokens, a token ending in ','
 * joining the next (a forwarded list `10.0.0.2, 10.0.0.1`); -1 when the last
 * token ends in ','.
 */
export function countItems(line: string, from: number, to: number): number {
  let n = 0;
  let open = false;
  let inToken = false;
  for (let i = from; i <= to; i++) {
    if (i === to || line.charCodeAt(i) === Char.Space) {
      if (inToken) {
        inToken = false;
        open = line.charCodeAt(i - 1) === Char.Comma;
        if (!open) n++;
      }
    } else inToken = true;
  }
  return open ? -1 : n;
}

/** Where an access-log line's parts are, written into `f` and returned; null (f partly written) when `line` is none. */
export function frame(line: string, f: Frame): Frame | null {
  const open = line.indexOf(' [');
  if (open < 5 || open > 1024) return null;
  const close = line.indexOf('] "', open);
  if (close < 0 || close - open < 22 || close - open > 34) return null;
  f.clean = !special(line);
  if (f.clean) {
    if (!tailFrame(line, close + 2, f)) return null;
    f.tail = null;
  } else {
    TAIL.lastIndex = close + 2; // sticky: no slice of the line
    const m = TAIL.exec(line);
    if (!m) return null;
    f.tail = m;
    f.request = m[1]!;
    f.status = m[2]!;
  }
  let from = 0;
  if (line.charCodeAt(0) === Char.Quote) {
    const q = line.indexOf('" ', 1);
    if (q < 0 || q + 2 > open) return null;
    from = q + 2;
  }
  const n = countItems(line, from, open);
  if (n < 3 || n > (from === 0 ? 4 : 3)) return null;
  f.open = open;
  f.close = close;
  f.itemsFrom = from;
  f.statusNum = f.status === '-' ? null : Number(f.status);
  return f;
}
