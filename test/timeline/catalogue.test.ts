/** The catalogue's own tests, RuleTester-style: every entry's real sample lines must classify to it; real benign lines to nothing. */
import { describe, expect, it } from 'vitest';
import { FAMILIES, SIGNALS, classify, classifyDetail, sourceFamily } from '../../src/timeline/signals/index.js';
import { FAMILY_SOURCE, eventOf } from './helpers.js';

describe('catalogue shape', () => {
  it('has unique ids and every entry is described', () => {
    const ids = SIGNALS.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const d of SIGNALS) {
      expect(d.sources.length, d.id).toBeGreaterThan(0);
      expect(d.literals || d.field || d.levels, `${d.id} needs a prefilter, field or level condition`).toBeTruthy();
      expect(d.meaning.length, d.id).toBeGreaterThan(20);
      expect(d.samples.length > 0 || d.noSample !== undefined, `${d.id} has no sample and no reason`).toBe(true);
      for (const s of d.samples) expect(s.origin, d.id).not.toBe('');
    }
  });

  it('has a literal prefilter for every text regex (indexOf before any regex)', () => {
    for (const d of SIGNALS) if (d.regex) expect(d.literals?.length ?? 0, d.id).toBeGreaterThan(0);
  });

  it('maps artifact paths to source families', () => {
    for (const f of FAMILIES) expect(sourceFamily(FAMILY_SOURCE[f])).toBe(f);
    expect(sourceFamily('logs/var/log/kern.log')).toBe('kernel');
    expect(sourceFamily('logs/var/log/messages')).toBe('syslog');
    expect(sourceFamily('logs/var/log/httpd/error_log')).toBe('web-error');
    expect(sourceFamily('logs/var/log/mysql/error.log')).toBe('db');
  });
});

describe('valid: each sample line classifies to its entry', () => {
  for (const d of SIGNALS) {
    for (const [i, s] of d.samples.entries()) {
      it(`${d.id} #${i + 1} (${s.origin.slice(0, 60)})`, () => {
        const source = s.source ?? FAMILY_SOURCE[d.sources[0]!];
        expect(d.sources, 'sample source must be one the entry applies to').toContain(sourceFamily(source));
        const ev = eventOf(s.line, source, {
          ...(s.fields ? { fields: s.fields } : {}),
          ...(s.level ? { level: s.level } : {}),
          ...(s.program ? { program: s.program } : {}),
        });
        const got = classifyDetail(ev);
        expect(got?.def.id).toBe(d.id);
        if (s.expectFields) expect(got?.fields).toMatchObject(s.expectFields);
      });
    }
  }
});

