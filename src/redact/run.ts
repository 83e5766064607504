/**
 * `sitrep redact`: collect the literals of every bundle, redact each into
 * `outDir`, then verify the outputs, always.
 */
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { relative, resolve, isAbsolute } from 'node:path';
import type { Readable } from 'node:stream';
import { SitrepError } from '../errors.js';
import { Aliaser } from './alias.js';
import { collectLiterals, latin1, UnreadTable } from './collect.js';
import { defaultKeyPath, loadKey } from './key.js';
import type { Literal } from './patterns.js';
import { Redactor, type RedactKind } from './redactor.js';
import { Checker } from './checker.js';
import { localEngine, type EngineFactory } from './engine.js';
import { confirmBundle, type Leak, type WrittenMember } from './verify.js';
import { redactBundle, outputName, type BundleOutcome } from './writer.js';

export interface RedactOptions {
  /** The key file; default defaultKeyPath(), created on first use. */
  keyPath?: string;
  /** Extra words (`--also`) to alias wherever they appear. */
  also?: readonly string[];
  /** Private map file (0600), never inside outDir. */
  mapFile?: string;
  /** Tests only: kinds redaction skips, to prove the verification catches them. */
  disable?: ReadonlySet<RedactKind>;
  /** Where content is redacted and checked; default this thread (the CLI passes a pool of workers). */
  engine?: EngineFactory;
  /** Tests only: the batch size (member.ts), small to cut members into many batches. */
  batchBytes?: number;
}

export interface RedactResult {
  outcomes: BundleOutcome[];
  leaks: Leak[];
  /** The originals the outputs were checked for. */
  literals: Literal[];
}

function inside(dir: string, file: string): boolean {
  const rel = relative(resolve(dir), resolve(file));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export async function redactBundles(paths: readonly string[], outDir: string, opts: RedactOptions = {}): Promise<RedactResult> {
  if (opts.mapFile !== undefined && inside(outDir, opts.mapFile)) {
    throw new SitrepError('USAGE', '--map must not be inside the output directory: the map would be shared with the bundles', { file: opts.mapFile });
  }
  const key = loadKey(opts.keyPath ?? defaultKeyPath(), opts.keyPath === undefined);
  const collected = await collectAll(paths, opts, false);
  try {
    mkdirSync(outDir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new SitrepError('OUTPUT_FAILED', `cannot create the output directory: ${(e as Error).message}`, { file: outDir });
  }
  try {
    return await redactWith(collected, paths, outDir, key, opts);
  } catch (e) {
    if (!(e instanceof UnreadTable)) throw e;
  }
  // A process table past the ones the manifest listed: every bundle again, each read whole first.
  return redactWith(await collectAll(paths, opts, true), paths, outDir, key, opts);
}

/** Pass one over every bundle (so one incident's bundles share one set: web's hostname in app's logs is aliased too). */
async function collectAll(paths: readonly string[], opts: RedactOptions, whole: boolean): Promise<{ literals: Literal[]; tables: Map<string, Set<string>> }> {
  const literals: Literal[] = (opts.also ?? []).filter((w) => w.trim() !== '').map((w) => ({ value: latin1(w.trim()), kind: 'word' }));
  const tables = new Map<string, Set<string>>();
  for (const p of paths) {
    const found = await collectLiterals(p, whole);
    // Not push(...): a ps table of a hostile bundle can name more users than a call has arguments.
    for (const l of found.literals) literals.push(l);
    tables.set(p, found.tables);
  }
  return { literals, tables };
}

async function redactWith(
  { literals, tables }: { literals: Literal[]; tables: Map<string, Set<string>> },
  paths: readonly string[],
  outDir: string,
  key: Buffer,
  opts: RedactOptions,
): Promise<RedactResult> {
  const aliaser = new Aliaser(key);
  const redactor = new Redactor(aliaser, literals, opts.disable);
  const names = new Set<string>();
  for (const p of paths) {
    const { file } = outputName(p, redactor);
    if (names.has(file)) throw new SitrepError('USAGE', `two bundles would both be written as ${file}: redact them into different directories`, { file: p });
    names.add(file);
  }
  const outcomes: BundleOutcome[] = [];
  // Each bundle is read back (names checked, members held to the digests of what was checked) as it is written.
  const readBacks: Promise<Leak[]>[] = [];
  const readBack = (output: string, compressed: Readable, written: readonly WrittenMember[]): void => {
    const leaks = confirmBundle(output, written, literals, compressed);
    leaks.catch(() => undefined); // awaited below, in order
    readBacks.push(leaks);
  };
  const engine = (opts.engine ?? localEngine)({ literals, key, disable: [...(opts.disable ?? [])] });
  const checker = new Checker(literals, []);
  try {
    for (const p of paths) {
      const batchBytes = opts.batchBytes ? { batchBytes: opts.batchBytes } : {};
      outcomes.push(await redactBundle(p, outDir, { redactor, checker, engine, readBack, tables: tables.get(p)!, ...batchBytes }));
    }
    aliaser.add(await engine.aliases());
  } finally {
    engine.close();
    await Promise.allSettled(readBacks);
  }
  if (opts.mapFile !== undefined) writeMap(opts.mapFile, aliaser);
  const leaks = outcomes.flatMap((o) => o.leaks);
  for (const readBack of readBacks) for (const l of await readBack) leaks.push(l);
  return { outcomes, leaks, literals };
}

/** kind, original, alias: tab-separated, one a line, sorted (whichever lane met a value first); 0600 even when the file existed. */
function writeMap(file: string, aliaser: Aliaser): void {
  const lines = ['#sitrep-redact-map\t1', 'kind\toriginal\talias'];
  const rows = aliaser.entries().map(([kind, original, alias]) => `${kind}\t${original}\t${alias}`);
  for (const row of rows.sort()) lines.push(row);
  try {
    writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (e) {
    throw new SitrepError('OUTPUT_FAILED', `cannot write the map: ${(e as Error).message}`, { file });
  }
}

/** The one-line summary of a leak: where and what kind, never the value. */
export function formatLeak(l: Leak): string {
  return `${l.file}${l.line !== undefined ? `:${l.line}` : ''}: ${l.kind}`;
}
