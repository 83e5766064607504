/**
 * This machine's own output, run the way the capture script runs it
 * (LC_ALL=C S_TIME_FORMAT=ISO): every parser reads it with zero diagnostics,
 * the values are sane against /proc, and the instants are within a minute of now.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import type { CommandParseResult, ParseContext } from '../../../src/parsers/types.js';

const run = promisify(execFile);
const ENV = { ...process.env, LC_ALL: 'C', S_TIME_FORMAT: 'ISO' };
const COMMANDS: Record<string, string[]> = {
  vmstat: ['vmstat', '-t', '1', '2'],
  iostat: ['iostat', '-xt', '1', '2'],
  mpstat: ['mpstat', '-P', 'ALL', '1', '1'],
  pidstat: ['pidstat', '-u', '-d', '-r', '-h', '1', '1'],
  sar: ['sar', '-n', 'DEV,EDEV,TCP,ETCP', '1', '1'],
  free: ['free', '-w'],
  top: ['top', '-b', '-n', '1'],
  uptime: ['uptime'],
};
const out = new Map<string, { text: string; startMs: number } | string>();
const tzName = Intl.DateTimeFormat().resolvedOptions().timeZone;

beforeAll(async () => {
  await Promise.all(
    Object.entries(COMMANDS).map(async ([id, argv]) => {
      const startMs = Date.now();
      try {
        const r = await run(argv[0] as string, argv.slice(1), { env: ENV, timeout: 20_000 });
        out.set(id, { text: r.stdout, startMs });
      } catch (e) {
        out.set(id, `${argv.join(' ')} failed: ${(e as Error).message.split('\n')[0]}`);
      }
    }),
  );
}, 60_000);

function parsed(id: string): (CommandParseResult & { text: string }) | null {
  const o = out.get(id);
  if (typeof o !== 'object') {
    console.warn(`[live] skipping ${id}: ${o ?? 'not run'}`);
    return null;
  }
  const ctx: ParseContext = { file: `live/${id}`, clock: { tzName }, startMs: o.startMs, intervalS: 1 };
  const p = commandParser(id);
  if (!p) throw new Error(`no parser ${id}`);
  expect(p.detect(o.text.slice(0, 4096)), `${id} detects its own output`).toBeGreaterThan(0.5);
  return { ...p.parse(o.text, ctx), text: o.text };
}

type Row = Record<string, unknown>;
const near100 = (xs: unknown[]): void => {
  const sum = xs.map(Number).reduce((a, b) => a + b, 0);
  expect(Math.abs(sum - 100), `sum ${sum}`).toBeLessThanOrEqual(3);
};
function recent(res: CommandParseResult, dataLen: number): void {
  const now = Date.now();
  const ts = (res.times ?? []).filter((t) => t !== null);
  expect(ts.length).toBeGreaterThan(0);
  expect((res.times ?? []).length).toBe(dataLen);
  for (const t of ts) expect(Math.abs((t?.epochMs ?? 0) - now)).toBeLessThan(60_000);
}
const memTotalKb = Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1]);

describe("parsing this machine's output", () => {
  it('vmstat -t 1 2', () => {
    const r = parsed('vmstat');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const rows = r.data as Row[];
    expect(rows).toHaveLength(2);
    for (const x of rows) {
      near100([x.user_time, x.system_time, x.idle_time, x.io_wait_time, x.stolen_time]);
      expect(Number(x.free_mem)).toBeLessThanOrEqual(memTotalKb);
      expect(typeof x.timestamp).toBe('string');
    }
    recent(r, rows.length);
  });

  it('iostat -xt 1 2', () => {
    const r = parsed('iostat');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const rows = r.data as Row[];
    const cpu = rows.filter((x) => x.type === 'cpu');
    expect(cpu).toHaveLength(2);
    for (const c of cpu) near100([c.percent_user, c.percent_nice, c.percent_system, c.percent_iowait, c.percent_steal, c.percent_idle]);
    for (const d of rows.filter((x) => x.type === 'device')) {
      expect(typeof d.device).toBe('string');
      expect(Number(d.percent_util)).toBeGreaterThanOrEqual(0);
    }
    recent(r, rows.length);
    // S_TIME_FORMAT=ISO stamps carry their offset
    expect(r.times?.every((t) => t?.quality === 'exact')).toBe(true);
  });

  it('mpstat -P ALL 1 1', () => {
    const r = parsed('mpstat');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const rows = r.data as Row[];
    expect(rows.some((x) => x.cpu === 'all')).toBe(true);
    for (const x of rows) {
      near100([x.percent_usr, x.percent_nice, x.percent_sys, x.percent_iowait, x.percent_irq, x.percent_soft, x.percent_steal, x.percent_idle]);
    }
    recent(r, rows.length);
  });

  it('pidstat -u -d -r -h 1 1', () => {
    const r = parsed('pidstat');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const rows = r.data as Row[];
    if (rows.length === 0) return; // no process was busy during that second
    for (const x of rows) {
      expect(Number.isInteger(x.pid)).toBe(true);
      expect(typeof x.command).toBe('string');
    }
    recent(r, rows.length);
  });

  it('sar -n DEV,EDEV,TCP,ETCP 1 1', () => {
    const r = parsed('sar');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const rows = r.data as Row[];
    expect(new Set(rows.map((x) => x.section))).toEqual(new Set(['DEV', 'EDEV', 'TCP', 'ETCP']));
    expect(rows.some((x) => x.section === 'DEV' && x.iface === 'lo')).toBe(true);
    recent(r, rows.length);
  });

  it('free -w', () => {
    const r = parsed('free');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const mem = (r.data as Row[]).find((x) => x.type === 'Mem');
    expect(mem?.total).toBe(memTotalKb);
    expect(Number(mem?.used) + Number(mem?.free)).toBeLessThanOrEqual(memTotalKb);
  });

  it('top -b -n 1', () => {
    const r = parsed('top');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const [item] = r.data as Row[];
    expect(Number(item?.tasks_total)).toBeGreaterThan(0);
    const procs = item?.processes as Row[];
    expect(procs.length).toBe(r.text.split('\n').filter((l) => /^\s*\d+\s+\S+\s+(-?\d+|rt)\s/.test(l)).length);
    near100([item?.cpu_user, item?.cpu_sys, item?.cpu_nice, item?.cpu_idle, item?.cpu_wait, item?.cpu_hardware, item?.cpu_software, item?.cpu_steal]);
    // MiB Mem (procps 3.3.10+) or KiB Mem: total within 1 unit of /proc/meminfo
    const unitKb = /^MiB Mem/m.test(r.text) ? 1024 : /^GiB Mem/m.test(r.text) ? 1024 * 1024 : 1;
    expect(Math.abs(Number(item?.mem_total) - memTotalKb / unitKb)).toBeLessThanOrEqual(1);
    recent(r, 1);
  });

  it('uptime', () => {
    const r = parsed('uptime');
    if (!r) return;
    expect(r.diagnostics).toEqual([]);
    const d = r.data as Row;
    const procUp = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    // uptime prints minutes: within a minute (plus the time between the two reads)
    expect(Math.abs(Number(d.uptime_total_seconds) - procUp)).toBeLessThanOrEqual(90);
    const load1 = Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
    expect(Math.abs(Number(d.load_1m) - load1)).toBeLessThanOrEqual(2);
  });
});
