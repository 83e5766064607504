/**
 * The one place errors become exit statuses (docs/cli.md). A SitrepError's
 * code decides; anything else is a bug in sitrep and says so.
 */
import { SitrepError, type ErrorCode } from '../errors.js';

export const EXIT = {
  OK: 0,
  USAGE: 1,
  INPUT_UNREADABLE: 2,
  INPUT_CORRUPT: 3,
  FORMAT_VERSION: 4,
  OUTPUT_FAILED: 5,
  PARSE_FAILED: 6,
  REDACTION_LEAK: 7,
  /** EX_SOFTWARE: an unexpected exception, i.e. a bug. */
  INTERNAL: 70,
} as const;

const BY_CODE: Readonly<Record<ErrorCode, number>> = {
  USAGE: EXIT.USAGE,
  INPUT_UNREADABLE: EXIT.INPUT_UNREADABLE,
  INPUT_CORRUPT: EXIT.INPUT_CORRUPT,
  FORMAT_VERSION: EXIT.FORMAT_VERSION,
  OUTPUT_FAILED: EXIT.OUTPUT_FAILED,
  PARSE_FAILED: EXIT.PARSE_FAILED,
  REDACTION_LEAK: EXIT.REDACTION_LEAK,
};

export function exitCodeFor(err: unknown): number {
  return err instanceof SitrepError ? BY_CODE[err.code] : EXIT.INTERNAL;
}

/** The one line a user sees for an error (the stack only with --debug). */
export function errorLine(err: unknown): string {
  if (err instanceof SitrepError) return `sitrep: ${err.oneLine()}`;
  const msg = err instanceof Error ? err.message : String(err);
  return `sitrep: internal error (a bug, please report it with --debug output): ${msg}`.replace(/[\r\n]+/g, ' ');
}

/** What stderr gets for an error: its one line, plus the stack with --debug. */
export function errorReport(err: unknown, debug: boolean): string {
  const stack = debug && err instanceof Error && err.stack ? `${err.stack}\n` : '';
  return `${errorLine(err)}\n${stack}`;
}
