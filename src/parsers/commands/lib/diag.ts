/** Collects a parser's diagnostics: every problem is counted, the first ones are kept with their line. */
import type { Diagnostic } from '../../types.js';

const KEEP = 50;

export class Diags {
  readonly list: Diagnostic[] = [];
  private dropped = 0;

  constructor(private readonly file: string) {}

  add(level: Diagnostic['level'], message: string, line?: number): void {
    if (this.list.length >= KEEP) {
      this.dropped++;
      return;
    }
    this.list.push({ level, message: `${this.file}: ${message}`, ...(line !== undefined ? { line } : {}) });
  }

  get count(): number {
    return this.list.length + this.dropped;
  }

  /** The kept diagnostics, plus one saying how many more were counted. */
  done(): Diagnostic[] {
    if (this.dropped > 0) {
      this.list.push({ level: 'warning', message: `${this.file}: ${this.dropped} more problems not listed` });
      this.dropped = 0;
    }
    return this.list;
  }
}

/** Lines with their 1-based numbers; a trailing newline does not make an extra empty line. */
export function numberedLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
