/**
 * The work of `sitrep export`: load the bundles and diagnose them as analyze
 * does (the same bounded memory: the Analysis keeps a capped set of events),
 * then stream the records out one line at a time through the safe output
 * writer (temporary file renamed into place, never through a link, never
 * over an input). ClickHouse without --table writes one file per table.
 */
import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SitrepError } from '../../errors.js';
import type { BundleFacts, ExportFormat, RecordKind } from '../../export/index.js';
import type { HostData } from '../../parsers/host-data.js';
import { droppedLine, uniqueFiles } from '../dedupe.js';
import { exitCodeFor } from '../exit-codes.js';
import { requireValues } from '../options.js';
import { parseMode, stderrLine, writeOutputStream, type OutputOptions } from '../output.js';
import { parseDuration } from '../size.js';
import { VERSION } from '../version.js';
import { collect, load } from './analyze-run.js';
import type { ExportArgs } from './export.js';
import { withRedacted } from './redact.js';

const TABLE_KIND: Readonly<Record<string, RecordKind>> = { captures: 'capture', diagnoses: 'diagnosis', findings: 'finding', events: 'event' };

function facts(h: HostData): BundleFacts {
  const count = (level: string): number => h.diagnostics.filter((d) => d.level === level).length;
  return {
    formatVersion: h.meta.format_version ?? '',
    captureVersion: h.meta.sitrep_version ?? '',
    errors: count('error'),
    warnings: count('warning'),
    artifacts: h.manifest.count,
  };
}

/** The checks yargs cannot make: which options go with which format. */
function checkArgs(args: ExportArgs): { bundles: string[]; format: ExportFormat; output: string; kind?: RecordKind } {
  if (!args.bundles || args.bundles.length === 0)
    throw new SitrepError('USAGE', 'name at least one bundle: sitrep export BUNDLE... --format ecs|otlp|clickhouse -o OUT (see sitrep export --help)');
  requireValues(args, { output: '-o/--output' });
  if (args.format === undefined) throw new SitrepError('USAGE', 'name a format: --format ecs, otlp or clickhouse (see sitrep export --help)');
  if (args.output === undefined) throw new SitrepError('USAGE', 'name where to write: -o FILE, or -o - for stdout');
  const format = args.format as ExportFormat;
  if (args.bulk && format !== 'ecs') throw new SitrepError('USAGE', '--bulk goes with --format ecs (Elasticsearch bulk API lines)');
  if (args.table !== undefined && format !== 'clickhouse') throw new SitrepError('USAGE', '--table goes with --format clickhouse');
  const kind = args.table === undefined ? undefined : TABLE_KIND[args.table];
  if (format === 'clickhouse' && kind === undefined && args.output === '-') {
    throw new SitrepError('USAGE', 'clickhouse to stdout is one table: add --table captures, diagnoses, findings or events (or -o DIR for all four)');
  }
  return { bundles: args.bundles, format, output: args.output, ...(kind ? { kind } : {}) };
}

/** `-o DIR` for every ClickHouse table: made if absent (0700), never a file or a link in its place. */
async function outputDir(dir: string): Promise<void> {
  await mkdir(dir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EEXIST') throw new SitrepError('OUTPUT_FAILED', `cannot make the directory: ${e.message}`, { file: dir });
  });
  const st = await lstat(dir);
  if (!st.isDirectory())
    throw new SitrepError('OUTPUT_FAILED', 'is not a directory (clickhouse without --table writes one file per table into a directory)', { file: dir });
}

export async function runExport(args: ExportArgs, setCode: (code: number) => void): Promise<void> {
  const { bundles, format, output, kind } = checkArgs(args);
  const mode = parseMode(args.mode);
  const windowGapMs = parseDuration(args.windowGap ?? '30m', '--window-gap');
  const { kept, dropped } = await uniqueFiles(bundles);
  for (const d of dropped) stderrLine(droppedLine(d));
  const later = Promise.all([import('../../diagnosis/analysis.js'), import('../../timeline/index.js'), import('../../export/index.js')]);
  later.catch(() => undefined); // awaited below; not an unhandled rejection when no bundle loads
  const { hosts, partials, firstError } = await collect(await withRedacted(kept, !!args.redact, (paths) => load(paths, args)), args);
  if (hosts.length === 0) {
    setCode(exitCodeFor(firstError));
    return;
  }
  const [{ buildAnalysis }, { estimateClocks, mergeTimelines }, ex] = await later;
  const analysis = buildAnalysis(hosts, mergeTimelines(partials, estimateClocks(hosts)), { version: VERSION, windowGapMs });
  const ix = new ex.ExportIndex(analysis, new Map(hosts.map((h) => [h.id, facts(h)])));
  const out: OutputOptions = { inputs: bundles, mode };
  const targets: [string, RecordKind | undefined][] =
    format === 'clickhouse' && kind === undefined
      ? (['capture', 'diagnosis', 'finding', 'event'] as const).map((k) => [join(output, `${ex.TABLES[k]}.jsonl`), k])
      : [[output, kind]];
  if (targets.length > 1) await outputDir(output);
  for (const [target, k] of targets) {
    let n = 0;
    await writeOutputStream(
      target,
      async (w) => {
        n = await ex.writeJsonLines(w, ex.exportLines(ix, { format, bulk: !!args.bulk, ...(k ? { kind: k } : {}) }));
      },
      out,
    );
    if (target !== '-' && !args.quiet) stderrLine(`sitrep: wrote ${n} ${format}${args.bulk ? ' bulk' : ''} line(s) to ${target}`);
  }
  if (firstError) setCode(exitCodeFor(firstError));
}
