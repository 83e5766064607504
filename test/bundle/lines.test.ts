/** The byte-level line splitter: chunk boundaries anywhere, caps, bad bytes. */
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../src/bundle/lines.js';

function split(chunks: Buffer[], max?: number): { lines: [string, number][]; s: LineSplitter } {
  const s = new LineSplitter(max);
  const lines: [string, number][] = [];
  const sink = (l: string, n: number): void => {
    lines.push([l, n]);
  };
  for (const c of chunks) s.push(c, sink);
  s.end(sink);
  return { lines, s };
}

/** What a naive reader gives: split on \n, strip one \r, no line after a final \n. */
function naive(text: string): [string, number][] {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l, i) => [l.replace(/\r$/, ''), i + 1]);
}

describe('LineSplitter', () => {
  const text = 'first\r\nsecond line ünïcødé €\n\nlast 😀 emoji\r\nno newline at end';
  const bytes = Buffer.from(text);

  it('gives the same lines for every two-chunk cut of the input', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { lines, s } = split([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(lines, `cut at ${cut}`).toEqual(naive(text));
      expect(s.invalidUtf8Lines, `cut at ${cut}`).toBe(0);
    }
  });

  it('gives the same lines fed one byte at a time', () => {
    const { lines } = split([...bytes].map((b) => Buffer.from([b])));
    expect(lines).toEqual(naive(text));
  });

  it('a final newline ends the last line; an empty input has no lines', () => {
    expect(split([Buffer.from('a\nb\n')]).lines).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(split([]).lines).toEqual([]);
    expect(split([Buffer.from('\n')]).lines).toEqual([['', 1]]);
  });

  it('cuts a 10 MB line at the cap, keeps counting lines, and names the line', () => {
    const long = Buffer.alloc(10 * 1024 * 1024, 'x');
    const chunks: Buffer[] = [Buffer.from('before\n')];
    for (let i = 0; i < long.length; i += 65536) chunks.push(long.subarray(i, i + 65536));
    chunks.push(Buffer.from('\nafter\n'));
    const { lines, s } = split(chunks);
    expect(lines.map(([l, n]) => [l.length, n])).toEqual([
      [6, 1],
      [65536, 2],
      [5, 3],
    ]);
    const d = s.diagnostics('b.tar.gz', 'logs/var/log/x.log');
    expect(d).toEqual([
      {
        level: 'warning',
        file: 'b.tar.gz',
        member: 'logs/var/log/x.log',
        line: 2,
        message: 'line 2 is 10485760 bytes: kept the first 65536, dropped the rest',
      },
    ]);
  });

  it('cuts an over-long line inside one big chunk too, at a character boundary', () => {
    const line = `${'é'.repeat(40)}\n`; // 80 bytes of 2-byte characters
    const { lines, s } = split([Buffer.from(`ok\n${line}${line}`)], 33);
    expect(lines[1]).toEqual(['é'.repeat(16), 2]);
    expect(s.longLineCount).toBe(2);
    expect(s.invalidUtf8Lines).toBe(0);
  });

  it('a line exactly at the cap is whole, its CRLF ending included', () => {
    const { lines, s } = split([Buffer.from(`${'a'.repeat(32)}\r\n${'b'.repeat(33)}\n`)], 32);
    expect(lines).toEqual([
      ['a'.repeat(32), 1],
      ['b'.repeat(32), 2],
    ]);
    expect(s.longLines).toEqual([{ line: 2, bytes: 33 }]);
  });

  it('replaces invalid UTF-8 with U+FFFD and reports it once per artifact with a count', () => {
    const { lines, s } = split([Buffer.from('good\n'), Buffer.from([0x62, 0x61, 0xff, 0xfe, 0x64, 0x0a, 0xc3, 0x28, 0x0a]), Buffer.from('fine\n')]);
    expect(lines).toEqual([
      ['good', 1],
      ['ba\uFFFD\uFFFDd', 2],
      ['\uFFFD(', 3],
      ['fine', 4],
    ]);
    expect(s.diagnostics('b', 'm')).toEqual([
      {
        level: 'warning',
        file: 'b',
        member: 'm',
        line: 2,
        message: 'invalid UTF-8 on 2 line(s), first at line 2: bytes replaced by U+FFFD',
      },
    ]);
  });

  it('splits 50 MB of log lines, counting every line (throughput printed, not asserted: npm run bench times it)', () => {
    const line = 'Nov 26 05:03:02 web1 nginx[1234]: 10.0.0.1 - - "GET /api/v1/items/1 HTTP/1.1" 200 512 rt=0.012\n';
    const chunk = Buffer.from(line.repeat(Math.floor(65536 / line.length)));
    const s = new LineSplitter();
    let n = 0;
    const t0 = performance.now();
    for (let i = 0; i < 800; i++) s.push(chunk, () => n++);
    s.end(() => n++);
    const mbps = s.bytes / 1e6 / ((performance.now() - t0) / 1000);
    expect(n).toBe(800 * Math.floor(65536 / line.length));
    console.log(`[lines] ${(s.bytes / 1e6).toFixed(0)} MB at ${mbps.toFixed(0)} MB/s`);
  });
});
