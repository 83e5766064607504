/**
 * Every parser stays linear on crafted input (issue 15, item 2). For each log
 * and command parser in the registry (so a new parser is covered by being
 * registered), lines are crafted from its own normal input: each literal part
 * and separator of a real line (and each adjacent pair of them) repeated to a
 * long line, behind the real line's prefix so the parser reaches the field
 * code, plus the shapes the review found. Not a timed test: it compares
 * time per MB within one process, interleaved, medians of several runs:
 *  - growth: the same bytes in 64 KB lines against 4 KB lines. A linear
 *    parser costs the same; a quadratic one 16 times as much.
 *  - crafted against normal: time per MB on crafted input within a factor of
 *    time per MB on the parser's normal input.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_PARSERS, LOG_PARSERS } from '../../src/parsers/registry.js';
import type { CommandParser, LogParser } from '../../src/parsers/types.js';
import { readBundle, REPO_ROOT } from '../helpers/capture.js';
import { corpusPath, HAS_CORPUS } from '../helpers/corpus.js';
import { SAMPLE_CLOCK } from './logs/run.js';

/** 16× more work per byte is what a quadratic loop does going from 4 KB to 64 KB lines; linear stays ~1. */
const MAX_GROWTH = 4;
/** Crafted input may take longer paths than normal input, but only by a constant. */
const MAX_CRAFTED_VS_NORMAL = 12;
const RUNS = 3;
const FLOOR = 10;

/** The shapes: the MySQL `key: value` run, the PostgreSQL `user=` prefix. */
const SHAPES: [string, string, string][] = [
  ['# ', 'a', ''],
  ['# Query_time: 1 ', 'Lock_time', ': 1'],
  ['', 'user=', ''],
  ['2017-09-06 08:41:43 UTC [44]: [1-1] ', 'user=a', ' LOG:  x'],
  ['', ': ', ''],
];

/** A real line's literal parts and separators: letter runs, digit runs, space runs, single others. */
function atoms(line: string): string[] {
  return line.match(/[A-Za-z_]+|\d+|\s+|[^A-Za-z_\d\s]/g) ?? [];
}

/** [prefix, unit, suffix]: each atom and each adjacent pair of the first lines, in place of itself in its line. */
function patterns(lines: string[], max: number): [string, string, string][] {
  const seen = new Set<string>();
  const out: [string, string, string][] = [...SHAPES];
  for (const line of lines.slice(0, 40)) {
    const a = atoms(line.slice(0, 400));
    let at = 0;
    for (let i = 0; i < a.length && out.length < max; i++) {
      for (const unit of [a[i]!, a[i]! + (a[i + 1] ?? '')]) {
        if (seen.has(unit) || unit.trim() === '') continue;
        seen.add(unit);
        // with the rest of the line after the run (the parser reads on past it), and without
        out.push([line.slice(0, at), unit, line.slice(at + unit.length)], [line.slice(0, at), unit, '']);
      }
      at += a[i]!.length;
    }
  }
  return out;
}

/** Lines of about `len` characters: prefix + unit repeated + suffix, each after the `between` lines; `total` bytes of them per pattern. */
function crafted(pats: [string, string, string][], len: number, total: number, between: string[]): string[] {
  const out: string[] = [];
  for (const [prefix, unit, suffix] of pats) {
    const line = prefix + unit.repeat(Math.max(1, Math.ceil((len - prefix.length) / unit.length))) + suffix;
    for (let n = 0; n < total; n += line.length) out.push(...between, line);
  }
  return out;
}

function bytes(lines: string[]): number {
  return lines.reduce((s, l) => s + l.length + 1, 0);
}

/** Milliseconds per MB of the median run of each feed, the runs interleaved. */
function perMb(feeds: string[][], run: (lines: string[]) => void): number[] {
  const times = feeds.map(() => [] as number[]);
  for (let r = 0; r < RUNS; r++) {
    feeds.forEach((f, i) => {
      const t0 = process.hrtime.bigint();
      run(f);
      times[i]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
    });
  }
  return times.map((t, i) => t.sort((a, b) => a - b)[Math.floor(RUNS / 2)]! / (bytes(feeds[i]!) / 1e6));
}

