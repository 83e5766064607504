/**
 * `df` (plain, -P, -h, -i, -T, -k) → jc `df`: one record per filesystem with
 * the header's columns, renamed as jc does (`1K-blocks` → `1k_blocks`,
 * `Avail` → `available`, `Use%` → `use_percent`, `Capacity` →
 * `capacity_percent`, `Mounted on` → `mounted_on`). Counts are integers,
 * `-h` sizes are bytes (binary multiples, jc's convert_size_to_int), `-`
 * is null. `df -i` gives `inodes`, `iused`, `ifree`, `iuse_percent`.
 *
 * pt-summary keeps `df -h -P` rows without their header and appends the
 * matching `mount` line (`/dev/sda1 99M 12M 83M 13% /boot on /boot type ext3
 * (rw)`): such input is read with df -hP's columns and the mount tail dropped.
 *
 * Old df (without -P) wraps a long filesystem name onto a line of its own;
 * that line is joined to the next. The mount point is the rest of the line,
 * so mount points with spaces survive.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { convertSizeToInt, convertToInt, pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type DfRecord = Record<string, string | number | null>;

const RENAME: Record<string, string> = {
  avail: 'available',
  'use%': 'use_percent',
  capacity: 'capacity_percent',
  '%iused': 'iused_percent',
  'iuse%': 'iuse_percent',
};
const INT_KEYS = new Set(['inodes', 'iused', 'ifree', 'use_percent', 'capacity_percent', 'iused_percent', 'iuse_percent']);
const SIZE_KEYS = new Set(['size', 'used', 'available']);

const DF_STDERR = /^(\S*\/)?df: /;
// pt-summary's headerless `df -h -P` + mount rows.
const PT_COLUMNS = ['filesystem', 'size', 'used', 'available', 'use_percent', 'mounted_on'];
const PT_ROW = /^\S+\s+[\d.]+[KMGTPE]?\s+[\d.]+[KMGTPE]?\s+[\d.]+[KMGTPE]?\s+(\d+%|-)\s+\S/;
const PT_MOUNT_TAIL = / on \S.* \([^)]*\)\s*$/;

function headerColumns(line: string): string[] {
  return line
    .toLowerCase()
    .replace(/-/g, '_')
    .replace('mounted on', 'mounted_on')
    .trim()
    .split(/\s+/)
    .map((h) => RENAME[h] ?? h);
}

/** Tokens with their end offsets, so the last column can keep its inner spaces. */
function tokens(line: string): { text: string; end: number }[] {
  const out: { text: string; end: number }[] = [];
  for (const m of line.matchAll(/\S+/g)) out.push({ text: m[0], end: (m.index ?? 0) + m[0].length });
  return out;
}

function convert(key: string, value: string, human: boolean): string | number | null {
  if (key.includes('_blocks')) return pyInt(value);
  if (SIZE_KEYS.has(key)) return human ? convertSizeToInt(value, true) : convertToInt(value);
  if (INT_KEYS.has(key)) return convertToInt(value.replace(/%$/, ''));
  return value;
}

export const df: CommandParser<DfRecord[]> = {
  id: 'df',
  title: 'df',
  artifactNames: ['df', 'df-i'],
  jc: 'df',
  detect(head) {
    return /^Filesystem\s+(Type\s+)?(\S*blocks|Size|Inodes)\s+(Used|IUsed)\s/.test(head.trimStart()) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: DfRecord[] = [];
    const lines = splitLines(text);
    // df's own complaints ("df: '/x': No such file or directory") precede the table when stderr was merged.
    const hIdx = lines.findIndex((l) => l.trim() !== '' && !DF_STDERR.test(l));
    if (hIdx < 0) return { data, diagnostics: [] };
    const header = lines[hIdx] ?? '';
    const headerless = !/^\s*filesystem\s/i.test(header) && PT_ROW.test(header);
    if (!headerless && !/^\s*filesystem\s/i.test(header)) {
      diags.error('first line is not a df header (Filesystem ...)', hIdx + 1);
      return { data, diagnostics: diags.done() };
    }
    const cols = headerless ? PT_COLUMNS : headerColumns(header);
    const human = cols.includes('size');
    const mountAt = cols.indexOf('mounted_on');
    let carry: { name: string; line: number } | null = null;
    for (let i = headerless ? hIdx : hIdx + 1; i < lines.length; i++) {
      const raw = lines[i] ?? '';
      const line = headerless ? raw.replace(PT_MOUNT_TAIL, '') : raw;
      if (line.trim() === '') continue;
      const toks = tokens(line);
      if (toks.length === 1 && !carry && /^\S/.test(line)) {
        carry = { name: toks[0]?.text ?? '', line: i + 1 }; // wrapped: the numbers follow on the next line
        continue;
      }
      const fields = carry ? [carry.name, ...toks.map((t) => t.text)] : toks.map((t) => t.text);
      const offset = carry ? 1 : 0;
      carry = null;
      if (fields.length < cols.length) {
        diags.error(`expected ${cols.length} columns, found ${fields.length}: ${line.slice(0, 80)}`, i + 1);
        continue;
      }
      const rec: DfRecord = {};
      cols.forEach((c, k) => {
        let value = fields[k] ?? '';
        if (k === mountAt && k === cols.length - 1) {
          const before = toks[k - 1 - offset];
          value = before ? line.slice(before.end).trim() : fields.slice(k).join(' ');
        }
        rec[c] = convert(c, value, human);
      });
      data.push(rec);
    }
    if (carry) diags.error(`filesystem ${carry.name} has no values after it`, carry.line);
    return { data, diagnostics: diags.done() };
  },
};
