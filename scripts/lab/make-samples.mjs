#!/usr/bin/env node
// Regenerate samples/: run a few lab scenarios for real (root, nginx,
// PostgreSQL, fio installed) and keep their bundles as
// samples/<scenario>/{web,app,db}.tar.gz, the demo's input.
//   node scripts/lab/make-samples.mjs [SCENARIO...]   (default: db-lock close-wait memory healthy)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScenario } from './run.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const names = process.argv.slice(2);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sitrep-samples-'));
try {
  for (const name of names.length ? names : ['db-lock', 'close-wait', 'memory', 'healthy']) {
    const r = await runScenario(name, { seconds: 10, outDir: work });
    const dir = path.join(ROOT, 'samples', name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    for (const [tier, file] of Object.entries(r.bundles)) fs.copyFileSync(file, path.join(dir, `${tier}.tar.gz`));
    console.log(`${name}: traffic ${JSON.stringify(r.traffic)} → samples/${name}/`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
