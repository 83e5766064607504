/**
 * Which jc fixtures (../shared/corpus/jc/<dir>/<name>.out with <name>.json)
 * belong to which sitrep parser. Fixtures of commands sitrep does not parse
 * (arp, lsblk, route tables...) are out of scope and not listed.
 */
export interface JcFixtureRule {
  /** Matches the fixture's base name (without .out). */
  pattern: RegExp;
  /** Only in this corpus folder (linux-proc files share names with commands). */
  dir?: string;
  /** Never in this folder. */
  notDir?: string;
  parser: string;
}

export const JC_FIXTURE_RULES: readonly JcFixtureRule[] = [
  { pattern: /^vmstat/, notDir: 'linux-proc', parser: 'vmstat' },
  { pattern: /^iostat/, parser: 'iostat' },
  { pattern: /^mpstat/, parser: 'mpstat' },
  { pattern: /^pidstat/, parser: 'pidstat' },
  { pattern: /^free/, parser: 'free' },
  { pattern: /^top-b/, parser: 'top' },
  { pattern: /^uptime$/, notDir: 'linux-proc', parser: 'uptime' },
  { pattern: /^df/, parser: 'df' },
  { pattern: /^ps-/, parser: 'ps' },
  { pattern: /^ss-/, parser: 'ss' },
  // netstat -r / -i print routing and interface tables, not connections: out of scope.
  { pattern: /^netstat(?!-(r|i\b|rne|rnee))/, parser: 'netstat' },
  { pattern: /^sysctl/, parser: 'sysctl' },
  { pattern: /^stat2?$/, dir: 'linux-proc', parser: 'proc-stat' },
  { pattern: /^meminfo$/, dir: 'linux-proc', parser: 'proc-meminfo' },
  { pattern: /^vmstat$/, dir: 'linux-proc', parser: 'proc-vmstat' },
  { pattern: /^diskstats$/, dir: 'linux-proc', parser: 'proc-diskstats' },
  { pattern: /^loadavg$/, dir: 'linux-proc', parser: 'proc-loadavg' },
  { pattern: /^net_dev$/, dir: 'linux-proc', parser: 'proc-net-dev' },
  { pattern: /^net_netstat$/, dir: 'linux-proc', parser: 'proc-net-snmp' },
];

export function parserForFixture(dir: string, base: string): string | undefined {
  for (const r of JC_FIXTURE_RULES) {
    if (r.dir && r.dir !== dir) continue;
    if (r.notDir && r.notDir === dir) continue;
    if (r.pattern.test(base)) return r.parser;
  }
  return undefined;
}
