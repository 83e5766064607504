/**
 * `sitrep parse [--as TYPE] FILE`: one artifact through one parser. Command
 * parsers print jc-compatible JSON (`result.data`); a file with @@sitrep time
 * markers prints one JSON line per block, `{"time":<epoch ms>,"data":...}`.
 * Log parsers print one JSON event per line (JSON Lines), streamed, so a
 * 1 GB log never sits in memory. Diagnostics go to stderr as file:line: message.
 */
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_LIMITS } from '../../bundle/limits.js';
import { SitrepError } from '../../errors.js';
import { COMMAND_PARSERS, LOG_PARSERS, commandParser, logParser } from '../../parsers/registry.js';
import { FIRST_YEAR, FUTURE_YEARS } from '../../parsers/time.js';
import type { CommandParser, HostClock, LogParser } from '../../parsers/types.js';
import { openInput } from '../input.js';
import { stderrLine, writeStdout } from '../output.js';
import { detectType } from './detect.js';
import { parseCommandText, parseLogStream, readHead } from './parse-run.js';

interface ParseArgs {
  file?: string;
  as?: string;
  list?: boolean;
  pretty?: boolean;
  tz?: string;
  year?: number;
}

export function parseCommand(_setCode: (code: number) => void): CommandModule<object, ParseArgs> {
  return {
    command: 'parse [file]',
    describe: 'parse one artifact (command output or log file) and print it as JSON',
    builder: (y: Argv) =>
      y
        .positional('file', { type: 'string', describe: 'the artifact: a command output, a /proc capture or a log (.gz is inflated)' })
        .option('as', { type: 'string', describe: 'parser type (see --list); detected from the content when omitted' })
        .option('list', { type: 'boolean', describe: 'list the parser types and exit' })
        .option('pretty', { alias: 'p', type: 'boolean', describe: 'indent command JSON' })
        .option('tz', { type: 'string', describe: 'logs: IANA zone of times printed without one (default UTC)' })
        .option('year', { type: 'number', describe: 'logs: year of year-less stamps (syslog), default inferred from today' })
        .example('$0 parse --as vmstat sample/vmstat.txt', 'jc-compatible JSON, like `jc --vmstat`')
        .example('$0 parse --tz Europe/Berlin --year 2025 logs/var/log/syslog.2.gz', 'log events as JSON Lines')
        .example('$0 parse --list', 'the parser types') as unknown as Argv<ParseArgs>,
    handler: async (args) => {
      if (args.list) {
        await writeStdout(listText());
        return;
      }
      if (!args.file) throw new SitrepError('USAGE', 'name the FILE to parse (or --list)');
      const input = await openInput(args.file);
      const clock: HostClock = { tzName: args.tz ?? 'UTC' };
      const mtimeMs = args.year !== undefined ? yearEndMs(args.year) : undefined;
      let chosen: CommandParser | LogParser | undefined = undefined;
      let kind: 'command' | 'log';
      let head: Buffer | null = null;
      let rest = input.chunks;
      if (args.as) {
        const c = commandParser(args.as);
        const l = logParser(args.as);
        if (!c && !l) throw new SitrepError('USAGE', `unknown type ${JSON.stringify(args.as)} (see sitrep parse --list)`);
        chosen = c ?? l;
        kind = c ? 'command' : 'log';
      } else {
        ({ head, rest } = await readHead(input.chunks));
        const pick = detectType(head.toString('utf8'));
        if (!pick) throw new SitrepError('PARSE_FAILED', 'cannot tell what this is; name the type with --as (see sitrep parse --list)', { file: args.file });
        [chosen, kind] = [pick.parser, pick.kind];
        stderrLine(`sitrep: ${input.shown}: detected ${pick.kind} type ${pick.parser.id}; choose another with --as TYPE (see sitrep parse --list)`);
      }
      const ok =
        kind === 'command'
          ? await parseCommandText(chosen as CommandParser, args.file, head, rest, clock, !!args.pretty)
          : await parseLogStream(chosen as LogParser, args.file, head, rest, clock, mtimeMs);
      if (input.outcome.stopped) stderrLine(`${args.file}: warning: ${input.outcome.stopped}; parsed the first ${input.outcome.outBytes} bytes`);
      if (!ok) throw new SitrepError('PARSE_FAILED', `nothing could be parsed as ${chosen!.id}`, { file: args.file });
    },
  };
}

function listText(): string {
  const rows = [
    ...COMMAND_PARSERS.map((p) => `command  ${p.id.padEnd(16)} ${p.title}${p.jc ? ` (jc --${p.jc})` : ''}`),
    ...LOG_PARSERS.map((p) => `log      ${p.id.padEnd(16)} ${p.title}`),
  ];
  return `${rows.join('\n')}\n`;
}

export const PARSE_HEAD_BYTES = 4096;
export const PARSE_MAX_TEXT = DEFAULT_LIMITS.maxHeldBytes;

/**
 * The last instant of --year, the reference year-less stamps are read before.
 * A year no log can carry is a usage error, not a stamp read in 1900 (Date.UTC
 * maps 0–99 there) or in year 0.
 */
function yearEndMs(year: number): number {
  const last = new Date().getUTCFullYear() + FUTURE_YEARS;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > last) {
    throw new SitrepError('USAGE', `--year ${String(year)} is not a year a log can carry (${FIRST_YEAR}..${last})`);
  }
  return Date.UTC(year, 11, 31, 23, 59, 59);
}
