#!/usr/bin/env node
// Rewrites the generated docs from the code (run by `npm run docs`, after the
// build): docs/rules.md from the rules' meta, docs/signals.md's table from the
// signal catalogue. The tests only compare; nothing else writes these files.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const { RULES } = await import(join(ROOT, 'dist', 'rules', 'registry.js'));
const { renderRulesDoc } = await import(join(ROOT, 'dist', 'rules', 'docs.js'));
const { withSignalsTable } = await import(join(ROOT, 'dist', 'timeline', 'signals', 'docs.js'));

const write = (rel, text) => {
  const path = join(ROOT, rel);
  const before = readFileSync(path, 'utf8');
  if (before !== text) writeFileSync(path, text);
  console.log(`${rel}: ${before === text ? 'unchanged' : 'rewritten'}`);
};

write('docs/rules.md', renderRulesDoc(RULES));
const signals = withSignalsTable(readFileSync(join(ROOT, 'docs', 'signals.md'), 'utf8'));
if (signals === null) {
  console.error('docs/signals.md: the signals:begin / signals:end markers are missing');
  process.exit(1);
}
write('docs/signals.md', signals);
