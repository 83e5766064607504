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
  private readonly seen = new Set<string>();

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
    this.seen.add(key);
    if (this.list.length >= this.max) {
      this.dropped[d.level]++;
      return;
    }
    this.list.push(d);
  }

  count(level: BundleDiagnostic['level']): number {
    return this.list.filter((d) => d.level === level).length + this.dropped[level];
  }
}

/** `file:member:line: message`, one line, for terminals. */
export function formatDiagnostic(d: BundleDiagnostic): string {
  const where = [d.file, d.member, d.line].filter((x) => x !== undefined && x !== '').join(':');
  return `${where}: ${d.level}: ${d.message}`.replace(/[\r\n]+/g, ' ');
}
