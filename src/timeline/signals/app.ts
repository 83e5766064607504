/** Signals any program logs (fd and disk exhaustion, fork failures, refused connections, pools), systemd, generic errors. */
import type { SignalDef, SourceFamily } from './types.js';

/**
 * Every family whose text a program writes about itself. Not web-access: an
 * access line's text is the client's request, so `GET /EMFILE` would read as
 * the server's fd exhaustion; access lines are classified by their fields only.
 */
const ALL: SourceFamily[] = ['kernel', 'syslog', 'journal', 'web-error', 'db', 'app'];
/** Clients' view of their dependencies: application logs and what they write to syslog/journal. */
const CLIENTS: SourceFamily[] = ['app', 'syslog', 'journal'];
const SYSTEMD: SourceFamily[] = ['journal', 'syslog', 'kernel'];
const APP_LOG = 'logs/var/log/app/app.log';
const DMESG = 'cmd/dmesg.txt';
const GH = 'https://github.com';
/** Programs run on the dev machine (node v20.20.2, bash 5.2, python 3) to produce real error lines, 2026-11-26. */
const DEV = 'run on the dev machine:';

export const APP: SignalDef[] = [
  {
    id: 'too-many-open-files',
    title: 'Too many open files (EMFILE)',
    resource: 'file-descriptors',
    kind: 'errors',
    severity: 'critical',
    sources: ALL,
    literals: ['Too many open files', 'too many open files', 'EMFILE'],
    regex: /[Tt]oo many open files|EMFILE/,
    blame: 'self',
    meaning:
      'A process hit its open-file limit (ulimit -n / worker_rlimit_nofile): it cannot accept connections or open files. Compare fd-counts with the limits.',
    samples: [
      {
        line: '2026/11/26 05:12:58 [crit] 14241#14241: accept4() failed (24: Too many open files)',
        source: 'logs/var/log/nginx/error.log',
        origin: 'nginx/1.22.1 run on the dev machine with worker_rlimit_nofile 24 and 40 idle clients',
      },
      { line: "Error: EMFILE: too many open files, open '/etc/hostname'", source: APP_LOG, origin: `${DEV} node with ulimit -n 30 opening files in a loop` },
    ],
  },
  {
    id: 'no-space-left',
    title: 'No space left on device (ENOSPC)',
    resource: 'storage-capacity',
    kind: 'errors',
    severity: 'critical',
    sources: ALL,
    literals: ['No space left on device', 'ENOSPC'],
    regex: /No space left on device|ENOSPC/,
    blame: 'self',
    meaning: 'A write failed because the file system is full (space or inodes): check df and df -i.',
    samples: [{ line: 'bash: line 1: echo: write error: No space left on device', source: APP_LOG, origin: `${DEV} bash writing to /dev/full` }],
  },
  {
    id: 'fork-failed',
    title: 'fork failed',
    resource: 'tasks',
    kind: 'errors',
    severity: 'critical',
    sources: ALL,
    literals: ['fork:', "can't fork", 'fork failed', 'Cannot fork'],
    regex: /fork(?:: retry)?: (?:Resource temporarily unavailable|Cannot allocate memory)|can't fork|fork failed|Cannot fork/,
    blame: 'self',
    meaning: 'A process could not be created: the user hit its process limit (ulimit -u, pids cgroup) or the kernel threads-max/pid_max, or memory ran out.',
    samples: [
      { line: 'bash: fork: retry: Resource temporarily unavailable', source: APP_LOG, origin: `${DEV} bash as nobody with ulimit -u 1` },
      {
        line: 'bash: fork: Cannot allocate memory',
        source: APP_LOG,
        origin: `${DEV} bash -c in a full v1 memory cgroup (24 MiB, OOM killer disabled) running ( : ), Debian 12, kernel 6.18`,
      },
    ],
  },
  {
    id: 'pool-exhausted',
    title: 'Connection pool exhausted / database refused the client',
    resource: 'application',
    kind: 'saturation',
    severity: 'critical',
    sources: CLIENTS,
    literals: [
      'timeout exceeded when trying to connect',
      'pool exhausted',
      'Pool exhausted',
      'Connection is not available, request timed out',
      'remaining connection slots',
      'too many clients',
      'Too many connections',
    ],
    regex:
      /timeout exceeded when trying to connect|[Pp]ool exhausted|Connection is not available, request timed out after (?<waitMs>\d+)ms|remaining connection slots are reserved|sorry, too many clients already|Too many connections/,
    blame: 'downstream',
    meaning:
      'The application waited for a database connection and gave up (or the database refused one): look at the database tier and at how long connections are held.',
    samples: [
      {
        line: 'Caused by: java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30014ms.',
        source: APP_LOG,
        origin: `${GH}/brettwooldridge/HikariCP/issues/963`,
        expectFields: { waitMs: 30014 },
      },
      {
        line: 'psql: error: connection to server at "127.0.0.1", port 15432 failed: FATAL:  sorry, too many clients already',
        source: APP_LOG,
        origin: `${DEV} psql against PostgreSQL 15.18 with max_connections=5`,
      },
      {
        line: 'PDOException: SQLSTATE[HY000] [1040] Too many connections in lock_may_be_available() (line 167 of /srv/wappalyzer.com/includes/lock.inc).',
        source: APP_LOG,
        origin: `${GH}/wappalyzer/wappalyzer/issues/1192`,
      },
    ],
  },
  {
    id: 'connection-refused',
    title: 'Connection refused (ECONNREFUSED)',
    resource: 'network',
    kind: 'errors',
    severity: 'warning',
    sources: CLIENTS,
    literals: ['ECONNREFUSED', 'onnection refused'],
    regex: /ECONNREFUSED|[Cc]onnection refused/,
    blame: 'downstream',
    meaning: 'Nothing accepted the connection at the destination: the service it calls is down, restarting, or its accept queue is full.',
    samples: [
      { line: 'Error: connect ECONNREFUSED 127.0.0.1:1', source: APP_LOG, origin: `${DEV} node net.connect to a closed port` },
      { line: "ConnectionRefusedError(111, 'Connection refused')", source: APP_LOG, origin: `${DEV} python socket.create_connection to a closed port` },
    ],
  },
  {
    id: 'connection-reset',
    title: 'Connection reset (ECONNRESET)',
    resource: 'network',
    kind: 'errors',
    severity: 'warning',
    sources: CLIENTS,
    literals: ['ECONNRESET', 'onnection reset'],
    regex: /ECONNRESET|[Cc]onnection reset by peer/,
    blame: 'downstream',
    meaning: 'The peer aborted the connection: it crashed, was killed, hit a limit, or a middlebox dropped the flow.',
    samples: [
      { line: 'Error: connect ECONNRESET 127.0.0.1:18090', source: APP_LOG, origin: `${DEV} node client against a server calling resetAndDestroy()` },
      {
        line: 'Aug 22 12:09:41 server dovecot: imap-login: Login aborted: Connection closed: read(size=653) failed: Connection reset by peer (no auth attempts in 1 secs): user=<>, rip=192.0.2.6, lip=192.0.2.1',
        source: 'logs/var/log/syslog',
        origin: 'fail2ban/fail2ban/tests/files/logs/dovecot',
      },
    ],
  },
  {
    id: 'service-failed',
    title: 'systemd unit failed',
    resource: 'application',
    kind: 'errors',
    severity: 'critical',
    sources: SYSTEMD,
    literals: ['Failed with result'],
    regex: /(?<unit>\S+): Failed with result '(?<result>[^']+)'/,
    blame: 'self',
    meaning: 'A service stopped in failure (result says why: exit-code, signal, oom-kill, timeout, watchdog).',
    samples: [
      {
        line: "[257269.319175] systemd[1]: systemd-journald.service: Failed with result 'watchdog'.",
        source: DMESG,
        origin: `${GH}/stratis-storage/stratisd/issues/812`,
        expectFields: { unit: 'systemd-journald.service', result: 'watchdog' },
      },
    ],
  },
  {
    id: 'service-exited',
    title: 'systemd: main process exited',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: SYSTEMD,
    literals: ['Main process exited, code='],
    regex: /(?<unit>\S+): Main process exited, code=(?<code>\w+), status=(?<status>\S+)/,
    blame: 'self',
    meaning: 'The main process of a service ended (code=killed status=9/KILL after an OOM kill; code=dumped for a crash).',
    samples: [
      {
        line: 'Jan 09 14:32:25 H systemd[34]: testsuite-55-testbloat.service: Main process exited, code=killed, status=9/KILL',
        source: 'logs/var/log/syslog',
        origin: `${GH}/systemd/systemd/pull/22032`,
        expectFields: { unit: 'testsuite-55-testbloat.service', code: 'killed', status: '9/KILL' },
      },
    ],
  },
  {
    id: 'service-restart-scheduled',
    title: 'systemd: restart scheduled',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: SYSTEMD,
    literals: ['Scheduled restart job'],
    regex: /(?<unit>\S+): Scheduled restart job, restart counter is at (?<counter>\d+)/,
    blame: 'self',
    meaning: 'systemd is restarting a service that stopped (Restart=); a rising counter means a crash loop.',
    samples: [
      {
        line: '[    3.257539] systemd[1]: systemd-journald.service: Scheduled restart job, restart counter is at 1.',
        source: DMESG,
        origin: 'abrt/tests/examples/oops-without-addrs.test',
        expectFields: { unit: 'systemd-journald.service', counter: 1 },
      },
    ],
  },
  {
    id: 'service-started',
    title: 'systemd: unit started',
    resource: 'application',
    kind: 'errors',
    severity: 'info',
    sources: SYSTEMD,
    literals: ['Started '],
    programs: ['systemd', 'kernel'],
    // From the journal/syslog parsers (program systemd) the message starts at `Started`; in dmesg (program kernel) it keeps `systemd[1]: `.
    regex: /(?:^|systemd\[\d+\]: )Started (?<unit>[^\n]+?)\.?$/,
    blame: 'self',
    meaning: 'A unit (re)started: context for restarts after failures; not an anomaly by itself.',
    samples: [
      {
        line: '[    0.828717] systemd[1]: Started Apply Kernel Variables.',
        source: DMESG,
        origin: 'percona-toolkit/pt-summary/samples/Linux/005/dmesg_file',
        expectFields: { unit: 'Apply Kernel Variables' },
      },
    ],
  },
  {
    id: 'app-error',
    title: 'Application error-level event',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: ['app'],
    levels: ['error', 'crit', 'alert', 'emerg'],
    blame: 'self',
    meaning: 'An application logged at error level or worse and no more specific signal matched.',
    samples: [
      {
        line: '[2017-11-09T02:12:24Z ERROR main] this is printed by default',
        source: APP_LOG,
        level: 'error',
        origin: 'lnav/format-samples/env_logger_log.samples.json',
      },
    ],
  },
];
