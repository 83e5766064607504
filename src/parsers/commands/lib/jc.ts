/**
 * jc's value rules, so our data equals jc's JSON for the same input (jc
 * parity means the same value *and* the same null for odd input): Python's
 * `int()` and `float()`, jc.utils' converters, which strip everything but
 * digits, '-' and '.' and then read the rest as Python would (null when that
 * fails), and the two table splitters jc uses (whitespace tables and
 * column-position tables). One library for every command parser.
 */

const PY_INT_TEXT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const PY_FLOAT_TEXT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.\d+(?:_\d+)*|\d+(?:_\d+)*\.?)(?:[eE][+-]?\d+)?\s*$/;

/** Python `int(s)`: null where Python raises ValueError. */
export function pyInt(s: string): number | null {
  return PY_INT_TEXT.test(s) ? Number(s.trim().replace(/_/g, '')) : null;
}

/** Python `float(s)` for finite decimal text; null where Python raises (inf/nan kept out: JSON has no such numbers). */
export function pyFloat(s: string): number | null {
  return PY_FLOAT_TEXT.test(s) ? Number(s.trim().replace(/_/g, '')) : null;
}

// What Python's float() accepts once jc has stripped the other characters.
// `\d+(?:\.\d*)?`, not `\d+\.?\d*`: the two digit runs of that one overlap
// when the dot is absent, which is quadratic on a long digit run (issue 15).
const PY_FLOAT = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;
const PY_INT = /^-?\d+$/;

/** jc.utils.convert_to_int. */
export function convertToInt(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const s = value.replace(/[^0-9.-]/g, '');
  let n: number;
  if (PY_INT.test(s)) n = parseInt(s, 10);
  else if (PY_FLOAT.test(s)) n = Math.trunc(parseFloat(s));
  else return null;
  return n === 0 ? 0 : n; // Python ints have no negative zero
}

/** jc.utils.convert_to_float (keeps -0.0, which Python's json prints as -0.0 too). */
export function convertToFloat(value: string | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  const s = value.replace(/[^0-9.-]/g, '');
  return PY_FLOAT.test(s) ? parseFloat(s) : null;
}

const SIZE_PREFIXES = 'kmgtpezy';

/**
 * jc.utils.convert_size_to_int (humanfriendly's rules): `3.7G` → 3700000000, `217M` → 217000000,
 * `0B` → 0, `1KiB` → 1024. Ambiguous symbols (`G`) are decimal multiples (jc's free) unless
 * `binary` (jc's df -h, which passes binary=True).
 */
export function convertSizeToInt(value: string | null | undefined, binary = false): number | null {
  if (value === null || value === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(value);
  if (!m) return null;
  const num = parseFloat(m[1] ?? '');
  const unit = (m[2] ?? '').toLowerCase().replace(/s+$/, '');
  if (unit === '' || unit.startsWith('b')) return Math.trunc(num);
  const idx = SIZE_PREFIXES.indexOf(unit[0] ?? '');
  if (idx < 0) return null;
  const isBinary = /^[kmgtpezy]ib$/.test(unit) || unit.endsWith('bibyte'); // KiB, kibibyte
  return Math.trunc(num * (isBinary || binary ? 1024 : 1000) ** (idx + 1));
}

function isSpace(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(s[i] ?? ''));
}

/** Split on runs of whitespace, ignoring leading/trailing space (Python's str.split()). */
export function words(line: string): string[] {
  const t = line.trim();
  return t === '' ? [] : t.split(/\s+/);
}

/** Python's `s.strip().split(None, max)`: at most max splits, the rest kept whole. */
export function splitMax(line: string, max: number): string[] {
  const out: string[] = [];
  let rest = line.trim();
  while (rest !== '' && out.length < max) {
    const m = /\s+/.exec(rest);
    if (!m) break;
    out.push(rest.slice(0, m.index));
    rest = rest.slice(m.index + m[0].length);
  }
  if (rest !== '') out.push(rest);
  return out;
}

/** One row of jc's simple_table_parse: zip(headers, values), the last column keeps its spaces. */
export function simpleRow(headers: readonly string[], line: string): Record<string, string> {
  const vals = splitMax(line, headers.length - 1);
  const row: Record<string, string> = {};
  for (let i = 0; i < vals.length && i < headers.length; i++) row[headers[i] as string] = vals[i] as string;
  return row;
}

/**
 * jc's sparse_table_parse: columns are cut at the space before each next
 * header (moving left over non-space), blank cells become null.
 */
export function sparseTable(lines: readonly string[]): Record<string, string | null>[] {
  if (lines.length === 0) return [];
  let maxLen = 0; // a loop, not Math.max(...): a long top -b has more lines than a call has arguments
  for (const l of lines) if (l.length > maxLen) maxLen = l.length;
  const header = (lines[0] ?? '').padEnd(maxLen) + ' ';
  const names = words(header);
  const ends: number[] = [];
  for (let i = 1; i < names.length; i++) ends.push(header.indexOf(` ${names[i]} `));
  const out: Record<string, string | null>[] = [];
  for (const raw of lines.slice(1)) {
    const padded = raw.padEnd(maxLen);
    // jc writes a separator at each column end (moving left off non-space), right to left;
    // a separator already written counts as non-space for the columns left of it
    const cuts = new Set<number>();
    for (let i = ends.length - 1; i >= 0; i--) {
      let e = ends[i] as number;
      if (e < 0) continue; // header name not found again: no column end to cut at
      while (e > 0 && (cuts.has(e) || !isSpace(padded, e))) e--;
      cuts.add(e);
    }
    const sorted = [...cuts].sort((a, b) => a - b);
    const cells: string[] = [];
    let from = 0;
    for (const c of sorted) {
      cells.push(padded.slice(from, c));
      from = c + 1;
    }
    cells.push(padded.slice(from));
    const row: Record<string, string | null> = {};
    names.forEach((n, i) => {
      if (i >= cells.length) return;
      const v = (cells[i] as string).trim();
      row[n] = v === '' ? null : v;
    });
    out.push(row);
  }
  return out;
}
