/**
 * The mechanism table: how one resource's trouble causes another's on the
 * same machine, each edge with its source. The diagnosis links a victim to
 * a cause only through an edge of this table (or a pointer, docs/diagnosis.md);
 * "same host, later onset" is not a link. Data, not code: a new edge is a new
 * row, and the row says where the mechanism is written down.
 */
import type { Resource, Signal } from '../vocabulary/types.js';

/** Which findings an edge end matches: every given field must match. */
export interface Match {
  rules?: readonly string[];
  resource?: Resource;
  signal?: Signal;
  /** Subjects (log signal concepts for log findings). */
  subjects?: readonly string[];
}

export interface MechanismEdge {
  id: string;
  /**
   * `mechanism`: the two findings overlap in time on one machine.
   * `same-process`: both name the same process (pid, or the process writing the log the errors are in).
   */
  kind: 'mechanism' | 'same-process';
  from: Match;
  to: Match;
  /** The cause must begin strictly before the victim (not merely overlap it). */
  strictOrder?: boolean;
  /** The victim must not be the cause's own process (OOM kill of P → errors of P's peers). */
  otherProcess?: boolean;
  /**
   * Who must have been starved for the edge to hold (links.ts): the victim's
   * lock holder, or the victim's own process; pidstat shows it waiting for a CPU.
   */
  starved?: 'lock-holder' | 'process';
  /** One clause for the reasoning: `memory exhaustion drives swapping`. */
  says: string;
  source: string;
}

const USE = 'Gregg, USE method Linux checklist (shared/reference/use-method.md)';
/** Application errors that say a call failed: what a starved or missing peer looks like from the caller. */
const CALL_FAILURES = ['http5xx', 'upstreamTimeout', 'dbTimeout', 'dbConnRefused', 'appError'] as const;
const MEMORY_SHORT: Match = { rules: ['memory-utilization', 'memory-pressure', 'memory-cache-collapse', 'memory-errors'] };
const SWAPPING: Match = { rules: ['memory-swapping', 'memory-paging'] };
const FD_EXHAUSTED: Match = { resource: 'file-descriptors' };

