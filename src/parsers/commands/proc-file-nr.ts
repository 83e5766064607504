/**
 * /proc/sys/fs/file-nr: three numbers, `allocated unused max` file handles
 * (jc has no parser). `unused` is always 0 on kernels since 2.6, so the
 * file-handle use is `allocated` against `max`.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export interface FileNr {
  allocated: number;
  unused: number;
  max: number;
}

export const procFileNr: CommandParser<Partial<FileNr>> = {
  id: 'proc-file-nr',
  title: '/proc/sys/fs/file-nr',
  artifactNames: ['proc-file-nr', 'file-nr'],
  detect(head) {
    return /^\d+\t\d+\t\d+\s*$/.test(head.trim()) ? 0.9 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const lines = splitLines(text);
    const idx = lines.findIndex((l) => l.trim() !== '');
    const nums =
      idx < 0
        ? []
        : (lines[idx] ?? '')
            .trim()
            .split(/\s+/)
            .map((p) => pyInt(p));
    if (nums.length !== 3 || nums.some((n) => n === null)) {
      diags.error('expected three integers: allocated unused max', idx >= 0 ? idx + 1 : undefined);
      return { data: {}, diagnostics: diags.done() };
    }
    lines.slice(idx + 1).forEach((l, i) => {
      if (l.trim() !== '') diags.warn('unexpected extra line', idx + i + 2);
    });
    return { data: { allocated: nums[0] ?? 0, unused: nums[1] ?? 0, max: nums[2] ?? 0 }, diagnostics: diags.done() };
  },
};
