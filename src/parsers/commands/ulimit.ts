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

/**
 * One line, bash's `name   (unit, -x) value` or dash's `-x: name (unit) value`,
 * as [name, unit, option, value]. Cut by hand from the right, not by the
 * lazy-group regexes this replaced (`^(.+?)\s+\((?:(.+?),\s*)?-(\w)\)…`),
 * which retried every `(` and space and were quadratic on a long line.
 */
function fieldsOf(trimmed: string): [string, string | undefined, string, string] | null {
  const sp = lastSpace(trimmed);
  if (sp < 0) return null;
  const raw = trimmed.slice(sp + 1);
  const body = trimmed.slice(0, sp).trimEnd();
  const dash = /^-(\w):\s/.exec(body);
  if (dash) {
    const rest = body.slice(3).trim();
    const open = rest.endsWith(')') ? rest.lastIndexOf('(') : -1;
    const unit = open > 0 ? rest.slice(open + 1, -1) : '';
    if (open > 0 && unit !== '' && !unit.includes(')')) return [rest.slice(0, open).trimEnd(), unit, dash[1]!, raw];
    return rest === '' ? null : [rest, undefined, dash[1]!, raw];
  }
  const open = body.endsWith(')') ? body.lastIndexOf('(') : -1;
  if (open <= 0 || !/\s/.test(body[open - 1]!)) return null;
  const inner = body.slice(open + 1, -1);
  const comma = inner.lastIndexOf(',');
  const opt = (comma >= 0 ? inner.slice(comma + 1) : inner).trimStart();
  const name = body.slice(0, open).trimEnd();
  if (!/^-\w$/.test(opt) || name === '') return null;
  return [name, comma >= 0 ? inner.slice(0, comma) : undefined, opt.slice(1), raw];
}

function lastSpace(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) if (/\s/.test(s[i]!)) return i;
  return -1;
}

function snake(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
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
      const [name, unit, option, raw] = fieldsOf(line.trim()) ?? [];
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
