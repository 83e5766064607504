/**
 * `pidstat` (sysstat): -u -d -r -s -w -v -R, -l, -t, -T, and both time forms.
 * With -h (what sitrep captures, and what jc reads) headers start with `#`
 * and each row with epoch seconds (or, under S_TIME_FORMAT=ISO, a time of
 * day: jc's `time` is then a meaningless integer, times[] has the instant);
 * data equals jc's `pidstat` parser. Without -h rows start with a time of day: jc refuses that form,
 * we read it the same way and give `time` as epoch seconds too (the header's
 * date plus the time of day in the host's zone), and Average rows as
 * `average: true` with no time.
 */
import type { CommandParser, SampleTime } from '../types.js';
import { convertToFloat, convertToInt, simpleRow, words } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { DayClock, leadingTime } from './lib/sysstat-time.js';
import { startDate, sysstatLines } from './lib/sysstat-lines.js';

/** Built column by column (keys come from the header), then typed as PidstatRecord. */
type Rec = Record<string, string | number | boolean | null>;

type Num = number | null;

/**
 * One pidstat row, jc's `pidstat` schema: `time` (epoch seconds) on interval
 * rows, `average: true` on Average rows; the columns of the report options
 * given (-u, -r, -d, -w), numbers where jc converts them. Columns jc keeps
 * as text other than these are in the data but not declared.
 */
export interface PidstatRecord {
  time?: Num;
  average?: true;
  uid?: Num;
  user?: string;
  pid?: Num;
  tgid?: string;
  tid?: string;
  command?: string;
  percent_usr?: Num;
  percent_system?: Num;
  percent_guest?: Num;
  percent_wait?: Num;
  percent_cpu?: Num;
  cpu?: Num;
  minflt_s?: Num;
  majflt_s?: Num;
  vsz?: Num;
  rss?: Num;
  percent_mem?: Num;
  stksize?: Num;
  stkref?: Num;
  kb_rd_s?: Num;
  kb_wr_s?: Num;
  kb_ccwr_s?: Num;
  iodelay?: string;
  cswch_s?: Num;
  nvcswch_s?: Num;
  usr_ms?: Num;
  system_ms?: Num;
  guest_ms?: Num;
}

const INTS = new Set(['time', 'uid', 'pid', 'cpu', 'vsz', 'rss', 'stksize', 'stkref', 'usr_ms', 'system_ms', 'guest_ms']);
const FLOATS = new Set([
  'percent_usr',
  'percent_system',
  'percent_guest',
  'percent_cpu',
  'minflt_s',
  'majflt_s',
  'percent_mem',
  'kb_rd_s',
  'kb_wr_s',
  'kb_ccwr_s',
  'cswch_s',
  'nvcswch_s',
  'percent_wait',
]);

function normalize(header: string): string {
  return header.replace(/#/g, ' ').replace(/-/g, '_').replace(/\//g, '_').replace(/%/g, 'percent_').toLowerCase();
}

/** jc's conversions; `bad` collects the columns whose text was not a number. */
function convert(raw: Record<string, string>, bad: string[]): Rec {
  const rec: Rec = {};
  for (const [k, v] of Object.entries(raw)) {
    rec[k] = INTS.has(k) ? convertToInt(v) : FLOATS.has(k) ? convertToFloat(v) : v;
    if (rec[k] === null && v !== '-') bad.push(`${k}: "${v}"`); // '-' is pidstat's "not applicable"
  }
  return rec;
}

export const pidstat: CommandParser<PidstatRecord[]> = {
  id: 'pidstat',
  title: 'pidstat: per-process CPU, memory, I/O and context switches',
  artifactNames: ['pidstat'],
  jc: 'pidstat',
  detect(head) {
    if (/^#\s+Time\s+UID\s+(PID|TGID)\b/m.test(head)) return 0.95;
    return /^\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?\s+(UID|USER)\s+(PID|TGID)\b.*Command\s*$/m.test(head) ? 0.9 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Rec[] = [];
    const times: (SampleTime | null)[] = [];
    const clock = new DayClock(startDate(ctx), ctx.clock);
    let headers: string[] | null = null;
    let hMode = true; // -h: epoch seconds in the first column
    for (const [line, i] of sysstatLines(numberedLines(text), (date) => clock.setBase(date), diags, ctx)) {
      const no = i + 1;
      if (line.startsWith('#')) {
        headers = words(normalize(line));
        hMode = true;
        continue;
      }
      const w = words(line);
      const lead = leadingTime(line);
      const isAvg = line.startsWith('Average:');
      if ((lead || isAvg) && w[w.length - 1] === 'Command' && /\b(PID|TGID)\b/.test(line)) {
        headers = ['time', ...words(normalize(line.slice(lead ? lead.end : 'Average:'.length)))];
        hMode = false;
        continue;
      }
      if (!headers) {
        diags.add('warning', `line before any pidstat header: ${line.slice(0, 80)}`, no);
        continue;
      }
      if (hMode) {
        // -h prints epoch seconds, but a time of day under S_TIME_FORMAT=ISO (`05:27:28`) or
        // in a 12-hour locale (`05:27:28 PM`, two words in one column). `time` stays what jc
        // makes of the text (05:27:28 → 52728); the instant comes from the header's date.
        const ampm = lead !== null && /\s/.test(lead.text);
        const raw = ampm ? { time: lead.text, ...simpleRow(headers.slice(1), line.slice(lead.end)) } : simpleRow(headers, line);
        const bad: string[] = [];
        const rec = convert(raw, bad);
        if (bad.length) diags.add('warning', `not numbers: ${bad.join(', ')}`, no);
        if (Object.keys(rec).length < headers.length) diags.add('warning', `fewer values than the ${headers.length} columns`, no);
        const first = ampm ? lead.text : (w[0] ?? '');
        let t: SampleTime | null = null;
        if (/^\d{9,11}$/.test(first)) t = { epochMs: Number(first) * 1000, quality: 'exact' };
        else if (lead) t = clock.at(lead.sec);
        else diags.add('warning', `no time in "${line.slice(0, 40)}"`, no);
        data.push(rec);
        times.push(t);
        continue;
      }
      if (!lead && !isAvg) {
        diags.add('warning', `pidstat row without a time: ${line.slice(0, 80)}`, no);
        continue;
      }
      const restStart = lead ? lead.end : 'Average:'.length;
      const raw = simpleRow(headers.slice(1), line.slice(restStart));
      if (Object.keys(raw).length < headers.length - 1) diags.add('warning', `fewer values than the ${headers.length - 1} columns`, no);
      const at = lead ? clock.at(lead.sec) : null;
      const rec: Rec = isAvg ? { average: true } : { time: at ? Math.round(at.epochMs / 1000) : null };
      const bad: string[] = [];
      Object.assign(rec, convert(raw, bad));
      if (bad.length) diags.add('warning', `not numbers: ${bad.join(', ')}`, no);
      data.push(rec);
      times.push(at);
    }
    return { data: data as PidstatRecord[], times, diagnostics: diags.done() };
  },
};
