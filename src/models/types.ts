/**
 * Per-host resource models: one time series per metric, each saying which
 * artifact it came from so a finding can cite it. Built from HostData only.
 */

/** [epoch ms, value]. */
export type Point = [number, number];

export interface Series {
  points: Point[];
  unit: string;
  /** Parser / artifact name the points came from (`vmstat`, `proc-stat`). */
  source: string;
  /** Member path in the bundle, for evidence. */
  artifact: string;
  /** The same metric before the window, from the sar history (history.ts); never mixed into `points`. */
  history?: HistorySeries;
}

/** sar history points of a metric, all before the window (each ends the interval it averages). */
export interface HistorySeries {
  points: Point[];
  unit: string;
  source: 'sar-history';
  /** The sa file's JSON in the bundle (the newest one holding points). */
  artifact: string;
  /** The sampling interval (sadc's, often 600 s); the longest seen. */
  intervalS: number | null;
  /** The window points this history extends (the same array): a series derived from them by a rule has other points and no history. */
  window: Point[];
}

export interface PsiModel {
  /** `some`: percent of each sampling interval in which at least one task stalled (psi.ts). */
  some?: Series;
  /** `full`: percent of each interval in which all non-idle tasks stalled at once. */
  full?: Series;
  /**
   * How the series were obtained: `total-delta` (exact per interval, from the
   * cumulative `total` counters) or `avg10` (no two samples with a total: the
   * kernel's 10 s running average, which carries the seconds before the window).
   */
  method?: 'total-delta' | 'avg10';
  /** avg10 at the first sample: the pressure in the ~10 s before the window, a hint only, never judged. */
  before?: { t: number; some?: number; full?: number };
}

export interface CpuModel {
  cpus: number | null;
  /** us+sy+st (+irq/softirq where the source splits them), percent of all CPUs. */
  util?: Series;
  iowait?: Series;
  steal?: Series;
  /** Per CPU utilization (mpstat -P ALL, else /proc/stat per-cpu deltas), keyed by CPU number. */
  perCpu: Record<string, Series>;
  /** Runnable threads (vmstat r, else /proc/stat procs_running, else loadavg running). */
  runq?: Series;
  /** Threads blocked in uninterruptible sleep (vmstat b, /proc/stat procs_blocked). */
  blocked?: Series;
  load1?: Series;
  psi: PsiModel;
}

export interface MemoryModel {
  totalKb: number | null;
  availableKb?: Series;
  /** Available as percent of total. */
  availablePct?: Series;
  /** Buffers + page cache, kB. */
  cacheKb?: Series;
  /** Pages swapped in / out per second (vmstat si/so are kB/s; /proc/vmstat pswpin/out deltas are pages/s). */
  swapIn?: Series;
  swapOut?: Series;
  majorFaults?: Series;
  /** pgscan_kswapd + pgscan_direct per second. */
  pageScan?: Series;
  swapTotalKb: number | null;
  swapUsedKb?: Series;
  psi: PsiModel;
}

export interface DeviceModel {
  device: string;
  /** dm-, md, loop, nvme multi-queue: %util can reach 100 without saturation. */
  logical: boolean;
  util?: Series;
  aqu?: Series;
  await?: Series;
  source: string;
}

export interface FileSystemModel {
  mount: string;
  filesystem: string;
  usePct: number | null;
  inodePct: number | null;
  artifact: string;
  /** The df line the numbers came from (excerpt). */
  excerpt: string;
}

export interface StorageModel {
  devices: DeviceModel[];
  filesystems: FileSystemModel[];
  psi: PsiModel;
}

export interface InterfaceModel {
  name: string;
  rxBytesPerS?: Series;
  txBytesPerS?: Series;
  /** Errors and drops per second (rx+tx). */
  errors?: Series;
  drops?: Series;
  /** Link speed in Mbit/s when known. */
  speedMbps: number | null;
  source: string;
}

export interface TcpSocket {
  state: string;
  localAddress: string;
  localPort: number | null;
  peerAddress: string;
  peerPort: number | null;
  process: string | null;
  pid: number | null;
}

export interface TcpSnapshot {
  time: number;
  artifact: string;
  sockets: TcpSocket[];
}

export interface TcpModel {
  snapshots: TcpSnapshot[];
  /** Retransmitted segments as percent of out segments, per interval (/proc/net/snmp deltas or sar ETCP). */
  retransPct?: Series;
  retransPerS?: Series;
  outSegsPerS?: Series;
  /** ListenOverflows + ListenDrops increase over the window (netstat -s / nstat start vs end, or proc deltas). */
  listenOverflows: { delta: number; artifact: string; from: number | null; to: number | null } | null;
  /** ip_local_port_range size (high - low + 1). */
  ephemeralPorts: { low: number; high: number } | null;
}

export interface FdModel {
  /** System-wide allocated handles (file-nr first field) and fs.file-max. */
  allocated?: Series;
  max: number | null;
  processes: { pid: number; comm: string; fds: number; limit: number | null; time: number | null; artifact: string }[];
}

export interface TasksModel {
  threads?: Series;
  max: number | null;
}

export type { ProcessCpu, ProcessRef } from '../vocabulary/types.js';

/** One process at one sampling instant. */
export interface ProcessSample {
  t: number;
  pid: number;
  command: string;
  /** %CPU, 100 = one whole CPU. */
  cpuPct: number | null;
  memPct: number | null;
  rssKb: number | null;
  /** kB/s read and written (pidstat -d); null from snapshots. */
  readKBs: number | null;
  writeKBs: number | null;
  /** %wait (pidstat): share of the interval the task was runnable but waiting for a CPU; absent from snapshots and old sysstat. */
  waitPct?: number | null;
}

export interface ProcessesModel {
  /** `pidstat`, else a `top` or `ps` snapshot, else null (no data). */
  source: 'pidstat' | 'top' | 'ps' | null;
  artifact: string;
  /** The sampling instants (one for a snapshot). */
  times: number[];
  samples: ProcessSample[];
}

export interface HostModels {
  host: string;
  cpu: CpuModel;
  memory: MemoryModel;
  storage: StorageModel;
  network: InterfaceModel[];
  tcp: TcpModel;
  fds: FdModel;
  tasks: TasksModel;
  processes: ProcessesModel;
  /** Which model had which source, or none: feeds the use matrix's no-data. */
  sources: Record<string, string | null>;
}
