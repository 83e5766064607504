/**
 * `sar` text output (sysstat): any report whose lines are `<time> <columns>`
 * tables: -n DEV,EDEV,TCP,ETCP,SOCK..., -q (with PSI), -r, -u (ALL), -P,
 * -b, -B, -d, -S, -W, -w, -v, -F, -I, -y, -m; 12-hour, 24-hour and ISO
 * times; `Average:`/`Summary:`/`Minimum:`/`Maximum:`/`Last:` rows and
 * `LINUX RESTART` lines. jc has no sar parser; our records are flat like
 * jc's mpstat: `section` (DEV, EDEV, TCP, ETCP, q, r, u... from the header's
 * columns), `time` as printed or `stat` (average, minimum, maximum, last),
 * then one field per column, names normalized as jc does (% → percent_,
 * / and - → _, lower case), numbers as numbers, name columns (IFACE, CPU,
 * DEV, FILESYSTEM...) as strings. A restart is `{section: "restart", time, cpus}`.
 */
import type { CommandParser, SampleTime } from '../types.js';
import { words } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { DayClock, leadingTime, type DateParts } from './lib/sysstat-time.js';
import { startDate, sysstatLines } from './lib/sysstat-lines.js';

/** Built column by column (keys come from the header), then typed as SarRecord. */
type Rec = Record<string, string | number | null>;

type Num = number | null;

/**
 * One sar row: `section` names its table (sectionOf: DEV, EDEV, TCP, ETCP,
 * q, r, u..., `restart`, `comment`), `time` on interval rows, `stat` on
 * Average/Minimum/Maximum/Last rows, then the table's normalized columns.
 * Declared: the network tables' columns (what the capture's `sar -n
 * DEV,EDEV,TCP,ETCP` prints and the models read); other tables' columns are
 * in the data too.
 */
export interface SarRecord {
  section: string;
  time?: string;
  stat?: string;
  cpus?: Num;
  comment?: string;
  iface?: string | null;
  rxpck_s?: Num;
  txpck_s?: Num;
  rxkb_s?: Num;
  txkb_s?: Num;
  rxcmp_s?: Num;
  txcmp_s?: Num;
  rxmcst_s?: Num;
  percent_ifutil?: Num;
  rxerr_s?: Num;
  txerr_s?: Num;
  coll_s?: Num;
  rxdrop_s?: Num;
  txdrop_s?: Num;
  txcarr_s?: Num;
  rxfram_s?: Num;
  rxfifo_s?: Num;
  txfifo_s?: Num;
  active_s?: Num;
  passive_s?: Num;
  iseg_s?: Num;
  oseg_s?: Num;
  atmptf_s?: Num;
  estres_s?: Num;
  retrans_s?: Num;
  retrsg_s?: Num;
  isegerr_s?: Num;
  orsts_s?: Num;
}

/** Columns that name a thing (interface, CPU, device...) rather than measure it. */
const TEXT_COLS = new Set([
  'cpu',
  'iface',
  'dev',
  'tty',
  'filesystem',
  'mountpoint',
  'fchost',
  'intr',
  'node',
  'device',
  'idvendor',
  'idprod',
  'manufact',
  'product',
  'status',
]);
const NUMBER = /^[+-]?\d+(?:\.\d+)?$/; // cap/min of batteries has a sign
const STATS: Record<string, string> = { 'Average:': 'average', 'Minimum:': 'minimum', 'Maximum:': 'maximum', 'Last:': 'last' };

