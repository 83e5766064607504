/**
 * The shared vocabulary at the bottom of the stack: what a finding is, the
 * resources, signals and severities it is stated in, and the processes it
 * may name. Rules produce these, the diagnosis reasons over them, renderers
 * show them; none of those stages owns them, so none imports another for them.
 * Times are epoch milliseconds (UTC).
 */

export type Resource = 'cpu' | 'memory' | 'storage-io' | 'storage-capacity' | 'network' | 'tcp' | 'file-descriptors' | 'tasks' | 'kernel' | 'application';
export type Signal = 'errors' | 'utilization' | 'saturation';
export type Severity = 'critical' | 'warning' | 'info';

/** A process a finding names: an OOM kill's victim, or a top CPU consumer. */
export interface ProcessRef {
  command: string;
  pid: number | null;
  /** Mean %CPU over the span (100 = one whole CPU), for CPU consumers. */
  cpuPct?: number;
  peakCpuPct?: number;
  /** Mean %wait over the span (pidstat: runnable, waiting for a CPU), when sampled. */
  waitPct?: number;
  /** ps STAT and WCHAN (`Ss do_epoll_wait`): what the process was doing at the snapshot. */
  state?: string;
  /** Samples the process appeared in. */
  samples?: number;
}

/** The processes that used the most CPU while a CPU finding held: what ties the CPU to a tier. */
export interface ProcessCpu {
  /** `pidstat` (per-interval samples), else a `top` / `ps` snapshot. */
  source: string;
  artifact: string;
  from: number;
  to: number;
  /** Sampling instants in [from, to] (1 for a snapshot). */
  samples: number;
  top: ProcessRef[];
}

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

/**
 * How a finding relates to its host's capture window (docs/diagnosis.md):
 * `active` held during it, `earlier` ended before it (a log of the day's
 * history), `later` began after it (a clock or a log written after capture).
 */
export type RelevanceKind = 'active' | 'earlier' | 'later';
export interface Relevance {
  kind: RelevanceKind;
  /** First and last evidence of the condition (host clock); null when it has no time. */
  first: number | null;
  last: number | null;
  /** `earlier`: how long before the window's start its last evidence was. */
  endedBeforeMs?: number;
  /** `later`: how long after the window's end its first evidence was. */
  beganAfterMs?: number;
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
  /** The one process the finding is about (an OOM kill's victim, the owner of CLOSE_WAIT sockets with what pidstat saw it do), when the evidence names it. */
  process?: ProcessRef;
  processes?: ProcessCpu;
  /**
   * Lock waits: the sessions the database names as holding the lock
   * (PostgreSQL's `Process holding the lock: N`), with their CPU and run-queue
   * wait over the waits' span when pidstat listed them (samples 0: it never did, they sat idle).
   */
  holders?: ProcessRef[];
  evidence: Evidence[];
  /** Evidence items left out to keep the finding small. */
  evidenceMore?: number;
  explanation: string;
  nextCommands: string[];
  /** Set by the diagnosis stage on every finding of an Analysis; rules leave it out. */
  relevance?: Relevance;
}
