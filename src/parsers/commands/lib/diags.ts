/**
 * Collects a command parser's diagnostics, capped so garbage input cannot make
 * megabytes of them: every problem is counted, the first ones are kept with
 * their line. Messages do not name the file: whoever reports them does
 * (host-commands.ts adds the artifact's path, `sitrep parse` the file's), so
 * the path is printed once.
 */
import type { Diagnostic } from '../../types.js';

const KEEP = 50;

export class Diags {
  readonly list: Diagnostic[] = [];
  private dropped = 0;

  add(level: Diagnostic['level'], message: string, line?: number): void {
    if (this.list.length >= KEEP) {
      this.dropped++;
      return;
    }
    this.list.push(line === undefined ? { level, message } : { level, message, line });
  }

  error(message: string, line?: number): void {
    this.add('error', message, line);
  }

  warn(message: string, line?: number): void {
    this.add('warning', message, line);
  }

  /** Problems seen, kept or not. */
  get count(): number {
    return this.list.length + this.dropped;
  }

  /** The kept diagnostics, plus one saying how many more were counted. */
  done(): Diagnostic[] {
    if (this.dropped > 0) {
      this.list.push({ level: 'info', message: `${this.dropped} more diagnostics not listed` });
      this.dropped = 0;
    }
    return this.list;
  }
}
