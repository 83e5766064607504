/**
 * `sitrep analyze BUNDLE...`: loads every bundle (one at a time, streaming)
 * and, for now, reports what was parsed per host and artifact. The analysis
 * (timeline → models → rules → diagnosis) and the renderers plug in at the
 * marked step below.
 */
import type { Argv, CommandModule } from 'yargs';
import { SitrepError } from '../../errors.js';
import type { HostData } from '../../parsers/host-data.js';
import { loadHost } from '../../parsers/host.js';
import type { LogEvent } from '../../parsers/types.js';
import { errorReport, exitCodeFor } from '../exit-codes.js';
import { stderrLine, writeOutput, writeStdout } from '../output.js';
import { parseSummary, summaryText, type ParseSummary } from './analyze-summary.js';

interface AnalyzeArgs {
  bundles: string[];
  output?: string;
  json?: string;
  md?: string;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
}

/** Unique host ids across the bundles of one analysis: `web1`, `web1-2`, ... */
export function hostIdAllocator(): (hostname: string) => string {
  const used = new Map<string, number>();
  return (hostname) => {
    const n = (used.get(hostname) ?? 0) + 1;
    used.set(hostname, n);
    return n === 1 ? hostname : `${hostname}-${n}`;
  };
}

export function analyzeCommand(setCode: (code: number) => void): CommandModule<object, AnalyzeArgs> {
  return {
    command: 'analyze <bundles..>',
    describe: 'analyze one or more bundles (one per host) and write the report',
    builder: (y: Argv) =>
      y
        .positional('bundles', { type: 'string', array: true, demandOption: true, describe: 'bundle files (.tar.gz, .tgz, .tar) or unpacked directories' })
        .option('output', { alias: 'o', type: 'string', describe: 'HTML report file' })
        .option('json', { type: 'string', describe: 'JSON result file, or - for stdout' })
        .option('md', { type: 'string', describe: 'Markdown report file, or - for stdout' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no bundle diagnostics on stderr' })
        .option('verbose', { alias: 'v', type: 'boolean', describe: 'warnings too, not only errors, on stderr' })
        .example('$0 analyze web1-20251126T050000Z.tar.gz db1-20251126T050002Z.tar.gz -o report.html', 'two hosts, HTML report')
        .example('$0 analyze samples/*.tar.gz --json - | jq .hosts', 'JSON on stdout') as unknown as Argv<AnalyzeArgs>,
    handler: async (args) => {
      const hosts: HostData[] = [];
      const summaries: ParseSummary[] = [];
      const idFor = hostIdAllocator();
      let firstError: unknown = null;
      for (const bundle of args.bundles) {
        // Events per source for now; the timeline builder takes over this sink.
        const events = new Map<string, number>();
        const onEvent = (e: LogEvent): void => {
          events.set(e.source, (events.get(e.source) ?? 0) + 1);
        };
        try {
          const host = await loadHost(bundle, { onEvent, idFor });
          hosts.push(host);
          summaries.push(parseSummary(host, events));
          if (!args.quiet) {
            const shown = args.verbose ? ['error', 'warning'] : ['error'];
            for (const d of host.diagnostics) if (shown.includes(d.level)) stderrLine(`${d.file}${d.member ? `:${d.member}` : ''}${d.line ? `:${d.line}` : ''}: ${d.level}: ${d.message}`);
          }
        } catch (err) {
          // One unreadable bundle does not hide the others: report it, go on, exit non-zero.
          if (!(err instanceof SitrepError)) throw err;
          process.stderr.write(errorReport(err, !!args.debug));
          firstError ??= err;
        }
      }
      if (hosts.length === 0 && firstError) {
        setCode(exitCodeFor(firstError)); // already reported above
        return;
      }

      // ── Analysis and rendering plug in here ─────────────────────────────
      // timeline (from the onEvent sinks) → models → rules → diagnosis → Analysis,
      // then render/{html,json,markdown} into args.output / args.json / args.md.
      // Until then the JSON output is the parse summary below.
      const result = { sitrep: 'parse-summary', hosts: summaries };
      if (args.json !== undefined) await writeOutput(args.json, `${JSON.stringify(result, null, 2)}\n`);
      for (const [flag, target] of [['-o', args.output], ['--md', args.md]] as const) {
        if (target !== undefined) stderrLine(`sitrep: note: ${flag} ${target}: the report renderer is not built yet; nothing written`);
      }
      if (args.json !== '-') await writeStdout(summaryText(summaries));
      if (firstError) setCode(exitCodeFor(firstError));
    },
  };
}

