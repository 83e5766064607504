/**
 * /proc/stat → jc `proc_stat`: `cpu`/`cpuN` objects of jiffies (iowait, irq,
 * softirq, steal, guest, guest_nice only when the kernel prints them),
 * `interrupts` and `softirq` arrays, and the scalar lines renamed as jc does
 * (ctxt → context_switches, btime → boot_time, procs_running →
 * processes_running...). Lines jc ignores (page, swap, preempt) are ignored too.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcStat = Record<string, number | number[] | Record<string, number>>;

const CPU_FIELDS = ['user', 'nice', 'system', 'idle', 'iowait', 'irq', 'softirq', 'steal', 'guest', 'guest_nice'];
const SCALARS: Record<string, string> = {
  ctxt: 'context_switches',
  btime: 'boot_time',
  processes: 'processes',
  procs_running: 'processes_running',
  procs_blocked: 'processes_blocked',
};
const LISTS: Record<string, string> = { intr: 'interrupts', softirq: 'softirq' };

export const procStat: CommandParser<ProcStat> = {
  id: 'proc-stat',
  title: '/proc/stat',
  artifactNames: ['proc-stat'],
  jc: 'proc_stat',
  detect(head) {
    return /^cpu\s+\d+ \d+ \d+ \d+/.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcStat = {};
    splitLines(text).forEach((line, i) => {
      if (line === '') return;
      const parts = line.trim().split(/\s+/);
      const key = parts[0] ?? '';
      const nums = parts.slice(1).map((p) => pyInt(p));
      const bad = nums.some((n) => n === null);
      if (line.startsWith('cpu')) {
        // jc needs user..idle, and irq only together with softirq.
        if (bad || nums.length < 4 || nums.length === 6) {
          diags.error(`bad cpu line: ${line.slice(0, 80)}`, i + 1);
          return;
        }
        const cpu: Record<string, number> = {};
        nums.slice(0, CPU_FIELDS.length).forEach((n, k) => {
          cpu[CPU_FIELDS[k] ?? ''] = n ?? 0;
        });
        data[key] = cpu;
        return;
      }
      const list = LISTS[key];
      const scalar = SCALARS[key];
      if (!list && !scalar) return;
      if (bad || (scalar && nums.length !== 1)) {
        diags.error(`bad ${key} line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      if (list) data[list] = nums as number[];
      else if (scalar) data[scalar] = nums[0] ?? 0;
    });
    // jc ignores unknown lines; with no cpu line at all this is not /proc/stat, so say so.
    if (!('cpu' in data) && text.trim() !== '') diags.error('no "cpu" line: not /proc/stat');
    return { data, diagnostics: diags.done() };
  },
};
