/**
 * The one-pass scanners that replaced quadratic regexes (issue 15) find what
 * those regexes found: seeded mutants of real lines, compared with the old
 * regex (kept here as the reference, run only on short lines).
 */
import { describe, expect, it } from 'vitest';
import { pairs } from '../../src/parsers/logs/mysql-slow.js';
import { userDb } from '../../src/parsers/logs/postgresql.js';
import { mutants } from '../helpers/seeded.js';

const OLD_PAIRS = /([A-Za-z_]+): +(\S+)/g;
const OLD_USER_DB = /user=([^,\s\]]*),\s*db=([^,\s\]]*)/;

describe('linear scanners equal the regexes they replaced', () => {
  it('mysql-slow key: value pairs', () => {
    const base = [
      '# Query_time: 12.000245  Lock_time: 0.000070 Rows_sent: 1  Rows_examined: 2',
      '# Thread_id: 7  Schema: shop  QC_hit: No',
      '# Bytes_sent: 52  Tmp_tables: 0 Full_scan: Yes\u00a0x: y',
    ];
    const alphabet = [':', ' ', '  ', ': ', 'a', '_', '\t', '#', 'Q: ', '\u00a0', '1'];
    for (const line of mutants(3000, 15, (i) => base[i % base.length]!, alphabet)) {
      const want = [...line.matchAll(OLD_PAIRS)].map((m) => [m[1], m[2]]);
      expect([...pairs(line)], line).toEqual(want);
    }
  });

  it('postgresql user=,db= prefix', () => {
    const base = ['2017-09-06 08:41:43 UTC [44]: [371-1] user=postgres,db=postgres,app=pgbench ', '[12] user=a, db=b ', 'user=user=x,db=y]'];
    const alphabet = ['user=', ',', ' ', 'db=', ']', 'x', '\t', ', '];
    for (const line of mutants(3000, 16, (i) => base[i % base.length]!, alphabet)) {
      const m = OLD_USER_DB.exec(line);
      expect(userDb(line), line).toEqual(m ? [m[0], m[1], m[2]] : null);
    }
  });
});
