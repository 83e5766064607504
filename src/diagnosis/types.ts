/**
 * The public JSON contract (`sitrep analyze --json`), documented in
 * docs/report-json.md and schema/report.schema.json. Renderers are pure
 * functions of an Analysis. Times are epoch milliseconds (UTC).
 */
import type { TimelineSummary } from '../timeline/types.js';
import type { ProcessCpu, ProcessRef } from '../models/types.js';

export type { ProcessCpu, ProcessRef };

export const SCHEMA_VERSION = 1;

export type Resource =
  | 'cpu' | 'memory' | 'storage-io' | 'storage-capacity' | 'network'
  | 'tcp' | 'file-descriptors' | 'tasks' | 'kernel' | 'application';
export type Signal = 'errors' | 'utilization' | 'saturation';
export type Severity = 'critical' | 'warning' | 'info';
export type Verdict = 'cause-found' | 'inconclusive' | 'healthy';

export interface Evidence {
  /** Artifact path in the bundle. */
  artifact: string;
  /** First and last line in the artifact, when the evidence is lines. */
  lines?: [number, number];
  /** Sample or event instant. */
  time?: number;
  /** Verbatim excerpt (untrusted text: renderers escape it). */
  excerpt: string;
}

export interface Finding {
  id: string;
  rule: string;
  host: string;
  tier: string;
  resource: Resource;
  signal: Signal;
  severity: Severity;
  /** One line: what held, on what (`run queue 7.5 on 2 CPUs`). */
  title: string;
  /** What it concerns within the resource: a device, process, port, CPU. */
  subject?: string;
  onset: number | null;
  end: number | null;
  peak?: { value: number; threshold: number; unit: string };
  /** Samples (or snapshots) in which the condition held, of all taken: how sustained it was. */
  samples?: { held: number; total: number };
  /** The one process the finding is about (an OOM kill's victim), when the evidence names it. */
  process?: ProcessRef;
  processes?: ProcessCpu;
  evidence: Evidence[];
  /** Evidence items left out to keep the finding small. */
  evidenceMore?: number;
  explanation: string;
  nextCommands: string[];
}

export interface HostSummary {
  id: string;
  hostname: string;
  tier: string;
  cpus: number | null;
  window: { start: number | null; end: number | null };
  bundle: string;
  os?: string;
  kernel?: string;
  memTotalKb?: number;
  clock: { tzName?: string; utcOffsetMin?: number; ntpSynced?: string; offsetMs: number; uncertaintyMs: number };
}

export interface Victim {
  host: string;
  tier: string;
  resource: Resource;
  findings: string[];
  /** What it waits on: the host/tier downstream. */
  dependsOn: { host: string; tier: string };
  reason: string;
}

export interface Diagnosis {
  verdict: Verdict;
  cause: { host: string; tier: string; resource: Resource; findings: string[] } | null;
  victims: Victim[];
  confidence: number;
  reasoning: { text: string; findings?: string[] }[];
  nextCommands: string[];
}

export type CellStatus = Severity | 'ok' | 'no-data';
export interface UseCell { host: string; resource: Resource; signal: Signal; status: CellStatus; findings: string[] }

export interface MetricSeries {
  host: string;
  resource: Resource;
  /** `cpu.util`, `cpu.runq`, `disk.sda.util`, `tcp.close_wait`. */
  metric: string;
  label: string;
  unit: string;
  threshold?: number;
  points: [number, number][];
  /** Points removed by downsampling. */
  pointsDropped?: number;
}

export interface TcpTable {
  host: string;
  snapshots: { time: number; byState: Record<string, number> }[];
  byPort: { port: number; states: Record<string, number> }[];
  byProcess: { process: string; pid: number | null; states: Record<string, number> }[];
}

export interface DataQuality {
  host: string;
  missing: { name: string; reason: string }[];
  /** Rows cut from `missing` / `timedOut` in the JSON output (present only when some were). */
  missingMore?: number;
  timedOut: string[];
  timedOutMore?: number;
  logs: { artifact: string; parser: string; events: number; first: number | null; last: number | null; quality: Record<string, number> }[];
  /** Log rows cut from `logs` in the JSON output (present only when some were). */
  logsMore?: number;
  diagnostics: { artifact: string; line?: number; level: string; message: string }[];
  diagnosticsMore: number;
  clockNotes: string[];
}

export interface InventoryItem { host: string; path: string | null; name: string; kind: string; status: string; bytes: number | null; reason: string | null; parser?: string }

/** What was parsed, per host and artifact (`sitrep analyze --json`): the inventory as the parsers saw it. */
export interface ParsedHost {
  host: string;
  hostname: string;
  tier: string;
  bundle: string;
  window: { start: number | null; end: number | null };
  artifacts: { name: string; path: string; parser: string; blocks: number; records: number; diagnostics: number }[];
  logs: { path: string; parser: string; lines: number; events: number; firstMs: number | null; lastMs: number | null; diagnostics: number }[];
  /** Manifest artifacts with no parser (os-release, cpuinfo, ...) or not written. */
  unparsed: { name: string; path: string | null; status: string; reason: string | null }[];
  /** Rows cut from artifacts / logs / unparsed in the JSON output (present only when some were). */
  artifactsMore?: number;
  logsMore?: number;
  unparsedMore?: number;
  /** All diagnostics by level; `bundle` counts only the reader's (not parsers' reports on content). */
  diagnostics: { error: number; warning: number; info: number; bundle: { error: number; warning: number } };
}

export interface Analysis {
  schemaVersion: typeof SCHEMA_VERSION;
  generator: { name: 'sitrep'; version: string };
  generatedAt: string;
  hosts: HostSummary[];
  findings: Finding[];
  diagnosis: Diagnosis;
  use: UseCell[];
  timeline: TimelineSummary;
  series: MetricSeries[];
  tcp: TcpTable[];
  dataQuality: DataQuality[];
  inventory: InventoryItem[];
  /** Items cut from `inventory` in the JSON output (present only when some were). */
  inventoryMore?: number;
  /** Filled by `sitrep analyze`: what each bundle's parsers read. */
  parsed?: ParsedHost[];
}
