#!/usr/bin/env node
// node scripts/bench/load.mjs BUNDLE... : the loading stage alone, as analyze
// runs it (loadAll: streaming read, parse worker per bundle, worker threads
// across bundles, timeline partials). Prints one JSON line of counts so a run
// that read nothing cannot pass for a fast one.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { loadAll } = await import(path.join(ROOT, 'dist', 'cli', 'pipeline', 'load-all.js'));
const outcomes = await loadAll(process.argv.slice(2));
let events = 0;
let lines = 0;
for (const o of outcomes) {
  if (!('loaded' in o)) throw o.error;
  events += o.loaded.timeline.total;
  for (const l of o.loaded.host.logs) lines += l.lines;
}
console.log(JSON.stringify({ bundles: outcomes.length, lines, events }));
