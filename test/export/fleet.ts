/**
 * A fleet of real captures for the export tests: the sample bundles
 * (samples/: real lab runs of web, app and db) and a recorded lab run
 * (test/diagnosis/fixtures/lab-runs/memory-swap, taken 14 minutes earlier
 * with a different kernel log history) copied under new hostnames, as a
 * platform team's captures after a region incident would be. Only the
 * hostname changes (meta.txt and the top directory); every other byte,
 * every log line and timestamp, is the capture's own: the OOM kills in
 * their kernel logs are this machine's real ones (stress-ng and node in
 * memory cgroups), and the db-lock samples have none.
 */
import { createReadStream, createWriteStream, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { REPO_ROOT } from '../helpers/capture.js';

export const SCENARIOS = ['db-lock', 'close-wait', 'memory', 'healthy'] as const;
export const TIERS = ['web', 'app', 'db'] as const;

export function sample(scenario: string, tier: string): string {
  return join(REPO_ROOT, 'samples', scenario, `${tier}.tar.gz`);
}

/** The bundle of `tier` in a recorded lab run (`lab-runs/<name>/<tier>/*.tar.gz`). */
export function labRun(name: string, tier: string): string {
  const dir = join(REPO_ROOT, 'test', 'diagnosis', 'fixtures', 'lab-runs', name, tier);
  return join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.tar.gz'))!,
  );
}

/** Where fleet hosts' captures come from, in turn: the four samples, then the memory-swap lab run. */
export const SOURCES: { name: string; bundle: (tier: string) => string }[] = [
  ...SCENARIOS.map((s) => ({ name: s, bundle: (tier: string) => sample(s, tier) })),
  { name: 'lab-run memory-swap', bundle: (tier: string) => labRun('memory-swap', tier) },
];

async function body(entry: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of entry) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Copies bundle `src` to `dst` as a capture of `hostname`. */
export async function relabel(src: string, dst: string, hostname: string): Promise<void> {
  const extract = tar.extract();
  const pack = tar.pack();
  const reading = pipeline(createReadStream(src), createGunzip(), extract);
  const writing = pipeline(pack, createGzip(), createWriteStream(dst));
  for await (const entry of extract) {
    // `web1-20261205T002953Z/...`: the hostname is the top directory's name up to its stamp.
    const name = entry.header.name.replace(/^[^/]*?(?=-\d{8}T\d{6}Z)/, hostname);
    let data = await body(entry);
    if (/^[^/]+\/meta\.txt$/.test(name))
      data = Buffer.from(
        data
          .toString('utf8')
          .replace(/^hostname=.*$/m, `hostname=${hostname}`)
          .replace(/^fqdn=.*$/m, 'fqdn='),
      );
    pack.entry({ ...entry.header, name, size: data.length }, data);
  }
  pack.finalize();
  await Promise.all([reading, writing]);
}

export interface FleetBundle {
  file: string;
  hostname: string;
  scenario: string;
  tier: string;
  source: string;
}

/** `n` captures: host i is tier TIERS[i % 3] of SOURCES[floor(i / 3) % 5], named `fleetNN-<tier>`. */
export async function buildFleet(dir: string, n: number): Promise<FleetBundle[]> {
  const out: FleetBundle[] = [];
  for (let i = 0; i < n; i++) {
    const tier = TIERS[i % 3]!;
    const from = SOURCES[Math.floor(i / 3) % SOURCES.length]!;
    const hostname = `fleet${String(i).padStart(2, '0')}-${tier}`;
    const file = join(dir, `${hostname}.tar.gz`);
    await relabel(from.bundle(tier), file, hostname);
    out.push({ file, hostname, scenario: from.name, tier, source: from.bundle(tier) });
  }
  return out;
}
