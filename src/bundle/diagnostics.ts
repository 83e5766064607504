/**
 * Collects a bundle's diagnostics: capped (a hostile bundle can produce one
 * per member) and de-duplicated (a second pass over the archive sees the same
 * skipped members again and must not report them twice).
 */
import type { BundleDiagnostic } from './types.js';

export class DiagnosticLog {
  readonly list: BundleDiagnostic[] = [];
  /** Diagnostics beyond the cap, per level. */
  readonly dropped = { error: 0, warning: 0, info: 0 };
  /** Keys of the diagnostics listed. */
  private readonly seen = new Set<string>();
  /**
   * Hashes (52 bits) of the keys of those only counted: a hostile bundle gives
   * one per member, and 100,000 keys of ~100 characters were 15 MB kept while
   * reading (about 60 MB of RSS through V8's heap growth). A collision (about
   * one in 10^6 at 100,000 keys) undercounts by one.
   */
  private readonly counted = new Set<number>();

  constructor(
    readonly file: string,
    readonly max = 500,
  ) {}

  add(level: BundleDiagnostic['level'], message: string, member?: string, line?: number): void {
    this.push({ level, file: this.file, ...(member !== undefined ? { member } : {}), ...(line !== undefined ? { line } : {}), message });
  }

  /** A parser's report about an artifact's content (not about the bundle). */
  addParser(level: BundleDiagnostic['level'], message: string, member: string, line?: number): void {
    this.push({ level, file: this.file, member, ...(line !== undefined ? { line } : {}), message, origin: 'parser' });
  }

  push(d: BundleDiagnostic): void {
    const key = `${d.level}|${d.member ?? ''}|${d.line ?? ''}|${d.message}`;
    if (this.seen.has(key)) return;
    if (this.list.length >= this.max) {
      const h = hash52(key);
      if (this.counted.has(h)) return;
      this.counted.add(h);
      this.dropped[d.level]++;
      return;
    }
    this.seen.add(key);
    this.list.push(d);
  }

  count(level: BundleDiagnostic['level']): number {
    return this.list.filter((d) => d.level === level).length + this.dropped[level];
  }
}

/** Two multiplicative hashes of `s` (FNV-1a's 32 bits, and the top 20 of another multiplier's) as one exact number under 2^53. */
function hash52(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + (b >>> 12);
}

/** `file:member:line: message`, one line, for terminals. */
export function formatDiagnostic(d: BundleDiagnostic): string {
  const where = [d.file, d.member, d.line].filter((x) => x !== undefined && x !== '').join(':');
  return `${where}: ${d.level}: ${d.message}`.replace(/[\r\n]+/g, ' ');
}
