/**
 * /proc/meminfo → one object, jc `proc_meminfo` shape: every key as the kernel
 * prints it (`Active(anon)`, `HugePages_Total`), value an integer in the
 * file's own unit (kB for most, a count for HugePages_*).
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcMeminfo = Record<string, number>;

export const procMeminfo: CommandParser<ProcMeminfo> = {
  id: 'proc-meminfo',
  title: '/proc/meminfo',
  artifactNames: ['proc-meminfo'],
  jc: 'proc_meminfo',
  detect(head) {
    return /^MemTotal:\s+\d+ kB/m.test(head) && /^MemFree:/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcMeminfo = {};
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const m = /^([^:\s]+):\s*(\S+)(?:\s+kB)?\s*$/.exec(line);
      const value = m ? pyInt(m[2] ?? '') : null;
      if (!m || value === null) {
        diags.error(`not a "Key: value [kB]" line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      data[m[1] ?? ''] = value;
    });
    return { data, diagnostics: diags.done() };
  },
};
