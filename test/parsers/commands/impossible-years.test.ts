/**
 * Issue 21 for the command parsers: a stamp whose year no output can have
 * (0000, 0070 read by Date.UTC as 1970, 1900, 9999) gives no time and a
 * warning naming its line, never a made-up one (time.ts, stampToEpoch). Real
 * outputs (the corpus, and this host's ps and uptime) with their year replaced;
 * each first read unchanged, so a parser that dates nothing fails here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import type { CommandParseResult, HostClock } from '../../../src/parsers/types.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';

/** No startMs: a sample without a time of its own then has none (derivedTime), so every time left came from a stamp. */
const CLOCK: HostClock = { tzName: 'UTC', captureStartMs: Date.parse('2026-11-26T05:40:00Z') };
const YEARS = [...Array.from({ length: 100 }, (_, n) => n), 1900, 1969, 2077, 9999].map((n) => String(n).padStart(4, '0'));

interface Row {
  id: string;
  origin: string;
  text: () => string;
  /** The stated year, in the shapes the output prints it (so data columns are left alone). */
  year: RegExp;
  /** Whether the parser names the line of the refused stamp (JSON has no lines). */
  lines: boolean;
}

const corpus =
  (...p: string[]) =>
  (): string =>
    readFileSync(corpusPath(...p), 'utf8');
const ROWS: Row[] = [
  {
    id: 'vmstat',
    origin: 'jc centos-7.7/vmstat-at-5-10.out (vmstat -t)',
    text: corpus('jc', 'centos-7.7', 'vmstat-at-5-10.out'),
    year: /\b2021(?=-)/g,
    lines: true,
  },
  {
    id: 'iostat',
    origin: 'iostat-tool sample_iostat_small.output (iostat -t, RHEL 6)',
    text: corpus('iostat-tool', 'tests', 'fixtures', 'sample_iostat_small.output'),
    year: /(?<=\/)2018\b/g,
    lines: true,
  },
  {
    id: 'mpstat',
    origin: 'jc centos-7.7/mpstat-A-2-5.out (header date)',
    text: corpus('jc', 'centos-7.7', 'mpstat-A-2-5.out'),
    year: /(?<=\/)2022\b/g,
    lines: true,
  },
  {
    id: 'pidstat',
    origin: 'jc centos-7.7/pidstat.out (header date, times of day)',
    text: corpus('jc', 'centos-7.7', 'pidstat.out'),
    year: /(?<=\/)2022\b/g,
    lines: true,
  },
  {
    id: 'sadf-json',
    origin: 'sysstat tests/expected.sadf-j',
    text: corpus('sysstat', 'tests', 'expected.sadf-j'),
    year: /(?<="date": ")2019(?=-)/g,
    lines: false,
  },
];

function run(id: string, text: string): CommandParseResult {
  return commandParser(id)!.parse(text, { file: `${id}.txt`, clock: CLOCK });
}

/** Every instant the result holds: sample times, and the epoch fields ps and uptime fill. */
function instants(r: CommandParseResult): number[] {
  const out = (r.times ?? []).flatMap((t) => (t ? [t.epochMs] : []));
  const recs = (Array.isArray(r.data) ? r.data : [r.data]) as Record<string, unknown>[];
  for (const rec of recs) {
    if (typeof rec.started_ms === 'number') out.push(rec.started_ms);
    if (typeof rec.since_epoch === 'number') out.push(rec.since_epoch * 1000);
  }
  return out;
}

function sweep(id: string, text: string, year: RegExp, lines: boolean): void {
  const before = run(id, text);
  expect(instants(before).length, 'the unchanged output is dated').toBeGreaterThan(0);
  expect(before.diagnostics.filter((d) => d.message.includes('stamp year'))).toEqual([]);
  for (const y of YEARS) {
    const r = run(id, text.replace(year, y));
    const late = Date.UTC(2077, 0, 1);
    for (const t of instants(r)) expect(t >= 0 && t < late, `${id} ${y}: ${new Date(t).toISOString()}`).toBe(true);
    if (Number(y) >= 1970 && Number(y) <= 2076) continue;
    expect(instants(r), `${id} ${y}`).toEqual([]);
    const warned = r.diagnostics.filter((d) => d.message.includes(`year ${y}`) || d.message.includes(`"${y}-`));
    expect(warned.length, `${id} ${y}: ${JSON.stringify(r.diagnostics.slice(0, 3))}`).toBeGreaterThan(0);
    if (lines) for (const d of warned) expect(d.line, `${id} ${y}`).toBeGreaterThan(0);
  }
}

describe.skipIf(!HAS_CORPUS)('command outputs with an impossible year: no time, a warning', () => {
  it.each(ROWS.map((r) => [r.id, r] as const))('%s', (_id, r) => sweep(r.id, r.text(), r.year, r.lines));
});

const ps = (): string => execFileSync('ps', ['-eo', 'pid,ppid,user,stat,wchan:32,nlwp,pcpu,pmem,vsz,rss,lstart,comm,args'], { encoding: 'utf8' });
const uptimeS = (): string => execFileSync('uptime', ['-s'], { encoding: 'utf8' });
const has = (f: () => string): boolean => {
  try {
    return f().length > 0;
  } catch {
    return false;
  }
};

describe('this host: ps lstart and uptime -s with their year replaced', () => {
  it.skipIf(!has(ps))('ps: started_ms is null, not 1900', () => {
    const text = ps();
    // Every lstart's year (`Sat Dec  5 08:54:05 2026`), whichever year each process started in.
    const year = /(?<=\d\d:\d\d:\d\d )\d{4}\b/g;
    const before = run('ps', text);
    expect(instants(before).length).toBeGreaterThan(0);
    for (const y of YEARS) {
      const r = run('ps', text.replace(year, y));
      for (const t of instants(r)) expect(t >= 0, `ps ${y}`).toBe(true);
      if (Number(y) < 1970 || Number(y) > 2076) expect(instants(r), `ps ${y}`).toEqual([]);
    }
  });
  it.skipIf(!has(uptimeS))('uptime -s: since_epoch is null and the line warned', () => {
    const text = uptimeS();
    sweep('uptime', text, /^\d{4}(?=-)/, true);
  });
});
