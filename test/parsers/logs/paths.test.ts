/** Which parser's `paths` claim the usual log locations, in registry order (the loader's path routing). */
import { describe, expect, it } from 'vitest';
import { LOG_PARSERS } from '../../../src/parsers/registry.js';

function byPath(path: string): string | undefined {
  return LOG_PARSERS.find((p) => p.id !== 'app' && p.paths.some((re) => re.test(path)))?.id;
}

const CASES: ReadonlyArray<[string, string | undefined]> = [
  ['/var/log/syslog', 'syslog'],
  ['/var/log/messages', 'syslog'],
  ['/var/log/kern.log', 'syslog'],
  ['/var/log/auth.log', 'syslog'],
  ['/var/log/secure', 'syslog'],
  ['/var/log/dmesg', 'kernel'],
  ['/var/log/nginx/access.log', 'access-log'],
  ['/var/log/apache2/other_vhosts_access.log', 'access-log'],
  ['/var/log/httpd/access_log', 'access-log'],
  ['/var/log/nginx/error.log', 'web-error'],
  ['/var/log/apache2/error.log', 'web-error'],
  ['/var/log/httpd/error_log', 'web-error'],
  ['/var/log/httpd/ssl_error_log', 'web-error'],
  ['/var/log/mysql/error.log', 'mysql-error'],
  ['/var/log/mysqld.log', 'mysql-error'],
  ['/var/lib/mysql/db1.err', 'mysql-error'],
  ['/var/log/mysql/mysql-slow.log', 'mysql-slow'],
  ['/var/log/mysql/mysql.log', undefined],
  ['/var/log/postgresql/postgresql-15-main.log', 'postgresql'],
  ['/var/lib/pgsql/data/log/postgresql-Thu.csv', 'postgresql-csv'],
  ['/var/log/myapp/app.log', undefined],
];

describe('log paths route to the right parser', () => {
  it.each(CASES)('%s → %s', (path, id) => {
    expect(byPath(path)).toBe(id);
  });
});
