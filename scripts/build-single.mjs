#!/usr/bin/env node
// npm run build (after tsc): writes dist/sitrep.mjs, the whole analyzer in one
// file for offline workstations: `node sitrep.mjs analyze …` with Node >= 20
// and no node_modules. esbuild bundles src/cli/single.ts with the runtime
// dependencies; the files the code reads from the package (templates/, the
// capture script, the version) are inlined by the banner as
// globalThis.__SITREP_SINGLE__, which src/assets.ts reads.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'sitrep.mjs');
const INLINED = ['templates', 'scripts/sitrep-capture.sh'];

/** Package-relative paths (always with `/`) of every file under `rel`. */
function files(rel) {
  const abs = path.join(ROOT, ...rel.split('/'));
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs)
    .sort()
    .flatMap((n) => files(`${rel}/${n}`));
}

const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const inlined = Object.fromEntries(INLINED.flatMap(files).map((rel) => [rel, readFileSync(path.join(ROOT, ...rel.split('/')), 'utf8')]));
const single = { version: pkg.version, files: inlined };

const banner = [
  '#!/usr/bin/env node',
  // Handlebars is CommonJS and requires Node built-ins: give the bundle a real require.
  "import { createRequire as __sitrepRequire } from 'node:module';",
  'const require = __sitrepRequire(import.meta.url);',
  `globalThis.__SITREP_SINGLE__ = ${JSON.stringify(single)};`,
].join('\n');

const result = await build({
  entryPoints: [path.join(ROOT, 'src', 'cli', 'single.ts')],
  outfile: OUT,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  banner: { js: banner },
  legalComments: 'eof',
  // Whitespace and syntax only: a third smaller, so --version compiles faster; names stay for --debug traces.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
  metafile: true,
});
const bytes = statSync(OUT).size;
const inputs = Object.keys(result.metafile.inputs).length;
console.error(
  `build-single: wrote ${path.relative(ROOT, OUT)} (${(bytes / 1024).toFixed(0)} KB, ${inputs} modules, ${Object.keys(inlined).length} files inlined)`,
);
