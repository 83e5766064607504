#!/usr/bin/env node
// npm run bench [-- --sizes 128,512,1024 --out bench/results --multi 4 --multi-size 64 --runs 3 --members 100000,200000]
// For each size: the floor (gzip -dc | wc -l), `sitrep analyze --json` and the
// loading pipeline alone (load.mjs: what analyze runs before the diagnosis) on
// the same generated bundle, in the same run, and `sitrep export --format ecs
// --bulk` of it (issue 19) and `sitrep redact` of it (issue 16, with its
// verification); MB/s, ratio, peak RSS. Each is
// run --runs times, interleaved (floor, analyze, pipeline, floor...), and the
// median is the figure: on a shared 2-core VM one run moves by 10-20 %. The
// peak RSS is the largest seen. Then the multi-bundle case: N bundles in one
// run against N runs one after another; then start-up (startup.mjs); then
// memory against member count (members.mjs; --members 0 leaves it out).
// Figures go to <out>/bench.json; bundles are cached in <out>/data by size, seed and GENERATION.
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATION, generateBundle } from './generate.mjs';
import { memberFigures, memberLines } from './members.mjs';
import { startupFigures, startupLines } from './startup.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const LOAD = path.join(ROOT, 'scripts', 'bench', 'load.mjs');
const analyze = (bundles) => measure('node', [CLI, 'analyze', ...bundles, '--json', '/dev/null']);
const load = (bundles) => measure('node', [LOAD, ...bundles]);
// The export with the most bytes a record (ECS bulk pairs), written to a device as a user piping it would.
const exportEcs = (bundles) => measure('node', [CLI, 'export', ...bundles, '--format', 'ecs', '--bulk', '-o', '/dev/null', '-q']);
// `sitrep redact` of the bundle (issue 16: within 2x analyze), redaction and its verification,
// into a fresh directory each run with a key of the bench's own; removing the output is timed too.
const redact = (bundle, key) =>
  measure('sh', ['-c', 'd=$(mktemp -d) && node "$0" redact "$1" -o "$d" --key "$2" -q; rc=$?; rm -rf "$d"; exit $rc', CLI, bundle, key]);
const round = (x, d = 2) => +x.toFixed(d);

