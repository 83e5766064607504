/**
 * The capture script and the log parsers must agree on where logs are
 * (issue 20, item 7). The script stays one self-contained bash file, so its
 * discovery globs are not generated from the parsers; this test reads them
 * from the script and checks both directions:
 * - every glob the capture collects is a place some specific parser claims by
 *   path (or is read by content, listed below with the reason);
 * - every specific parser is reached by what the capture writes: a discovered
 *   path its `paths` claim, or an artifact name it is chosen by (journal,
 *   dmesg), unless listed below as reached only through `-l`;
 * - every glob collects the typical files listed for it, each filed under
 *   the family this test expects, as the parsers declare families
 *   (parsers/families.ts), and every family of the signal catalogue is
 *   collected: the capture's globs, the parsers' paths and the families
 *   cannot drift apart again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathFamily } from '../../src/parsers/families.js';
import { LOG_PARSERS } from '../../src/parsers/registry.js';
import { FALLBACK_LOG_PARSER, selectLogParser } from '../../src/parsers/select-log-parser.js';
import { FAMILIES, type SourceFamily } from '../../src/timeline/signals/index.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const SCRIPT = readFileSync(join(REPO_ROOT, 'scripts/sitrep-capture.sh'), 'utf8');

/** The quoted globs of discover_logs' first add_candidates call (continued lines included). */
function discoveryGlobs(script: string): string[] {
  const body = /\ndiscover_logs\(\) \{[\s\S]*?\n  add_candidates ((?:[^\n]*\\\n)*[^\n]*)\n/.exec(script);
  if (!body) throw new Error('discover_logs() { add_candidates ... } not found in sitrep-capture.sh');
  return [...body[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/** File-name parts real servers put where a glob has `*` (Debian, RHEL, the packages' defaults). */
const FILLERS = ['', '.1', 'access', 'error', 'ssl_access', 'mysql-slow', 'mariadb', 'postgresql-16-main', '16'];
const expand = (glob: string): string[] => FILLERS.map((f) => glob.replaceAll('*', f));

/** The specific parser a source path selects by path, or null (read by content, then the generic parser). */
function byPath(path: string): string | null {
  const choice = selectLogParser(`log:${path}`, path, []);
  return choice && choice.how === 'path' ? choice.parser.id : null;
}

/** Globs collected for a family no path rule can name: their parser is chosen from the lines. */
const READ_BY_CONTENT: Record<string, string> = {
  '/var/log/mysql.log*': 'the general query log or, on old Debian, the error log: the lines decide',
};

/** Parsers the default discovery never reaches: their files come in only with `-l GLOB`. */
const ONLY_WITH_L: Record<string, string> = {
  'postgresql-csv': 'csvlog files end in .csv; discovery collects *.log only',
};

describe('capture globs and parser paths', () => {
  const globs = discoveryGlobs(SCRIPT);

  it('reads the discovery globs from the script', () => {
    expect(globs).toContain('/var/log/syslog*');
    expect(globs).toContain('/var/log/nginx/*.log*');
    expect(globs.length).toBeGreaterThan(10);
  });

  it('every collected glob is a place a specific parser claims', () => {
    const unclaimed = globs.filter((g) => !(g in READ_BY_CONTENT) && !expand(g).some((p) => byPath(p) !== null));
    expect(unclaimed).toEqual([]);
    // A listed exception that a parser now claims is stale.
    expect(Object.keys(READ_BY_CONTENT).filter((g) => !globs.includes(g) || expand(g).some((p) => byPath(p) !== null))).toEqual([]);
  });

  it('every specific parser is reached by what the capture collects', () => {
    const claimed = new Set(globs.flatMap((g) => expand(g).flatMap((p) => byPath(p) ?? [])));
    // Artifacts chosen by name: the script must still write them under these names.
    for (const [name, cmd] of [
      ['journal', 'journalctl'],
      ['dmesg', 'dmesg'],
    ] as const) {
      expect(SCRIPT).toMatch(new RegExp(`\\n\\s*(?:once|run_artifact) ${name} ${name} [^\\n]*${cmd}`));
      const chosen = selectLogParser(name, null, []);
      if (chosen?.how === 'name') claimed.add(chosen.parser.id);
    }
    const specific = LOG_PARSERS.map((p) => p.id).filter((id) => id !== FALLBACK_LOG_PARSER);
    expect(specific.filter((id) => !claimed.has(id) && !(id in ONLY_WITH_L))).toEqual([]);
    expect(Object.keys(ONLY_WITH_L).filter((id) => claimed.has(id))).toEqual([]);
  });
});

/** Per discovery glob, the files it collects on Debian and RHEL with the packages' defaults, and the family each is. */
const TYPICAL: Readonly<Record<string, [string, SourceFamily][]>> = {
  '/var/log/syslog*': [
    ['/var/log/syslog', 'syslog'],
    ['/var/log/syslog.2.gz', 'syslog'],
  ],
  '/var/log/messages*': [
    ['/var/log/messages', 'syslog'],
    ['/var/log/messages-20261129', 'syslog'],
  ],
  '/var/log/kern.log*': [
    ['/var/log/kern.log', 'kernel'],
    ['/var/log/kern.log.1', 'kernel'],
  ],
  '/var/log/nginx/*.log*': [
    ['/var/log/nginx/access.log', 'web-access'],
    ['/var/log/nginx/error.log.1', 'web-error'],
  ],
  '/var/log/apache2/*.log*': [
    ['/var/log/apache2/other_vhosts_access.log', 'web-access'],
    ['/var/log/apache2/error.log', 'web-error'],
  ],
  '/var/log/httpd/*_log*': [
    ['/var/log/httpd/ssl_access_log', 'web-access'],
    ['/var/log/httpd/error_log-20261129', 'web-error'],
  ],
  '/var/log/httpd/*.log*': [
    ['/var/log/httpd/access.log', 'web-access'],
    ['/var/log/httpd/error.log', 'web-error'],
  ],
  '/var/log/mysql/*.log*': [
    ['/var/log/mysql/error.log', 'db'],
    ['/var/log/mysql/mysql-slow.log', 'db'],
  ],
  '/var/log/mysql.log*': [['/var/log/mysql.log', 'db']],
  '/var/log/mysqld.log*': [['/var/log/mysqld.log', 'db']],
  '/var/log/mysql/*.err*': [['/var/log/mysql/mysql.err', 'db']],
  '/var/log/mariadb/*.log*': [['/var/log/mariadb/mariadb.log', 'db']],
  '/var/lib/mysql/*.err': [['/var/lib/mysql/db1.err', 'db']],
  '/var/log/postgresql/*.log*': [['/var/log/postgresql/postgresql-16-main.log', 'db']],
  '/var/lib/pgsql/data/log/*.log': [['/var/lib/pgsql/data/log/postgresql-Mon.log', 'db']],
  '/var/lib/pgsql/*/data/log/*.log': [['/var/lib/pgsql/16/data/log/postgresql-Mon.log', 'db']],
  '/var/lib/pgsql/data/pg_log/*.log': [['/var/lib/pgsql/data/pg_log/postgresql-Mon.log', 'db']],
  '/var/lib/postgresql/*/main/log/*.log': [['/var/lib/postgresql/16/main/log/postgresql-2026-12-05.log', 'db']],
  '/var/lib/postgresql/*/main/pg_log/*.log': [['/var/lib/postgresql/9.6/main/pg_log/postgresql-2026-12-05.log', 'db']],
};

/** A bash glob as a regex over one path (`*` and `?` within a component). */
const globRe = (g: string): RegExp =>
  new RegExp(
    `^${g
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replaceAll('*', '[^/]*')
      .replaceAll('?', '[^/]')}$`,
  );

describe('capture globs and log families', () => {
  const globs = discoveryGlobs(SCRIPT);

  it('every collected glob collects typical files, each filed under the family expected of it', () => {
    expect(Object.keys(TYPICAL).sort(), 'a glob was added to or removed from discover_logs: give its typical files here').toEqual([...globs].sort());
    const wrong = Object.entries(TYPICAL).flatMap(([g, files]) =>
      files.flatMap(([path, fam]) => {
        if (!globRe(g).test(path)) return [`${path}: not collected by ${g}`];
        const got = pathFamily(`logs${path}`);
        return got === fam ? [] : [`${path}: ${got}, want ${fam}`];
      }),
    );
    expect(wrong).toEqual([]);
  });

  it('every family of the catalogue is collected', () => {
    const collected = new Set<SourceFamily>(Object.values(TYPICAL).flatMap((files) => files.map(([, fam]) => fam)));
    // The named artifacts (journal/journal.txt, cmd/dmesg.txt; their writes are checked above).
    for (const member of ['journal/journal.txt', 'cmd/dmesg.txt']) collected.add(pathFamily(member));
    // Logs that running processes hold open, wherever an application writes them.
    expect(SCRIPT).toMatch(/find \/proc\/\[0-9\]\*\/fd [^\n]*\n?[^\n]*-lname '\*\.log\*'/);
    collected.add(pathFamily('logs/opt/app/logs/app.log'));
    expect(FAMILIES.filter((f) => !collected.has(f))).toEqual([]);
  });
});
