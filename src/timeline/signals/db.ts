/** Database tier signals (PostgreSQL and MySQL server logs, and the same errors as clients report them). */
import type { SignalDef, SourceFamily } from './types.js';

/** Lines produced on the dev machine by PostgreSQL 15.18 (max_connections=5, log_lock_waits=on, deadlock_timeout=300ms, log_min_duration_statement=200), 2026-11-26. */
const PG_RUN = 'PostgreSQL 15.18 run on the dev machine (lock waits, timeouts, deadlock, connection limit)';
const PG_LOG = 'logs/var/log/postgresql/postgresql-15-main.log';
const APP_LOG = 'logs/var/log/app/app.log';
const GH = 'https://github.com';
/** Lock and statement errors are reported by the server and, with the same text, by its clients. */
const DB_AND_CLIENTS: SourceFamily[] = ['db', 'app', 'syslog', 'journal'];

/** PostgreSQL `duration:` lines at or above this are slow (ours: 1 s; log_min_duration_statement decides what is logged at all). */
export const PG_SLOW_MS = 1000;
/** MySQL slow-log events at or above this Query_time (seconds) are slow (ours; long_query_time decides what is logged). */
export const MYSQL_SLOW_S = 1;

export const DB: SignalDef[] = [
  {
    id: 'db-too-many-connections',
    title: 'Database refused a connection: too many connections',
    resource: 'application',
    kind: 'saturation',
    severity: 'critical',
    sources: ['db'],
    literals: ['too many clients', 'connection slots are reserved', 'Too many connections'],
    regex: /sorry, too many clients already|remaining connection slots are reserved|Too many connections/,
    blame: 'self',
    meaning:
      'The database is at max_connections: new sessions are refused. Either clients leak or hold connections (look at the app tier) or queries got slow and sessions pile up.',
    samples: [
      { line: '2026-11-26 05:13:14.745 UTC [14632] postgres@postgres FATAL:  sorry, too many clients already', source: PG_LOG, origin: PG_RUN },
      {
        line: '2026-11-26 05:13:14.207 UTC [14622] app@postgres FATAL:  remaining connection slots are reserved for non-replication superuser connections',
        source: PG_LOG,
        origin: PG_RUN,
      },
    ],
  },
  {
    id: 'db-lock-wait-timeout',
    title: 'Lock wait timeout',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: DB_AND_CLIENTS,
    literals: ['Lock wait timeout exceeded', 'due to lock timeout'],
    regex: /Lock wait timeout exceeded|canceling statement due to lock timeout/,
    blame: 'self',
    meaning: 'A statement gave up waiting for a row or table lock held by another transaction: look for a long transaction holding locks.',
    samples: [
      { line: '2026-11-26 05:13:09.452 UTC [14510] postgres@postgres ERROR:  canceling statement due to lock timeout', source: PG_LOG, origin: PG_RUN },
      {
        line: "     message: 'ER_LOCK_WAIT_TIMEOUT: Lock wait timeout exceeded&#x3b; try restarting transaction',",
        source: APP_LOG,
        origin: `${GH}/mozilla/fxa-auth-server/issues/432`,
      },
    ],
  },
  {
    id: 'db-lock-wait',
    title: 'Session waiting for a lock',
    resource: 'application',
    kind: 'saturation',
    severity: 'warning',
    sources: ['db'],
    literals: ['still waiting for'],
    regex: /still waiting for (?<lock>\w+) on .*? after (?<ms>[\d.]+) ms/,
    blame: 'self',
    meaning: 'PostgreSQL (log_lock_waits) reports a session blocked on a lock longer than deadlock_timeout: lock contention is queueing work.',
    samples: [
      {
        line: '2026-11-26 05:13:08.252 UTC [14510] postgres@postgres LOG:  process 14510 still waiting for ShareLock on transaction 725 after 300.161 ms',
        source: PG_LOG,
        origin: PG_RUN,
        expectFields: { lock: 'ShareLock', ms: 300.161 },
      },
    ],
  },
  {
    id: 'db-deadlock',
    title: 'Deadlock',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: DB_AND_CLIENTS,
    literals: ['eadlock'],
    regex: /Deadlock found|deadlock detected|detected deadlock/,
    blame: 'self',
    meaning: 'Two transactions waited on each other; one was rolled back. Frequent deadlocks mean conflicting lock order in the application.',
    samples: [
      { line: '2026-11-26 05:13:11.968 UTC [14573] postgres@postgres ERROR:  deadlock detected', source: PG_LOG, origin: PG_RUN },
      {
        line: "archivematica-mcp-client_1       | OperationalError: (1213, 'Deadlock found when trying to get lock; try restarting transaction')",
        source: APP_LOG,
        origin: `${GH}/artefactual/archivematica/issues/1198`,
      },
    ],
  },
  {
    id: 'db-statement-timeout',
    title: 'Statement timeout',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: DB_AND_CLIENTS,
    literals: ['due to statement timeout'],
    regex: /canceling statement due to statement timeout/,
    blame: 'self',
    meaning: 'A query ran past statement_timeout and was cancelled: the database is slow (saturated resource, lock, bad plan).',
    samples: [
      { line: '2026-11-26 05:13:10.790 UTC [14529] postgres@postgres ERROR:  canceling statement due to statement timeout', source: PG_LOG, origin: PG_RUN },
    ],
  },
  {
    id: 'db-slow-query',
    title: `Slow query (PostgreSQL duration >= ${PG_SLOW_MS} ms)`,
    resource: 'application',
    kind: 'saturation',
    severity: 'warning',
    sources: ['db'],
    literals: ['duration: '],
    regex: /duration: (?<ms>\d+(?:\.\d+)?) ms/,
    threshold: { group: 'ms', min: PG_SLOW_MS },
    blame: 'self',
    meaning: 'A statement took at least a second: a saturated resource under the database, lock waits, or a bad plan.',
    samples: [
      {
        line: '2026-11-26 05:13:09.650 UTC [14507] postgres@postgres LOG:  duration: 2003.489 ms  statement: begin; update t set v=1 where id=1; select pg_sleep(2); commit;',
        source: PG_LOG,
        origin: PG_RUN,
        expectFields: { ms: 2003.489 },
      },
    ],
  },
  {
    id: 'db-slow-query-log',
    title: `Slow query (MySQL slow log, Query_time >= ${MYSQL_SLOW_S} s)`,
    resource: 'application',
    kind: 'saturation',
    severity: 'warning',
    sources: ['db'],
    field: { field: 'query_time', min: MYSQL_SLOW_S },
    blame: 'self',
    meaning: 'An entry of the MySQL slow query log above the threshold (the mysql-slow parser gives fields.query_time in seconds).',
    samples: [
      {
        line: '# Query_time: 2  Lock_time: 0  Rows_sent: 1  Rows_examined: 0',
        source: 'logs/var/log/mysql/mysql-slow.log',
        fields: { query_time: 2 },
        origin: 'percona-toolkit/lib/samples/slowlogs/slow001.txt',
      },
    ],
  },
];
