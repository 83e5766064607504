// A bundle of many empty log members (issue 15): what a hostile or broken
// capture can send. The analyzer reads at most 100,000 members; its memory
// must not grow past docs/security.md's bound on the way. Deterministic:
// the same count gives the same bytes (gzip level 1, no timestamps varying).
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import tar from 'tar-stream';

const META = {
  format: 'sitrep-bundle',
  format_version: '1',
  sitrep_version: '0.1.0',
  hostname: 'many',
  tier: 'app',
  cpus: '2',
  start_epoch: '1764133200.250',
  end_epoch: '1764133260.500',
  interval_s: '1',
};

const COLS = 'path\tkind\tname\tsource\tstatus\texit\tstart\tend\tduration_ms\tbytes\tmtime\treason';

/** The capture's manifest listing every member (docs/bundle-format.md). */
function manifest(count) {
  const rows = ['#sitrep-manifest\t1', COLS];
  for (let i = 0; i < count; i += 1) {
    const src = `/var/log/app/f${i}.log`;
    rows.push(`logs${src}\tlog\tlog:${src}\t${src}\tok\t0\t1764133200.3\t1764133201.3\t1000\t0\t1764133200\t-`);
  }
  return Buffer.from(`${rows.join('\n')}\n`);
}

/** Writes `<file>`: meta.txt (and a manifest of them all, with `withManifest`) then `count` empty files under logs/var/log/app/. */
export async function manyMembersBundle(file, count, withManifest = false) {
  const pack = tar.pack();
  const done = pipeline(pack, zlib.createGzip({ level: 1 }), fs.createWriteStream(file));
  const top = 'many-20251126T050000Z';
  const mtime = new Date(1764133200000);
  const put = (name, body) =>
    new Promise((resolve, reject) => pack.entry({ name: `${top}/${name}`, size: body.length, mtime }, body, (e) => (e ? reject(e) : resolve())));
  await put(
    'meta.txt',
    Buffer.from(
      Object.entries(META)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
    ),
  );
  if (withManifest) await put('manifest.tsv', manifest(count));
  const empty = Buffer.alloc(0);
  for (let i = 0; i < count; i += 1) await put(`logs/var/log/app/f${i}.log`, empty);
  pack.finalize();
  await done;
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, count, what] = process.argv.slice(2);
  await manyMembersBundle(file, Number(count), what === 'manifest');
}
