/** Whole real log files of the corpus and the parser each calls for (corpus-files.test.ts, segments.test.ts). */
import { readdirSync } from 'node:fs';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';

const dir = (...p: string[]): string[] => (HAS_CORPUS ? readdirSync(corpusPath(...p)).map((f) => [...p, f].join('/')) : []);

/** [corpus path, parser id] */
export const FILES: ReadonlyArray<[string, string]> = [
  ...dir('percona-toolkit', 'lib', 'samples', 'errlogs')
    .filter((f) => !f.endsWith('patterns.txt'))
    .map((f): [string, string] => [f, 'mysql-error']),
  ...dir('percona-toolkit', 'lib', 'samples', 'slowlogs').map((f): [string, string] => [f, 'mysql-slow']),
  ['insights-core/test_mariadb_log/MARIADB_LOG.txt', 'mysql-error'],
  ...dir('insights-core', 'test_mysql_log').map((f): [string, string] => [f, 'mysql-error']),
  ...dir('insights-core', 'test_postgresql_log').map((f): [string, string] => [f, 'postgresql']),
  ['insights-core/test_httpd_log/ACCESS_LOG.txt', 'access-log'],
  ['insights-core/test_httpd_log/SSL_ACCESS_LOG.txt', 'access-log'],
  ['insights-core/test_httpd_log/ERROR_LOG.txt', 'web-error'],
  ['insights-core/test_httpd_log/SSL_ERROR_LOG.txt', 'web-error'],
  ['insights-core/test_httpd_log/HTTPD24_ERROR_LOG.txt', 'web-error'],
  ['insights-core/test_httpd_log/JBCS_HTTPD24_ERROR_LOG.txt', 'web-error'],
  ...dir('insights-core', 'test_nginx_log').map((f): [string, string] => [f, 'web-error']),
  ...dir('insights-core', 'test_journalctl')
    .filter((f) => f.includes('MSGINFO'))
    .map((f): [string, string] => [f, 'journal']),
  ['insights-core/test_messages/MSGINFO.txt', 'syslog'],
  ['insights-core/test_dmesg/TS_MSGINFO.txt', 'kernel'],
  ['insights-core/test_dmesg_log/DMESG_EXAMPLE.txt', 'kernel'],
  ['beats/filebeat/module/mysql/error/test/mariadb-10.4.8.log', 'mysql-error'],
  ['beats/filebeat/module/mysql/error/test/mysql-ubuntu-8.0.15.log', 'mysql-error'],
  ['beats/filebeat/module/postgresql/log/test/postgresql-12-default.log', 'postgresql'],
  ['beats/filebeat/module/postgresql/log/test/postgresql-9.6-debian-with-slowlog.log', 'postgresql'],
  ['beats/filebeat/module/nginx/access/test/test.log', 'access-log'],
  ...dir('beats', 'filebeat', 'module', 'system', 'syslog', 'test').map((f): [string, string] => [f, 'syslog']),
  ['lnav/test/logfile_mysql_error.0', 'mysql-error'],
  ['lnav/test/logfile_mysql_slow.0', 'mysql-slow'],
  ['lnav/test/logfile_postgres.0', 'postgresql'],
  ['lnav/test/logfile_postgres.1', 'postgresql'],
  ['lnav/test/logfile_postgres.2', 'postgresql'],
  ['lnav/test/logfile_access_log.0', 'access-log'],
  ['lnav/test/logfile_access_log.1', 'access-log'],
  ['lnav/test/logfile_shop_access_log.0', 'access-log'],
  ['lnav/test/logfile_syslog.0', 'syslog'],
  ['lnav/test/logfile_syslog.1', 'syslog'],
  ['lnav/test/logfile_syslog.2', 'syslog'],
  ['lnav/test/logfile_syslog.3', 'syslog'],
  ['lnav/test/logfile_with_zones.0', 'syslog'],
  ['lnav/test/logfile_java.0', 'app'],
  ['lnav/test/logfile_logfmt.0', 'app'],
  ['lnav/test/logfile_json.json', 'app'],
  ['lnav/test/logfile_epoch.0', 'app'],
  ['lnav/test/logfile_ts_value.0', 'app'],
];
