/**
 * `sitrep redact BUNDLE... -o DIR`: write redacted copies of bundles to share
 * (docs/redaction.md), then verify them; `sitrep redact --verify DIR` verifies
 * alone. Any leak found lists file:line and the kind (never the value) and
 * exits REDACTION_LEAK.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { SitrepError } from '../../errors.js';
import type { EngineFactory, Leak, Literal } from '../../redact/index.js';

/** The redaction modules (~30 ms to load) only when a command redacts: every command loads this file. */
const redaction = () => import('../../redact/index.js');

/** Redaction and its check in worker threads where they can start (`workers` of them; 1: this thread), so they share the cores. */
async function engineOption(workers?: number): Promise<{ engine?: EngineFactory }> {
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1 || workers > 64)) {
    throw new SitrepError('USAGE', `--workers takes a whole number from 1 to 64, not ${workers}`);
  }
  const { CAN_USE_WORKERS } = await import('../pipeline/spawn.js');
  if (!CAN_USE_WORKERS || workers === 1) return {};
  const { workerEngine } = await import('../pipeline/redact-port.js');
  return { engine: (init) => workerEngine(init, workers) };
}
import { stderrLine } from '../output.js';
import { withRoomyHeap } from '../pipeline/heap.js';

interface RedactArgs {
  bundles?: string[];
  output?: string;
  key?: string;
  also?: string[];
  map?: string;
  verify?: string;
  quiet?: boolean;
  workers?: number;
}

/** Leaks are reported on stderr and end the command with REDACTION_LEAK. */
export async function failOnLeaks(leaks: readonly Leak[], what: string): Promise<void> {
  const { formatLeak } = await redaction();
  if (leaks.length === 0) return;
  for (const l of leaks.slice(0, 200)) stderrLine(`${formatLeak(l)}: left unredacted`);
  if (leaks.length > 200) stderrLine(`... and ${leaks.length - 200} more`);
  throw new SitrepError('REDACTION_LEAK', `${leaks.length} value(s) left unredacted in ${what}: do not share it`);
}

/** The originals a map (`--map`) names: hosts, users and words, to verify against. */
function literalsOfMap(file: string): Literal[] {
  let text: string;
  try {
    text = readFileSync(file, 'latin1');
  } catch (e) {
    throw new SitrepError('INPUT_UNREADABLE', `cannot read the map: ${(e as Error).message}`, { file });
  }
  const out: Literal[] = [];
  for (const line of text.split('\n').slice(2)) {
    const [kind, original] = line.split('\t');
    if (original && (kind === 'host' || kind === 'user' || kind === 'word')) out.push({ value: original, kind });
  }
  return out;
}

async function verifyOnly(dir: string, map: string | undefined, quiet: boolean): Promise<void> {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => /\.(?:tar\.gz|tgz|tar)$/.test(f))
      .map((f) => join(dir, f));
  } catch (e) {
    throw new SitrepError('INPUT_UNREADABLE', `cannot read the directory: ${(e as Error).message}`, { file: dir });
  }
  if (files.length === 0) throw new SitrepError('INPUT_UNREADABLE', 'no bundle (.tar.gz, .tgz, .tar) to verify', { file: dir });
  const { verifyBundles } = await redaction();
  await failOnLeaks(await verifyBundles(files, map ? literalsOfMap(map) : []), dir);
  if (!quiet)
    stderrLine(
      `sitrep: verified ${files.length} bundle(s) in ${dir}: no leak found${map ? '' : ' (generic shapes only: give --map to check the original names too)'}`,
    );
}

export function redactCommand(setCode: (code: number) => void): CommandModule<object, RedactArgs> {
  return {
    command: 'redact [bundles..]',
    describe: 'write redacted copies of bundles to share (keyed pseudonyms, secrets removed), verified',
    builder: (y: Argv) =>
      y
        .positional('bundles', { type: 'string', array: true, describe: 'bundle files (.tar.gz, .tgz, .tar) or unpacked directories' })
        .option('output', { alias: 'o', type: 'string', describe: 'directory for the redacted bundles' })
        .option('key', { type: 'string', describe: 'key file (default: $XDG_CONFIG_HOME/sitrep/redact.key, created 0600 on first use)' })
        .option('also', { type: 'string', array: true, describe: 'more words to alias wherever they appear (a customer, a project)' })
        .option('map', { type: 'string', describe: 'write the private original→alias map here (0600; never share it)' })
        .option('verify', { type: 'string', describe: 'only verify the redacted bundles in this directory' })
        .option('quiet', { alias: 'q', type: 'boolean', describe: 'no summary on stderr' })
        .option('workers', { type: 'number', describe: 'worker threads that redact and check (default: one per core, at most 4; 1 = none)' })
        .example('$0 redact web1.tar.gz app1.tar.gz db1.tar.gz -o shared/', 'three bundles of one incident, the same aliases in all')
        .example('$0 redact --verify shared/ --map ~/incident.map', 'check a directory before attaching it to a ticket') as unknown as Argv<RedactArgs>,
    handler: async (args) => {
      if (args.verify !== undefined) {
        if (args.bundles && args.bundles.length > 0) throw new SitrepError('USAGE', '--verify DIR takes no bundles (see sitrep redact --help)');
        await verifyOnly(args.verify, args.map, !!args.quiet);
        return;
      }
      if (!args.bundles || args.bundles.length === 0 || args.output === undefined) {
        throw new SitrepError('USAGE', 'name the bundles and an output directory: sitrep redact BUNDLE... -o DIR');
      }
      const { redactBundles } = await redaction();
      const opts = {
        ...(args.key !== undefined ? { keyPath: args.key } : {}),
        ...(args.also ? { also: args.also } : {}),
        ...(args.map !== undefined ? { mapFile: args.map } : {}),
        ...(await engineOption(args.workers)),
      };
      const res = await withRoomyHeap(() => redactBundles(args.bundles!, args.output!, opts));
      for (const o of res.outcomes) {
        for (const d of o.diagnostics) if (d.level !== 'info') stderrLine(`${d.file}${d.member ? `:${d.member}` : ''}: ${d.level}: ${d.message}`);
        if (o.left.length > 0) stderrLine(`${o.source}: left out ${o.left.length} member(s) in a compression sitrep cannot read through`);
      }
      await failOnLeaks(res.leaks, args.output);
      if (!args.quiet) for (const o of res.outcomes) stderrLine(`sitrep: ${o.source} → ${o.output} (${o.members} members, verified)`);
      setCode(0);
    },
  };
}

/**
 * `analyze --redact`: redact the bundles into a private temporary directory
 * (0700), verify them (a leak stops everything), run `use` on the copies and
 * remove them. Everything analyze prints or writes then comes from redacted
 * data only; the key is the default one, so aliases match `sitrep redact`'s.
 */
export async function withRedacted<T>(bundles: string[], redact: boolean, use: (paths: string[]) => Promise<T>): Promise<T> {
  if (!redact) return use(bundles);
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-redact-'));
  try {
    const { redactBundles } = await redaction();
    const opts = await engineOption();
    const res = await withRoomyHeap(() => redactBundles(bundles, dir, opts));
    await failOnLeaks(res.leaks, 'the redacted copies');
    return await use(res.outcomes.map((o) => o.output));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
