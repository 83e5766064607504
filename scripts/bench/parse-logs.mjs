#!/usr/bin/env node
// node scripts/bench/parse-logs.mjs DIR [--part N] [--only TEXT]
//
// The per-line work alone, in one thread: every log of an extracted bundle
// (DIR holds manifest.tsv) read the way a parse worker reads it (line
// splitter, parser with deferred fields, one TimelineBuilder), without
// gunzip, tar or workers. `--part N` reads the first 1/N of each log's bytes
// (cut at a line), `--only` the logs whose path contains TEXT.
//
// Made to be counted, not timed: on a shared VM a run's time moves by 10-40 %,
// while its instruction count under cachegrind moves by ~0.2 %
// (docs/performance.md, "Comparing two builds"):
//   valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
//     node --single-threaded scripts/bench/parse-logs.mjs DIR --part 4
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => import(path.join(process.env.SITREP_DIST ?? path.join(ROOT, 'dist'), p));
const { readLogMember } = await dist('parsers/host-logs.js');
const { LineSplitter } = await dist('bundle/lines.js');
const { DiagnosticLog } = await dist('bundle/diagnostics.js');
const { TimelineBuilder } = await dist('timeline/index.js');
const { parseManifest } = await dist('bundle/manifest.js');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { part: { type: 'string', default: '1' }, only: { type: 'string', default: '' } },
});
const dir = positionals[0];
if (!dir) throw new Error('usage: parse-logs.mjs DIR [--part N] [--only TEXT]');
const part = Number(values.part);

const manifest = parseManifest(readFileSync(path.join(dir, 'manifest.tsv'), 'utf8'), new DiagnosticLog('manifest', 100));
const clock = { tzName: 'UTC' };
const builder = new TimelineBuilder('bench');
let lines = 0;
for (const entry of manifest) {
  if (!entry.path || (entry.kind !== 'log' && entry.kind !== 'journal') || !entry.path.includes(values.only)) continue;
  const member = {
    path: entry.path,
    lines: async (sink) => {
      const fd = openSync(path.join(dir, entry.path), 'r');
      const limit = Math.ceil(fstatSync(fd).size / part);
      const split = new LineSplitter(1 << 20);
      const buf = Buffer.alloc(1 << 20);
      let read = 0;
      for (let k; read < limit && (k = readSync(fd, buf, 0, buf.length)) > 0; read += k) {
        // The last chunk ends at its last newline, so a part holds whole lines.
        const end = read + k > limit ? buf.lastIndexOf(10, k - 1) + 1 : k;
        split.push(buf.subarray(0, end), sink);
      }
      closeSync(fd);
      split.end(sink);
      lines += split.lineNo;
      return split;
    },
  };
  await readLogMember({ member, entry, clock, emit: (ev) => builder.add(ev), deferFields: true }, new DiagnosticLog(entry.path, 100));
}
const t = builder.finish();
console.log(JSON.stringify({ lines, kept: t.events.length }));
