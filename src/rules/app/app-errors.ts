/** Error bursts in web/app logs: 5xx, upstream timeouts, pool exhaustion, DB timeouts, too many connections. */
import type { Rule } from '../types.js';
import { eventFindings } from '../helpers.js';

const LABEL: Record<string, string> = {
  http5xx: 'HTTP 5xx responses',
  upstreamTimeout: 'upstream timeouts/errors (proxy → app)',
  poolExhausted: 'connection pool exhausted',
  dbTimeout: 'database timeouts',
  dbConnRefused: 'database connection errors',
  tooManyConnections: '"too many connections" refusals',
  appError: 'application error-level events',
};

export const appErrors: Rule = {
  meta: {
    id: 'app-errors',
    resource: 'application',
    signal: 'errors',
    severity: 'warning',
    title: 'Application error bursts',
    options: {
      minCount: { default: 3, unit: 'events', source: '(ours)', description: 'events of one kind before it is a burst (one error is not an incident)' },
      criticalCount: { default: 50, unit: 'events', source: '(ours)', description: 'events of one kind that make it critical' },
    },
    explanation:
      'Classified log events from web, app and database logs: 5xx responses and "upstream timed out" on a proxy point at the tier behind it; pool exhaustion, DB timeouts and "too many connections" in an app point at the database. These are usually victims: the diagnosis follows them down the tiers to the resource that saturated first.',
    nextCommands: ['tail -n 200 /var/log/nginx/error.log', 'journalctl -u <app> --since -15min', "awk '$9 ~ /^5/' /var/log/nginx/access.log | tail"],
  },
  check(ctx) {
    return eventFindings(
      ctx,
      this.meta,
      ['http5xx', 'upstreamTimeout', 'poolExhausted', 'dbTimeout', 'dbConnRefused', 'tooManyConnections', 'appError'],
      (n, c) => `${n} ${LABEL[c] ?? c}`,
      { minCount: ctx.options.minCount!, criticalCount: ctx.options.criticalCount! },
    );
  },
};
