/**
 * sitrep's own `fd-counts` artifact: `<pid> <open fds> <soft limit> <comm>`
 * for the busiest processes (see docs/bundle-format.md). Output: list of
 * `{pid, open_fds, soft_limit, comm}`; soft_limit is null when `unlimited`
 * or unknown (`-`, `?`); comm keeps its spaces.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export interface FdCount {
  pid: number;
  open_fds: number;
  soft_limit: number | null;
  comm: string;
}

const LINE = /^\s*(\d+)\s+(\d+)\s+(\d+|unlimited|-|\?)\s+(.*?)\s*$/;

export const fdCounts: CommandParser<FdCount[]> = {
  id: 'fd-counts',
  title: 'open file descriptors per process',
  artifactNames: ['fd-counts'],
  detect(head) {
    const lines = head
      .split('\n')
      .filter((l) => l.trim() !== '')
      .slice(0, 5);
    return lines.length > 0 && lines.every((l) => LINE.test(l)) ? 0.6 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: FdCount[] = [];
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const m = LINE.exec(line);
      if (!m) {
        diags.error(`not a "pid fds limit comm" line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      data.push({ pid: Number(m[1]), open_fds: Number(m[2]), soft_limit: pyInt(m[3] ?? ''), comm: m[4] ?? '' });
    });
    return { data, diagnostics: diags.done() };
  },
};
