// Memory against member count (issue 15): bundles of N empty logs, without a
// manifest (the case) and with one listing them all (the capture's
// shape), analyzed in one thread and with the archive read here and the logs
// in parse workers (--workers 2). The reader stops at 100,000 members; peak
// RSS must stay under docs/security.md's bound at any N. The figures: peak
// RSS (GNU time), wall seconds, JSON bytes.
import fs from 'node:fs';
import path from 'node:path';
import { manyMembersBundle } from './many-members.mjs';

const SHAPES = [
  ['bare', false],
  ['manifest', true],
];
const MODES = [
  ['one thread', []],
  ['parse workers', ['--workers', '2']],
];

/** One row per count, shape and mode: { members, shape, mode, seconds, peakRssMb, jsonBytes }. */
export async function memberFigures(dataDir, counts, measure, cli) {
  const rows = [];
  for (const count of counts) {
    for (const [shape, withManifest] of SHAPES) {
      const file = path.join(dataDir, `members-${count}-${shape}.tar.gz`);
      if (!fs.existsSync(file)) await manyMembersBundle(file, count, withManifest);
      for (const [mode, flags] of MODES) {
        const json = path.join(dataDir, 'members.json');
        const m = measure('node', [cli, 'analyze', file, ...flags, '--json', json, '-q']);
        rows.push({
          members: count,
          shape,
          mode,
          seconds: +m.seconds.toFixed(2),
          peakRssMb: m.peakRssMb && Math.round(m.peakRssMb),
          jsonBytes: fs.statSync(json).size,
        });
        fs.rmSync(json);
      }
    }
  }
  return rows;
}

export function memberLines(rows) {
  if (rows.length === 0) return [];
  return [
    'members | shape | mode | s | peak RSS MB | JSON KB',
    ...rows.map((r) => [r.members, r.shape, r.mode, r.seconds, r.peakRssMb, Math.round(r.jsonBytes / 1024)].join(' | ')),
  ];
}
