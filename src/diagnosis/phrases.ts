/**
 * The words for what a finding is about, in one place: the diagnosis' reasons
 * and every renderer (the verdict sentence, the cause and victim lines) name a
 * cause by these, never by its USE resource alone ("application" says nothing
 * to a reader; "PostgreSQL lock waits" does). Built from the finding's own
 * data (subject, process, peak). Plain text: each output escapes it.
 */
import type { Finding } from './types.js';
import { fmtNum } from '../vocabulary/format.js';

export type Tech = 'PostgreSQL' | 'MySQL' | 'nginx' | 'Apache';

/** Which technology a log is about, from the parser that read it and its path. */
export function techOfLog(parser: string, path: string): Tech | null {
  if (parser.startsWith('postgresql')) return 'PostgreSQL';
  if (parser.startsWith('mysql')) return 'MySQL';
  if (parser === 'access-log' || parser === 'web-error') {
    if (/nginx/i.test(path)) return 'nginx';
    if (/apache|httpd/i.test(path)) return 'Apache';
  }
  return null;
}

/** What a log finding is about, by a timeline signal its evidence carries; the technology goes in front. */
export const SIGNAL_NOUN: Record<string, string> = {
  'db-lock-wait': 'lock waits',
  'db-lock-wait-timeout': 'lock wait timeouts',
  'db-deadlock': 'deadlocks',
  'db-too-many-connections': '"too many connections" refusals',
  'db-slow-query': 'slow queries',
  'db-slow-query-log': 'slow queries',
  'db-statement-timeout': 'statement timeouts',
  'oom-kill': 'OOM kills',
  'oom-kill-cgroup': 'OOM kills in a memory cgroup',
  'no-space-left': '"no space left on device" errors',
  'too-many-open-files': '"too many open files" errors',
  'disk-io-error': 'disk I/O errors',
  'conntrack-full': 'conntrack table overflows',
  'hung-task': 'hung tasks',
  'pool-exhausted': 'connection pool exhaustion',
  // 502 and 504 lines are counted with every 5xx (the http5xx concept): the finding's noun is theirs.
  'http-5xx': 'HTTP 5xx responses',
  'nginx-upstream-timeout': 'upstream timeouts',
  'nginx-upstream-connect-failed': 'failed connections to the upstream',
  'nginx-no-live-upstreams': '"no live upstreams" errors',
  'nginx-upstream-closed': 'upstreams closing connections early',
  'apache-proxy-read-failed': 'proxy read failures',
  'apache-proxy-connect-failed': 'failed proxy connections',
  'connection-refused': 'refused database connections',
  'connection-reset': 'reset database connections',
  'app-error': 'application errors',
};

/** One parenthesis for whatever qualifies the noun before it ("node (pid 12, peak 300)"): never "(pid 12) (peak 300)". */
const paren = (...parts: (string | null)[]): string => {
  const kept = parts.filter((p): p is string => p !== null && p !== '');
  return kept.length > 0 ? ` (${kept.join(', ')})` : '';
};
const pid = (f: Finding): string | null => (f.process && f.process.pid !== null ? `pid ${f.process.pid}` : null);
const peakOf = (f: Finding, unit = true): string | null =>
  f.peak && Number.isFinite(f.peak.value) ? `peak ${fmtNum(f.peak.value)}${unit ? ` ${f.peak.unit}` : ''}` : null;
/** ` <verb> node (pid 123, peak 300)` for a finding naming its process, else ` (peak 300)`. */
const owner = (f: Finding, verb: string, peak: string | null): string => (f.process ? ` ${verb} ${f.process.command}${paren(pid(f), peak)}` : paren(peak));
const proc = (f: Finding, peak: string | null = null): string => owner(f, 'held by', peak);
const by = (f: Finding, peak: string | null = null): string => owner(f, 'by', peak);
const peak = (f: Finding, unit = true): string => paren(peakOf(f, unit));
const of = (f: Finding, what: string): string => (f.subject && f.subject !== 'host' ? `${what} of ${f.subject}` : what);

/** One phrase per registry rule id (test/render/cause-phrase.test.ts checks every id has one): what a metric finding is about. */
export const RULE_PHRASE: Record<string, (f: Finding) => string> = {
  'cpu-errors': (f) => `CPU errors${peak(f)}`,
  'cpu-utilization': (f) => `CPU utilization${by(f, peakOf(f))}`,
  'cpu-imbalance': (f) => `${of(f, 'a single busy CPU')}${by(f, peakOf(f))}`,
  'cpu-steal': (f) => `CPU steal by the hypervisor${peak(f)}`,
  'cpu-saturation': (f) =>
    `a CPU run queue beyond the ${f.peak ? `${fmtNum(f.peak.threshold)} CPUs` : 'CPUs'}${by(f, f.peak ? `peak ${fmtNum(f.peak.value)} runnable` : null)}`,
  'cpu-load': (f) => `a load average above the CPUs${peak(f, false)}`,
  'cpu-pressure': (f) => `CPU pressure stalls${peak(f)}`,
  'memory-errors': (f) => `memory errors${peak(f)}`,
  'memory-utilization': (f) => `memory exhaustion${by(f, peakOf(f))}`,
  'memory-cache-collapse': (f) => `a collapse of the page cache${peak(f)}`,
  'swap-utilization': (f) => `swap filling up${peak(f)}`,
  'memory-swapping': (f) => `swapping${by(f, peakOf(f))}`,
  'memory-paging': (f) => `major page faults${by(f, peakOf(f))}`,
  'memory-pressure': (f) => `memory pressure stalls${peak(f)}`,
  'disk-errors': (f) => of(f, 'I/O errors'),
  'disk-utilization': (f) => `${of(f, 'busy time')}${peak(f)}`,
  'disk-saturation': (f) => `${of(f, 'an I/O queue')}${peak(f)}`,
  'io-pressure': (f) => `I/O pressure stalls${peak(f)}`,
  'fs-enospc': (f) => of(f, '"no space left" errors'),
  'fs-capacity': (f) => `${of(f, 'a full filesystem')}${peak(f)}`,
  'net-errors': (f) => `${of(f, 'network errors')}${peak(f)}`,
  'net-throughput': (f) => `${of(f, 'a saturated link')}${peak(f)}`,
  'net-drops': (f) => `${of(f, 'dropped packets')}${peak(f)}`,
  'tcp-retransmits': (f) => `TCP retransmits${peak(f)}`,
  'conntrack-full': (f) => `conntrack table overflows${peak(f)}`,
  'tcp-time-wait': (f) => `TIME_WAIT sockets piling up${proc(f, peakOf(f, false))}`,
  'tcp-close-wait': (f) => `CLOSE_WAIT sockets${proc(f, peakOf(f, false))}`,
  'tcp-listen-overflow': (f) => `${of(f, 'listen queue overflows')}${proc(f, peakOf(f))}`,
  'fd-errors': (f) => `"too many open files" errors${by(f)}`,
  'fd-system': (f) => `the system file-descriptor limit${peak(f)}`,
  'fd-process': (f) => `file descriptors${proc(f)} near their limit${peak(f, false)}`,
  'tasks-errors': (f) => `fork failures${by(f)}`,
  'tasks-limit': (f) => `the task (pid) limit${peak(f)}`,
  'kernel-errors': (f) => `kernel errors${peak(f)}`,
  'app-errors': (f) => `${of(f, 'application errors')}${peak(f)}`,
  'db-locks': (f) => `database lock waits${peak(f)}`,
};
