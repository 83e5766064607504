/**
 * What a metric rule's cause is, as a noun phrase built from its finding's own
 * data (subject, process, peak), keyed by rule id: "CLOSE_WAIT sockets held by
 * node (pid 123)" reads better than the finding's title in the lead sentence.
 * Plain text: each output escapes it.
 */
import type { Finding } from '../diagnosis/types.js';
import { fmtNum, oneLine } from './text.js';

/** ` <verb> node (pid 123)` for a finding naming its process, else nothing. */
const owner = (f: Finding, verb: string): string =>
  f.process ? ` ${verb} ${oneLine(f.process.command)}${f.process.pid !== null ? ` (pid ${f.process.pid})` : ''}` : '';
const proc = (f: Finding): string => owner(f, 'held by');
const peak = (f: Finding, unit = true): string =>
  f.peak && Number.isFinite(f.peak.value) ? ` (peak ${fmtNum(f.peak.value)}${unit ? ` ${f.peak.unit}` : ''})` : '';
const of = (f: Finding, what: string): string => (f.subject && f.subject !== 'host' ? `${what} of ${oneLine(f.subject)}` : what);
const by = (f: Finding): string => owner(f, 'by');

/** One phrase per registry rule id (test/render/cause-phrase.test.ts checks every id has one). */
export const RULE_PHRASE: Record<string, (f: Finding) => string> = {
  'cpu-errors': (f) => `CPU errors${peak(f)}`,
  'cpu-utilization': (f) => `CPU utilization${by(f)}${peak(f)}`,
  'cpu-imbalance': (f) => `${of(f, 'a single busy CPU')}${by(f)}${peak(f)}`,
  'cpu-steal': (f) => `CPU steal by the hypervisor${peak(f)}`,
  'cpu-saturation': (f) =>
    `a CPU run queue beyond the ${f.peak ? `${fmtNum(f.peak.threshold)} CPUs` : 'CPUs'}${by(f)}${f.peak ? ` (peak ${fmtNum(f.peak.value)} runnable)` : ''}`,
  'cpu-load': (f) => `a load average above the CPUs${peak(f, false)}`,
  'cpu-pressure': (f) => `CPU pressure stalls${peak(f)}`,
  'memory-errors': (f) => `memory errors${peak(f)}`,
  'memory-utilization': (f) => `memory exhaustion${by(f)}${peak(f)}`,
  'memory-cache-collapse': (f) => `a collapse of the page cache${peak(f)}`,
  'swap-utilization': (f) => `swap filling up${peak(f)}`,
  'memory-swapping': (f) => `swapping${by(f)}${peak(f)}`,
  'memory-paging': (f) => `major page faults${by(f)}${peak(f)}`,
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
  'tcp-time-wait': (f) => `TIME_WAIT sockets piling up${proc(f)}${peak(f, false)}`,
  'tcp-close-wait': (f) => `CLOSE_WAIT sockets${proc(f)}${peak(f, false)}`,
  'tcp-listen-overflow': (f) => `${of(f, 'listen queue overflows')}${proc(f)}${peak(f)}`,
  'fd-errors': (f) => `"too many open files" errors${by(f)}`,
  'fd-system': (f) => `the system file-descriptor limit${peak(f)}`,
  'fd-process': (f) => `file descriptors${proc(f)} near their limit${peak(f, false)}`,
  'tasks-errors': (f) => `fork failures${by(f)}`,
  'tasks-limit': (f) => `the task (pid) limit${peak(f)}`,
  'kernel-errors': (f) => `kernel errors${peak(f)}`,
  'app-errors': (f) => `${of(f, 'application errors')}${peak(f)}`,
  'db-locks': (f) => `database lock waits${peak(f)}`,
};

/** The rule's phrase for a finding, or null for a rule the table does not know. */
export function rulePhrase(f: Finding): string | null {
  const p = Object.hasOwn(RULE_PHRASE, f.rule) ? RULE_PHRASE[f.rule] : undefined;
  return p ? p(f) : null;
}