export const MECHANISMS: readonly MechanismEdge[] = [
  {
    id: 'memory-swapping',
    kind: 'mechanism',
    from: MEMORY_SHORT,
    to: SWAPPING,
    says: 'memory running out drives the kernel to swap and page',
    source: `${USE}, memory saturation: si/so > 0, page scanning; kernel Documentation/admin-guide/mm/concepts.rst (reclaim)`,
  },
  {
    id: 'swapping-disk',
    kind: 'mechanism',
    from: SWAPPING,
    to: { resource: 'storage-io' },
    says: 'swapping and paging are disk I/O: they saturate the device and raise iowait',
    source: `${USE}, memory saturation (swapping) and storage I/O saturation; kernel Documentation/admin-guide/mm/concepts.rst (swap)`,
  },
  {
    id: 'swapping-iowait',
    kind: 'mechanism',
    from: SWAPPING,
    to: { rules: ['io-pressure'] },
    says: 'tasks wait on swap-in I/O',
    source: 'kernel Documentation/accounting/psi.rst (io and memory stalls)',
  },
  {
    id: 'oom-kill-peer-errors',
    kind: 'mechanism',
    from: { rules: ['memory-errors'], subjects: ['oomKill'] },
    to: { rules: ['app-errors'], subjects: CALL_FAILURES },
    otherProcess: true,
    says: "the OOM killer ended a process, and its peers' calls to it fail",
    source: `${USE}, memory errors: OOM killer; kernel Documentation/admin-guide/mm/concepts.rst (OOM killer)`,
  },
  {
    id: 'capacity-enospc',
    kind: 'mechanism',
    from: { rules: ['fs-capacity'] },
    to: { rules: ['fs-enospc'] },
    says: 'a full file system fails writes with ENOSPC',
    source: `${USE}, storage capacity: once full, ENOSPC; write(2) ENOSPC`,
  },
  {
    id: 'enospc-write-errors',
    kind: 'mechanism',
    from: { resource: 'storage-capacity' },
    to: { rules: ['app-errors', 'db-locks'], subjects: ['appError', 'dbTimeout'] },
    says: 'writes that fail with ENOSPC surface as application errors',
    source: `${USE}, storage capacity errors: "No space left on device" in any log`,
  },
  {
    id: 'time-wait-connect-failures',
    kind: 'mechanism',
    from: { rules: ['tcp-time-wait'] },
    to: { rules: ['app-errors'], subjects: ['upstreamTimeout', 'dbConnRefused', 'appError'] },
    says: 'TIME_WAIT holding the ephemeral port range makes connect() fail (EADDRNOTAVAIL)',
    source:
      'kernel Documentation/networking/ip-sysctl.rst (ip_local_port_range, tcp_tw_reuse); connect(2) EADDRNOTAVAIL; TCP section of shared/reference/use-method.md',
  },
  {
    id: 'conntrack-drops',
    kind: 'mechanism',
    from: { rules: ['conntrack-full'] },
    to: { rules: ['net-drops', 'tcp-retransmits'] },
    says: 'a full conntrack table drops packets, and dropped segments are retransmitted',
    source: 'kernel Documentation/networking/nf_conntrack-sysctl.rst (nf_conntrack_max); TCP section of shared/reference/use-method.md',
  },
  {
    id: 'drops-retransmits',
    kind: 'mechanism',
    from: { rules: ['net-drops'] },
    to: { rules: ['tcp-retransmits'] },
    says: 'dropped segments are retransmitted',
    source: `${USE}, network saturation: drops, overruns, TCP retransmits`,
  },
  {
    id: 'cpu-latency-timeouts',
    kind: 'mechanism',
    from: { resource: 'cpu', signal: 'saturation' },
    to: { rules: ['app-errors'], subjects: ['upstreamTimeout', 'dbTimeout', 'http5xx'] },
    says: 'runnable threads waiting for a CPU add latency until callers time out',
    source: `${USE}, CPU saturation: vmstat r > CPU count`,
  },
  // A lock wait is the holder's doing: CPU saturation explains it only when the holder itself waited for a CPU.
  {
    id: 'cpu-starved-lock-holder',
    kind: 'mechanism',
    from: { resource: 'cpu', signal: 'saturation' },
    to: { rules: ['db-locks'], subjects: ['lockWait'] },
    starved: 'lock-holder',
    says: 'the session holding the lock waited for a CPU, so it held the lock longer and the others queued behind it',
    source: `${USE}, CPU saturation: run queue latency; pidstat(1) %wait; PostgreSQL log_lock_waits (Process holding the lock)`,
  },
  {
    id: 'cpu-starved-close-wait',
    kind: 'mechanism',
    from: { rules: ['cpu-saturation'] },
    to: { rules: ['tcp-close-wait'] },
    strictOrder: true,
    // A leak beside a CPU hog is still a leak: only a socket owner held back by the run queue closes late because of it.
    starved: 'process',
    says: 'a server starved of CPU (run queue beyond the cores) gets to close() its sockets late, so CLOSE_WAIT grows while it waits',
    source: 'TCP section of shared/reference/use-method.md: CLOSE_WAIT is "a leak, or a process too saturated to get to it"; Gregg, CPU saturation: run queue',
  },
  {
    id: 'fd-accept-failures',
    kind: 'mechanism',
    from: FD_EXHAUSTED,
    to: { rules: ['app-errors', 'tcp-listen-overflow'], subjects: ['http5xx', 'upstreamTimeout', 'dbConnRefused', 'appError'] },
    says: 'at the descriptor limit accept() and connect() fail, and callers see refused or dropped connections',
    source: `${USE}, file descriptors: EMFILE; accept(2) and socket(2) EMFILE/ENFILE`,
  },
  {
    id: 'close-wait-fd-limit',
    kind: 'same-process',
    from: { rules: ['tcp-close-wait'] },
    to: FD_EXHAUSTED,
    says: 'every CLOSE_WAIT socket keeps its descriptor open until close(), so the leak runs the process into its descriptor limit',
    source: 'TCP section of shared/reference/use-method.md (CLOSE_WAIT until the application calls close()); close(2); getrlimit(2) RLIMIT_NOFILE',
  },
  {
    id: 'cpu-hog-own-timeouts',
    kind: 'same-process',
    from: { resource: 'cpu', signal: 'saturation' },
    to: { rules: ['app-errors'], subjects: ['appError', 'dbTimeout', 'upstreamTimeout'] },
    says: 'the process that burns the CPU times out its own work',
    source: `${USE}, CPU saturation; per-process CPU from pidstat`,
  },
];

export function matches(m: Match, f: { rule: string; resource: Resource; signal: Signal; subject?: string }): boolean {
  return (
    (!m.rules || m.rules.includes(f.rule)) &&
    (!m.resource || m.resource === f.resource) &&
    (!m.signal || m.signal === f.signal) &&
    (!m.subjects || (f.subject !== undefined && m.subjects.includes(f.subject)))
  );
}
