/**
 * Which family (the signal catalogue's SourceFamily) a log is, against which
 * parser reads it (issue 20, item 7). The family came from regexes over the
 * path (the catalogue's old sourceFamily, kept here verbatim as
 * OLD_SOURCE_FAMILY) and the parser from `paths` and detect(): two lists that
 * disagreed on 154 of the 318 paths below (the corpus's log files, the
 * samples' log members, the places servers write logs). Now the parsers
 * declare the family (LogParser.family, familyByPath) and parsers/families.ts
 * derives it. DISAGREEMENTS_BEFORE lists every disagreement there was, each
 * group with its reason and whether the change fixed it (the family is now
 * the format's) or kept it (declared: kern.log is syslog lines of the kernel).
 */
import { describe, expect, it } from 'vitest';
import { familyOf } from '../../src/parsers/families.js';
import { logParser } from '../../src/parsers/registry.js';
import { selectLogParser } from '../../src/parsers/select-log-parser.js';
import { sourceFamily, type SourceFamily } from '../../src/timeline/signals/index.js';
import { logPaths, type LogPath } from './log-paths.js';

/** catalogue.ts sourceFamily() before issue 20 item 7, verbatim. */
export function OLD_SOURCE_FAMILY(source: string): SourceFamily {
  const s = source.toLowerCase();
  if (/(^|\/)dmesg|kern\.log|\/kern(\.\d+)?(\.gz)?$/.test(s)) return 'kernel';
  if (s.startsWith('journal/')) return 'journal';
  if (/nginx|apache|httpd|lighttpd|caddy/.test(s)) return /access|ssl_request/.test(s) ? 'web-access' : 'web-error';
  if (/mysql|mariadb|postgres|pgsql|mongo|redis/.test(s)) return 'db';
  if (/(^|\/)(syslog|messages|daemon\.log|user\.log)(\.\d+)?(\.gz)?$/.test(s)) return 'syslog';
  return 'app';
}

/** The family each format's lines are: what each parser must declare. */
const FORMAT_FAMILY: Record<string, SourceFamily> = {
  journal: 'journal',
  kernel: 'kernel',
  'access-log': 'web-access',
  'web-error': 'web-error',
  'mysql-error': 'db',
  'mysql-slow': 'db',
  'postgresql-csv': 'db',
  postgresql: 'db',
  syslog: 'syslog',
  app: 'app',
};

/** The artifact name the capture gives a member (selectLogParser chooses journal and dmesg by it). */
export function artifactName(member: string): string {
  if (member === 'cmd/dmesg.txt') return 'dmesg';
  if (member.startsWith('journal/')) return 'journal';
  return `log:/${member.replace(/^logs\//, '')}`;
}

/** The parser the loader chooses for a member (its collected path, then its first lines) and the family it stamps (log-segment.ts). */
export function readerOf(p: LogPath): { id: string; how: string; family: SourceFamily } {
  const source = p.member.startsWith('logs/') ? `/${p.member.slice(5)}` : null;
  const c = selectLogParser(artifactName(p.member), source, p.head)!;
  return { id: c.parser.id, how: c.how, family: familyOf(c.parser, source ?? p.member) };
}

