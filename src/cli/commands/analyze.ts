/**
 * `sitrep analyze BUNDLE...`: the command's options and help. The work
 * (analyze-run.ts) is imported when the command runs, so `--help` and the
 * other commands do not load the diagnosis and the renderers.
 */
import type { Argv, CommandModule } from 'yargs';

export interface AnalyzeArgs {
  bundles: string[];
  output?: string;
  json?: string;
  md?: string;
  mode?: string;
  maxReportSize?: string;
  windowGap?: string;
  workers?: number;
  quiet?: boolean;
  verbose?: boolean;
  wide?: boolean;
  debug?: boolean;
  redact?: boolean;
}

export function analyzeCommand(setCode: (code: number) => void): CommandModule<object, AnalyzeArgs> {
  return {
    // Optional here, required by the handler: with `<bundles..>` an unknown option that swallowed
    // the only bundle was reported as "Not enough non-option arguments" instead of by its name.
    command: 'analyze [bundles..]',
    describe: 'analyze one or more bundles (one per host) and write the report',
    builder: (y: Argv) =>
      y
        .usage('$0 analyze BUNDLE... [options]\n\nBUNDLE: a capture bundle (.tar.gz, .tgz, .tar) or an unpacked one (a directory), one per host.')
        .option('output', { alias: 'o', type: 'string', describe: 'HTML report file (one self-contained page)' })
        .option('json', { type: 'string', describe: 'JSON result file (docs/report-json.md), or - for stdout' })
        .option('md', { type: 'string', describe: 'Markdown summary file, or - for stdout' })
        .option('mode', { type: 'string', describe: 'file mode of the written reports, octal (they hold server log text)', default: '0600' })
        .option('max-report-size', { type: 'string', describe: 'size budget of the HTML report (e.g. 5MB, 800K)', default: '5MB' })
        .option('window-gap', {
          type: 'string',
          describe: 'bundles whose capture windows are further apart are separate incidents, diagnosed on their own (e.g. 30m, 2h)',
          default: '30m',
        })
        .option('workers', { type: 'number', describe: 'worker threads (default: none for bundles under 2 MB in all, else one per core; 1 = none)' })
        .option('wide', { type: 'boolean', describe: 'never cut summary lines to the terminal width' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no bundle diagnostics or progress on stderr' })
        .option('verbose', { alias: 'v', type: 'boolean', describe: 'warnings too, not only errors, on stderr' })
        .option('redact', { type: 'boolean', describe: 'render every output from redacted copies of the bundles (docs/redaction.md)' })
        .example('$0 analyze web1-20261126T050000Z.tar.gz app1-20261126T050001Z.tar.gz db1-20261126T050002Z.tar.gz -o report.html', 'three tiers, HTML report')
        .example('$0 analyze samples/db-lock/*.tar.gz --json - | jq .diagnosis', 'the diagnosis as JSON on stdout')
        .example('$0 analyze db1.tar.gz --md summary.md', 'a Markdown summary to paste into the ticket') as unknown as Argv<AnalyzeArgs>,
    handler: async (args) => {
      const { runAnalyze } = await import('./analyze-run.js');
      await runAnalyze(args, setCode);
    },
  };
}
