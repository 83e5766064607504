/**
 * PEM blocks (keys, certificates) are cut out whole, across lines or inside one
 * log line (`-----BEGIN ...-----\nMII...\n-----END ...-----` escaped). Indexes
 * only, no regex: a line of many BEGIN markers stays linear.
 */

export interface PemState {
  inPem: boolean;
  /** Lines spent inside the current block; a block never lasts past MAX_PEM_LINES. */
  lines: number;
}

/** A key is under 100 lines of base64; an unterminated BEGIN must not swallow a whole log. */
const MAX_PEM_LINES = 200;

export interface Segment {
  text: string;
  /** A PEM body: replaced by `***` (redaction) or required to be `***` (verification). */
  secret: boolean;
}

/** What opens a block; a line without it, outside a block, is one plain segment (batch.ts tests it for its shortcut). */
export const PEM_BEGIN = '-----BEGIN ';

export function pemSegments(line: string, st: PemState): Segment[] {
  if (!st.inPem && !line.includes(PEM_BEGIN)) return [{ text: line, secret: false }];
  if (st.inPem && ++st.lines > MAX_PEM_LINES) st.inPem = false;
  const segs: Segment[] = [];
  let pos = 0;
  for (;;) {
    if (st.inPem) {
      const end = line.indexOf('-----END ', pos);
      if (end < 0) {
        segs.push({ text: line.slice(pos), secret: true });
        return segs;
      }
      segs.push({ text: line.slice(pos, end), secret: true });
      st.inPem = false;
      const close = line.indexOf('-----', end + 9);
      const stop = close < 0 ? line.length : close + 5;
      segs.push({ text: line.slice(end, stop), secret: false });
      pos = stop;
      continue;
    }
    const begin = line.indexOf(PEM_BEGIN, pos);
    const close = begin < 0 ? -1 : line.indexOf('-----', begin + PEM_BEGIN.length);
    if (close < 0) {
      segs.push({ text: line.slice(pos), secret: false });
      return segs;
    }
    segs.push({ text: line.slice(pos, close + 5), secret: false });
    pos = close + 5;
    st.inPem = true;
    st.lines = 0;
  }
}
