/**
 * Files filed by the technology their path names rather than by their
 * format: the family rules (LogParser.familyByPath) of the parsers that read
 * files of other programs, the generic `app` parser above all (a Redis log
 * is read as application lines but is the database's). Tested on the
 * collected path, lower-cased; in this order the app parser files a path
 * exactly as the catalogue's path regexes did before the parsers declared
 * families (test/parsers/log-family.test.ts).
 */
import type { FamilyRule } from '../../types.js';

export const KERNEL_FILES: FamilyRule = {
  path: /(^|\/)dmesg|kern\.log|\/kern(\.\d+)?(\.gz)?$/,
  family: 'kernel',
  why: 'the kernel ring buffer saved to a file, or the kernel facility rsyslog splits into kern.log',
};

export const WEB_ACCESS_FILES: FamilyRule = {
  path: /^(?=.*(?:nginx|apache|httpd|lighttpd|caddy)).*(?:access|ssl_request)/,
  family: 'web-access',
  why: "a web server's access log in a form no access-log parser reads (Caddy's JSON, a custom nginx log_format)",
};

export const WEB_ERROR_FILES: FamilyRule = {
  path: /nginx|apache|httpd|lighttpd|caddy/,
  family: 'web-error',
  why: "a web server's own log in a form the error-log parser does not read (Caddy's JSON, lighttpd's stamps)",
};

export const DB_FILES: FamilyRule = {
  path: /mysql|mariadb|postgres|pgsql|mongo|redis/,
  family: 'db',
  why: "a database's log the database parsers do not read (MongoDB, Redis, the MySQL general log)",
};

export const SYSLOG_FILES: FamilyRule = {
  path: /(^|\/)(syslog|messages|daemon\.log|user\.log)(\.\d+)?(\.gz)?$/,
  family: 'syslog',
  why: "the system log under its usual name, in a form the syslog parser does not read (a relay's own stamps)",
};
