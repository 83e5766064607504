/**
 * The log paths the family oracle (log-family.test.ts) runs over, each with
 * the first lines that choose its parser when no path does:
 * - every log file of the shared corpus, as a collected path `/<corpus path>`
 *   (the fixture names say the technology: `fail2ban/.../nginx-http-auth`,
 *   `lnav/test/logfile_mongodb.0`), with its real first lines;
 * - the log members of the committed samples/ bundles, with their first lines;
 * - the places a real server writes its logs (the capture's discovery globs
 *   filled in, and the files it finds open), path only.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DETECT_LINES } from '../../src/parsers/log-segment.js';
import { CORPUS, HAS_CORPUS, REPO_ROOT } from '../helpers/corpus.js';
import { linesOf } from './logs/run.js';

export interface LogPath {
  /** The member path in a bundle (`logs/var/log/syslog`, `cmd/dmesg.txt`). */
  member: string;
  /** The first lines, or none (the path alone decides). */
  head: string[];
  origin: 'corpus' | 'samples' | 'server';
}

/** Corpus folders of whole log files (command outputs, kernel consoles and JSON sample sets are not collected logs). */
const CORPUS_LOG_DIRS = [
  'lnav/test',
  'fail2ban/fail2ban/tests/files/logs',
  'fail2ban/fail2ban/tests/files/logs/bsd',
  'beats/filebeat/module/mysql/error/test',
  'beats/filebeat/module/nginx/access/test',
  'beats/filebeat/module/nginx/error/test',
  'beats/filebeat/module/postgresql/log/test',
  'beats/filebeat/module/system/syslog/test',
  'insights-core/test_httpd_log',
  'insights-core/test_nginx_log',
  'insights-core/test_mysql_log',
  'insights-core/test_mariadb_log',
  'insights-core/test_postgresql_log',
  'insights-core/test_messages',
  'insights-core/test_journalctl',
  'insights-core/test_dmesg',
  'insights-core/test_dmesg_log',
  'percona-toolkit/lib/samples/errlogs',
  'percona-toolkit/lib/samples/slowlogs',
];

const headOf = (text: string): string[] => linesOf(text.slice(0, 64 * 1024)).slice(0, DETECT_LINES);

function corpusLogs(): LogPath[] {
  if (!HAS_CORPUS) return [];
  const out: LogPath[] = [];
  for (const dir of CORPUS_LOG_DIRS) {
    for (const f of readdirSync(join(CORPUS, dir)).sort()) {
      const rel = `${dir}/${f}`;
      if (!statSync(join(CORPUS, rel)).isFile() || (dir === 'lnav/test' && !f.startsWith('logfile_')) || f.endsWith('-expected.json')) continue;
      out.push({ member: `logs/${rel}`, head: headOf(readFileSync(join(CORPUS, rel), 'latin1')), origin: 'corpus' });
    }
  }
  return out;
}

function sampleLogs(): LogPath[] {
  const out: LogPath[] = [];
  const root = join(REPO_ROOT, 'samples');
  for (const scenario of readdirSync(root).sort()) {
    for (const tier of readdirSync(join(root, scenario)).filter((f) => f.endsWith('.tar.gz'))) {
      const tgz = join(root, scenario, tier);
      const members = execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n');
      for (const m of members.filter((x) => /^[^/]+\/(logs\/.+|cmd\/dmesg\.txt|journal\/.+)$/.test(x) && !x.endsWith('/'))) {
        const text = execFileSync('tar', ['-xzOf', tgz, m], { encoding: 'latin1', maxBuffer: 256 << 20 });
        out.push({ member: m.slice(m.indexOf('/') + 1), head: headOf(text), origin: 'samples' });
      }
    }
  }
  return out;
}

/** Where servers write logs: what the capture's globs find on Debian and RHEL, the files it finds open, and its named artifacts. */
const SERVER_PATHS = [
  'cmd/dmesg.txt',
  'journal/journal.txt',
  '/var/log/syslog',
  '/var/log/syslog.2.gz',
  '/var/log/messages',
  '/var/log/messages-20261201',
  '/var/log/kern.log',
  '/var/log/kern.log.1',
  '/var/log/dmesg',
  '/var/log/auth.log',
  '/var/log/secure',
  '/var/log/cron',
  '/var/log/daemon.log',
  '/var/log/user.log',
  '/var/log/mail.log',
  '/var/log/maillog',
  '/var/log/nginx/access.log',
  '/var/log/nginx/error.log',
  '/var/log/nginx/api.log',
  '/var/log/apache2/access.log',
  '/var/log/apache2/other_vhosts_access.log',
  '/var/log/apache2/error.log',
  '/var/log/httpd/access_log',
  '/var/log/httpd/ssl_access_log',
  '/var/log/httpd/ssl_request_log',
  '/var/log/httpd/error_log',
  '/var/log/lighttpd/access.log',
  '/var/log/lighttpd/error.log',
  '/var/log/caddy/access.log',
  '/var/log/caddy/caddy.log',
  '/var/log/mysql/error.log',
  '/var/log/mysql/mysql-slow.log',
  '/var/log/mysql.log',
  '/var/log/mysqld.log',
  '/var/lib/mysql/db1.err',
  '/var/log/mariadb/mariadb.log',
  '/var/log/postgresql/postgresql-16-main.log',
  '/var/lib/pgsql/data/log/postgresql-Mon.log',
  '/var/lib/postgresql/16/main/log/postgresql-2026-12-05.csv',
  '/var/log/redis/redis-server.log',
  '/var/log/mongodb/mongod.log',
  '/srv/shop/logs/access.log',
  '/opt/app/logs/app.log',
  '/home/deploy/app/shared/log/production.log',
];

function serverLogs(): LogPath[] {
  return SERVER_PATHS.map((p) => ({ member: p.startsWith('/') ? `logs${p}` : p, head: [], origin: 'server' }));
}

export function logPaths(): LogPath[] {
  return [...corpusLogs(), ...sampleLogs(), ...serverLogs()];
}
