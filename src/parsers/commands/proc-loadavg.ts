/**
 * /proc/loadavg → jc `proc_loadavg`: load_1m/5m/15m (floats), running and
 * available (the `2/111` pair: runnable entities / total), last_pid.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyFloat, pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export interface ProcLoadavg {
  load_1m: number | null;
  load_5m: number | null;
  load_15m: number | null;
  running: number | null;
  available: number | null;
  last_pid: number | null;
}

const LINE = /^\s*(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\/(\d+)\s+(\d+)\s*$/;

export const procLoadavg: CommandParser<Partial<ProcLoadavg>> = {
  id: 'proc-loadavg',
  title: '/proc/loadavg',
  artifactNames: ['proc-loadavg'],
  jc: 'proc_loadavg',
  detect(head) {
    return /^\d+\.\d\d \d+\.\d\d \d+\.\d\d \d+\/\d+ \d+\s*$/.test(head.trim()) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const lines = splitLines(text);
    const idx = lines.findIndex((l) => l.trim() !== '');
    const m = idx >= 0 ? LINE.exec(lines[idx] ?? '') : null;
    if (!m) {
      diags.error('no "l1 l5 l15 running/total lastpid" line', idx >= 0 ? idx + 1 : undefined);
      return { data: {}, diagnostics: diags.done() };
    }
    lines.slice(idx + 1).forEach((l, i) => {
      if (l.trim() !== '') diags.warn('unexpected extra line', idx + i + 2);
    });
    const data: ProcLoadavg = {
      load_1m: pyFloat(m[1] ?? ''),
      load_5m: pyFloat(m[2] ?? ''),
      load_15m: pyFloat(m[3] ?? ''),
      running: pyInt(m[4] ?? ''),
      available: pyInt(m[5] ?? ''),
      last_pid: pyInt(m[6] ?? ''),
    };
    if (data.load_1m === null || data.load_5m === null || data.load_15m === null) {
      diags.error('load averages are not numbers', idx + 1);
    }
    return { data, diagnostics: diags.done() };
  },
};
