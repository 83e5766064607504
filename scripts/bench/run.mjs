#!/usr/bin/env node
// npm run bench [-- --sizes 128,512,1024 --out bench/results --multi 4]
// For each size: the floor (gzip -dc | wc -l) and `sitrep analyze --json` on
// the same generated bundle, in the same run; MB/s, ratio, peak RSS. Then the
// multi-bundle case: N bundles in one analyze against N runs one after another.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateBundle } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function args(argv) {
  const o = { sizes: [128, 512, 1024], out: path.join(ROOT, 'bench', 'results'), multi: 4, multiSize: 64, seed: 42 };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--sizes' && v) { o.sizes = v.split(',').map(Number); i += 1; }
    else if (a === '--out' && v) { o.out = path.resolve(v); i += 1; }
    else if (a === '--multi' && v) { o.multi = Number(v); i += 1; }
    else if (a === '--multi-size' && v) { o.multiSize = Number(v); i += 1; }
    else if (a === '--seed' && v) { o.seed = Number(v); i += 1; }
  }
  return o;
}

/** Run a command under GNU time; returns wall seconds and peak RSS in MB. */
function measure(cmd, argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} exited ${r.status}: ${(r.stderr ?? '').split('\n').slice(-6).join(' | ')}`);
  return { seconds, peakRssMb: rss ? Number(rss[1]) / 1024 : null, stdout: r.stdout };
}

function bundleFor(dir, sizeMb, seed) {
  const name = `bench-${sizeMb}mb-s${seed}`;
  const file = path.join(dir, `${name}.tar.gz`);
  if (!fs.existsSync(file)) generateBundle({ out: dir, name, totalBytes: sizeMb * 1024 * 1024, seed, host: `bench-${seed}` });
  return file;
}

function uncompressedMb(file) {
  const r = spawnSync('sh', ['-c', `gzip -dc '${file}' | wc -c`], { encoding: 'utf8' });
  return Number(r.stdout.trim()) / (1024 * 1024);
}

function main() {
  const o = args(process.argv.slice(2));
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const data = path.join(o.out, 'data');
  fs.mkdirSync(data, { recursive: true });
  const rows = [];
  for (const size of o.sizes) {
    const bundle = bundleFor(data, size, o.seed);
    const mb = uncompressedMb(bundle);
    const floor = measure('sh', ['-c', `gzip -dc '${bundle}' | wc -l`]);
    const run = measure('node', [CLI, 'analyze', bundle, '--json', '/dev/null']);
    rows.push({ sizeMb: size, uncompressedMb: +mb.toFixed(1), floorS: +floor.seconds.toFixed(2), sitrepS: +run.seconds.toFixed(2),
      floorMBs: +(mb / floor.seconds).toFixed(1), sitrepMBs: +(mb / run.seconds).toFixed(1),
      ratio: +(run.seconds / floor.seconds).toFixed(2), peakRssMb: run.peakRssMb && +run.peakRssMb.toFixed(0) });
  }
  const multi = [];
  for (let i = 0; i < o.multi; i += 1) multi.push(bundleFor(data, o.multiSize, o.seed + 1 + i));
  let multiResult = null;
  if (multi.length > 1) {
    const together = measure('node', [CLI, 'analyze', ...multi, '--json', '/dev/null']);
    let sequential = 0;
    for (const b of multi) sequential += measure('node', [CLI, 'analyze', b, '--json', '/dev/null']).seconds;
    multiResult = { bundles: multi.length, sizeMb: o.multiSize, togetherS: +together.seconds.toFixed(2), sequentialS: +sequential.toFixed(2),
      speedup: +(sequential / together.seconds).toFixed(2), peakRssMb: together.peakRssMb && +together.peakRssMb.toFixed(0) };
  }
  const linear = rows.length >= 2 ? +(rows.at(-1).sitrepS / rows.at(-2).sitrepS).toFixed(2) : null;
  const result = { date: new Date().toISOString(), node: process.version, cpus: cpuCount(), rows, multi: multiResult, linearLastTwo: linear };
  console.log('size MB | uncompressed MB | floor s | sitrep s | floor MB/s | sitrep MB/s | ratio | peak RSS MB');
  for (const r of rows) console.log([r.sizeMb, r.uncompressedMb, r.floorS, r.sitrepS, r.floorMBs, r.sitrepMBs, r.ratio, r.peakRssMb].join(' | '));
  if (multiResult) console.log(`multi: ${multiResult.bundles} × ${multiResult.sizeMb} MB together ${multiResult.togetherS}s vs one after another ${multiResult.sequentialS}s (×${multiResult.speedup})`);
  if (linear !== null) console.log(`cost of the largest run over the one before: ×${linear}`);
  const file = path.join(o.out, 'bench.json');
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(file);
}

function cpuCount() {
  return fs.readFileSync('/proc/cpuinfo', 'utf8').split('\n').filter((l) => l.startsWith('processor')).length;
}

try {
  main();
} catch (err) {
  console.error(`bench: ${err.message}`);
  process.exit(1);
}
