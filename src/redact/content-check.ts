/**
 * The check of redacted content as it is written: the writer hands over each
 * member's bytes as it produces them, and every line is scanned the way
 * `--verify` scans a written bundle (Checker), and the bytes checked are
 * digested (SHA-256) for the read-back to hold the archive to. localCheck
 * does it in the calling thread; the CLI runs the same in a worker thread
 * (cli/pipeline), so redaction and its verification share the cores.
 */
import { createHash, type Hash } from 'node:crypto';
import { Checker, type Leak } from './checker.js';
import { takeLines } from './lines.js';
import type { Literal } from './patterns.js';
import type { PemState } from './pem.js';

export interface ContentCheck {
  /** A member's content follows: `bundle` the output's file name, `member` the member's name in it. */
  begin(bundle: string, member: string): void;
  /** The member's next bytes; resolves when more may be sent. */
  bytes(bytes: Buffer): void | Promise<void>;
  /** The member's content is complete. */
  end(): void;
  /** Once everything sent is checked: the leaks, and each member's digest in the order they began. */
  finish(): Promise<Checked>;
  /** Frees what the check holds (a worker), finished or not. */
  close(): void;
}

export interface Checked {
  leaks: Leak[];
  /** SHA-256 (hex) of each member's bytes as checked. */
  digests: string[];
}

export type ContentCheckFactory = (literals: readonly Literal[]) => ContentCheck;

/** Splits the bytes into lines as the verification's reader does (lines.ts) and checks each. */
export class LineCheck {
  private readonly check: Checker;
  private file = '';
  private pending = '';
  private n = 0;
  private pem: PemState = { inPem: false, lines: 0 };
  private hash: Hash | undefined;
  readonly digests: string[] = [];

  constructor(literals: readonly Literal[]) {
    this.check = new Checker(literals, []);
  }

  get leaks(): Leak[] {
    return this.check.leaks;
  }

  begin(bundle: string, member: string): void {
    this.file = this.check.name(member, this.check.name(bundle, '', false), false);
    this.pending = '';
    this.n = 0;
    this.pem = { inPem: false, lines: 0 };
    this.hash = createHash('sha256');
  }

  bytes(bytes: Buffer): void {
    this.hash?.update(bytes);
    const lines: string[] = [];
    this.pending = takeLines(this.pending + bytes.toString('latin1'), lines, this.n);
    for (const line of lines) this.check.line(line, this.pem, this.file, ++this.n);
  }

  end(): void {
    if (this.pending !== '') this.check.line(this.pending, this.pem, this.file, ++this.n);
    this.pending = '';
    this.digests.push(this.hash?.digest('hex') ?? '');
    this.hash = undefined;
  }
}

/** The check in this thread: where no worker can start (a TypeScript test run), and the reference for the worker's. */
export function localCheck(literals: readonly Literal[]): ContentCheck {
  const lines = new LineCheck(literals);
  return {
    begin: (bundle, member) => lines.begin(bundle, member),
    bytes: (bytes) => lines.bytes(bytes),
    end: () => lines.end(),
    finish: () => Promise.resolve({ leaks: lines.leaks, digests: lines.digests }),
    close: () => undefined,
  };
}
