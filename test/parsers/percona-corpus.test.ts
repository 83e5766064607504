/**
 * percona-toolkit's pt-summary samples: collections from real, mostly old
 * Linux machines (../shared/corpus/percona-toolkit/pt-summary/samples/Linux/00N).
 * `vmstat` (old procps without `st`), the `free` part of `memory` (old
 * `-/+ buffers/cache` layout; /proc/meminfo follows it and belongs to
 * proc-meminfo), `processes` (old top table with `m` sizes) and `uptime`
 * parse with zero diagnostics, and their values hold together.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commandParser } from '../../src/parsers/registry.js';
import type { CommandParseResult } from '../../src/parsers/types.js';
import { corpusPath, HAS_CORPUS } from '../helpers/corpus.js';

const ROOT = corpusPath('percona-toolkit', 'pt-summary', 'samples', 'Linux');
const DIRS =
  HAS_CORPUS && existsSync(ROOT)
    ? readdirSync(ROOT)
        .filter((d) => /^\d{3}$/.test(d))
        .sort()
    : [];
const CLOCK = { tzName: 'UTC' };
const counts = new Map<string, { files: number; records: number; diagnostics: number }>();

function run(id: string, dir: string, text: string): CommandParseResult {
  const p = commandParser(id);
  if (!p) throw new Error(`no parser ${id}`);
  const res = p.parse(text, { file: `${dir}/${id}`, clock: CLOCK });
  const c = counts.get(id) ?? { files: 0, records: 0, diagnostics: 0 };
  c.files++;
  c.records += Array.isArray(res.data) ? res.data.length : 1;
  c.diagnostics += res.diagnostics.length;
  counts.set(id, c);
  return res;
}

const read = (dir: string, f: string): string | null => (existsSync(`${ROOT}/${dir}/${f}`) ? readFileSync(`${ROOT}/${dir}/${f}`, 'utf8') : null);

type Row = Record<string, unknown>;

describe.skipIf(!HAS_CORPUS)('pt-summary samples', () => {
  it('finds the sample machines', () => expect(DIRS.length).toBeGreaterThanOrEqual(5));

  for (const dir of DIRS) {
    const vm = read(dir, 'vmstat');
    it.skipIf(vm === null)(`${dir}/vmstat`, () => {
      const res = run('vmstat', dir, vm ?? '');
      expect(res.diagnostics).toEqual([]);
      const rows = res.data as Row[];
      expect(rows.length).toBeGreaterThan(0);
      const hasSt = /\sst\s*$/m.test((vm ?? '').split('\n')[1] ?? '');
      for (const r of rows) {
        const cpu = [r.user_time, r.system_time, r.idle_time, r.io_wait_time].map(Number);
        const sum = cpu.reduce((a, b) => a + b, 0) + (hasSt ? Number(r.stolen_time) : 0);
        expect(Math.abs(sum - 100)).toBeLessThanOrEqual(3);
        if (!hasSt) expect(r.stolen_time).toBeNull(); // old procps has no st column
      }
    });

    const mem = read(dir, 'memory');
    it.skipIf(mem === null)(`${dir}/memory (free part)`, () => {
      // the file is `free -b` then /proc/meminfo: the free part ends where MemTotal: starts
      const text = (mem ?? '').split(/^MemTotal:/m)[0] ?? '';
      const res = run('free', dir, text);
      expect(res.diagnostics).toEqual([]);
      const rows = res.data as Row[];
      const m = rows.find((r) => r.type === 'Mem');
      expect(m).toBeDefined();
      const bc = rows.find((r) => r.type === '-/+ buffers/cache');
      if (/buffers\/cache:/.test(text)) {
        // the old layout's second row: used minus buffers and cache, plus their free; sums to the total
        expect(Number(bc?.used) + Number(bc?.free)).toBe(m?.total);
        expect(bc?.used).toBe(Number(m?.used) - Number(m?.buffers) - Number(m?.cached));
      } else {
        expect(Number(m?.used) + Number(m?.free)).toBeLessThanOrEqual(Number(m?.total));
      }
    });

    const ps = read(dir, 'processes');
    it.skipIf(ps === null)(`${dir}/processes (top table)`, () => {
      const res = run('top', dir, ps ?? '');
      expect(res.diagnostics).toEqual([]);
      const items = res.data as { processes: Row[] }[];
      expect(items).toHaveLength(1);
      const procs = items[0]?.processes ?? [];
      expect(procs.length).toBe((ps ?? '').split('\n').filter((l) => /^\s*\d+\s/.test(l)).length);
      for (const p of procs) {
        expect(Number.isInteger(p.pid)).toBe(true);
        expect(typeof p.percent_cpu).toBe('number');
        expect(Number(p.percent_mem)).toBeLessThanOrEqual(100);
      }
    });

    const up = read(dir, 'uptime');
    it.skipIf(up === null)(`${dir}/uptime`, () => {
      const res = run('uptime', dir, up ?? '');
      expect(res.diagnostics).toEqual([]);
      const d = res.data as Row;
      expect(Number(d.uptime_total_seconds)).toBeGreaterThan(0);
      expect(typeof d.load_15m).toBe('number');
      expect(Number(d.load_1m)).toBeLessThan(100);
    });
  }

  afterAll(() => {
    const lines = ['pt-summary corpus (files / records / diagnostics):'];
    for (const [id, c] of counts) lines.push(`  ${id.padEnd(8)} ${c.files} / ${c.records} / ${c.diagnostics}`);
    console.log(lines.join('\n'));
  });
});
