/**
 * `ps` (-ef, axu/aux[c][w], alx, -eo custom columns) → jc `ps`: one record per
 * process, keys the lowercased headers (`%CPU` → `cpu_percent`, `%MEM` →
 * `mem_percent`), pid/ppid/c/vsz/rss integers, the percentages floats, tty
 * `?` → null. The last column (CMD, COMMAND, ARGS) keeps its spaces.
 *
 * Beyond jc (which splits every column on whitespace): `lstart` (header
 * STARTED) spans five tokens and also gives `started_ms` in the host zone;
 * `comm` followed by `args` (both headed COMMAND) become `comm` and `command`,
 * split at the header's column so a comm with spaces survives; nlwp is an
 * integer and wchan `-` is null. Our capture's column set needs all three.
 */
import type { CommandParser, ParseContext } from '../types.js';
import { MONTHS, stampToEpoch } from '../time.js';
import { Diags } from './lib/diags.js';
import { convertToFloat, convertToInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

/** Built column by column (keys come from the header), then typed as PsRecord. */
type Row = Record<string, string | number | null>;

/**
 * One process, jc's `ps` schema: keys are the lowercased headers of the
 * format ps was run with, so every field may be absent. Declared: jc's and
 * our capture's columns; custom -eo columns beyond them are in the data too.
 */
export interface PsRecord {
  pid?: number | null;
  ppid?: number | null;
  c?: number | null;
  vsz?: number | null;
  rss?: number | null;
  nlwp?: number | null;
  cpu_percent?: number | null;
  mem_percent?: number | null;
  uid?: string;
  user?: string;
  tty?: string | null;
  tt?: string | null;
  stat?: string;
  s?: string;
  stime?: string;
  start?: string;
  time?: string;
  started?: string;
  started_ms?: number | null;
  wchan?: string | null;
  f?: string;
  pri?: string;
  ni?: string;
  addr?: string;
  sz?: string;
  comm?: string;
  command?: string;
  cmd?: string;
  args?: string;
}

// jc converts only these (uid, f, pri, ni stay strings as in jc); nlwp is ours.
const INT_KEYS = new Set(['pid', 'ppid', 'c', 'vsz', 'rss', 'nlwp']);
const FLOAT_KEYS = new Set(['cpu_percent', 'mem_percent']);
const LSTART = /^\S+\s+(\S+)\s+(\d+)\s+(\d+):(\d+):(\d+)\s+(\d{4})/;
const HEADER = /(^|\s)PID(\s|$)/;

interface Column {
  key: string;
  start: number;
}

function headerColumns(line: string): Column[] {
  const cols: Column[] = [];
  for (const m of line.matchAll(/\S+/g)) {
    let key = m[0].toLowerCase();
    if (key === '%cpu') key = 'cpu_percent';
    else if (key === '%mem') key = 'mem_percent';
    cols.push({ key, start: m.index ?? 0 });
  }
  const last = cols[cols.length - 1];
  const prev = cols[cols.length - 2];
  if (last && prev && last.key === 'command' && prev.key === 'command') prev.key = 'comm';
  return cols;
}

function convert(key: string, value: string): string | number | null {
  if (INT_KEYS.has(key)) return convertToInt(value);
  if (FLOAT_KEYS.has(key)) return convertToFloat(value);
  if ((key === 'tty' && (value === '?' || value === '??')) || (key === 'tt' && value === '??')) return null;
  if (key === 'wchan' && value === '-') return null;
  return value;
}

function startedMs(text: string, ctx: ParseContext): number | null {
  const m = LSTART.exec(text);
  const month = m ? MONTHS[(m[1] ?? '').toLowerCase()] : undefined;
  if (!m || !month) return null;
  // null for a year no stamp can have (0000, 1900), as for an unreadable one.
  return stampToEpoch(
    {
      year: Number(m[6]),
      month,
      day: Number(m[2]),
      hour: Number(m[3]),
      minute: Number(m[4]),
      second: Number(m[5]),
    },
    ctx.clock,
  );
}

export const ps: CommandParser<PsRecord[]> = {
  id: 'ps',
  title: 'ps',
  artifactNames: ['ps'],
  jc: 'ps',
  detect(head) {
    const line = head.split('\n').find((l) => HEADER.test(l)) ?? '';
    return /\b(CMD|COMMAND|ARGS)\s*$/.test(line) && /\b(PPID|USER|UID|%CPU|TTY|STAT)\b/.test(line) ? 0.9 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Row[] = [];
    const lines = splitLines(text);
    const hIdx = lines.findIndex((l) => HEADER.test(l));
    if (hIdx < 0) {
      if (lines.some((l) => l.trim() !== '')) diags.error('no ps header line (with a PID column)');
      return { data: data as PsRecord[], diagnostics: diags.done() };
    }
    lines.slice(0, hIdx).forEach((l, i) => {
      // procps' own terminal warning when stderr was merged; anything else before the header is reported.
      if (l.trim() !== '' && !/screen size is bogus/.test(l)) diags.warn(`text before the header: ${l.slice(0, 80)}`, i + 1);
    });
    const header = lines[hIdx] ?? '';
    const cols = headerColumns(header);
    const commAt = cols.findIndex((c) => c.key === 'comm');
    const commWidth = commAt >= 0 ? (cols[commAt + 1]?.start ?? 0) - (cols[commAt]?.start ?? 0) : 0;
    for (let i = hIdx + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      const rec = parseRow(line, cols, commWidth, ctx);
      if (!rec) diags.error(`fewer values than the ${cols.length} columns: ${line.slice(0, 80)}`, i + 1);
      else data.push(rec);
    }
    return { data: data as PsRecord[], diagnostics: diags.done() };
  },
};

function parseRow(line: string, cols: Column[], commWidth: number, ctx: ParseContext): Row | null {
  const rec: Row = {};
  let pos = 0;
  const next = (): { text: string; start: number } | null => {
    const m = /\S+/g;
    m.lastIndex = pos;
    const hit = m.exec(line);
    if (!hit) return null;
    pos = hit.index + hit[0].length;
    return { text: hit[0], start: hit.index };
  };
  for (let k = 0; k < cols.length; k++) {
    const col = cols[k] as Column;
    if (k === cols.length - 1) {
      const rest = line.slice(pos).trim();
      if (rest === '') return null;
      rec[col.key] = rest;
      break;
    }
    if (col.key === 'comm' && commWidth > 1) {
      const tok = next();
      if (!tok) return null;
      const cell = line.slice(tok.start, tok.start + commWidth);
      // comm is left-aligned and at most 15 chars: when the cell ends in a space, it holds comm whole.
      if (cell.length === commWidth && cell.endsWith(' ')) {
        rec[col.key] = cell.trimEnd();
        pos = tok.start + commWidth;
      } else rec[col.key] = tok.text;
      continue;
    }
    if (col.key === 'started') {
      const m = LSTART.exec(line.slice(pos).trimStart());
      if (m) {
        const from = line.length - line.slice(pos).trimStart().length;
        rec['started'] = m[0].replace(/\s+/g, ' ');
        rec['started_ms'] = startedMs(m[0], ctx);
        pos = from + m[0].length;
        continue;
      }
    }
    const tok = next();
    if (!tok) return null;
    rec[col.key] = convert(col.key, tok.text);
  }
  return rec;
}
