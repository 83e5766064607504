/**
 * `mpstat` (sysstat): -P ALL, -A (CPU, interrupt and softirq tables), -I,
 * -N, -T; 12-hour, 24-hour and ISO times; Average lines. Data equals jc's
 * `mpstat` parser: each table row keyed by its normalized header, `type` is
 * `cpu` for %usr tables and `interrupts` otherwise, `time` is the printed
 * time, Average rows get `average: true` instead. Instants come from the
 * header's date plus the row's time of day, in the host's zone.
 */
import type { CommandParser, SampleTime } from '../types.js';
import { convertToFloat, simpleRow, words } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { DayClock, parseTimeOfDay } from './lib/sysstat-time.js';
import { startDate, sysstatLines } from './lib/sysstat-lines.js';

/** Built column by column (keys come from the header), then typed as MpstatRecord. */
type Rec = Record<string, string | number | boolean | null>;

type Rate = number | null;

/**
 * One mpstat row, jc's `mpstat` schema: a CPU table row (`type: 'cpu'`, the
 * percent_ fields) or an interrupt table row (`type: 'interrupts'`, the _s
 * rates, per-IRQ columns as `<irq>_s`); `time` on interval rows, `average` on
 * Average rows. Fields a row's table has not are absent.
 */
export interface MpstatRecord {
  type: 'cpu' | 'interrupts';
  time?: string;
  average?: true;
  cpu?: string | null;
  node?: string | null;
  core?: string | null;
  sock?: string | null;
  percent_usr?: Rate;
  percent_nice?: Rate;
  percent_sys?: Rate;
  percent_iowait?: Rate;
  percent_irq?: Rate;
  percent_soft?: Rate;
  percent_steal?: Rate;
  percent_guest?: Rate;
  percent_gnice?: Rate;
  percent_idle?: Rate;
  intr_s?: Rate;
  /** The other rate columns of the interrupt tables (NMI_s, HI_s, per-IRQ `57_s`...). */
  [rate: `${string}_s`]: Rate | undefined;
}

const FLOATS = new Set([
  'percent_usr',
  'percent_nice',
  'percent_sys',
  'percent_iowait',
  'percent_irq',
  'percent_soft',
  'percent_steal',
  'percent_guest',
  'percent_gnice',
  'percent_idle',
  'intr_s',
  'nmi_s',
  'loc_s',
  'spu_s',
  'pmi_s',
  'iwi_s',
  'rtr_s',
  'res_s',
  'cal_s',
  'tlb_s',
  'trm_s',
  'thr_s',
  'dfr_s',
  'mce_s',
  'mcp_s',
  'err_s',
  'mis_s',
  'pin_s',
  'npi_s',
  'piw_s',
  'hi_s',
  'timer_s',
  'net_tx_s',
  'net_rx_s',
  'block_s',
  'irq_poll_s',
  'block_iopoll_s',
  'tasklet_s',
  'sched_s',
  'hrtimer_s',
  'rcu_s',
]);

/** A per-IRQ column (`0_s`, `57_s`) is a rate too. */
function isFloatKey(k: string): boolean {
  return FLOATS.has(k) || (/^\d/.test(k) && k.endsWith('_s'));
}

const TOPOLOGY = ['core', 'sock', 'node'];

/**
 * mpstat -T prints CORE, SOCK and NODE after CPU but leaves them blank on the
 * `all` row; a plain split would shift every value three columns left. jc has
 * no -T fixture; we give the blank cells as null.
 */
function topologyRow(headers: readonly string[], text: string): Record<string, string | null> | null {
  const vals = words(text);
  if (vals.length !== headers.length - TOPOLOGY.length || !TOPOLOGY.every((t, i) => headers[i + 1] === t)) return null;
  const row: Record<string, string | null> = { [headers[0] as string]: vals[0] ?? null };
  for (const t of TOPOLOGY) row[t] = null;
  headers.slice(1 + TOPOLOGY.length).forEach((h, i) => {
    row[h] = vals[i + 1] ?? null;
  });
  return row;
}

export const mpstat: CommandParser<MpstatRecord[]> = {
  id: 'mpstat',
  title: 'mpstat: per-CPU utilization and interrupt rates',
  artifactNames: ['mpstat'],
  jc: 'mpstat',
  detect(head) {
    // %irq right after %iowait is mpstat's order (sar -u ALL has %steal there)
    if (/^\S.*\s(CPU|NODE)\s+%usr\s+%nice\s+%sys\s+%iowait\s+%irq/m.test(head)) return 0.95;
    return /^\S.*\sCPU\s+(intr\/s|HI\/s|\d+\/s)\s/m.test(head) ? 0.8 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Rec[] = [];
    const times: (SampleTime | null)[] = [];
    // the header's date wins; the capture's date stands in when the header is missing
    const clock = new DayClock(startDate(ctx), ctx.clock);
    let headers: string[] | null = null;
    let start = 0;
    let type = '';
    for (const [line, i] of sysstatLines(numberedLines(text), (date) => clock.setBase(date), diags, ctx)) {
      const no = i + 1;
      if (line.includes(' CPU ') || line.includes(' NODE ')) {
        type = line.includes('%usr') ? 'cpu' : 'interrupts';
        start = line.indexOf('CPU ');
        if (start === -1) start = line.indexOf('NODE ');
        headers = words(line.replace(/\//g, '_').replace(/%/g, 'percent_').toLowerCase().slice(start));
        continue;
      }
      if (!headers) {
        diags.add('warning', `line before any mpstat header: ${line.slice(0, 80)}`, no);
        continue;
      }
      const prefix = line.slice(0, start).trim();
      const raw = topologyRow(headers, line.slice(start)) ?? simpleRow(headers, line.slice(start));
      if (Object.keys(raw).length !== headers.length || words(line.slice(start)).length > headers.length) {
        diags.add('warning', `values do not line up with the ${headers.length} columns`, no);
      }
      const rec: Rec = {};
      for (const [k, v] of Object.entries(raw)) {
        rec[k] = isFloatKey(k) ? convertToFloat(v) : v;
        if (rec[k] === null && v !== null && v !== '-') diags.add('warning', `${k}: "${v}" is not a number`, no);
      }
      rec.type = type;
      let t: SampleTime | null = null;
      if (prefix.includes('Average:')) {
        rec.average = true;
      } else {
        rec.time = prefix;
        const sec = parseTimeOfDay(prefix);
        // mpstat -U prints epoch seconds instead of a time of day
        if (/^\d{9,11}$/.test(prefix)) t = { epochMs: Number(prefix) * 1000, quality: 'exact' };
        else if (sec === null) diags.add('warning', `unreadable time "${prefix}"`, no);
        else t = clock.at(sec);
      }
      data.push(rec);
      times.push(t);
    }
    return { data: data as unknown as MpstatRecord[], times, diagnostics: diags.done() };
  },
};
