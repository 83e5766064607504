/**
 * `sitrep export BUNDLE... --format ecs|otlp|clickhouse -o OUT`: the
 * command's options and help (docs/export.md). The work (export-run.ts) is
 * imported when the command runs, so `--help` and the other commands load
 * neither the diagnosis nor the exporters.
 */
import type { Argv, CommandModule } from 'yargs';

export interface ExportArgs {
  bundles?: string[];
  format?: string;
  output?: string;
  bulk?: boolean;
  table?: string;
  mode?: string;
  windowGap?: string;
  workers?: number;
  quiet?: boolean;
  verbose?: boolean;
  debug?: boolean;
  redact?: boolean;
}

export function exportCommand(setCode: (code: number) => void): CommandModule<object, ExportArgs> {
  return {
    command: 'export [bundles..]',
    describe: 'export captures, diagnoses, findings and timeline events as JSON Lines for a fleet store (ECS, OTLP, ClickHouse)',
    builder: (y: Argv) =>
      y
        .usage(
          '$0 export BUNDLE... --format ecs|otlp|clickhouse -o OUT [options]\n\n' +
            'One JSON record per line, each with a deterministic id: exporting the same bundles twice gives the same ids, ' +
            'so an import keyed by id never duplicates (docs/export.md).',
        )
        .option('format', {
          alias: 'f',
          type: 'string',
          choices: ['ecs', 'otlp', 'clickhouse'],
          describe:
            'ecs: Elastic Common Schema documents; otlp: OTLP JSON LogsData (Collector file receiver); clickhouse: JSONEachRow rows of schema/clickhouse.sql',
        })
        .option('output', {
          alias: 'o',
          type: 'string',
          describe: 'output file, or - for stdout; for clickhouse without --table, a directory that gets one file per table',
        })
        .option('bulk', { type: 'boolean', describe: 'ecs: Elasticsearch bulk API lines (a create action with the id, then the document)' })
        .option('table', {
          type: 'string',
          choices: ['captures', 'diagnoses', 'findings', 'events'],
          describe: "clickhouse: write only this table's rows (to a file or stdout)",
        })
        .option('mode', { type: 'string', describe: 'file mode of the written files, octal (they hold server log text)', default: '0600' })
        .option('window-gap', {
          type: 'string',
          describe: 'bundles whose capture windows are further apart are separate incidents (e.g. 30m, 2h)',
          default: '30m',
        })
        .option('workers', { type: 'number', describe: 'worker threads (as for analyze)' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no bundle diagnostics or summary on stderr' })
        .option('verbose', { alias: 'v', type: 'boolean', describe: 'warnings too, not only errors, on stderr' })
        .option('redact', { type: 'boolean', describe: 'export from redacted copies of the bundles (docs/redaction.md)' })
        .example(
          '$0 export samples/db-lock/*.tar.gz --format ecs --bulk -o - | curl -s -H "Content-Type: application/x-ndjson" --data-binary @- "$ES/sitrep/_bulk"',
          'into Elasticsearch or OpenSearch',
        )
        .example('$0 export fleet/*.tar.gz --format clickhouse -o rows/', 'one JSONEachRow file per table of schema/clickhouse.sql')
        .example(
          '$0 export db1.tar.gz --format clickhouse --table events -o - | clickhouse-client -q "INSERT INTO sitrep_events FORMAT JSONEachRow"',
          'one table, piped',
        )
        .example(
          '$0 export web1.tar.gz --format otlp -o /var/lib/otel/sitrep.jsonl',
          "for the OpenTelemetry Collector's file receiver",
        ) as unknown as Argv<ExportArgs>,
    handler: async (args) => {
      const { runExport } = await import('./export-run.js');
      await runExport(args, setCode);
    },
  };
}
