#!/usr/bin/env node
/**
 * sitrep's command line. Commands live in commands/; this file wires them
 * up and is the only place an error reaches the user: one line naming the
 * file (and line), the stack trace only with --debug, the exit status from
 * exit-codes.ts.
 */
import { SitrepError } from '../errors.js';
import { errorLine, errorReport, exitCodeFor } from './exit-codes.js';
import { VERSION } from './version.js';

/** yargs drops a lone `-` value (`--json -`); glue it to its option so `-` means stdout. */
export function glueDash(argv: string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    const prev = out[out.length - 1];
    if (a === '-' && prev !== undefined && /^--?[A-Za-z][\w-]*$/.test(prev)) out[out.length - 1] = `${prev}=-`;
    else out.push(a);
  }
  return out;
}

export async function main(rawArgv: string[]): Promise<number> {
  // `--version` alone answers before yargs and the commands are even loaded (start-up: docs/performance.md).
  if (rawArgv.length === 1 && rawArgv[0] === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const argv = glueDash(rawArgv);
  const debug = argv.includes('--debug');
  try {
    let code = 0;
    const [{ default: yargs }, { COMMANDS, COMMAND_NAMES }] = await Promise.all([import('yargs'), import('./commands/registry.js')]);
    const setCode = (c: number): void => {
      code = c;
    };
    await COMMANDS.reduce((y, command) => y.command(command(setCode) as never), yargs(argv))
      .scriptName('sitrep')
      .usage('$0 <command> [options]\n\nDiagnose a Linux incident from sitrep capture bundles (USE method).')
      .option('debug', { type: 'boolean', describe: 'show stack traces of errors', global: true })
      .demandCommand(1, `name a command: ${COMMAND_NAMES}`)
      .strict()
      .recommendCommands()
      .help()
      .alias('h', 'help')
      .version(VERSION)
      .wrap(Math.min(100, process.stdout.columns || 100))
      .fail((msg, err) => {
        // yargs calls this for usage errors (msg) and for errors thrown by handlers (err).
        if (err) throw err;
        throw new SitrepError('USAGE', `${msg} (see sitrep --help)`);
      })
      .parseAsync();
    return code;
  } catch (err) {
    process.stderr.write(errorReport(err, debug));
    return exitCodeFor(err);
  }
}

// Unhandled rejections are bugs too: report them like any other, never crash with a raw trace.
process.on('unhandledRejection', (err) => {
  process.stderr.write(`${errorLine(err)}\n`);
  process.exit(exitCodeFor(err));
});

// A reader that went away (`sitrep parse big.log | head`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  process.stderr.write(`${errorLine(err)}\n`);
  process.exit(exitCodeFor(err));
});

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
