#!/usr/bin/env node
// Start-up of the analyzer (issue 17): `sitrep --version` (target <= 0.1 s) and
// the demo, the three 55 KB db-lock samples to HTML, JSON and Markdown (target
// <= 0.7 s), each from the package's dist/cli/main.js and from the single file
// dist/sitrep.mjs. Wall seconds, the median of `runs` interleaved runs (one run
// on a shared 2-core VM moves by 10-20 %). `node scripts/bench/startup.mjs [runs]`
// alone, or as part of `npm run bench` (run.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const ENTRIES = { package: path.join(ROOT, 'dist', 'cli', 'main.js'), single: path.join(ROOT, 'dist', 'sitrep.mjs') };
const SAMPLES = ['web', 'app', 'db'].map((t) => path.join(ROOT, 'samples', 'db-lock', `${t}.tar.gz`));

function seconds(argv, cwd) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${(r.stderr ?? '').slice(-500)}`);
  return s;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x) => +x.toFixed(3);

/** { package: { versionS, demoS, versionRunsS, demoRunsS }, single: {…} } */
export function startupFigures(runs = 5) {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-startup-'));
  try {
    const all = {};
    for (const [name, entry] of Object.entries(ENTRIES)) {
      if (!fs.existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
      all[name] = { version: [], demo: [] };
    }
    for (let k = 0; k < runs; k += 1) {
      for (const [name, entry] of Object.entries(ENTRIES)) {
        all[name].version.push(seconds([entry, '--version'], out));
        all[name].demo.push(seconds([entry, 'analyze', ...SAMPLES, '-o', 'report.html', '--json', 'report.json', '--md', 'report.md', '-q'], out));
      }
    }
    return Object.fromEntries(
      Object.entries(all).map(([name, m]) => [
        name,
        {
          versionS: round(median(m.version)),
          demoS: round(median(m.demo)),
          versionRunsS: m.version.map(round),
          demoRunsS: m.demo.map(round),
        },
      ]),
    );
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

export function startupLines(f) {
  return Object.entries(f).map(([name, x]) => `start-up (${name}): --version ${x.versionS}s (target 0.1), demo ${x.demoS}s (target 0.7)`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const f = startupFigures(Number(process.argv[2] ?? 5));
  for (const line of startupLines(f)) console.log(line);
  console.log(JSON.stringify(f));
}
