/**
 * `top -b` (procps): one or more iterations (-n 1, -n 3), KiB/MiB/GiB memory
 * lines, old procps `Mem:`/`Cpu(s):` lines and `m`-suffixed sizes, extra
 * field selections. Data equals jc's `top` parser: one object per iteration
 * with the summary fields and `processes` (columns cut by header position,
 * keys renamed, `-` → null, numbers converted as jc does). Summary lines are
 * read by label, so `ni,100.0 id` (no space when a value is 100.0) still works.
 * Each iteration's instant: its `top - HH:MM:SS` on the capture's date.
 */
import type { CommandParser, ParseContext, SampleTime } from '../types.js';
import { convertToFloat, convertToInt, sparseTable } from './lib/jc.js';
import { Diags } from './lib/diags.js';
import { numberedLines } from './lib/lines.js';
import { DayClock, hostDateOf, parseTimeOfDay } from './lib/sysstat-time.js';
import { parseUptimeLine } from './uptime.js';

type Val = string | number | null | (string | number | null)[];
type Proc = Record<string, Val>;
type Item = Record<string, Val | Proc[]>;

/**
 * One process row of top's table (jc's `top` schema, keys from KEY_MAP).
 * Declared: the fields a model reads; the other columns top was set to show
 * are in the data as well.
 */
export interface TopProcess {
  pid?: Val;
  user?: Val;
  command?: Val;
  status?: Val;
  percent_cpu?: Val;
  percent_mem?: Val;
  resident_mem?: Val;
  virtual_mem?: Val;
  shared_mem?: Val;
  /** procps-ng's RSS column, when top was set to show it (no KEY_MAP entry: the lowercased header). */
  rss?: Val;
}

/**
 * One top iteration: the summary fields (uptime, load, tasks, CPU and memory
 * lines, undeclared here: no model reads them) and its process table.
 */
export interface TopRecord {
  processes?: TopProcess[];
}

