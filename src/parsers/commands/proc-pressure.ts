/**
 * /proc/pressure/{cpu,memory,io} (PSI). jc has no parser for these; the shape
 * is jc-like: one record per line, `type` (`some` or `full`), `avg10`,
 * `avg60`, `avg300` (percent of wall time stalled, floats) and `total`
 * (cumulative stall time in microseconds, integer). CPU pressure has only a
 * `some` line before kernel 5.13 and a zeroed `full` line after.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyFloat, pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export interface PressureLine {
  type: string;
  avg10: number | null;
  avg60: number | null;
  avg300: number | null;
  total: number | null;
}

const LINE = /^(some|full)\s+avg10=(\S+)\s+avg60=(\S+)\s+avg300=(\S+)\s+total=(\S+)\s*$/;

export const procPressure: CommandParser<PressureLine[]> = {
  id: 'proc-pressure',
  title: '/proc/pressure/{cpu,memory,io}',
  artifactNames: ['proc-pressure-cpu', 'proc-pressure-memory', 'proc-pressure-io'],
  detect(head) {
    return /^some avg10=[\d.]+ avg60=/.test(head.trimStart()) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: PressureLine[] = [];
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const m = LINE.exec(line.trim());
      if (!m) {
        diags.error(`not a PSI line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      const rec: PressureLine = {
        type: m[1] ?? '',
        avg10: pyFloat(m[2] ?? ''),
        avg60: pyFloat(m[3] ?? ''),
        avg300: pyFloat(m[4] ?? ''),
        total: pyInt(m[5] ?? ''),
      };
      if (rec.avg10 === null || rec.avg60 === null || rec.avg300 === null || rec.total === null) {
        diags.error('PSI values are not numbers', i + 1);
      }
      data.push(rec);
    });
    return { data, diagnostics: diags.done() };
  },
};
