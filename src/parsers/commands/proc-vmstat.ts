/** /proc/vmstat → one object of integer counters keyed by the kernel's names (jc `proc_vmstat`). */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcVmstat = Record<string, number>;

export const procVmstat: CommandParser<ProcVmstat> = {
  id: 'proc-vmstat',
  title: '/proc/vmstat',
  artifactNames: ['proc-vmstat'],
  jc: 'proc_vmstat',
  detect(head) {
    return /^nr_free_pages \d+$/m.test(head) ? 0.95 : /^(nr_|pgpgin |numa_)\w* \d+$/m.test(head) ? 0.6 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcVmstat = {};
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const parts = line.trim().split(/\s+/);
      const value = parts.length === 2 ? pyInt(parts[1] ?? '') : null;
      if (value === null) {
        diags.error(`not a "name value" line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      data[parts[0] ?? ''] = value;
    });
    return { data, diagnostics: diags.done() };
  },
};