const KEY_MAP: Record<string, string> = {
  '%CPU': 'percent_cpu',
  '%MEM': 'percent_mem',
  CGNAME: 'control_group_name',
  CGROUPS: 'cgroups',
  CODE: 'code',
  COMMAND: 'command',
  DATA: 'data',
  ENVIRON: 'environment_variables',
  Flags: 'flags',
  GID: 'gid',
  GROUP: 'group',
  LXC: 'lxc_container_name',
  NI: 'nice',
  NU: 'numa_node',
  OOMa: 'out_of_mem_adjustment',
  OOMs: 'out_of_mem_score',
  P: 'last_used_processor',
  PGRP: 'pgrp',
  PID: 'pid',
  PPID: 'parent_pid',
  PR: 'priority',
  RES: 'resident_mem',
  RSan: 'resident_anon_mem',
  RSfd: 'resident_file_backed_mem',
  RSlk: 'resident_locked_mem',
  RSsh: 'resident_shared_mem',
  RUID: 'real_uid',
  RUSER: 'real_user',
  S: 'status',
  SHR: 'shared_mem',
  SID: 'session_id',
  SUID: 'saved_uid',
  SUPGIDS: 'supplementary_gids',
  SUPGRPS: 'supplementary_groups',
  SUSER: 'saved_user',
  SWAP: 'swap',
  TGID: 'thread_gid',
  TIME: 'time',
  'TIME+': 'time_hundredths',
  TPGID: 'tty_process_gid',
  TTY: 'tty',
  UID: 'uid',
  USED: 'used',
  USER: 'user',
  VIRT: 'virtual_mem',
  WCHAN: 'sleeping_in_function',
  nDRT: 'dirty_pages_count',
  nMaj: 'major_page_fault_count',
  nMin: 'minor_page_fault_count',
  nTH: 'thread_count',
  nsIPC: 'ipc_namespace_inode',
  nsMNT: 'mount_namespace_inode',
  nsNET: 'net_namespace_inode',
  nsPID: 'pid_namespace_inode',
  nsUSER: 'user_namespace_inode',
  nsUTS: 'nts_namespace_inode',
  vMj: 'major_page_fault_count_delta',
  vMn: 'minor_page_fault_count_delta',
};
const STATUS: Record<string, string> = {
  D: 'uninterruptible sleep',
  I: 'idle',
  R: 'running',
  S: 'sleeping',
  T: 'stopped by job control signal',
  t: 'stopped by debugger during trace',
  Z: 'zombie',
};
const INTS = new Set([
  'uptime',
  'users',
  'tasks_total',
  'tasks_running',
  'tasks_sleeping',
  'tasks_stopped',
  'tasks_zombie',
  'pid',
  'priority',
  'nice',
  'parent_pid',
  'uid',
  'real_uid',
  'saved_uid',
  'gid',
  'pgrp',
  'tty_process_gid',
  'session_id',
  'thread_count',
  'last_used_processor',
  'major_page_fault_count',
  'minor_page_fault_count',
  'dirty_pages_count',
  'thread_gid',
  'major_page_fault_count_delta',
  'minor_page_fault_count_delta',
  'ipc_namespace_inode',
  'mount_namespace_inode',
  'net_namespace_inode',
  'pid_namespace_inode',
  'user_namespace_inode',
  'nts_namespace_inode',
  'numa_node',
  'out_of_mem_adjustment',
  'out_of_mem_score',
  'resident_anon_mem',
  'resident_file_backed_mem',
  'resident_locked_mem',
  'resident_shared_mem',
]);
const FLOATS = new Set([
  'load_1m',
  'load_5m',
  'load_15m',
  'cpu_user',
  'cpu_sys',
  'cpu_nice',
  'cpu_idle',
  'cpu_wait',
  'cpu_hardware',
  'cpu_software',
  'cpu_steal',
  'percent_cpu',
  'percent_mem',
  'mem_total',
  'mem_free',
  'mem_used',
  'mem_buff_cache',
  'swap_total',
  'swap_free',
  'swap_used',
  'mem_available',
  'virtual_mem',
  'resident_mem',
  'shared_mem',
  'swap',
  'code',
  'data',
  'used',
]);
const CPU_LABELS: Record<string, string> = {
  us: 'cpu_user',
  sy: 'cpu_sys',
  ni: 'cpu_nice',
  id: 'cpu_idle',
  wa: 'cpu_wait',
  hi: 'cpu_hardware',
  si: 'cpu_software',
  st: 'cpu_steal',
};
const MEM_LABELS: Record<string, string> = { total: 'mem_total', free: 'mem_free', used: 'mem_used', 'buff/cache': 'mem_buff_cache' };
const SWAP_LABELS: Record<string, string> = { total: 'swap_total', free: 'swap_free', used: 'swap_used', 'avail Mem': 'mem_available' };

function conv(k: string, v: string | null): Val {
  if (v === null) return null;
  // Deliberately unlike jc: in a decimal-comma locale `6,2` is 6.2, not 62.
  if (FLOATS.has(k) && /^-?\d+,\d+$/.test(v)) return Number(v.replace(',', '.'));
  return INTS.has(k) ? convertToInt(v) : FLOATS.has(k) ? convertToFloat(v) : v;
}

/** `<number> <label>` pairs of a summary line, in the order of `labels`' values. */
function labelled(line: string, labels: Record<string, string>, re: RegExp): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of line.matchAll(re)) {
    const key = labels[m[2] ?? ''];
    if (key) out[key] = m[1] ?? '';
  }
  const ordered: Record<string, string> = {};
  for (const k of Object.values(labels)) if (out[k] !== undefined) ordered[k] = out[k];
  return ordered;
}

function processRow(raw: Record<string, string | null>): Proc {
  const p: Proc = {};
  for (const [col, v0] of Object.entries(raw)) {
    const key = KEY_MAP[col] ?? col.toLowerCase();
    let v = v0 === '-' ? null : v0;
    // right-justified numbers next to left-justified dashes leave a hanging " -" (as jc cleans it)
    if (v && v.endsWith(' -')) v = v.split(' -').join('');
    p[key] = v ? conv(key, v) : v;
  }
  if (typeof p.status === 'string') p.status = STATUS[p.status] ?? p.status;
  // top marks a list it truncated with a trailing '+'; jc drops that element
  const list = (s: string, d: string): string[] => s.split(d).filter((x) => !x.endsWith('+'));
  if (typeof p.supplementary_gids === 'string' && p.supplementary_gids) p.supplementary_gids = list(p.supplementary_gids, ',').map((x) => convertToInt(x));
  if (typeof p.supplementary_groups === 'string' && p.supplementary_groups) p.supplementary_groups = list(p.supplementary_groups, ',');
  if (typeof p.environment_variables === 'string' && p.environment_variables) p.environment_variables = list(p.environment_variables, ' ');
  return p;
}