function normalize(h: string): string {
  return h.replace(/%/g, 'percent_').replace(/\//g, '_').replace(/-/g, '_').toLowerCase();
}

/** sar's option letter (or -n keyword) for a table, told by its columns. */
function sectionOf(cols: readonly string[]): string {
  const has = (c: string): boolean => cols.includes(c);
  if (has('rxpck_s')) return 'DEV';
  if (has('rxerr_s')) return 'EDEV';
  if (has('active_s')) return 'TCP';
  if (has('atmptf_s')) return 'ETCP';
  if (has('totsck')) return 'SOCK';
  if (has('runq_sz') || has('percent_scpu_10')) return 'q';
  if (has('kbmemfree')) return 'r';
  if (has('kbswpfree')) return 'S';
  if (has('cpu') && (has('percent_user') || has('percent_usr'))) return 'u';
  if (has('cpu') && has('mhz')) return 'm-FREQ';
  if (has('intr')) return 'I';
  if (has('pgpgin_s')) return 'B';
  if (has('pswpin_s')) return 'W';
  if (has('proc_s')) return 'w';
  if (has('bread_s')) return 'b';
  if (has('dev') && has('tps')) return 'd';
  if (has('dentunusd')) return 'v';
  if (has('filesystem')) return 'F';
  if (has('kbhugfree')) return 'H';
  if (has('tty')) return 'y';
  return `other:${cols[0] ?? ''}`;
}

/** The values of one line, a trailing name column (FILESYSTEM, USB product) holding spaces joined back. */
function withTextTail(vals: string[], cols: string[]): string[] {
  const lastCol = cols[cols.length - 1] ?? '';
  if (vals.length > cols.length && TEXT_COLS.has(lastCol)) {
    return [...vals.slice(0, cols.length - 1), vals.slice(cols.length - 1).join(' ')];
  }
  return vals;
}

/** `rec` with one field per column: text columns as text, numbers as numbers, blank or unreadable cells null. */
function fillColumns(rec: Rec, cols: string[], vals: string[], diags: Diags, no: number): Rec {
  cols.forEach((c, k) => {
    const v = vals[k];
    if (v === undefined) rec[c] = null;
    else if (TEXT_COLS.has(c)) rec[c] = v;
    else if (NUMBER.test(v)) rec[c] = Number(v);
    else {
      rec[c] = null;
      diags.add('warning', `column ${c}: "${v}" is not a number`, no);
    }
  });
  return rec;
}

export const sar: CommandParser<SarRecord[]> = {
  id: 'sar',
  title: 'sar (text): network, queue, memory and CPU reports per interval',
  artifactNames: ['sar-net'],
  detect(head) {
    const sysstat = /^Linux\s+\S+\s+\(.*\)\s+\S+\s+_\S+_/m.test(head);
    const known =
      /^\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?\s+(IFACE\s+rx(pck|err)\/s|active\/s|atmptf\/s|runq-sz|%s(cpu|io|mem)-10|kbmemfree|CPU\s+%user|CPU\s+%usr\s+%nice\s+%sys\s+%iowait\s+%steal|LINUX RESTART)/m;
    if (known.test(head)) return sysstat ? 0.9 : 0.8;
    // any other `<time> <column names>` table under a sysstat header, unless it is pidstat's
    const table = /^\d{1,2}:\d{2}:\d{2}(\s?[AP]M)?\s+[A-Za-z%][\w%/-]*(\s+[A-Za-z%][\w%/-]*)+\s*$/m.test(head);
    return sysstat && table && !/\sPID\s.*Command\s*$/m.test(head) ? 0.6 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Rec[] = [];
    const times: (SampleTime | null)[] = [];
    let base: DateParts | null = startDate(ctx);
    // One clock per table: sar -A prints each table over the whole period in turn, so
    // times go back to the start at each table, but within one table they only move forward.
    const clocks = new Map<string, DayClock>();
    const clockFor = (key: string): DayClock => {
      let c = clocks.get(key);
      if (!c) {
        c = new DayClock(base, ctx.clock);
        clocks.set(key, c);
      }
      return c;
    };
    let cols: string[] | null = null;
    let section = '';
    let table = ''; // the current table's columns: the key of its clock
    const lines = numberedLines(text);
    const onDate = (date: DateParts): void => {
      base = date;
      clocks.clear();
    };
    for (const [line, i] of sysstatLines(lines, onDate, diags, ctx)) {
      const no = i + 1;
      const lead = leadingTime(line);
      const label = lead ? null : (/^(Average|Summary|Minimum|Maximum|Last):/.exec(line)?.[0] ?? null);
      if (!lead && !label) {
        diags.add('warning', `not a sar line: ${line.slice(0, 80)}`, no);
        continue;
      }
      const rest = words(line.slice(lead ? lead.end : (label as string).length));
      if (lead && rest[0] === 'LINUX' && rest[1] === 'RESTART') {
        const cpus = /\((\d+) CPU\)/.exec(line);
        data.push({ section: 'restart', time: lead.text, cpus: cpus ? Number(cpus[1]) : null });
        times.push(clockFor(table).at(lead.sec));
        continue;
      }
      if (lead && rest[0] === 'COM') {
        // a comment written into the data file with `sadc -C`
        data.push({ section: 'comment', time: lead.text, comment: rest.slice(1).join(' ') });
        times.push(clockFor(table).at(lead.sec));
        continue;
      }
      if (rest.length > 0 && !rest.some((t) => NUMBER.test(t))) {
        cols = rest.map(normalize);
        section = sectionOf(cols);
        table = cols.join(' ');
        continue;
      }
      if (!cols) {
        diags.add('warning', `sar values before any header: ${line.slice(0, 80)}`, no);
        continue;
      }
      const vals = withTextTail(rest, cols);
      if (vals.length > cols.length || vals.length === 0) {
        diags.add('warning', `${vals.length} values for ${cols.length} columns`, no);
        continue;
      }
      // sar leaves trailing cells blank (empty USB names, an offline CPU's column in
      // Minimum/Maximum rows): those are null. Only on the last line could it be a cut.
      if (vals.length < cols.length && lines.slice(i + 1).every((l) => l.trim() === '')) {
        diags.add('warning', `last line has ${vals.length} values for ${cols.length} columns: truncated?`, no);
      }
      const rec: Rec = { section };
      if (lead) rec.time = lead.text;
      else rec.stat = STATS[label as string] ?? 'summary';
      data.push(fillColumns(rec, cols, vals, diags, no));
      times.push(lead ? clockFor(table).at(lead.sec) : null);
    }
    return { data: data as unknown as SarRecord[], times, diagnostics: diags.done() };
  },
};
