/**
 * One batch of a member's lines, redacted and then checked: the unit of work a
 * redaction worker takes (cli/pipeline/redact-worker.ts) or this thread runs
 * (engine.ts). Lines are independent but for PEM blocks, so a batch starts
 * from the PEM states the previous batch ended in, for the redaction (over the
 * original) and for the check (over the redacted bytes). The check scans the
 * bytes as encoded, split again, never the redactor's own lines.
 */
import { Aliaser, type AliasEntry } from './alias.js';
import { Checker } from './checker.js';
import { takeLines } from './lines.js';
import type { Literal, Match } from './patterns.js';
import { PEM_BEGIN, type PemState } from './pem.js';
import { Redactor, type RedactKind } from './redactor.js';
import { SitrepError } from '../errors.js';

export interface BatchState {
  redact: PemState;
  check: PemState;
}

/** A member's first state: no PEM block open on either side. */
export const openState = (): BatchState => ({ redact: { inPem: false, lines: 0 }, check: { inPem: false, lines: 0 } });

/** Whether a batch ending in `s` leaves no block open: its successor's open start was right. */
export const closes = (s: BatchState): boolean => !s.redact.inPem && !s.check.inPem;

/** What every redaction engine is built from: plain data, posted to workers as it is. */
export interface EngineInit {
  literals: readonly Literal[];
  key: Uint8Array;
  /** Tests only: kinds redaction skips (never the check). */
  disable: readonly RedactKind[];
}

/** A leak in a batch: its line counted from the batch's first (1). */
export interface BatchLeak {
  line: number;
  kind: string;
}

export interface BatchResult {
  /** The batch as given, handed back (a worker had it moved): to run again from another state. */
  input: Buffer;
  bytes: Buffer;
  /** Lines in the batch, a last one without `\n` included. */
  lines: number;
  leaks: BatchLeak[];
  end: BatchState;
  /** A line over MAX_LINE, counted from the batch's first: nothing else is set. */
  refused?: number;
}

/**
 * A batch's output: runs of unchanged lines copied from the input's bytes,
 * changed lines encoded together. latin1 is one byte a character both ways,
 * so a line left as it was is its own bytes, and the encoded lines are the
 * strings the check judged, character for character.
 */
class Output {
  private readonly parts: Buffer[] = [];
  private from = -1;
  private to = 0;
  private text = '';

  constructor(private readonly input: Buffer) {}

  keep(start: number, end: number): void {
    this.flushText();
    if (this.from < 0) this.from = start;
    this.to = end;
  }

  write(text: string): void {
    this.flushKept();
    this.text += text;
  }

  /** A buffer of its own, never a view of the input (the two are moved back separately). */
  bytes(): Buffer {
    this.flushText();
    this.flushKept();
    return Buffer.concat(this.parts);
  }

  private flushKept(): void {
    if (this.from >= 0) this.parts.push(this.input.subarray(this.from, this.to));
    this.from = -1;
  }

  private flushText(): void {
    if (this.text !== '') this.parts.push(Buffer.from(this.text, 'latin1'));
    this.text = '';
  }
}

export class BatchRedactor {
  private readonly aliaser: Aliaser;
  private readonly redactor: Redactor;
  private readonly checker: Checker;
  private readonly seen: Match[] = [];

  constructor(init: EngineInit) {
    this.aliaser = new Aliaser(Buffer.from(init.key));
    this.redactor = new Redactor(this.aliaser, init.literals, new Set(init.disable));
    this.checker = new Checker(init.literals, []);
  }

  /** `bytes` are whole lines, each ended by `\n`, but in a member's last batch, whose last line may have none. */
  run(bytes: Buffer, start: BatchState): BatchResult {
    const lines: string[] = [];
    let rest: string;
    try {
      rest = takeLines(bytes.toString('latin1'), lines, 0);
    } catch (e) {
      if (e instanceof SitrepError && e.line !== undefined) return { input: bytes, bytes: Buffer.alloc(0), lines: 0, leaks: [], end: start, refused: e.line };
      throw e;
    }
    if (rest !== '') lines.push(rest);
    this.redactor.reset(start.redact);
    const check = { ...start.check };
    const out = new Output(bytes);
    for (let i = 0, at = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const end = at + line.length + (i < lines.length - 1 || rest === '' ? 1 : 0);
      const redacted = this.line(line, check, i + 1);
      if (redacted === line) out.keep(at, end);
      else out.write(end > at + line.length ? `${redacted}\n` : redacted);
      at = end;
    }
    const leaks = this.checker.leaks.splice(0).map((l) => ({ line: l.line ?? 0, kind: l.kind }));
    // latin1 is one byte a character both ways: these bytes are the lines checked, character for character.
    return { input: bytes, bytes: out.bytes(), lines: lines.length, leaks, end: { redact: this.redactor.pemState, check } };
  }

  /** Every alias made so far (original → alias), for the private map. */
  aliases(): AliasEntry[] {
    return this.aliaser.entries();
  }

  /**
   * One line redacted, and its output checked. A line outside PEM blocks that
   * redaction left as it was is not scanned again: the redactor's scan is the
   * check's (same patterns, whatever is disabled), so its matches are the ones
   * the check would find, and each is judged as the check judges it.
   */
  private line(line: string, check: PemState, n: number): string {
    const plain = !check.inPem && !this.redactor.pemOpen && !line.includes(PEM_BEGIN);
    this.seen.length = 0;
    const out = this.redactor.line(line, plain ? this.seen : undefined);
    if (!plain || out !== line) this.checker.line(out, check, '', n);
    else for (const m of this.seen) this.checker.judge(m, '', n);
    return out;
  }
}
