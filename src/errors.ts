/**
 * Typed errors. Every error sitrep reports to a user is a SitrepError with a
 * code; `src/cli/exit-codes.ts` is the one place that maps codes to exit
 * statuses. Anything else that escapes is a bug and is reported as such.
 */
export type ErrorCode =
  | 'USAGE' // bad arguments
  | 'INPUT_UNREADABLE' // file missing, permission denied, not a bundle
  | 'INPUT_CORRUPT' // truncated / corrupt archive, nothing usable
  | 'FORMAT_VERSION' // bundle of a format version we do not read
  | 'OUTPUT_FAILED' // cannot write the report
  | 'PARSE_FAILED' // `sitrep parse` could not parse the file as the given type
  | 'REDACTION_LEAK'; // `sitrep redact` found an original value left in its output

export interface ErrorLocation {
  file?: string;
  line?: number;
}

export class SitrepError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(code: ErrorCode, message: string, where: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SitrepError';
    this.code = code;
    this.file = where.file;
    this.line = where.line;
  }

  /** One line for the terminal: `file:line: message`. */
  oneLine(): string {
    const where = this.file ? `${this.file}${this.line ? `:${this.line}` : ''}: ` : '';
    return `${where}${this.message}`.replace(/[\r\n]+/g, ' ');
  }
}
