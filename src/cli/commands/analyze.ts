/**
 * `sitrep analyze BUNDLE...`: load every bundle (in worker threads when there
 * are several), merge their timelines, run the USE rules and the diagnosis,
 * and write the report (HTML), the JSON contract and the Markdown summary;
 * a terminal summary goes to stdout.
 */
import type { Argv, CommandModule } from 'yargs';
import { buildAnalysis } from '../../diagnosis/analysis.js';
import type { HostData } from '../../parsers/host-data.js';
import { renderHtml, renderJson, renderMarkdown, renderTerminal } from '../../render/index.js';
import { estimateClocks, mergeTimelines, type HostTimelinePartial } from '../../timeline/index.js';
import { SitrepError } from '../../errors.js';
import { errorReport, exitCodeFor } from '../exit-codes.js';
import { stderrLine, writeOutput, writeStdout } from '../output.js';
import { loadAll } from '../pipeline/load-all.js';
import { parseSize } from '../size.js';
import { VERSION } from '../version.js';
import { parseSummary } from './analyze-summary.js';
import { withRedacted } from './redact.js';

interface AnalyzeArgs {
  bundles: string[];
  output?: string;
  json?: string;
  md?: string;
  maxReportSize?: string;
  workers?: number;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  redact?: boolean;
}

function showDiagnostics(host: HostData, verbose: boolean): void {
  const shown = verbose ? ['error', 'warning'] : ['error'];
  for (const d of host.diagnostics) {
    if (shown.includes(d.level)) stderrLine(`${d.file}${d.member ? `:${d.member}` : ''}${d.line ? `:${d.line}` : ''}: ${d.level}: ${d.message}`);
  }
}

export function analyzeCommand(setCode: (code: number) => void): CommandModule<object, AnalyzeArgs> {
  return {
    command: 'analyze <bundles..>',
    describe: 'analyze one or more bundles (one per host) and write the report',
    builder: (y: Argv) =>
      y
        .positional('bundles', { type: 'string', array: true, demandOption: true, describe: 'bundle files (.tar.gz, .tgz, .tar) or unpacked directories' })
        .option('output', { alias: 'o', type: 'string', describe: 'HTML report file (one self-contained page)' })
        .option('json', { type: 'string', describe: 'JSON result file (docs/report-json.md), or - for stdout' })
        .option('md', { type: 'string', describe: 'Markdown summary file, or - for stdout' })
        .option('max-report-size', { type: 'string', describe: 'size budget of the HTML report (e.g. 5MB, 800K)', default: '5MB' })
        .option('workers', { type: 'number', describe: 'worker threads for several bundles (default: one per core; 1 = none)' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no bundle diagnostics or progress on stderr' })
        .option('verbose', { alias: 'v', type: 'boolean', describe: 'warnings too, not only errors, on stderr' })
        .option('redact', { type: 'boolean', describe: 'render every output from redacted copies of the bundles (docs/redaction.md)' })
        .example('$0 analyze web1-20261126T050000Z.tar.gz app1-20261126T050001Z.tar.gz db1-20261126T050002Z.tar.gz -o report.html', 'three tiers, HTML report')
        .example('$0 analyze samples/db-lock/*.tar.gz --json - | jq .diagnosis', 'the diagnosis as JSON on stdout')
        .example('$0 analyze db1.tar.gz --md summary.md', 'a Markdown summary to paste into the ticket') as unknown as Argv<AnalyzeArgs>,
    handler: async (args) => {
      const maxBytes = parseSize(args.maxReportSize ?? '5MB', '--max-report-size');
      const total = args.bundles.length;
      let done = 0;
      const progress = !args.quiet && process.stderr.isTTY && total > 1;
      const outcomes = await withRedacted(args.bundles, !!args.redact, (paths) => loadAll(paths, {
        ...(args.workers !== undefined ? { workers: args.workers } : {}),
        onLoaded: (bundle) => { done += 1; if (progress) process.stderr.write(`\rsitrep: read ${done}/${total} bundles (${bundle})\x1b[K`); },
      }));
      if (progress) process.stderr.write('\n');
      const hosts: HostData[] = [];
      const partials: HostTimelinePartial[] = [];
      let firstError: unknown = null;
      for (const o of outcomes) {
        if ('error' in o) {
          // One unreadable bundle does not hide the others: report it, go on, exit non-zero.
          if (!(o.error instanceof SitrepError)) throw o.error;
          process.stderr.write(errorReport(o.error, !!args.debug));
          firstError ??= o.error;
          continue;
        }
        hosts.push(o.loaded.host);
        partials.push(o.loaded.timeline);
        if (!args.quiet) showDiagnostics(o.loaded.host, !!args.verbose);
      }
      if (hosts.length === 0) {
        setCode(exitCodeFor(firstError));
        return;
      }
      const timeline = mergeTimelines(partials, estimateClocks(hosts));
      const analysis = buildAnalysis(hosts, timeline, { version: VERSION });
      const parsed = hosts.map((h, i) => parseSummary(h, new Map(partials[i]?.sources.map((s) => [s.source, s.count]))));
      if (args.output !== undefined) await writeOutput(args.output, renderHtml(analysis, { maxBytes }));
      if (args.json !== undefined) await writeOutput(args.json, renderJson({ ...analysis, parsed }));
      if (args.md !== undefined) await writeOutput(args.md, renderMarkdown(analysis));
      if (args.json !== '-' && args.md !== '-') {
        const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
        await writeStdout(renderTerminal(analysis, { color, width: Math.min(120, process.stdout.columns || 100) }));
      }
      if (firstError) setCode(exitCodeFor(firstError));
    },
  };
}
