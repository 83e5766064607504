/**
 * `iostat` (sysstat 9 to 12): the avg-cpu and Device tables, plain, -x, -k/-m,
 * -s, -p, `Device:` with or without the colon, and -t report stamps (12-hour,
 * 24-hour, 2-digit-year and ISO forms). Data equals jc's `iostat` parser:
 * headers normalized (% → percent_, / and - → _), the known columns turned
 * into numbers, the others (rsec/s of sysstat 9, -s columns) kept as strings.
 */
import { refusedYearMessage } from '../time.js';
import type { CommandParser, SampleTime } from '../types.js';
import { convertToFloat, convertToInt, simpleRow, words } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { derivedTime, isSysstatHeader, parseReportStamp } from './lib/sysstat-time.js';
import { sysstatLines } from './lib/sysstat-lines.js';

/** Built column by column (keys come from the header), then typed as IostatRecord. */
type Rec = Record<string, string | number | null>;

type Num = number | null;

/**
 * One iostat row, jc's `iostat` schema: an avg-cpu row (`type: 'cpu'`) or a
 * device row (`type: 'device'`, `device` named); the known columns as numbers,
 * others (sysstat 9's rsec/s, the -s columns) kept as the printed strings.
 */
export interface IostatRecord {
  type: 'cpu' | 'device' | '';
  device?: string | null;
  percent_user?: Num;
  percent_nice?: Num;
  percent_system?: Num;
  percent_iowait?: Num;
  percent_steal?: Num;
  percent_idle?: Num;
  tps?: Num;
  kb_read_s?: Num;
  mb_read_s?: Num;
  kb_wrtn_s?: Num;
  mb_wrtn_s?: Num;
  rrqm_s?: Num;
  wrqm_s?: Num;
  r_s?: Num;
  w_s?: Num;
  rmb_s?: Num;
  rkb_s?: Num;
  wmb_s?: Num;
  wkb_s?: Num;
  avgrq_sz?: Num;
  avgqu_sz?: Num;
  await?: Num;
  r_await?: Num;
  w_await?: Num;
  svctm?: Num;
  percent_util?: Num;
  percent_rrqm?: Num;
  percent_wrqm?: Num;
  aqu_sz?: Num;
  rareq_sz?: Num;
  wareq_sz?: Num;
  d_s?: Num;
  dkb_s?: Num;
  dmb_s?: Num;
  drqm_s?: Num;
  percent_drqm?: Num;
  d_await?: Num;
  dareq_sz?: Num;
  f_s?: Num;
  f_await?: Num;
  kb_dscd_s?: Num;
  mb_dscd_s?: Num;
  kb_read?: Num;
  mb_read?: Num;
  kb_wrtn?: Num;
  mb_wrtn?: Num;
  kb_dscd?: Num;
  mb_dscd?: Num;
  // Columns jc keeps as text (sysstat 9's rsec/s, the -s forms) are in the data but not declared: no model reads them.
}

const FLOATS = new Set([
  'percent_user',
  'percent_nice',
  'percent_system',
  'percent_iowait',
  'percent_steal',
  'percent_idle',
  'tps',
  'kb_read_s',
  'mb_read_s',
  'kb_wrtn_s',
  'mb_wrtn_s',
  'rrqm_s',
  'wrqm_s',
  'r_s',
  'w_s',
  'rmb_s',
  'rkb_s',
  'wmb_s',
  'wkb_s',
  'avgrq_sz',
  'avgqu_sz',
  'await',
  'r_await',
  'w_await',
  'svctm',
  'percent_util',
  'percent_rrqm',
  'percent_wrqm',
  'aqu_sz',
  'rareq_sz',
  'wareq_sz',
  'd_s',
  'dkb_s',
  'dmb_s',
  'drqm_s',
  'percent_drqm',
  'd_await',
  'dareq_sz',
  'f_s',
  'f_await',
  'kb_dscd_s',
  'mb_dscd_s',
]);
const INTS = new Set(['kb_read', 'mb_read', 'kb_wrtn', 'mb_wrtn', 'kb_dscd', 'mb_dscd']);