function repeatTo(lines: string[], total: number): string[] {
  const out: string[] = [];
  while (bytes(out) < total && lines.length > 0) out.push(...lines);
  return out;
}

function check(name: string, normal: string[], run: (lines: string[]) => void, between: string[]): void {
  const pats = patterns(normal, 40);
  const feeds = [repeatTo(normal, 1 << 19), crafted(pats, 4 << 10, 32 << 10, between), crafted(pats, 64 << 10, 32 << 10, between)];
  const [n, short, long] = perMb(feeds, run) as [number, number, number];
  const msg = `${name}: normal ${n.toFixed(1)} ms/MB, crafted 4K lines ${short.toFixed(1)}, 64K lines ${long.toFixed(1)}`;
  // A floor of 10 ms/MB (a few ms a feed, the timer's and GC's noise) keeps a parser
  // that rejects crafted lines almost free from making a ratio of noise.
  expect(Math.max(long, FLOOR) / Math.max(short, FLOOR), msg).toBeLessThan(MAX_GROWTH);
  expect(Math.max(short, long, FLOOR) / Math.max(n, FLOOR), msg).toBeLessThan(MAX_CRAFTED_VS_NORMAL);
}

function logRun(p: LogParser): (lines: string[]) => void {
  return (lines) => {
    const r = p.open({ file: 'crafted.log', clock: SAMPLE_CLOCK });
    lines.forEach((l, i) => r.push(l, i + 1));
    r.end();
  };
}

function commandRun(p: CommandParser): (lines: string[]) => void {
  return (lines) => void p.parse(lines.join('\n'), { file: 'crafted.txt', clock: { tzName: 'UTC' }, startMs: 0, intervalS: 1 });
}

/** Real command outputs: the sample bundles' artifacts by manifest name, then the corpus for the rest. */
function commandInputs(): Map<string, string> {
  const out = new Map<string, string>();
  for (const host of ['db', 'app', 'web']) {
    const b = readBundle(join(REPO_ROOT, 'samples', 'db-lock', `${host}.tar.gz`));
    for (const row of b.manifest) {
      const text = b.files.get(row.path)?.toString('utf8');
      if (text && !out.has(row.name)) out.set(row.name, text);
    }
  }
  // net-speed is sitrep's own artifact, newer than the samples: this host's /sys gives a real one
  out.set(
    'net-speed',
    readdirSync('/sys/class/net')
      .map((i) => `${i} ${speedOf(i)}`)
      .join('\n'),
  );
  if (HAS_CORPUS) {
    out.set('netstat', readFileSync(corpusPath('jc', 'centos-7.7', 'netstat.out'), 'utf8'));
    out.set('sar-history', readFileSync(corpusPath('sysstat', 'tests', 'expected.sadf-j'), 'utf8'));
  }
  return out;
}

function speedOf(iface: string): string {
  try {
    return readFileSync(`/sys/class/net/${iface}/speed`, 'utf8').trim() || '-';
  } catch {
    return '-';
  }
}

describe('parsers stay linear on crafted input', () => {
  for (const p of LOG_PARSERS) {
    it(`log parser ${p.id}`, () => {
      const normal = p.samples.flatMap((s) => s.lines);
      expect(normal.length, `${p.id} has samples`).toBeGreaterThan(0);
      check(
        p.id,
        normal,
        logRun(p),
        p.samples.map((s) => s.lines[0]!),
      );
    });
  }
  const inputs = commandInputs();
  for (const p of COMMAND_PARSERS) {
    const name = p.artifactNames.find((n) => inputs.has(n));
    it.skipIf(!name)(`command parser ${p.id}${name ? '' : ' (skipped: no real input here, ../shared/corpus absent)'}`, () => {
      const lines = inputs.get(name!)!.split('\n');
      check(p.id, lines, commandRun(p), lines.slice(0, 3));
    });
  }
});
