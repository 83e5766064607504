/**
 * `ulimit -a` → list of `{resource, option, unit, value, unlimited}` (jc
 * has no parser): resource is the description in snake_case (`open_files`,
 * `max_user_processes`), option the flag letter (`n`), unit what bash prints
 * in parentheses (`kbytes`, `blocks`, `512 bytes`, null when none), value the
 * integer (null when unlimited). Accepts bash's `open files (-n) 1024` and
 * dash/busybox's `-n: file descriptors 1024` layouts.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export interface UlimitRecord {
  resource: string;
  option: string;
  unit: string | null;
  value: number | null;
  unlimited: boolean;
}

const BASH = /^(.+?)\s+\((?:(.+?),\s*)?-(\w)\)\s+(\S+)\s*$/;
const DASH = /^-(\w):\s+(.+?)(?:\s*\(([^)]+)\))?\s+(\S+)\s*$/;

function snake(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export const ulimit: CommandParser<UlimitRecord[]> = {
  id: 'ulimit',
  title: 'ulimit -a',
  artifactNames: ['ulimit'],
  detect(head) {
    return /^(open files\s+\(-n\)|-n: file descriptors)/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: UlimitRecord[] = [];
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const b = BASH.exec(line.trim());
      const d = b ? null : DASH.exec(line.trim());
      const [name, unit, option, raw] = b ? [b[1], b[2], b[3], b[4]] : d ? [d[2], d[3], d[1], d[4]] : [];
      const value = raw === undefined ? null : pyInt(raw);
      const unlimited = raw === 'unlimited';
      if (!name || !option || raw === undefined || (value === null && !unlimited)) {
        diags.error(`not a ulimit line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      data.push({ resource: snake(name), option, unit: unit ?? null, value, unlimited });
    });
    return { data, diagnostics: diags.done() };
  },
};
