/**
 * Web server error logs: nginx (`2026/11/26 06:16:16 [error] 18885#18885: *3 msg,
 * client: …, server: …, request: "…", upstream: "…", host: "…"`), Apache 2.4
 * (`[Tue Mar 28 03:56:00.804140 2017] [core:notice] [pid 4343:tid 1399…] AH00094: …`),
 * Apache 2.2 (`[Thu Jan 17 02:42:49 2013] [notice] …`) and CUPS-style
 * (`E [08/Jun/2013:11:28:58 -0700] …`). Lines that start no entry continue the
 * previous one (FastCGI stderr, PHP traces); nginx's trailing `client: …` pairs
 * are read once the entry is complete, since FastCGI entries end with them.
 * nginx and Apache print local time without a zone: read in the host zone.
 */
import type { FieldExpander, LineReader, LogContext, LogEvent, LogFields, LogParser } from '../types.js';
import { cap, isDigit, num } from './lib/chars.js';
import { levelOf } from './lib/levels.js';
import { EntryReader, share } from './lib/reader.js';
import { monthAt } from './lib/stamps.js';
import { Char } from './lib/char-codes.js';

const NGINX_PAIRS = /, (client|server|request|subrequest|upstream|host|referrer): ("(?:[^"\\]|\\.)*"|[^,]*)/g;
/** `(NNN)text: ` then `[client`, `[remote` or an `AHnnnnn:` code; the text may hold parentheses, never a colon. */
const APR_STATUS = /^\((-?\d+)\)([^:]*): (?=\[client |\[remote |AH\d{5}:)/;
const CUPS_LEVELS: Readonly<Record<string, LogEvent['level']>> = {
  E: 'error',
  W: 'warning',
  I: 'info',
  D: 'debug',
  N: 'notice',
  C: 'crit',
  A: 'alert',
  X: 'emerg',
  d: 'debug',
};

/** nginx's trailing `, client: …, server: …, request: "…"` pairs of a complete entry, into `fields`. */
function nginxPairs(message: string, fields: LogFields): void {
  const at = message.indexOf(', client: ');
  if (at < 0) return;
  for (const m of message.slice(at).matchAll(NGINX_PAIRS)) {
    const v = m[2]!;
    fields[m[1]!] = v.charCodeAt(0) === Char.Quote ? v.slice(1, -1) : v;
  }
}

class WebErrorReader extends EntryReader implements FieldExpander {
  private lastPrefix = '';
  private lastMs = NaN;
  private readonly defer: boolean;

  constructor(ctx: LogContext) {
    super(ctx);
    this.defer = ctx.deferFields === true;
  }

  protected head(line: string, lineNo: number): LogEvent | undefined {
    const c = line.charCodeAt(0);
    if (c >= Char.Zero && c <= Char.Nine) return line.charCodeAt(4) === Char.Slash ? this.nginx(line, lineNo) : undefined;
    if (c === Char.LBracket) return this.apache(line, lineNo);
    if (line.charCodeAt(1) === Char.Space && line.charCodeAt(2) === Char.LBracket) return this.cups(line, lineNo);
    return undefined;
  }

  private nginx(s: string, lineNo: number): LogEvent | undefined {
    if (s.charCodeAt(19) !== Char.Space || s.charCodeAt(20) !== Char.LBracket) return undefined;
    const prefix = s.slice(0, 19);
    let t = this.lastMs;
    if (prefix !== this.lastPrefix) {
      // iso() reads `2026/11/26` as it is; a line whose second '/' is elsewhere is read as before, rewritten.
      t = this.time.iso(s.charCodeAt(7) === Char.Slash ? s : s.replace('/', '-').replace('/', '-'), 0, false);
      if (t !== t) return undefined;
      this.lastPrefix = prefix;
      this.lastMs = t;
    }
    this.time.quality = 'host-zone';
    const close = s.indexOf('] ', 21);
    if (close < 0) return undefined;
    const level = levelOf(s.slice(21, close));
    let i = close + 2;
    const hash = s.indexOf('#', i);
    const colon = s.indexOf(': ', i);
    const fields: Record<string, string | number | null> = {};
    let pid: number | undefined;
    if (hash > i && colon > hash) {
      pid = num(s, i, hash - i);
      fields.tid = Number(s.slice(hash + 1, colon));
      i = colon + 2;
      if (s.charCodeAt(i) === Char.Star) {
        const sp = s.indexOf(' ', i);
        if (sp > 0) {
          fields.connection = Number(s.slice(i + 1, sp));
          i = sp + 1;
        }
      }
    }
    const ev = this.event(t, lineNo, cap(s.slice(i)));
    if (level) ev.level = level;
    if (pid !== undefined && pid >= 0) ev.pid = pid;
    ev.program = 'nginx';
    ev.fields = fields;
    return ev;
  }

  protected override complete(ev: LogEvent): LogEvent {
    if (ev.program !== 'nginx' || !ev.fields || ev.message.indexOf(', client: ') < 0) return ev;
    if (this.defer) {
      // The pairs only for a kept event (deferred.ts): classification reads the message.
      ev.expand = this;
      ev.raw = ev.message;
    } else nginxPairs(ev.message, ev.fields);
    return ev;
  }

  fieldsOf(message: string, fields: LogFields | undefined): LogFields {
    const out = { ...fields };
    nginxPairs(message, out);
    return out;
  }

  /** `[Www Mmm dd HH:MM:SS[.ffffff] YYYY] [module:level] [pid N:tid M] [client a:p] msg` */
  private apache(s: string, lineNo: number): LogEvent | undefined {
    const mo = monthAt(s, 5);
    if (mo === 0 || s.charCodeAt(4) !== Char.Space || s.charCodeAt(14) !== Char.Colon) return undefined;
    const d = num(s, 9, 2) >= 0 ? num(s, 9, 2) : num(s, 10, 1);
    const h = num(s, 12, 2);
    const mi = num(s, 15, 2);
    const sec = num(s, 18, 2);
    let j = 20;
    let ms = 0;
    if (s.charCodeAt(j) === Char.Dot) {
      j++;
      let k = 0;
      while (isDigit(s, j)) {
        if (k++ < 3) ms = ms * 10 + (s.charCodeAt(j) - Char.Zero);
        j++;
      }
      for (; k < 3; k++) ms *= 10;
    }
    const y = num(s, j + 1, 4);
    if (d < 1 || h < 0 || mi < 0 || sec < 0 || y < 0 || s.charCodeAt(j + 5) !== Char.RBracket) return undefined;
    const t = this.time.zoned(y, mo, d, h, mi, sec, ms);
    let i = j + 7;
    let level: LogEvent['level'];
    const fields: Record<string, string | number | null> = {};
    let pid: number | undefined;
    // Bracketed groups after the stamp: [module:level] or [level], [pid N:tid M], [client X], [remote X]
    while (s.charCodeAt(i) === Char.LBracket) {
      const close = s.indexOf(']', i);
      if (close < 0) break;
      const g = s.slice(i + 1, close);
      if (g.startsWith('pid ')) {
        const tid = g.indexOf(':tid ');
        pid = Number(tid > 0 ? g.slice(4, tid) : g.slice(4));
        if (tid > 0) fields.tid = Number(g.slice(tid + 5));
      } else if (g.startsWith('client ') || g.startsWith('remote ')) {
        fields[g.slice(0, 6)] = g.slice(7);
      } else if (level === undefined) {
        const c = g.lastIndexOf(':');
        const lv = levelOf(c >= 0 ? g.slice(c + 1) : g);
        if (!lv) break;
        level = lv;
        if (c > 0) fields.module = g.slice(0, c);
      } else break;
      i = close + (s.charCodeAt(close + 1) === Char.Space ? 2 : 1);
    }
    // Apache's default ErrorLogFormat puts the OS/APR status (`%E`) before `[client …]`:
    // `(70007)The timeout specified has expired: [client 127.0.0.1:39164] AH01102: …`.
    // The status stays in the message (it says why: timeout, reset, refused); the client is a field.
    let status = '';
    const st = APR_STATUS.exec(s.slice(i, i + 300));
    if (st) {
      fields.errno = Number(st[1]);
      fields.error = st[2]!;
      status = st[0];
      i += st[0].length;
      if (s.startsWith('[client ', i) || s.startsWith('[remote ', i)) {
        const close = s.indexOf(']', i);
        if (close > 0) {
          fields[s.slice(i + 1, i + 7)] = s.slice(i + 8, close);
          i = close + (s.charCodeAt(close + 1) === Char.Space ? 2 : 1);
        }
      }
    }
    const ev = this.event(t, lineNo, cap(status + s.slice(i)));
    if (level) ev.level = level;
    if (pid !== undefined && Number.isInteger(pid)) ev.pid = pid;
    if (s.startsWith('AH', i) && isDigit(s, i + 2)) fields.code = s.slice(i, i + 7);
    ev.program = 'apache';
    ev.fields = fields;
    return ev;
  }

  /** `E [08/Jun/2013:11:28:58 -0700] msg` (CUPS and other httpd-alikes). */
  private cups(s: string, lineNo: number): LogEvent | undefined {
    const level = CUPS_LEVELS[s[0]!];
    const mo = monthAt(s, 6);
    const d = num(s, 3, 2);
    const y = num(s, 10, 4);
    const h = num(s, 15, 2);
    const mi = num(s, 18, 2);
    const sec = num(s, 21, 2);
    if (!level || mo === 0 || d < 1 || y < 0 || h < 0 || mi < 0 || sec < 0) return undefined;
    const off = this.time.zoneAt(s, 23, false);
    const t = off !== null ? this.time.withOffset(y, mo, d, h, mi, sec, 0, off) : this.time.zoned(y, mo, d, h, mi, sec, 0);
    const close = s.indexOf('] ', 23);
    const ev = this.event(t, lineNo, cap(close > 0 ? s.slice(close + 2) : ''));
    ev.level = level;
    return ev;
  }
}

const probe = new WebErrorReader({ file: 'detect', clock: { tzName: 'UTC' } });

export const webError: LogParser = {
  id: 'web-error',
  title: 'nginx / Apache error log',
  segmentable: true,
  // Only web server directories: a bare `error.log` is as likely MariaDB's (/var/log/mysql/error.log).
  paths: [/\/(nginx|apache2?|httpd|lighttpd)\/([^/]*[._-])?error([._-][^/]*)?(\.log)?(\.\d+)?(\.gz)?$/],
  family: 'web-error',
  detect: (lines) => share(lines, (l) => (probe as unknown as { head(l: string, n: number): unknown }).head(l, 0) !== undefined, 0.95),
  samples: [
    {
      lines: [
        '2026/11/26 06:16:17 [error] 18885#18885: *5 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: sitrep.test, request: "GET /slow HTTP/1.1", upstream: "http://127.0.0.1:18081/slow", host: "127.0.0.1:18080"',
      ],
      expect: {
        time: '2026-11-26T06:16:17.000Z',
        level: 'error',
        pid: 18885,
        fields: {
          tid: 18885,
          connection: 5,
          client: '127.0.0.1',
          server: 'sitrep.test',
          request: 'GET /slow HTTP/1.1',
          upstream: 'http://127.0.0.1:18081/slow',
          host: '127.0.0.1:18080',
        },
      },
      origin: 'captured here: nginx 1.22.1 proxying to a silent upstream (proxy_read_timeout 1s)',
    },
    {
      lines: ['2026/11/26 06:16:15 [notice] 18884#18884: start worker processes'],
      expect: { level: 'notice', pid: 18884, message: 'start worker processes' },
      origin: 'captured here: nginx 1.22.1',
    },
    {
      lines: ['[Tue Apr 04 06:28:08.605341 2017] [core:error] [pid 17962] [client 127.0.0.1:60444] AH00135: Invalid method in request FOO /'],
      expect: {
        time: '2017-04-04T06:28:08.605Z',
        level: 'error',
        pid: 17962,
        message: 'AH00135: Invalid method in request FOO /',
        fields: { module: 'core', client: '127.0.0.1:60444', code: 'AH00135' },
      },
      origin: 'lnav format-samples/error_log',
    },
    {
      lines: ['[Thu Jan 17 02:42:49 2013] [notice] Digest: generating secret for digest authentication ...'],
      expect: { time: '2013-01-17T02:42:49.000Z', level: 'notice', message: 'Digest: generating secret for digest authentication ...' },
      origin: 'lnav format-samples/error_log (Apache 2.2)',
    },
    {
      lines: ["[Tue Mar 28 03:56:00.804140 2017] [core:notice] [pid 4343:tid 139992054929536] AH00094: Command line: '/usr/sbin/httpd -D FOREGROUND'"],
      expect: { level: 'notice', pid: 4343, fields: { tid: 139992054929536, code: 'AH00094' } },
      origin: 'insights-core test_httpd_log/ERROR_LOG.txt',
    },
    // Apache/2.4.71 (Debian 12) with mod_proxy_http in front of broken node backends, default ErrorLogFormat, 2026-11-26 (docs/signals.md).
    {
      lines: [
        '[Thu Nov 26 08:10:12.811047 2026] [proxy_http:error] [pid 13003:tid 13005] (70007)The timeout specified has expired: [client 127.0.0.1:39164] AH01102: error reading status line from remote server 127.0.0.1:18183',
      ],
      expect: {
        time: '2026-11-26T08:10:12.811Z',
        level: 'error',
        pid: 13003,
        message: '(70007)The timeout specified has expired: AH01102: error reading status line from remote server 127.0.0.1:18183',
        fields: { module: 'proxy_http', tid: 13005, errno: 70007, error: 'The timeout specified has expired', client: '127.0.0.1:39164', code: 'AH01102' },
      },
      origin: 'captured here: Apache/2.4.71 (Debian) proxying to a backend that never answers (ProxyPass timeout=2)',
    },
    {
      lines: [
        '[Thu Nov 26 08:10:01.609232 2026] [proxy:error] [pid 12806:tid 12857] [client 127.0.0.1:47970] AH00898: Error reading from remote server returned by /closer',
      ],
      expect: {
        time: '2026-11-26T08:10:01.609Z',
        level: 'error',
        pid: 12806,
        message: 'AH00898: Error reading from remote server returned by /closer',
        fields: { module: 'proxy', tid: 12857, client: '127.0.0.1:47970', code: 'AH00898' },
      },
      origin: 'captured here: Apache/2.4.71 (Debian) proxying to a backend that accepts and closes',
    },
    {
      lines: [
        '[Thu Nov 26 08:10:12.820476 2026] [proxy:error] [pid 12946:tid 12951] (111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:1 (127.0.0.1:1) failed',
      ],
      expect: {
        level: 'error',
        pid: 12946,
        message: '(111)Connection refused: AH00957: http: attempt to connect to 127.0.0.1:1 (127.0.0.1:1) failed',
        fields: { module: 'proxy', errno: 111, error: 'Connection refused', code: 'AH00957' },
      },
      origin: 'captured here: Apache/2.4.71 (Debian) proxying to a closed port',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new WebErrorReader(ctx);
  },
};