/** [member pattern, family by path, parser, why they differ, kept or fixed]: every disagreement falls in exactly one. */
type Group = [RegExp, SourceFamily, string, string, 'kept' | 'fixed'];
const SYSLOG_LINES = 'syslog-format lines at a path the regexes do not name: filed as app, so the kernel and systemd entries were never tried on them';
const NAMED = 'no specific parser claims the path: read by the generic parser (or by what its lines are), filed by the technology its path names (intended)';
const ACCESS_LINES = 'access-log lines filed as an error log or app: the status and latency entries (web-access) were never tried';
export const DISAGREEMENTS_BEFORE: readonly Group[] = [
  [
    /^logs\/var\/log\/kern\.log(\.1)?$/,
    'kernel',
    'syslog',
    'rsyslog splits the kernel facility into kern.log: syslog format, kernel family (intended)',
    'kept',
  ],
  [
    /^logs\/var\/log\/(auth\.log|secure|cron|mail\.log|maillog)$/,
    'app',
    'syslog',
    'syslog claims these by path; the regexes named only syslog, messages, daemon.log, user.log',
    'fixed',
  ],
  [/^logs\/var\/log\/messages-\d{8}$/, 'app', 'syslog', 'a dated rotation (RHEL) of messages: the regexes knew only .N rotations', 'fixed'],
  [/^logs\/var\/log\/(nginx\/api\.log|caddy\/caddy\.log)$|caddy_log|lighttpd-auth/, 'web-error', 'app', NAMED, 'kept'],
  [/^logs\/var\/log\/httpd\/ssl_request_log$/, 'web-access', 'app', NAMED, 'kept'],
  [/^logs\/var\/log\/(mysql\.log|redis\/redis-server\.log|mongodb\/mongod\.log)$|logfile_mongodb|logfile_mysql_gen/, 'db', 'app', NAMED, 'kept'],
  [
    /^logs\/srv\/shop\/logs\/access\.log$/,
    'app',
    'access-log',
    "the access-log parser claims *access.log anywhere; the regexes filed it web only under a web server's name",
    'fixed',
  ],
  [
    /fail2ban\/.*\/mongodb-auth$/,
    'db',
    'syslog',
    'mongod 3.x lines (ISO stamp, [conn1]) are taken by the syslog parser; by technology they are the database (intended)',
    'kept',
  ],
  [/logfile_(syslog_with_)?\w*access_log\.\d$|fail2ban\/.*\/(openhab|php-url-fopen|traefik-auth)$/, 'app', 'access-log', ACCESS_LINES, 'fixed'],
  [/fail2ban\/.*\/(apache-(badbots|fakegooglebot|pass)|nginx-(bad-request|botsearch))$/, 'web-error', 'access-log', ACCESS_LINES, 'fixed'],
  [/^logs\/(lnav|fail2ban|beats\/filebeat\/module\/system|insights-core\/test_messages)\//, 'app', 'syslog', SYSLOG_LINES, 'fixed'],
  [
    /logfile_journald\.json|test_journalctl\//,
    'app',
    'journal',
    'journal exports at paths no regex names (the journal parser claims journal*.txt|json)',
    'fixed',
  ],
  [/insights-core\/test_dmesg\//, 'app', 'kernel', 'dmesg output saved under another name: read by the kernel parser, filed app', 'fixed'],
  [
    /percona-toolkit\/lib\/samples\/(errlogs|slowlogs)\//,
    'app',
    'mysql-(error|slow)',
    'MySQL error and slow logs under names without mysql: read by the MySQL parsers, filed app',
    'fixed',
  ],
  [/fail2ban\/.*\/zoneminder$/, 'app', 'web-error', 'Apache error lines under an application name: read by the error-log parser, filed app', 'fixed'],
];

interface Row {
  member: string;
  /** By the old regexes. */
  old: SourceFamily;
  /** As the loader stamps it now. */
  family: SourceFamily;
  /** sourceFamily(): from the path alone. */
  byPath: SourceFamily;
  parser: string;
  how: string;
}

function groupOf(r: Row): Group | undefined {
  return DISAGREEMENTS_BEFORE.find(([re, fam, parser]) => re.test(r.member) && fam === r.old && new RegExp(`^(${parser})$`).test(r.parser));
}

const format = (r: Row): SourceFamily => logParser(r.parser)!.family;

describe('log family by path against the parser that reads the log', () => {
  const paths = logPaths();
  const rows: Row[] = paths.map((p) => {
    const reader = readerOf(p);
    return { member: p.member, old: OLD_SOURCE_FAMILY(p.member), family: reader.family, byPath: sourceFamily(p.member), parser: reader.id, how: reader.how };
  });

  it('covers the corpus, the samples and the server paths', () => {
    const by = (o: LogPath['origin']): number => paths.filter((p) => p.origin === o).length;
    console.log(`[log-family] ${paths.length} paths: ${by('corpus')} corpus, ${by('samples')} samples, ${by('server')} server`);
    expect(by('samples')).toBeGreaterThan(0);
    expect(by('server')).toBeGreaterThan(30);
  });

  it("each log parser declares its format's family", () => {
    for (const [id, fam] of Object.entries(FORMAT_FAMILY)) expect(logParser(id)?.family, id).toBe(fam);
  });

  it('before: every disagreement of the old regexes with the parser is a listed one, and every listed one happened', () => {
    const apart = rows.filter((r) => FORMAT_FAMILY[r.parser] !== r.old);
    const unlisted = apart.filter((r) => !groupOf(r)).map((r) => `${r.member}: ${r.old} by path, read by ${r.parser} (${r.how})`);
    expect(unlisted, unlisted.join('\n')).toEqual([]);
    const unused = DISAGREEMENTS_BEFORE.filter((g) => !apart.some((r) => groupOf(r) === g)).map((g) => String(g[0]));
    expect(unused).toEqual([]);
    for (const g of DISAGREEMENTS_BEFORE)
      console.log(`[log-family] ${g[4]}: ${apart.filter((r) => groupOf(r) === g).length} ${g[1]} by path, read by ${g[2]}: ${g[3]}`);
    console.log(`[log-family] before: ${apart.length} of ${rows.length} paths disagreed`);
  });

  it('after: the family changed only where listed as fixed, to the format of the parser', () => {
    const wrong = rows.flatMap((r) => {
      const fixed = groupOf(r)?.[4] === 'fixed';
      const want = fixed ? format(r) : r.old;
      return r.family === want ? [] : [`${r.member} (${r.parser}): ${r.family}, want ${want}${fixed ? ' (fixed)' : ' (as before)'}`];
    });
    expect(wrong, wrong.join('\n')).toEqual([]);
    console.log(`[log-family] after: ${rows.filter((r) => r.family !== r.old).length} paths change family, all listed as fixed`);
  });

  it("after: a family other than the format's is a kept one, declared by the parser that reads the file", () => {
    const apart = rows.filter((r) => r.family !== format(r));
    const undeclared = apart.filter((r) => groupOf(r)?.[4] !== 'kept' || !logParser(r.parser)!.familyByPath?.some((x) => x.family === r.family));
    expect(undeclared.map((r) => r.member)).toEqual([]);
    console.log(`[log-family] after: ${apart.length} of ${rows.length} paths are filed apart from their format, each declared`);
  });

  it('from the path alone (sourceFamily) the family differs only where the lines chose the parser', () => {
    const apart = rows.filter((r) => r.byPath !== r.family);
    expect(apart.filter((r) => r.how !== 'detect').map((r) => `${r.member}: ${r.byPath} by path, ${r.family} read by ${r.parser} (${r.how})`)).toEqual([]);
    console.log(`[log-family] ${apart.length} paths whose lines chose a parser of another family than their path's: the loader stamps the family`);
  });
});
