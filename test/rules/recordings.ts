/**
 * Recordings: each live input (idle window, stress-ng, fio, a namespace's
 * capture...) taken once on a real machine and stored under test/recordings,
 * so the rule and model tests replay it in the parallel unit project. The live
 * runs stay as the job that re-records (SITREP_RECORD=1) and that checks a
 * fresh run still gets each rule's verdict (test/rules/rules.test.ts).
 *
 * Two formats: `raw` (the command outputs the tests took, with their bundle
 * paths, fed to the parsers exactly as hostFrom does) and `bundle` (the
 * capture script's own tarball, read by the real bundle loader).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { loadHost } from '../../src/parsers/host.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { NotQuiet, hostFrom, type RawArtifact } from './fixtures.js';
import { machineFacts, type MachineFacts } from './machine.js';

export const RECORDINGS_DIR = join(REPO_ROOT, 'test', 'recordings');
const MANIFEST = join(RECORDINGS_DIR, 'manifest.json');
const RAW_INDEX = 'recording.json';

/**
 * Recordings not taken yet, with why: their cases skip in the replay, saying
 * so, and still run live. This list only shrinks: the conformance test fails
 * for an entry whose recording exists.
 */
export const NOT_RECORDED_YET: Record<string, string> = {};

/** A recording listed in NOT_RECORDED_YET: the case skips (NotQuiet), saying why. */
export class NotRecordedYet extends NotQuiet {}

export type Recording = { format: 'raw'; cpus: number; windowEndMs: number; artifacts: RawArtifact[] } | { format: 'bundle'; bytes: Buffer };

/** A live input and the recording it writes: the rule tester replays the recording, the live job re-takes it. */
export interface RecordedInput {
  recording: string;
  /** What was run, in words (copied into the manifest). */
  how: string;
  live: () => Promise<Recording>;
}

export interface ManifestEntry {
  format: Recording['format'];
  how: string;
  recordedAt: string;
  bytes: number;
  machine: MachineFacts;
}

export const recorded = (recording: string, how: string, live: () => Promise<Recording>): RecordedInput => ({ recording, how, live });

export function isRecorded(x: unknown): x is RecordedInput {
  return typeof x === 'object' && x !== null && 'recording' in x && 'live' in x;
}

/** Raw artifacts taken now on this machine (the sampling window ends now). */
export const rawRecording = (artifacts: RawArtifact[]): Recording => ({ format: 'raw', cpus: cpus().length, windowEndMs: Date.now(), artifacts });

const fileOf = (id: string): string => join(RECORDINGS_DIR, `${id}.tar.gz`);

export function readManifest(): Record<string, ManifestEntry> {
  return existsSync(MANIFEST) ? (JSON.parse(readFileSync(MANIFEST, 'utf8')) as Record<string, ManifestEntry>) : {};
}

async function tarOf(files: { name: string; body: Buffer }[], mtime: Date): Promise<Buffer> {
  const pack = tar.pack();
  for (const f of files) pack.entry({ name: f.name, size: f.body.length, mtime, mode: 0o644 }, f.body);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return gzipSync(Buffer.concat(chunks), { level: 9 });
}

async function untar(gz: Buffer): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const ex = tar.extract();
  Readable.from([gunzipSync(gz)]).pipe(ex);
  for await (const entry of ex) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    out.set(entry.header.name, Buffer.concat(chunks));
  }
  return out;
}

/** Writes the recording and its manifest entry (how, when, on what machine). */
export async function saveRecording(input: RecordedInput, rec: Recording): Promise<void> {
  const now = new Date();
  let bytes: Buffer;
  if (rec.format === 'bundle') bytes = rec.bytes;
  else {
    const index = { cpus: rec.cpus, windowEndMs: rec.windowEndMs, artifacts: rec.artifacts.map(({ text: _t, ...a }) => a) };
    const files = [
      { name: RAW_INDEX, body: Buffer.from(JSON.stringify(index, null, 1)) },
      ...rec.artifacts.map((a) => ({ name: a.path, body: Buffer.from(a.text) })),
    ];
    bytes = await tarOf(files, now);
  }
  mkdirSync(RECORDINGS_DIR, { recursive: true });
  writeFileSync(fileOf(input.recording), bytes);
  const manifest = readManifest();
  manifest[input.recording] = { format: rec.format, how: input.how, recordedAt: now.toISOString(), bytes: bytes.length, machine: machineFacts() };
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(MANIFEST, `${JSON.stringify(sorted, null, 2)}\n`);
}

async function loadRecording(id: string): Promise<HostData> {
  const file = fileOf(id);
  const pending = NOT_RECORDED_YET[id];
  if (!existsSync(file) && pending) throw new NotRecordedYet(`recording ${id} not taken yet: ${pending}`);
  if (!existsSync(file)) throw new Error(`no recording ${id} in test/recordings: take it with SITREP_RECORD=1 (test/recordings/README.md)`);
  const format = readManifest()[id]?.format;
  if (format === 'bundle') return loadHost(file, { onEvent: () => undefined });
  const files = await untar(readFileSync(file));
  const index = JSON.parse(files.get(RAW_INDEX)?.toString('utf8') ?? 'null') as Omit<Extract<Recording, { format: 'raw' }>, 'format'> | null;
  if (!index) throw new Error(`recording ${id} has no ${RAW_INDEX}`);
  const artifacts = index.artifacts.map((a) => ({ ...a, text: files.get(a.path)?.toString('utf8') ?? '' }));
  return hostFrom(artifacts, { cpus: index.cpus, windowEndMs: index.windowEndMs });
}

const replays = new Map<string, Promise<HostData>>();

/** The recorded input as the rule and models see it (read once per test file). */
export function replay(id: string): Promise<HostData> {
  let p = replays.get(id);
  if (!p) replays.set(id, (p = loadRecording(id)));
  return p;
}

const lives = new Map<string, Promise<HostData>>();

/** The input taken live now (once per test file); with SITREP_RECORD=1 it also replaces the recording. */
export function live(input: RecordedInput): Promise<HostData> {
  let p = lives.get(input.recording);
  if (!p) {
    p = input.live().then(async (rec) => {
      if (process.env['SITREP_RECORD'] === '1') await saveRecording(input, rec);
      if (rec.format === 'raw') return hostFrom(rec.artifacts, { cpus: rec.cpus, windowEndMs: rec.windowEndMs });
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-live-'));
      try {
        writeFileSync(join(dir, `${input.recording}.tar.gz`), rec.bytes);
        return await loadHost(join(dir, `${input.recording}.tar.gz`), { onEvent: () => undefined });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    lives.set(input.recording, p);
  }
  return p;
}
