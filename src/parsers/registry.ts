/**
 * The one explicit list of parsers. Adding a parser means adding it here,
 * with docs (docs/parsers.md) and fixtures; test/parsers/conformance.test.ts
 * checks every entry has them.
 */
import type { CommandParser, LogParser } from './types.js';
import { df } from './commands/df.js';
import { fdCounts } from './commands/fd-counts.js';
import { free } from './commands/free.js';
import { iostat } from './commands/iostat.js';
import { ipLink } from './commands/ip-link.js';
import { logWriters } from './commands/log-writers.js';
import { netSpeed } from './commands/net-speed.js';
import { mpstat } from './commands/mpstat.js';
import { netstatS } from './commands/netstat-s.js';
import { netstat } from './commands/netstat.js';
import { nstat } from './commands/nstat.js';
import { pidstat } from './commands/pidstat.js';
import { procDiskstats } from './commands/proc-diskstats.js';
import { procFileNr } from './commands/proc-file-nr.js';
import { procLoadavg } from './commands/proc-loadavg.js';
import { procMeminfo } from './commands/proc-meminfo.js';
import { procNetDev } from './commands/proc-net-dev.js';
import { procNetSnmp } from './commands/proc-net-snmp.js';
import { procPressure } from './commands/proc-pressure.js';
import { procSockstat } from './commands/proc-sockstat.js';
import { procStat } from './commands/proc-stat.js';
import { procVmstat } from './commands/proc-vmstat.js';
import { ps } from './commands/ps.js';
import { sadfJson } from './commands/sadf-json.js';
import { sar } from './commands/sar.js';
import { ssSummary } from './commands/ss-summary.js';
import { ss } from './commands/ss.js';
import { sysctl } from './commands/sysctl.js';
import { top } from './commands/top.js';
import { ulimit } from './commands/ulimit.js';
import { uptime } from './commands/uptime.js';
import { vmstat } from './commands/vmstat.js';
import { accessLog } from './logs/access-log.js';
import { app } from './logs/app.js';
import { journal } from './logs/journal.js';
import { kernel } from './logs/kernel.js';
import { mysqlError } from './logs/mysql-error.js';
import { mysqlSlow } from './logs/mysql-slow.js';
import { postgresqlCsv } from './logs/postgresql-csv.js';
import { postgresql } from './logs/postgresql.js';
import { syslog } from './logs/syslog.js';
import { webError } from './logs/web-error.js';

export const COMMAND_PARSERS: readonly CommandParser[] = [
  df,
  fdCounts,
  free,
  iostat,
  ipLink,
  logWriters,
  netSpeed,
  mpstat,
  netstatS,
  netstat,
  nstat,
  pidstat,
  procDiskstats,
  procFileNr,
  procLoadavg,
  procMeminfo,
  procNetDev,
  procNetSnmp,
  procPressure,
  procSockstat,
  procStat,
  procVmstat,
  ps,
  sadfJson,
  sar,
  ssSummary,
  ss,
  sysctl,
  top,
  ulimit,
  uptime,
  vmstat,
];

/** Order matters for detection: specific formats first, the generic application parser last. */
export const LOG_PARSERS: readonly LogParser[] = [
  journal,
  kernel,
  accessLog,
  webError,
  mysqlError,
  mysqlSlow,
  postgresqlCsv,
  postgresql,
  syslog,
  app,
];

export function commandParser(id: string): CommandParser | undefined {
  return COMMAND_PARSERS.find((p) => p.id === id);
}

export function logParser(id: string): LogParser | undefined {
  return LOG_PARSERS.find((p) => p.id === id);
}

/** The command parser for a manifest artifact name (`proc-meminfo`, `sar-history:sa25`). */
export function commandParserForArtifact(name: string): CommandParser | undefined {
  const base = name.split(':')[0] ?? name;
  return COMMAND_PARSERS.find((p) => p.artifactNames.includes(base));
}
