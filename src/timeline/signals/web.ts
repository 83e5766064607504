/** Web tier signals: HTTP 5xx from access-log fields, nginx and Apache mod_proxy upstream errors from error logs. */
import type { SignalDef, SourceFamily } from './types.js';

/** Lines produced on the dev machine by nginx 1.22.1 proxying to a closed port, a silent and a closing upstream (2026-11-26). */
const NGINX_RUN = 'nginx/1.22.1 run on the dev machine against broken upstreams';
const F2B = 'fail2ban/fail2ban/tests/files/logs/nginx-http-auth';
const WEB_ERR: SourceFamily[] = ['web-error'];
const ACCESS = 'logs/var/log/nginx/access.log';
/**
 * Lines produced on the dev machine (Debian 12) by Apache/2.4.71 (Debian), mod_proxy_http, default
 * ErrorLogFormat, in front of node backends that close without answering, never answer (timeout=2)
 * die mid-body or are not listening, 2026-11-26 (docs/signals.md has the commands).
 */
const APACHE_RUN = 'Apache/2.4.71 (Debian 12) run on the dev machine against broken backends';
const APACHE_ERR = 'logs/var/log/apache2/error.log';

export const WEB: SignalDef[] = [
  // Field-conditioned entries: the access-log parser gives fields.status; these run before any text match.
  {
    id: 'http-502',
    title: 'HTTP 502 Bad Gateway',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: ['web-access'],
    field: { field: 'status', oneOf: [502] },
    blame: 'downstream',
    meaning: 'The proxy got no valid answer from its upstream (refused, reset or closed): look at the upstream tier.',
    samples: [
      {
        line: '127.0.0.1 - - [26/Nov/2026:05:12:57 +0000] "GET /refused HTTP/1.1" 502 157 "-" "curl/7.88.1"',
        source: ACCESS,
        fields: { status: 502 },
        origin: NGINX_RUN,
      },
    ],
  },
  {
    id: 'http-504',
    title: 'HTTP 504 Gateway Timeout',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: ['web-access'],
    field: { field: 'status', oneOf: [504] },
    blame: 'downstream',
    meaning: 'The upstream did not answer within the proxy timeout: the upstream tier is slow or saturated.',
    samples: [
      {
        line: '127.0.0.1 - - [26/Nov/2026:05:12:58 +0000] "GET /silent HTTP/1.1" 504 167 "-" "curl/7.88.1"',
        source: ACCESS,
        fields: { status: 504 },
        origin: NGINX_RUN,
      },
    ],
  },
  {
    id: 'http-5xx',
    title: 'HTTP 5xx (other than 502/504)',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: ['web-access'],
    field: { field: 'status', min: 500, max: 599 },
    blame: 'self',
    meaning: 'The server or its application answered with a server error (500, 503...).',
    samples: [
      {
        line: '127.0.0.1 - - [26/Nov/2026:05:16:52 +0000] "GET /busy HTTP/1.1" 503 197 "-" "curl/7.88.1"',
        source: ACCESS,
        fields: { status: 503 },
        origin: NGINX_RUN,
      },
      {
        line: '127.0.0.1 - - [26/Nov/2026:05:16:52 +0000] "GET /boom HTTP/1.1" 500 177 "-" "curl/7.88.1"',
        source: ACCESS,
        fields: { status: 500 },
        origin: NGINX_RUN,
      },
    ],
  },
  {
    id: 'nginx-upstream-timeout',
    title: 'nginx: upstream timed out',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: WEB_ERR,
    literals: ['upstream timed out'],
    regex: /upstream timed out \((?<errno>\d+): [^)]*\) while (?<phase>[^,]+)(?:.*?upstream: "(?<upstream>[^"]*)")?/,
    blame: 'downstream',
    meaning: 'nginx waited longer than proxy_*_timeout for the upstream: the upstream (app tier) is slow; it is the place to look, not nginx.',
    samples: [
      {
        line: '2026/11/26 05:12:58 [error] 14241#14241: *7 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /silent HTTP/1.1", upstream: "http://127.0.0.1:18081/silent", host: "127.0.0.1:18080"',
        origin: NGINX_RUN,
        expectFields: { errno: 110, phase: 'reading response header from upstream', upstream: 'http://127.0.0.1:18081/silent' },
      },
    ],
  },
  {
    id: 'nginx-upstream-connect-failed',
    title: 'nginx: connect() to upstream failed',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: WEB_ERR,
    literals: ['while connecting to upstream'],
    regex: /connect\(\) failed \((?<errno>\d+): (?<reason>[^)]*)\) while connecting to upstream(?:.*?upstream: "(?<upstream>[^"]*)")?/,
    blame: 'downstream',
    meaning: 'nginx could not open a connection to the upstream (refused: nothing listening; the upstream process is down or its backlog is full).',
    samples: [
      {
        line: '2026/11/26 05:12:57 [error] 14241#14241: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: "GET /refused HTTP/1.1", upstream: "http://127.0.0.1:1/refused", host: "127.0.0.1:18080"',
        origin: NGINX_RUN,
        expectFields: { errno: 111, reason: 'Connection refused', upstream: 'http://127.0.0.1:1/refused' },
      },
      {
        line: '2020/11/25 16:02:45 [error] 76952#76952: *5645766 connect() failed (111: Connection refused) while connecting to upstream, client: 5.126.32.148, server: www.google.de, request: "GET /admin/config HTTP/2.0", upstream: "http://127.0.0.1:3000/admin/config", host: "www.google.de"',
        origin: F2B,
      },
    ],
  },
  {
    id: 'nginx-no-live-upstreams',
    title: 'nginx: no live upstreams',
    resource: 'application',
    kind: 'errors',
    severity: 'critical',
    sources: WEB_ERR,
    literals: ['no live upstreams'],
    regex: /no live upstreams(?:.*?upstream: "(?<upstream>[^"]*)")?/,
    blame: 'downstream',
    meaning: 'Every server of the upstream group is marked failed: nginx answers 502 without trying. The cause is in the upstream tier.',
    samples: [
      {
        line: '2026/11/26 05:12:57 [error] 14241#14241: *5 no live upstreams while connecting to upstream, client: 127.0.0.1, server: , request: "GET /refused HTTP/1.1", upstream: "http://refused/refused", host: "127.0.0.1:18080"',
        origin: NGINX_RUN,
        expectFields: { upstream: 'http://refused/refused' },
      },
    ],
  },
  {
    id: 'nginx-upstream-closed',
    title: 'nginx: upstream prematurely closed connection',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: WEB_ERR,
    literals: ['upstream prematurely closed'],
    regex: /upstream prematurely closed connection while (?<phase>[^,]+)(?:.*?upstream: "(?<upstream>[^"]*)")?/,
    blame: 'downstream',
    meaning: 'The upstream closed the connection before a full response: it crashed, was killed (OOM?) or hit its own timeout.',
    samples: [
      {
        line: '2026/11/26 05:12:58 [error] 14241#14241: *9 upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /closer HTTP/1.1", upstream: "http://127.0.0.1:18082/closer", host: "127.0.0.1:18080"',
        origin: NGINX_RUN,
        expectFields: { upstream: 'http://127.0.0.1:18082/closer' },
      },
    ],
  },
  {
    id: 'apache-proxy-read-failed',
    title: 'Apache mod_proxy: no response read from the backend',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: WEB_ERR,
    literals: ['AH01102', 'AH01110'],
    // The APR status before it (when the log format keeps %E) says why: 70007 timeout, 20014 closed, 104 reset.
    regex:
      /(?:\((?<errno>\d+)\)(?<reason>[^:]*): (?:\[client [^\]]*\] )?)?AH01(?:102: error reading status line from remote server (?<upstream>[^\s,]+)|110: error reading response)/,
    blame: 'downstream',
    meaning:
      'Apache got no (or a broken) response from the backend: it closed the connection, timed out (ProxyTimeout) or died mid-response. Look at the backend tier.',
    samples: [
      {
        line: '[Thu Nov 26 08:10:01.609135 2026] [proxy_http:error] [pid 12806:tid 12857] (20014)Internal error (specific information not available): [client 127.0.0.1:47970] AH01102: error reading status line from remote server 127.0.0.1:18181',
        source: APACHE_ERR,
        origin: APACHE_RUN,
        expectFields: { errno: 20014, reason: 'Internal error (specific information not available)', upstream: '127.0.0.1:18181' },
      },
      {
        line: '[Thu Nov 26 08:10:12.811047 2026] [proxy_http:error] [pid 13003:tid 13005] (70007)The timeout specified has expired: [client 127.0.0.1:39164] AH01102: error reading status line from remote server 127.0.0.1:18183',
        source: APACHE_ERR,
        origin: APACHE_RUN,
        expectFields: { errno: 70007, reason: 'The timeout specified has expired', upstream: '127.0.0.1:18183' },
      },
      {
        line: '[Thu Nov 26 08:10:01.720338 2026] [proxy_http:error] [pid 12805:tid 12812] (70008)Partial results are valid but processing is incomplete: [client 127.0.0.1:47974] AH01110: error reading response',
        source: APACHE_ERR,
        origin: APACHE_RUN,
        expectFields: { errno: 70008 },
      },
    ],
  },
  {
    id: 'apache-proxy-connect-failed',
    title: 'Apache mod_proxy: connect to the backend failed',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: WEB_ERR,
    literals: ['AH00957'],
    // AH01114 ("failed to make connection to backend") follows for the same request: not matched, so one failure counts once.
    regex: /(?:\((?<errno>\d+)\)(?<reason>[^:]*): )?AH00957: (?<scheme>\w+): attempt to connect to (?<upstream>\S+)/,
    blame: 'downstream',
    meaning: 'Apache could not open a connection to the backend (refused: nothing listening; the backend is down or its backlog is full): Apache answers 503.',
    samples: [
      {
        line: '[Thu Nov 26 08:10:12.820476 2026] [proxy:error] [pid 12946:tid 12951] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:1 (127.0.0.1:1) failed',
        source: APACHE_ERR,
        origin: APACHE_RUN,
        expectFields: { errno: 111, reason: 'Connection refused', scheme: 'http', upstream: '127.0.0.1:1' },
      },
    ],
  },
  {
    id: 'apache-proxy-error',
    title: 'Apache mod_proxy: proxy error returned to the client',
    resource: 'application',
    kind: 'errors',
    severity: 'warning',
    sources: WEB_ERR,
    literals: ['AH00898'],
    regex: /AH00898: (?<reason>.+?) returned by (?<uri>\S+)/,
    blame: 'downstream',
    meaning:
      'Apache answered a proxied request with an error page (502/504) and says why; it follows the line naming the backend failure (AH01102, AH00957...).',
    samples: [
      {
        line: '[Thu Nov 26 08:10:01.609232 2026] [proxy:error] [pid 12806:tid 12857] [client 127.0.0.1:47970] AH00898: Error reading from remote server returned by /closer',
        source: APACHE_ERR,
        origin: APACHE_RUN,
        expectFields: { reason: 'Error reading from remote server', uri: '/closer' },
      },
      {
        line: '[Thu Nov 26 08:10:12.811095 2026] [proxy:error] [pid 13003:tid 13005] [client 127.0.0.1:39164] AH00898: Error reading from remote server returned by /silent',
        source: APACHE_ERR,
        origin: APACHE_RUN,
        expectFields: { reason: 'Error reading from remote server', uri: '/silent' },
      },
    ],
  },
];