// Real lines that look close to a signal but are not one; each must classify to nothing.
const INVALID: { line: string; source: string; fields?: Record<string, number>; origin: string }[] = [
  { line: '[  207.849710] Machine check injector initialized', source: FAMILY_SOURCE.kernel, origin: 'abrt/tests/examples/mce2.test' },
  { line: '[  209.024284] Starting machine check poll CPU 0', source: FAMILY_SOURCE.kernel, origin: 'abrt/tests/examples/mce2.test' },
  { line: '[   63.636754] EDAC DEBUG: get_dimm_config: mc#1: Node ID: 1, source ID: 1', source: FAMILY_SOURCE.kernel, origin: 'abrt/tests/examples/mce2.test' },
  { line: "Oops: efitime: can't read time!", source: FAMILY_SOURCE.kernel, origin: 'abrt/tests/examples/oops5.test' },
  { line: '[    1.350355] XFS (sda1): Ending clean mount', source: FAMILY_SOURCE.kernel, origin: 'insights-core/test_dmesg_log/DMESG_EXAMPLE.txt' },
  { line: '[    3.319406] EXT4-fs (dm-0): re-mounted. Opts: (null)', source: FAMILY_SOURCE.kernel, origin: 'insights-core/test_dmesg_log/DMESG_EXAMPLE.txt' },
  {
    line: 'Nov  9 10:19:35 ohm openvpn[1118]: WARNING: Make sure you understand the semantics of --tls-remote before using it (see the man page).',
    source: FAMILY_SOURCE.syslog,
    origin: 'abrt/tests/examples/not_oops1.test',
  },
  {
    line: 'Sep 21 16:36:22 dhcp-24-159.brq.redhat.com org.a11y.atspi.Registry[1292]: XIO:  fatal IO error 11 (Resource temporarily unavailable) on X server ":0"',
    source: FAMILY_SOURCE.syslog,
    origin: 'abrt/tests/examples/xorg_journal_crash1.test',
  },
  {
    line: '10001 1697048351.004445 futex(0x55b1f2e93214, FUTEX_WAIT_PRIVATE, 1, NULL) = -1 EAGAIN (Resource temporarily unavailable) <0.000021>',
    source: FAMILY_SOURCE.app,
    origin: 'lnav/test/logfile_strace_log.1',
  },
  {
    line: '2022/04/02 04:07:59 [warn] 1591#1591: *697425 an upstream response is buffered to a temporary file /var/lib/nginx/tmp/uwsgi/2/25/0000003252 while reading upstream, client: 10.245.136.148, server: _, request: "GET /api/v2/hosts/?not__name=localhost&page_size=400&page=46 HTTP/1.1", upstream: "uwsgi://unix:/var/run/tower/uwsgi.sock:", host: "host.example.com"',
    source: FAMILY_SOURCE['web-error'],
    origin: 'insights-core/test_nginx_log',
  },
  {
    line: '2026/11/26 05:12:57 [warn] 14241#14241: *2 upstream server temporarily disabled while connecting to upstream, client: 127.0.0.1, server: , request: "GET /refused HTTP/1.1", upstream: "http://127.0.0.1:1/refused", host: "127.0.0.1:18080"',
    source: FAMILY_SOURCE['web-error'],
    origin: 'nginx/1.22.1 run on the dev machine',
  },
  {
    line: '2026/11/26 05:12:57 [info] 14241#14241: *1 client 127.0.0.1 closed keepalive connection',
    source: FAMILY_SOURCE['web-error'],
    origin: 'nginx/1.22.1 run on the dev machine',
  },
  {
    line: '127.0.0.1 - - [26/Nov/2026:05:12:57 +0000] "GET / HTTP/1.1" 200 3 "-" "curl/7.88.1"',
    source: FAMILY_SOURCE['web-access'],
    fields: { status: 200 },
    origin: 'nginx/1.22.1 run on the dev machine',
  },
  {
    line: '10.112.72.172 - - [11/Feb/2013:06:43:36 +0000] "GET /client/ HTTP/1.1" 404 5778 "-" "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.17 (KHTML, like Gecko) Chrome/24.0.1312.57 Safari/537.17"',
    source: FAMILY_SOURCE['web-access'],
    fields: { status: 404 },
    origin: 'lnav/format-samples/access_log.samples.json',
  },
  // A client's request naming an error is not the server's error: access lines are classified by their fields only.
  {
    line: '127.0.0.1 - - [26/Nov/2026:10:59:46 +0000] "GET /EMFILE HTTP/1.1" 404 153 "-" "curl/7.88.1"',
    source: FAMILY_SOURCE['web-access'],
    fields: { status: 404 },
    origin: 'nginx/1.22.1 run on the dev machine: curl of /EMFILE',
  },
  {
    line: '127.0.0.1 - - [26/Nov/2026:10:59:51 +0000] "GET /api/files?error=ENOSPC HTTP/1.1" 404 153 "-" "curl/7.88.1"',
    source: FAMILY_SOURCE['web-access'],
    fields: { status: 404 },
    origin: 'nginx/1.22.1 run on the dev machine: curl of /api/files?error=ENOSPC',
  },
  {
    line: '2026-11-26 05:13:11.124 UTC [14547] postgres@postgres LOG:  duration: 300.978 ms  statement: select pg_sleep(0.3);',
    source: FAMILY_SOURCE.db,
    origin: 'PostgreSQL 15.18 run on the dev machine',
  },
  {
    line: "2021-12-03 07:14:48.591 UTC [4913] user=user1,db=mydb LOG:  duration: 0.211 ms  statement: SELECT current_setting('nj.maint')",
    source: FAMILY_SOURCE.db,
    origin: 'lnav/format-samples/postgres_log.samples.json',
  },
  {
    line: '2026-11-26 05:13:03.375 UTC [14385] LOG:  database system is ready to accept connections',
    source: FAMILY_SOURCE.db,
    origin: 'PostgreSQL 15.18 run on the dev machine',
  },
  // Apache/2.4.71 (Debian 12) on the dev machine (docs/signals.md): start-up notices, and AH01114, which repeats the AH00957 failure of the same request.
  {
    line: '[Thu Nov 26 08:10:00.580126 2026] [mpm_event:notice] [pid 12804:tid 12804] AH00489: Apache/2.4.71 (Debian) configured -- resuming normal operations',
    source: 'logs/var/log/apache2/error.log',
    origin: 'Apache/2.4.71 (Debian 12) run on the dev machine',
  },
  {
    line: "[Thu Nov 26 08:10:00.580220 2026] [core:notice] [pid 12804:tid 12804] AH00094: Command line: '/usr/sbin/apache2 -f /tmp/sitrep-apache/httpd.conf'",
    source: 'logs/var/log/apache2/error.log',
    origin: 'Apache/2.4.71 (Debian 12) run on the dev machine',
  },
  {
    line: '[Thu Nov 26 08:10:12.820525 2026] [proxy_http:error] [pid 12946:tid 12951] [client 127.0.0.1:39176] AH01114: HTTP: failed to make connection to backend: 127.0.0.1',
    source: 'logs/var/log/apache2/error.log',
    origin: 'Apache/2.4.71 (Debian 12) run on the dev machine',
  },
  {
    line: '# Query_time: 0.000652  Lock_time: 0.000109  Rows_sent: 1  Rows_examined: 1',
    source: 'logs/var/log/mysql/mysql-slow.log',
    fields: { query_time: 0.000652 },
    origin: 'percona-toolkit/lib/samples/slowlogs (sub-second entry)',
  },
];

describe('invalid: real benign lines classify to nothing', () => {
  for (const c of INVALID) {
    it(c.line.slice(0, 70), () => {
      expect(classify(eventOf(c.line, c.source, c.fields ? { fields: c.fields } : {}))).toBeUndefined();
    });
  }
});
