/** Checks yargs cannot express: a file option given without its file. */
import { SitrepError } from '../errors.js';

/**
 * `--json` at the end of the line parses as the empty string, which used to
 * reach the file system as `ENOENT ''`: name the option instead.
 */
export function requireValues(args: object, flags: Readonly<Record<string, string>>): void {
  for (const [key, flag] of Object.entries(flags)) {
    if ((args as Record<string, unknown>)[key] === '') throw new SitrepError('USAGE', `${flag} needs a file name (or - for stdout)`);
  }
}
