/**
 * Timeline signal ids the rules read, in one place so they align with the
 * signal catalogue (src/timeline/signals/). Each concept lists the ids that
 * mean it; a rule matches any of them.
 */
export const SIGNALS = {
  mce: ['mce'],
  oomKill: ['oom-kill', 'oom-kill-cgroup'],
  allocFailure: ['page-allocation-failure'],
  ioError: ['disk-io-error'],
  fsError: ['fs-error'],
  readOnly: ['fs-readonly'],
  enospc: ['no-space-left'],
  conntrack: ['conntrack-full'],
  synFlood: ['syn-flood'],
  emfile: ['too-many-open-files'],
  fork: ['fork-failed'],
  kernelFault: ['kernel-panic', 'kernel-oops', 'kernel-bug', 'soft-lockup', 'rcu-stall', 'hung-task', 'workqueue-lockup'],
  http5xx: ['http-5xx', 'http-502', 'http-504'],
  // Apache's AH00898 (apache-proxy-error) is left out: it repeats the AH01102 line of the same request.
  upstreamTimeout: [
    'nginx-upstream-timeout',
    'nginx-upstream-connect-failed',
    'nginx-no-live-upstreams',
    'nginx-upstream-closed',
    'apache-proxy-read-failed',
    'apache-proxy-connect-failed',
  ],
  poolExhausted: ['pool-exhausted'],
  dbTimeout: ['db-statement-timeout'],
  dbConnRefused: ['connection-refused', 'connection-reset'],
  tooManyConnections: ['db-too-many-connections'],
  appError: ['app-error'],
  lockWait: ['db-lock-wait', 'db-lock-wait-timeout'],
  deadlock: ['db-deadlock'],
} as const satisfies Record<string, readonly string[]>;

export type SignalConcept = keyof typeof SIGNALS;

export function conceptOf(signal: string | undefined): SignalConcept | null {
  if (!signal) return null;
  for (const [concept, ids] of Object.entries(SIGNALS)) {
    if ((ids as readonly string[]).includes(signal)) return concept as SignalConcept;
  }
  return null;
}