function normalize(header: string): string {
  return header.replace(/%/g, 'percent_').replace(/\//g, '_').replace(/-/g, '_').toLowerCase();
}

export const iostat: CommandParser<IostatRecord[]> = {
  id: 'iostat',
  title: 'iostat: CPU and per-device I/O statistics',
  artifactNames: ['iostat'],
  jc: 'iostat',
  detect(head) {
    const dev = /^Device:?\s+(tps|rrqm\/s|r\/s)\b/m.test(head) || /^\s+(tps|rrqm\/s|r\/s)\s.*\sDevice\s*$/m.test(head);
    if (dev && /^avg-cpu:\s+%user/m.test(head)) return 0.95;
    return dev || /^avg-cpu:\s+%user/m.test(head) ? 0.8 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Rec[] = [];
    const times: (SampleTime | null)[] = [];
    let section: 'cpu' | 'device' | '' = '';
    let headers: string[] = [];
    let report = -1;
    let stamp: SampleTime | null = null;
    let human = false;
    let stampPending = false; // a -t stamp opened the report the next table belongs to
    let firstDevHeader: string | null = null;
    // -t report stamps date iostat's reports, so a header's date is not needed
    for (const [line, i] of sysstatLines(numberedLines(text))) {
      const no = i + 1;
      if (line.startsWith('avg-cpu:')) {
        if (stampPending) stampPending = false;
        else {
          report++;
          stamp = null;
        }
        firstDevHeader = null;
        section = 'cpu';
        headers = words(normalize(line).split(':').slice(1).join(' '));
        continue;
      }
      // --pretty and -j print the device name last: `   tps  kB_read/s ... Device`
      if (line.startsWith('Device') || (/^\s+\S.*\sDevice\s*$/.test(line) && !/\d\.\d/.test(line))) {
        // --pretty -x splits a report into several device tables: only the report's
        // first table header coming round again starts a new (cpu-less) report
        if (stampPending) stampPending = false;
        else if (section !== 'cpu' && (firstDevHeader === null || firstDevHeader === line)) {
          report++;
          stamp = null;
          firstDevHeader = null;
        }
        firstDevHeader ??= line;
        section = 'device';
        headers = words(normalize(line).replace(/:/g, ' '));
        continue;
      }
      if (isSysstatHeader(line)) continue;
      const st = parseReportStamp(line, ctx.clock);
      if (st) {
        report++;
        // A stamp whose year cannot be one (0000, 1900): the report is dated as a stamp-less one is.
        stamp = 'refusedYear' in st ? null : st;
        if ('refusedYear' in st) diags.add('warning', refusedYearMessage(st.refusedYear, ctx.clock), no);
        stampPending = true;
        firstDevHeader = null;
        section = '';
        continue;
      }
      if (section === '') {
        diags.add('warning', `line outside any iostat table: ${line.slice(0, 80)}`, no);
        continue;
      }
      const raw = simpleRow(headers, line);
      const n = Object.keys(raw).length;
      if (n < headers.length) diags.add('warning', `${n} values for ${headers.length} columns`, no);
      if (!human && words(line).some((t) => /^[\d.]+[kMGTP%]$/.test(t))) {
        human = true;
        diags.add('warning', 'human-readable values (-h/--human): units are dropped as jc does, values are not comparable', no);
      }
      const rec: Rec = {};
      for (const [k, v] of Object.entries(raw)) {
        rec[k] = FLOATS.has(k) ? convertToFloat(v) : INTS.has(k) ? convertToInt(v) : v;
        if (rec[k] === null && v !== '-') diags.add('warning', `${k}: "${v}" is not a number`, no);
      }
      rec.type = section;
      data.push(rec);
      times.push(stamp ?? derivedTime(ctx, Math.max(0, report)));
    }
    return { data: data as unknown as IostatRecord[], times, diagnostics: diags.done() };
  },
};
