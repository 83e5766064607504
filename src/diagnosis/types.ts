/**
 * The public JSON contract (`sitrep analyze --json`), documented in
 * docs/report-json.md and schema/report.schema.json. Renderers are pure
 * functions of an Analysis. Times are epoch milliseconds (UTC).
 */
import type { TimelineSummary } from '../timeline/types.js';
import type { Finding, Relevance, Resource, Severity, Signal } from '../vocabulary/types.js';

export type { Evidence, Finding, ProcessCpu, ProcessRef, Relevance, RelevanceKind, Resource, Severity, Signal } from '../vocabulary/types.js';

/** 2: relevance, problems with linked victims, earlier events, the confidence table, window groups. */
export const SCHEMA_VERSION = 2;

/**
 * `cause-found`: an active problem and its cause. `recovered`: nothing active
 * in the window, but an earlier problem in the logs (the most recent is the
 * verdict's cause). `healthy`: nothing active, nothing earlier worth a
 * warning. `inconclusive`: something is wrong and the evidence does not say what.
 */
export type Verdict = 'cause-found' | 'recovered' | 'healthy' | 'inconclusive';

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

/** What ties a victim to its cause; every victim has exactly one (docs/diagnosis.md). */
export type LinkKind = 'pointer' | 'same-process' | 'mechanism';
export interface Link {
  kind: LinkKind;
  /** The cause-side finding and the victim-side finding the link joins. */
  from: string;
  to: string;
  /** `mechanism`: the edge's id in the mechanism table (src/diagnosis/mechanisms.ts). */
  edge?: string;
  /** `pointer`: the bundles show the connections (ss: sockets to the pointed tier's listening port). */
  confirmed?: boolean;
  /** One sentence: what ties them (the pointer's words, the shared pid, the edge and its source). */
  evidence: string;
}

export interface Victim {
  host: string;
  tier: string;
  resource: Resource;
  findings: string[];
  /** What it waits on: the host/tier of the finding its link comes from. */
  dependsOn: { host: string; tier: string };
  link: Link;
  /** One line naming the link kind and its evidence. */
  reason: string;
}

export interface Cause {
  host: string;
  tier: string;
  resource: Resource;
  findings: string[];
}

/** An activity span: first and last evidence, in the reference clock. */
export interface Span {
  first: number | null;
  last: number | null;
}

/**
 * A cause with the victims linked to it. Active problems with no link
 * between them are independent problems, ranked; problems that ended before
 * the window and link to nothing active are earlier events.
 */
export interface Problem {
  /** `p1`, `p2`, ... in rank order; `e1`, ... for earlier events. */
  id: string;
  relevance: Relevance;
  cause: Cause;
  victims: Victim[];
  /** One line: `memory on web-1: OOM killed node (pid 812)`. */
  title: string;
  /** Ranking score (severity, strength past threshold, root-likeness, victims): higher first. */
  score: number;
}

/** One named term of the confidence sum, with why it applies. */
export interface ConfidenceAdjustment {
  /** Stable name from the table in src/diagnosis/confidence.ts (`followed-pointer`, `close-rival`, ...). */
  name: string;
  delta: number;
  reason: string;
  findings?: string[];
}

/** Bundles diagnosed together: their windows are within `maxGapMs` of each other. */
export interface WindowGroup {
  hosts: string[];
  start: number | null;
  end: number | null;
}

export interface Diagnosis {
  verdict: Verdict;
  /** The leading problem's cause (the most recent earlier event's when `recovered`). */
  cause: Cause | null;
  /** The leading problem's victims. */
  victims: Victim[];
  /** Active problems, best first; `problems[0]` is the verdict's when `cause-found`. */
  problems: Problem[];
  /** Problems that ended before the window, most recent first. */
  earlier: Problem[];
  confidence: number;
  /** How `confidence` was reached: `base` plus every adjustment, clamped to [0.05, 0.95]. */
  confidenceTable: { base: number; adjustments: ConfidenceAdjustment[] };
  /** The hosts this diagnosis covers (all, unless windows were far apart) and their window. */
  scope: WindowGroup;
  reasoning: { text: string; findings?: string[] }[];
  nextCommands: string[];
}

export type CellStatus = Severity | 'ok' | 'no-data';
export interface UseCell {
  host: string;
  resource: Resource;
  signal: Signal;
  status: CellStatus;
  findings: string[];
}

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
  /**
   * Connections per peer (worst snapshot), top 50: inbound rows carry the local
   * (listening) port reached and `peerPort` null; outbound rows the peer's port
   * and `localPort` null.
   */
  byPeer: { peer: string; peerPort: number | null; localPort: number | null; states: Record<string, number> }[];
  /** Peers beyond the listed ones, and their sockets by state. */
  peersMore: { peers: number; states: Record<string, number> };
  /** Local ports nobody listens on (the client side), all counted, whatever `byPort` lists. */
  clientSide: { ports: number; states: Record<string, number> };
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
  /** Why this bundle was not chained with others (windows far apart), else empty. */
  windowNotes: string[];
}

export interface InventoryItem {
  host: string;
  path: string | null;
  name: string;
  kind: string;
  status: string;
  bytes: number | null;
  reason: string | null;
  parser?: string;
}

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
  /** Of the window group holding the most hosts (ties: the latest). */
  diagnosis: Diagnosis;
  /**
   * Window groups far apart from the main one (more than `maxGapMs` between
   * windows): each diagnosed on its own, never chained into one incident.
   */
  separate: Diagnosis[];
  /** The largest gap between windows that still chains bundles into one incident. */
  windowGapMs: number;
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
