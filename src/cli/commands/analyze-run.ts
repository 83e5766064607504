/**
 * The work of `sitrep analyze`: load every bundle (in worker threads when
 * there are several), merge their timelines, run the USE rules and the
 * diagnosis, write the report (HTML), the JSON contract and the Markdown
 * summary; a terminal summary goes to stdout, what was written to stderr.
 */
import type { HostData } from '../../parsers/host-data.js';
import type { HostTimelinePartial } from '../../timeline/index.js';
import { SitrepError } from '../../errors.js';
import { captureKey, droppedLine, uniqueFiles } from '../dedupe.js';
import { errorReport, exitCodeFor } from '../exit-codes.js';
import { requireValues } from '../options.js';
import { parseMode, stderrLine, writeOutput, writeStdout, type OutputOptions } from '../output.js';
import { MAX_JSON_ROWS, capForJson } from '../json-caps.js';
import { loadAll, type LoadOutcome } from '../pipeline/load-all.js';
import { parseDuration, parseSize } from '../size.js';
import { explainLoadError } from '../triage.js';
import { VERSION } from '../version.js';
import type { AnalyzeArgs } from './analyze.js';
import { withRedacted } from './redact.js';

/**
 * The stages after loading, imported while the workers load the bundles: their
 * modules (diagnosis, renderers, Handlebars) take ~200 ms to load, which used
 * to come before the first worker even started.
 */
function laterStages() {
  return Promise.all([
    import('../../diagnosis/analysis.js'),
    import('../../render/index.js'),
    import('../../timeline/index.js'),
    import('./analyze-summary.js'),
  ]);
}

/** What loading reads of a command's options (analyze's and export's). */
export type LoadArgs = Pick<AnalyzeArgs, 'workers' | 'quiet' | 'verbose' | 'debug'>;

function showDiagnostics(host: HostData, verbose: boolean): void {
  const shown = verbose ? ['error', 'warning'] : ['error'];
  for (const d of host.diagnostics) {
    if (shown.includes(d.level)) stderrLine(`${d.file}${d.member ? `:${d.member}` : ''}${d.line ? `:${d.line}` : ''}: ${d.level}: ${d.message}`);
  }
}

export async function load(bundles: string[], args: LoadArgs): Promise<LoadOutcome[]> {
  const total = bundles.length;
  let done = 0;
  const progress = !args.quiet && process.stderr.isTTY && total > 1;
  const outcomes = await loadAll(bundles, {
    ...(args.workers !== undefined ? { workers: args.workers } : {}),
    onLoaded: (bundle) => {
      done += 1;
      if (progress) process.stderr.write(`\rsitrep: read ${done}/${total} bundles (${bundle})\x1b[K`);
    },
  });
  if (progress) process.stderr.write('\n');
  return outcomes;
}

export interface Loaded {
  hosts: HostData[];
  partials: HostTimelinePartial[];
  firstError: SitrepError | null;
}

/** Loaded hosts, each capture once; an unreadable bundle is reported and does not hide the others. */
export async function collect(outcomes: LoadOutcome[], args: LoadArgs): Promise<Loaded> {
  const out: Loaded = { hosts: [], partials: [], firstError: null };
  const captures = new Map<string, string>();
  for (const o of outcomes) {
    if ('error' in o) {
      if (!(o.error instanceof SitrepError)) throw o.error;
      const err = await explainLoadError(o.error, o.bundle);
      process.stderr.write(errorReport(err, !!args.debug));
      out.firstError ??= err;
      continue;
    }
    const key = captureKey(o.loaded.host);
    const first = key === null ? undefined : captures.get(key);
    if (first !== undefined) {
      stderrLine(droppedLine({ bundle: o.bundle, sameAs: first, why: 'the same capture (same host, tier and window)' }));
      continue;
    }
    if (key !== null) captures.set(key, o.bundle);
    out.hosts.push(o.loaded.host);
    out.partials.push(o.loaded.timeline);
    if (!args.quiet) showDiagnostics(o.loaded.host, !!args.verbose);
  }
  return out;
}

async function writeReports(args: AnalyzeArgs, out: OutputOptions, outputs: [string | undefined, () => string][]): Promise<void> {
  let wrote = 0;
  for (const [target, render] of outputs) {
    if (target === undefined) continue;
    await writeOutput(target, render(), out);
    wrote += 1;
    if (target !== '-' && !args.quiet) stderrLine(`sitrep: wrote ${target}`);
  }
  if (wrote === 0 && !args.quiet) stderrLine('sitrep: no report written; add -o report.html (and --json FILE, --md FILE) to keep one');
}

export async function runAnalyze(args: AnalyzeArgs, setCode: (code: number) => void): Promise<void> {
  if (args.bundles.length === 0) throw new SitrepError('USAGE', 'name at least one bundle: sitrep analyze BUNDLE... (see sitrep analyze --help)');
  requireValues(args, { output: '-o/--output', json: '--json', md: '--md' });
  const maxBytes = parseSize(args.maxReportSize ?? '5MB', '--max-report-size');
  const windowGapMs = parseDuration(args.windowGap ?? '30m', '--window-gap');
  const mode = parseMode(args.mode);
  const { kept, dropped } = await uniqueFiles(args.bundles);
  for (const d of dropped) stderrLine(droppedLine(d));
  // --redact: every output comes from verified redacted copies (docs/redaction.md).
  const loading = withRedacted(kept, !!args.redact, (paths) => load(paths, args));
  const later = laterStages();
  later.catch(() => undefined); // awaited below; not an unhandled rejection when no bundle loads
  const { hosts, partials, firstError } = await collect(await loading, args);
  if (hosts.length === 0) {
    setCode(exitCodeFor(firstError));
    return;
  }
  const [{ buildAnalysis }, { renderHtml, renderJson, renderMarkdown, renderTerminal }, { estimateClocks, mergeTimelines }, { parseSummary }] = await later;
  const timeline = mergeTimelines(partials, estimateClocks(hosts));
  const analysis = buildAnalysis(hosts, timeline, { version: VERSION, windowGapMs });
  const parsed = hosts.map((h, i) => parseSummary(h, new Map(partials[i]?.sources.map((s) => [s.source, s.count])), MAX_JSON_ROWS));
  await writeReports(args, { inputs: args.bundles, mode }, [
    [args.output, () => renderHtml(analysis, { maxBytes })],
    [args.json, () => renderJson(capForJson({ ...analysis, parsed }))],
    [args.md, () => renderMarkdown(analysis)],
  ]);
  if (args.json !== '-' && args.md !== '-') {
    const tty = process.stdout.isTTY === true;
    // Piped or redirected, nobody's screen cuts the lines: keep them whole. On a terminal, fit it.
    const width = tty && !args.wide ? process.stdout.columns || 100 : Infinity;
    await writeStdout(renderTerminal(analysis, { color: tty && !process.env.NO_COLOR, width }));
  }
  if (firstError) setCode(exitCodeFor(firstError));
}
