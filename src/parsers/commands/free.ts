/**
 * `free`: the current layout (`buff/cache`, `available`), -w (`buffers`,
 * `cache`), the old procps layout (`buffers`, `cached` and a
 * `-/+ buffers/cache:` row), -h human sizes, -t, -l, and repeated reports
 * (-s/-c). Data equals jc's `free` parser: one row per line, `type` from the
 * row label, sizes as integers (human sizes scaled by powers of 1000 like jc).
 * The old `-/+ buffers/cache` row (jc mangles it) becomes
 * `{type: "-/+ buffers/cache", used, free}`.
 */
import type { CommandParser, SampleTime } from '../types.js';
import { convertSizeToInt, simpleRow, words } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { derivedTime } from './lib/sysstat-time.js';

/** Built column by column (keys come from the header), then typed as FreeRecord. */
type Rec = Record<string, string | number | null>;

type Size = number | null;

/**
 * One free row, jc's `free` schema: `type` is the row's label (Mem, Swap,
 * Low, High, Total, or old procps' `-/+ buffers/cache`), sizes in the unit
 * free printed. Old procps prints buffers/cached, new buff_cache/available.
 */
export interface FreeRecord {
  type: string;
  total?: Size;
  used?: Size;
  free?: Size;
  shared?: Size;
  buff_cache?: Size;
  buffers?: Size;
  cache?: Size;
  cached?: Size;
  available?: Size;
}

const SIZES = new Set(['total', 'used', 'free', 'shared', 'buff_cache', 'buffers', 'cache', 'cached', 'available']);

export const free: CommandParser<FreeRecord[]> = {
  id: 'free',
  title: 'free: memory and swap totals',
  artifactNames: ['free'],
  jc: 'free',
  detect(head) {
    return /^\s+total\s+used\s+free\s+shared\s/m.test(head) && /^Mem:\s/m.test(head) ? 0.95 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Rec[] = [];
    const times: (SampleTime | null)[] = [];
    let headers: string[] | null = null;
    let report = -1;
    const lines = numberedLines(text);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const no = i + 1;
      if (line.trim() === '') continue;
      if (/^\s+total\s/.test(line)) {
        headers = ['type', ...words(line.toLowerCase().replace('buff/cache', 'buff_cache'))];
        report++;
        continue;
      }
      if (!headers) {
        diags.add('warning', `line before the free header: ${line.slice(0, 80)}`, no);
        continue;
      }
      const old = /^-\/\+ buffers\/cache:\s+(\S+)\s+(\S+)\s*$/.exec(line);
      let rec: Rec;
      if (old) {
        rec = { type: '-/+ buffers/cache', used: convertSizeToInt(old[1]), free: convertSizeToInt(old[2]) };
      } else if (/^[A-Za-z]+:\s/.test(line)) {
        rec = {};
        for (const [k, v] of Object.entries(simpleRow(headers, line))) {
          rec[k] = k === 'type' ? v.replace(/:+$/, '') : SIZES.has(k) ? convertSizeToInt(v) : v;
        }
      } else {
        diags.add('warning', `not a free row: ${line.slice(0, 80)}`, no);
        continue;
      }
      for (const [k, v] of Object.entries(rec)) {
        if (SIZES.has(k) && v === null) diags.add('warning', `unreadable ${k} value`, no);
      }
      data.push(rec);
      times.push(derivedTime(ctx, Math.max(0, report)));
    }
    return { data: data as unknown as FreeRecord[], times, diagnostics: diags.done() };
  },
};
