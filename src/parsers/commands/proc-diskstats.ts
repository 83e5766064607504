/**
 * /proc/diskstats → jc `proc_diskstats`: one record per device. Older kernels
 * print 14 columns (no discard/flush fields) or 18 (no flush); a record then
 * simply lacks those keys, as jc's table zip does.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcDiskstat = Record<string, number | string>;

const FIELDS = [
  'maj',
  'min',
  'device',
  'reads_completed',
  'reads_merged',
  'sectors_read',
  'read_time_ms',
  'writes_completed',
  'writes_merged',
  'sectors_written',
  'write_time_ms',
  'io_in_progress',
  'io_time_ms',
  'weighted_io_time_ms',
  'discards_completed_successfully',
  'discards_merged',
  'sectors_discarded',
  'discarding_time_ms',
  'flush_requests_completed_successfully',
  'flushing_time_ms',
] as const;

export const procDiskstats: CommandParser<ProcDiskstat[]> = {
  id: 'proc-diskstats',
  title: '/proc/diskstats',
  artifactNames: ['proc-diskstats'],
  jc: 'proc_diskstats',
  detect(head) {
    return /^\s*\d+\s+\d+\s+[\w./-]+(\s+\d+){10,17}\s*$/m.test(head) ? 0.9 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcDiskstat[] = [];
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const parts = line.trim().split(/\s+/);
      const rec: ProcDiskstat = {};
      let ok = parts.length >= 14 && parts.length <= FIELDS.length;
      parts.forEach((p, k) => {
        const name = FIELDS[k];
        if (!name) return;
        if (name === 'device') {
          rec[name] = p;
          return;
        }
        const v = pyInt(p);
        if (v === null) ok = false;
        else rec[name] = v;
      });
      if (!ok) {
        diags.error(`not a diskstats line (${parts.length} fields): ${line.slice(0, 80)}`, i + 1);
        return;
      }
      data.push(rec);
    });
    return { data, diagnostics: diags.done() };
  },
};
