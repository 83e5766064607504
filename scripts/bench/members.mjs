// Memory against member count (issue 15): bundles of N empty logs, without a
// manifest (the case) and with one listing them all (the capture's
// shape), analyzed in one thread and with the archive read here and the logs
// in parse workers (--workers 2). The reader stops at 100,000 members; peak
// RSS must stay under docs/security.md's bound (BOUND_MB) at any N. Each row
// is `analyze -o report.html --json`, as a user runs it, `runs` times: peak
// RSS (GNU time) min and max, median wall seconds, JSON bytes, and whether
// the largest peak is over the bound.
import fs from 'node:fs';
import path from 'node:path';
import { manyMembersBundle } from './many-members.mjs';

/** docs/security.md ("Memory"): peak RSS of analyze at the member limit. */
export const BOUND_MB = 300;

const SHAPES = [
  ['bare', false],
  ['manifest', true],
];
const MODES = [
  ['one thread', []],
  ['parse workers', ['--workers', '2']],
];

/** One row per count, shape and mode: { members, shape, mode, seconds, peakRssMb, minRssMb, runs, overBound, jsonBytes }. */
export async function memberFigures(dataDir, counts, measure, cli, runs = 1) {
  const rows = [];
  for (const count of counts) {
    for (const [shape, withManifest] of SHAPES) {
      const file = path.join(dataDir, `members-${count}-${shape}.tar.gz`);
      if (!fs.existsSync(file)) await manyMembersBundle(file, count, withManifest);
      for (const [mode, flags] of MODES) {
        const json = path.join(dataDir, 'members.json');
        const html = path.join(dataDir, 'members.html');
        const all = Array.from({ length: runs }, () => measure('node', [cli, 'analyze', file, ...flags, '-o', html, '--json', json, '-q']));
        const rss = all.map((m) => m.peakRssMb).filter((x) => x !== null);
        const secs = all.map((m) => m.seconds).sort((a, b) => a - b);
        rows.push({
          members: count,
          shape,
          mode,
          runs,
          seconds: +secs[Math.floor((secs.length - 1) / 2)].toFixed(2),
          peakRssMb: rss.length ? Math.round(Math.max(...rss)) : null,
          minRssMb: rss.length ? Math.round(Math.min(...rss)) : null,
          overBound: rss.length ? Math.max(...rss) > BOUND_MB : null,
          jsonBytes: fs.statSync(json).size,
        });
        fs.rmSync(json);
        fs.rmSync(html);
      }
    }
  }
  return rows;
}

export function memberLines(rows) {
  if (rows.length === 0) return [];
  return [
    `members | shape | mode | runs | s | peak RSS MB (min-max) | JSON KB | over ${BOUND_MB} MB`,
    ...rows.map((r) =>
      [r.members, r.shape, r.mode, r.runs, r.seconds, `${r.minRssMb}-${r.peakRssMb}`, Math.round(r.jsonBytes / 1024), r.overBound ? 'OVER' : 'no'].join(' | '),
    ),
  ];
}
