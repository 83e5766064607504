/**
 * Helpers for the redaction tests: run the built CLI with a private config
 * directory, read every byte of an output with the system tar and zlib (not
 * with sitrep's reader: the check must not share the code it checks), and
 * reduce an analysis JSON to what must not change under redaction.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { REPO, sitrep, type Run } from '../cli/run.js';

/**
 * A sample bundle (`samples/...tar.gz`) with `files` added beside its own
 * members, packed again by the system tar as `out`: a real capture with
 * planted content.
 */
export function plantedBundle(sample: string, files: Record<string, string | Buffer>, out: string): string {
  const x = mkdtempSync(join(tmpdir(), 'sitrep-planted-'));
  if (spawnSync('tar', ['-xzf', join(REPO, sample), '-C', x]).status !== 0) throw new Error(`tar cannot unpack ${sample}`);
  const top = readdirSync(x)[0]!;
  for (const [name, content] of Object.entries(files)) writeFileSync(join(x, top, name), content);
  if (spawnSync('tar', ['-czf', out, '-C', x, top]).status !== 0) throw new Error(`tar cannot pack ${out}`);
  return out;
}

export function sitrepEnv(args: string[], env: Record<string, string>): Promise<Run> {
  return sitrep(args, { env });
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** Every name and every content (nested .gz inflated) of the files in `dir`, tarballs unpacked, as one latin1 text per file. */
export function everything(dir: string): Map<string, string> {
  const all = new Map<string, string>();
  for (const f of walk(dir)) {
    all.set(`name:${f}`, f);
    if (/\.tar\.gz$/.test(f)) {
      const x = mkdtempSync(join(tmpdir(), 'sitrep-redact-x-'));
      const r = spawnSync('tar', ['-xzf', f, '-C', x]);
      if (r.status !== 0) throw new Error(`tar failed on ${f}: ${String(r.stderr)}`);
      for (const [k, v] of everything(x)) all.set(`${f}!${k}`, v);
      continue;
    }
    const buf = readFileSync(f);
    all.set(f, (/\.gz$/.test(f) ? gunzipSync(buf) : buf).toString('latin1'));
  }
  return all;
}

/** The places (never the whole text) where `needle` occurs, case-insensitive. */
export function whereFound(all: Map<string, string>, needle: string): string[] {
  const n = needle.toLowerCase();
  return [...all].filter(([, v]) => v.toLowerCase().includes(n)).map(([k]) => k);
}

interface Json {
  diagnosis: { verdict: string; cause?: { tier: string; resource: string } | null; victims?: unknown[] };
  findings: { severity: string; resource: string; signal: string }[];
  timeline: { events: unknown[]; eventsDropped?: unknown };
  parsed?: { artifacts: { name: string; records: number; diagnostics: number }[] }[];
}

/** What redaction must not change: verdict, cause, victims, findings, events, records parsed per artifact. */
export function diagnosisOf(text: string): unknown {
  const j = JSON.parse(text) as Json;
  return {
    verdict: j.diagnosis.verdict,
    cause: j.diagnosis.cause ? { tier: j.diagnosis.cause.tier, resource: j.diagnosis.cause.resource } : null,
    victims: j.diagnosis.victims?.length ?? 0,
    findings: j.findings.map((f) => `${f.severity}/${f.resource}/${f.signal}`).sort(),
    events: j.timeline.events.length,
    dropped: j.timeline.eventsDropped,
    parsed: (j.parsed ?? []).map((h) => h.artifacts.map((a) => `${a.name}:${a.records}:${a.diagnostics}`).sort()),
  };
}
