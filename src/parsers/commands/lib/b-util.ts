/**
 * Shared helpers for the snapshot command parsers (df, ps, ss, netstat, /proc
 * files...). The number conversions mirror jc's own rules on purpose: jc
 * parity means the same value *and* the same null for odd input, so these
 * follow Python's `int()`, `float()` and jc.utils' converters rather than
 * JavaScript's looser `Number()`.
 */
import type { Diagnostic } from '../../types.js';

/** Lines of an artifact, without line terminators (\r\n, \n, \r as Python's splitlines). */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const PY_INT = /^\s*[+-]?\d+(?:_\d+)*\s*$/;
const PY_FLOAT = /^\s*[+-]?(?:(?:\d+(?:_\d+)*)?\.\d+(?:_\d+)*|\d+(?:_\d+)*\.?)(?:[eE][+-]?\d+)?\s*$/;

/** Python `int(s)`: null where Python raises ValueError. */
export function pyInt(s: string): number | null {
  return PY_INT.test(s) ? Number(s.trim().replace(/_/g, '')) : null;
}

/** Python `float(s)` for finite decimal text; null where Python raises (inf/nan kept out: JSON has no such numbers). */
export function pyFloat(s: string): number | null {
  return PY_FLOAT.test(s) ? Number(s.trim().replace(/_/g, '')) : null;
}

/** jc.utils.convert_to_int: drop every char but digits, '-' and '.', then int, else int(float), else null. */
export function jcInt(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  const t = s.replace(/[^0-9.-]/g, '');
  const i = pyInt(t);
  if (i !== null) return i;
  const f = pyFloat(t);
  return f === null ? null : Math.trunc(f);
}

/** jc.utils.convert_to_float, same stripping rule. */
export function jcFloat(s: string | null | undefined): number | null {
  if (s === null || s === undefined) return null;
  return pyFloat(s.replace(/[^0-9.-]/g, ''));
}

const SIZE_UNITS = ['k', 'm', 'g', 't', 'p', 'e', 'z', 'y'];

/**
 * jc.utils.convert_size_to_int (humanfriendly's rules): `1.9G` → bytes, with
 * binary multiples for ambiguous symbols when `binary`, as jc's df -h does.
 */
export function jcSize(s: string | null | undefined, binary: boolean): number | null {
  if (s === null || s === undefined) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(s);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? '').toLowerCase().replace(/s+$/, '');
  if (unit === '' || unit.startsWith('b')) return Math.trunc(n);
  const idx = SIZE_UNITS.indexOf(unit[0] ?? '');
  if (idx < 0) return null;
  const isBinary = /^[kmgtpezy]ib$/.test(unit) || unit.endsWith('bibyte');
  const base = isBinary || binary ? 1024 : 1000;
  return Math.trunc(n * base ** (idx + 1));
}

/** Collects diagnostics, capped so a garbage input cannot produce megabytes of them. */
export class Diags {
  readonly list: Diagnostic[] = [];
  private dropped = 0;
  constructor(private readonly cap = 50) {}
  error(message: string, line?: number): void {
    this.add('error', message, line);
  }
  warn(message: string, line?: number): void {
    this.add('warning', message, line);
  }
  private add(level: Diagnostic['level'], message: string, line?: number): void {
    if (this.list.length >= this.cap) {
      this.dropped++;
      return;
    }
    this.list.push(line === undefined ? { level, message } : { level, message, line });
  }
  done(): Diagnostic[] {
    if (this.dropped > 0) this.list.push({ level: 'info', message: `${this.dropped} more diagnostics not shown` });
    return this.list;
  }
}

/** The first non-blank line, for detect(). */
export function firstLine(head: string): string {
  for (const l of head.split(/\r?\n/)) if (l.trim() !== '') return l;
  return '';
}

/** `key: value` → [key, value] when both sides are present; null otherwise. */
export function splitOnce(line: string, sep: string): [string, string] | null {
  const i = line.indexOf(sep);
  return i < 0 ? null : [line.slice(0, i), line.slice(i + sep.length)];
}
