/**
 * One batch of a member's lines, redacted and then checked: the unit of work a
 * redaction worker takes (cli/pipeline/redact-worker.ts) or this thread runs
 * (engine.ts). Lines are independent but for PEM blocks, so a batch starts
 * from the PEM states the previous batch ended in, for the redaction (over the
 * original) and for the check (over the redacted lines). The check judges
 * each changed line as the string written (latin1: the string is the bytes).
 */
import { Aliaser, type AliasEntry } from './alias.js';
import { BatchOutput } from './batch-output.js';
import { Checker } from './checker.js';
import { MAX_LINE } from './lines.js';
import type { Literal, Match } from './patterns.js';
import { PEM_BEGIN, type PemState } from './pem.js';
import { Redactor, type RedactKind } from './redactor.js';
import type { ScanTrace } from './scan.js';

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
  /** The redacted bytes: the start of memory of their own (a worker moves it), which may be longer. */
  bytes: Buffer;
  /** Lines in the batch, a last one without `\n` included. */
  lines: number;
  leaks: BatchLeak[];
  end: BatchState;
  /** A line over MAX_LINE, counted from the batch's first: nothing else is set. */
  refused?: number;
}

const NL = 0x0a;

/** PEM_BEGIN as bytes: a batch is searched for it once, not each line. */
const BEGIN_BYTES = Buffer.from(PEM_BEGIN, 'latin1');

/** The output buffer's first size: a batch (member.ts) and room for aliases longer than their values. */
const BATCH_OUTPUT = 3 << 19;

export class BatchRedactor {
  private readonly aliaser: Aliaser;
  private readonly redactor: Redactor;
  private readonly checker: Checker;
  private readonly seen: Match[] = [];
  private readonly trace: ScanTrace = { stem: undefined, spans: [] };
  private readonly out = new BatchOutput(BATCH_OUTPUT);

  constructor(init: EngineInit) {
    this.aliaser = new Aliaser(Buffer.from(init.key));
    this.redactor = new Redactor(this.aliaser, init.literals, new Set(init.disable));
    this.checker = new Checker(init.literals, []);
  }

  /**
   * `bytes` are whole lines, each ended by `\n`, but in a member's last batch,
   * whose last line may have none. Each line is decoded as a string of its own:
   * the scan reads a flat string faster than a slice of a larger one (~15 %).
   */
  run(bytes: Buffer, start: BatchState): BatchResult {
    this.redactor.reset(start.redact);
    const check = { ...start.check };
    this.out.begin(bytes);
    let n = 0;
    // The next BEGIN at or after the line: most batches hold none, and no line is searched for one.
    let begin = bytes.indexOf(BEGIN_BYTES);
    for (let at = 0; at < bytes.length;) {
      const nl = bytes.indexOf(NL, at);
      const end = nl < 0 ? bytes.length : nl;
      const next = nl < 0 ? end : nl + 1;
      n++;
      if (end - at > MAX_LINE) {
        this.checker.leaks.length = 0;
        return { input: bytes, bytes: Buffer.alloc(0), lines: 0, leaks: [], end: start, refused: n };
      }
      if (begin >= 0 && begin < at) begin = bytes.indexOf(BEGIN_BYTES, at);
      const line = bytes.toString('latin1', at, end);
      const redacted = this.line(line, check, n, begin >= 0 && begin < end);
      if (redacted === line) this.out.keep(at, next);
      else this.out.write(redacted, nl >= 0);
      at = next;
    }
    const leaks = this.checker.leaks.splice(0).map((l) => ({ line: l.line ?? 0, kind: l.kind }));
    return { input: bytes, bytes: this.out.bytes(), lines: n, leaks, end: { redact: this.redactor.pemState, check } };
  }

  /** A former output's memory (BatchResult.bytes), written out by the caller: the next output is copied into it. */
  spare(bytes: Buffer): void {
    this.out.spare(bytes);
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
   * `begins`: whether the line holds a BEGIN (found in the batch's bytes).
   */
  private line(line: string, check: PemState, n: number, begins: boolean): string {
    const plain = !check.inPem && !this.redactor.pemOpen && !begins;
    this.seen.length = 0;
    // Outside a block, a line without a BEGIN is one plain segment (pem.ts): scanned as it is, no segments made.
    const out = plain ? this.redactor.scan(line, this.seen, this.trace) : this.redactor.line(line);
    if (plain && out === line) for (const m of this.seen) this.checker.judge(m, '', n);
    else if (!check.inPem && !out.includes(PEM_BEGIN)) this.checker.text(out, '', n, plain ? this.stemIn(out) : undefined);
    else this.checker.line(out, check, '', n);
    return out;
  }

  /**
   * Whether the output of a plain line holds any stem, when that can be told
   * without testing it whole: the output is the line with each replacement's
   * span changed, so a stem in it lies in text the line held, or overlaps a
   * span and so lies within `stemReach` characters of one. A line that held
   * no stem needs only the text around its spans tested. Undefined: test it.
   */
  private stemIn(out: string): boolean | undefined {
    const { stem, spans } = this.trace;
    const { anyStem, stemReach } = this.checker.set;
    if (stem !== false || anyStem === null) return undefined;
    for (let i = 0; i < spans.length; i += 2) {
      if (anyStem.test(out.slice(Math.max(0, spans[i]! - stemReach), spans[i + 1]! + stemReach))) return true;
    }
    return false;
  }
}