function baseDate(ctx: ParseContext) {
  const at = ctx.startMs ?? ctx.clock.captureStartMs;
  return at === undefined ? null : hostDateOf(at, ctx.clock);
}

export const top: CommandParser<TopRecord[]> = {
  id: 'top',
  title: 'top -b: system summary and process table per iteration',
  artifactNames: ['top'],
  jc: 'top',
  detect(head) {
    if (/^top - \d{1,2}:\d{2}:\d{2} up /m.test(head)) return 0.95;
    return /^\s*PID\s+USER\s+PR\s+NI\s+VIRT\s+RES\s+SHR\s+S\s+%CPU\s+%MEM/m.test(head) ? 0.7 : 0;
  },
  parse(text, ctx) {
    const diags = new Diags();
    const data: Item[] = [];
    const times: (SampleTime | null)[] = [];
    const clock = new DayClock(baseDate(ctx), ctx.clock);
    let item: Item | null = null;
    let time: SampleTime | null = null;
    let inTable = false;
    let table: string[] = [];
    const flush = (): void => {
      if (!item) return;
      item.processes = table.length > 0 ? sparseTable(table).map(processRow) : [];
      data.push(item);
      times.push(time);
      item = null;
      table = [];
      inTable = false;
      time = null;
    };
    const lines = numberedLines(text);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      const no = i + 1;
      if (line.startsWith('top - ')) {
        flush();
        item = {};
        const up = parseUptimeLine(line.slice(6));
        if (!up) diags.add('warning', `unreadable top summary line`, no);
        else {
          for (const [k, v] of Object.entries(up)) if (v !== null) item[k] = conv(k, v);
          const sec = up.time === null ? null : parseTimeOfDay(up.time);
          time = sec === null ? null : clock.at(sec);
        }
        continue;
      }
      if (!inTable && /^\s*PID\s/.test(line)) {
        // pt-summary and others keep only the table: start an item without a summary
        if (!item) item = {};
        inTable = true;
      }
      if (inTable) {
        if (line.trim() !== '') table.push(line);
        continue;
      }
      if (line === '') {
        if (item) inTable = true;
        continue;
      }
      if (!item) {
        diags.add('warning', `line before any top summary: ${line.slice(0, 80)}`, no);
        continue;
      }
      const cur: Item = item;
      const set = (o: Record<string, string>): void => {
        for (const [k, v] of Object.entries(o)) cur[k] = conv(k, v);
      };
      if (line.startsWith('Tasks:')) {
        set(
          labelled(
            line,
            { total: 'tasks_total', running: 'tasks_running', sleeping: 'tasks_sleeping', stopped: 'tasks_stopped', zombie: 'tasks_zombie' },
            /(\d+)\s+(total|running|sleeping|stopped|zombie)/g,
          ),
        );
      } else if (/^%?Cpu\(s\):/.test(line)) {
        set(labelled(line, CPU_LABELS, /(\d+(?:[.,]\d+)?)%?\s*(us|sy|ni|id|wa|hi|si|st)\b/g));
      } else if (/^.iB Mem :|^Mem:/.test(line)) {
        set(labelled(line, MEM_LABELS, /([\d.]+)[kmgKMG+]?\s*(total|free|used|buff\/cache)\b/g));
      } else if (/^.iB Swap:|^Swap:/.test(line)) {
        set(labelled(line, SWAP_LABELS, /([\d.]+)[kmgKMG+]?\s*(total|free|used|avail Mem)\b/g));
      } else if (!/^(Threads:|%?Cpu\d+|%Node|GiB|MiB|KiB|TiB|PiB|EiB)/.test(line)) {
        diags.add('warning', `unrecognized top summary line: ${line.slice(0, 80)}`, no);
      }
    }
    flush();
    return { data: data as TopRecord[], times, diagnostics: diags.done() };
  },
};
