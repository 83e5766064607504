/**
 * The one explicit list of parsers. Adding a parser means adding it here,
 * with its page docs/parsers/<id>.md and real inputs (a command parser's
 * artifacts in test/recordings, a log parser's sample lines);
 * test/parsers/conformance.test.ts checks every entry has them.
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
export const LOG_PARSERS: readonly LogParser[] = [journal, kernel, accessLog, webError, mysqlError, mysqlSlow, postgresqlCsv, postgresql, syslog, app];

/**
 * Every manifest artifact name a command parser reads, with that parser. The
 * models read artifacts through this map (models/samples.ts), so an artifact's
 * records have its parser's own output type: a misspelt artifact name or a
 * field the parser's type does not declare is a compile error. The
 * conformance test checks it against each parser's artifactNames.
 */
export const PARSER_BY_ARTIFACT = {
  df,
  'df-i': df,
  'fd-counts': fdCounts,
  free,
  iostat,
  'ip-s-link': ipLink,
  'log-writers': logWriters,
  mpstat,
  'net-speed': netSpeed,
  'netstat-s': netstatS,
  'netstat-antp': netstat,
  netstat,
  nstat,
  pidstat,
  'proc-diskstats': procDiskstats,
  'proc-file-nr': procFileNr,
  'file-nr': procFileNr,
  'proc-loadavg': procLoadavg,
  'proc-meminfo': procMeminfo,
  'proc-net-dev': procNetDev,
  'proc-net-snmp': procNetSnmp,
  'proc-net-netstat': procNetSnmp,
  'proc-pressure-cpu': procPressure,
  'proc-pressure-memory': procPressure,
  'proc-pressure-io': procPressure,
  'proc-net-sockstat': procSockstat,
  'proc-sockstat': procSockstat,
  'proc-stat': procStat,
  'proc-vmstat': procVmstat,
  ps,
  'sar-history': sadfJson,
  'sar-net': sar,
  'ss-s': ssSummary,
  'ss-tanp': ss,
  'ss-tanpi': ss,
  'ss-lnt': ss,
  ss,
  sysctl,
  top,
  ulimit,
  uptime,
  vmstat,
} as const;

export type ArtifactName = keyof typeof PARSER_BY_ARTIFACT;

/** One record of a parser's output: an element of its array data, or its object data. */
export type OutputRecord<P> = P extends CommandParser<infer T> ? (T extends readonly (infer R)[] ? R : T) : never;

/** The record type of an artifact, from the parser that reads it. */
export type ArtifactRecord<N extends ArtifactName> = OutputRecord<(typeof PARSER_BY_ARTIFACT)[N]>;

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