function args(argv) {
  const o = { sizes: [128, 512, 1024], out: path.join(ROOT, 'bench', 'results'), multi: 4, multiSize: 64, seed: 42, runs: 3, members: [100_000, 200_000] };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const v = argv[i + 1];
    if (a === '--sizes' && v) {
      o.sizes = v.split(',').map(Number);
      i += 1;
    } else if (a === '--out' && v) {
      o.out = path.resolve(v);
      i += 1;
    } else if (a === '--multi' && v) {
      o.multi = Number(v);
      i += 1;
    } else if (a === '--multi-size' && v) {
      o.multiSize = Number(v);
      i += 1;
    } else if (a === '--seed' && v) {
      o.seed = Number(v);
      i += 1;
    } else if (a === '--members' && v) {
      o.members = v
        .split(',')
        .map(Number)
        .filter((n) => n > 0);
      i += 1;
    } else if (a === '--runs' && v) {
      o.runs = Math.max(1, Number(v));
      i += 1;
    }
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

/** `runs` interleaved runs of each measurement: the median seconds (and every run's), the largest peak RSS. */
function repeated(runs, fns) {
  const all = fns.map(() => []);
  for (let k = 0; k < runs; k += 1) fns.forEach((fn, i) => all[i].push(fn()));
  return all.map((list) => {
    const secs = list.map((m) => m.seconds).sort((a, b) => a - b);
    const rss = list.map((m) => m.peakRssMb).filter((x) => x !== null);
    return {
      seconds: secs[Math.floor((secs.length - 1) / 2)],
      runsS: list.map((m) => round(m.seconds, 3)),
      peakRssMb: rss.length ? Math.max(...rss) : null,
      stdout: list[0].stdout,
    };
  });
}

function bundleFor(dir, sizeMb, seed) {
  const name = `bench-${sizeMb}mb-s${seed}-g${GENERATION}`;
  const file = path.join(dir, `${name}.tar.gz`);
  if (!fs.existsSync(file)) generateBundle({ out: dir, name, totalBytes: sizeMb * 1024 * 1024, seed, host: `bench-${seed}` });
  return file;
}

function uncompressedMb(file) {
  const r = spawnSync('sh', ['-c', `gzip -dc '${file}' | wc -c`], { encoding: 'utf8' });
  return Number(r.stdout.trim()) / (1024 * 1024);
}

async function main() {
  const o = args(process.argv.slice(2));
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const data = path.join(o.out, 'data');
  fs.mkdirSync(data, { recursive: true });
  const rows = [];
  const key = path.join(data, 'redact.key');
  if (!fs.existsSync(key)) fs.writeFileSync(key, crypto.randomBytes(32), { mode: 0o600 });
  for (const size of o.sizes) {
    const bundle = bundleFor(data, size, o.seed);
    const mb = uncompressedMb(bundle);
    const [floor, run, pipe, exp, red] = repeated(o.runs, [
      () => measure('sh', ['-c', `gzip -dc '${bundle}' | wc -l`]),
      () => analyze([bundle]),
      () => load([bundle]),
      () => exportEcs([bundle]),
      () => redact(bundle, key),
    ]);
    rows.push({
      sizeMb: size,
      uncompressedMb: round(mb, 1),
      runs: o.runs,
      floorS: round(floor.seconds, 3),
      sitrepS: round(run.seconds, 3),
      pipelineS: round(pipe.seconds, 3),
      floorRunsS: floor.runsS,
      sitrepRunsS: run.runsS,
      pipelineRunsS: pipe.runsS,
      floorMBs: round(mb / floor.seconds, 1),
      sitrepMBs: round(mb / run.seconds, 1),
      pipelineMBs: round(mb / pipe.seconds, 1),
      ratio: round(run.seconds / floor.seconds),
      pipelineRatio: round(pipe.seconds / floor.seconds),
      peakRssMb: run.peakRssMb && round(run.peakRssMb, 0),
      pipelinePeakRssMb: pipe.peakRssMb && round(pipe.peakRssMb, 0),
      lines: Number(floor.stdout.trim()),
      pipelineEvents: JSON.parse(pipe.stdout).events,
      exportS: round(exp.seconds, 3),
      exportRunsS: exp.runsS,
      exportPeakRssMb: exp.peakRssMb && round(exp.peakRssMb, 0),
      redactS: round(red.seconds, 3),
      redactRunsS: red.runsS,
      redactPeakRssMb: red.peakRssMb && round(red.peakRssMb, 0),
      redactOverAnalyze: round(red.seconds / run.seconds),
    });
  }
  const multi = [];
  for (let i = 0; i < o.multi; i += 1) multi.push(bundleFor(data, o.multiSize, o.seed + 1 + i));
  let multiResult = null;
  if (multi.length > 1) {
    const one = (fn) => {
      const together = fn(multi);
      let sequential = 0;
      for (const b of multi) sequential += fn([b]).seconds;
      return {
        togetherS: round(together.seconds),
        sequentialS: round(sequential),
        speedup: round(sequential / together.seconds),
        peakRssMb: together.peakRssMb && round(together.peakRssMb, 0),
      };
    };
    multiResult = { bundles: multi.length, sizeMb: o.multiSize, ...one(analyze), pipeline: one(load) };
  }
  const startup = startupFigures(Math.max(3, o.runs));
  const members = await memberFigures(data, o.members, measure, CLI, o.runs);
  const lin = (k) => (rows.length >= 2 ? round(rows.at(-1)[k] / rows.at(-2)[k]) : null);
  const linear = lin('sitrepS');
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpuCount(),
    runs: o.runs,
    rows,
    multi: multiResult,
    startup,
    members,
    linearLastTwo: linear,
    pipelineLinearLastTwo: lin('pipelineS'),
  };
  console.log(
    'size MB | uncompressed MB | floor s | sitrep s | pipeline s | floor MB/s | sitrep MB/s | pipeline MB/s | ratio | pipeline ratio | peak RSS MB | pipeline peak RSS MB | export s | export peak RSS MB | redact s | redact peak RSS MB | redact/analyze',
  );
  for (const r of rows)
    console.log(
      [
        r.sizeMb,
        r.uncompressedMb,
        r.floorS,
        r.sitrepS,
        r.pipelineS,
        r.floorMBs,
        r.sitrepMBs,
        r.pipelineMBs,
        r.ratio,
        r.pipelineRatio,
        r.peakRssMb,
        r.pipelinePeakRssMb,
        r.exportS,
        r.exportPeakRssMb,
        r.redactS,
        r.redactPeakRssMb,
        r.redactOverAnalyze,
      ].join(' | '),
    );
  if (o.runs > 1) console.log(`(medians of ${o.runs} interleaved runs; every run in bench.json)`);
  if (multiResult) {
    const m = multiResult;
    console.log(
      `multi analyze: ${m.bundles} × ${m.sizeMb} MB together ${m.togetherS}s vs one after another ${m.sequentialS}s (×${m.speedup}), peak RSS ${m.peakRssMb} MB`,
    );
    console.log(
      `multi pipeline: together ${m.pipeline.togetherS}s vs one after another ${m.pipeline.sequentialS}s (×${m.pipeline.speedup}), peak RSS ${m.pipeline.peakRssMb} MB`,
    );
  }
  for (const line of startupLines(startup)) console.log(line);
  for (const line of memberLines(members)) console.log(line);
  if (linear !== null) console.log(`cost of the largest run over the one before: analyze ×${linear}, pipeline ×${result.pipelineLinearLastTwo}`);
  const file = path.join(o.out, 'bench.json');
  fs.writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(file);
}

function cpuCount() {
  return fs
    .readFileSync('/proc/cpuinfo', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('processor')).length;
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
