/**
 * nginx and Apache access logs: common, combined, vhost-prefixed
 * (`%v`/`$host` first, or an X-Forwarded-For list as client), and combined
 * with extras appended: `$request_time $upstream_response_time` (positional
 * numbers) or `rt=… urt=…` (key=value). Level from status: 5xx error,
 * 4xx warning, else info. The `[26/Nov/2026:06:16:16 +0100]` stamp carries
 * its offset (exact); python's `[29/Aug/2023 22:02:58]` has none (host zone).
 */
import type { FieldExpander, LineReader, LogContext, LogEvent, LogFields, LogParser } from '../types.js';
import { cap, num } from './lib/chars.js';
import { EntryReader, logEvent, share } from './lib/reader.js';
import { type Frame, frame, newFrame } from './lib/access-frame.js';
import { plainMicros, refAgent, spaced } from './lib/access-split.js';
import { localMonthAt } from './lib/local-months.js';
import { monthAt } from './lib/stamps.js';
import { Char } from './lib/char-codes.js';

// No single regex over the whole line: a line with many spaces and commas made
// one backtrack for seconds. The frame is split by hand (lib/access-frame.ts); the rest is linear.
const REF_AGENT = /^ +"((?:[^"\\]|\\.)*)" +"((?:[^"\\]|\\.)*)"(.*)$/;

type Fields = LogFields;

/** `0.123`, `0.1, 0.2` (several upstreams) or `0.1 : 0.2` (redirects): summed seconds; null for `-`. */
function seconds(v: string): number | null {
  const micros = plainMicros(v);
  if (micros >= 0) return micros / 1e6;
  let sum = 0;
  let any = false;
  for (const part of v.split(/[,:]/)) {
    const p = part.trim().replace(/^"|"$/g, '');
    if (p === '' || p === '-') continue;
    const n = Number(p);
    if (!Number.isFinite(n)) return null;
    sum += n;
    any = true;
  }
  return any ? Math.round(sum * 1e6) / 1e6 : null;
}

const KEYS: Readonly<Record<string, string>> = {
  rt: 'request_time',
  request_time: 'request_time',
  urt: 'upstream_response_time',
  upstream_response_time: 'upstream_response_time',
  uct: 'upstream_connect_time',
  uht: 'upstream_header_time',
};

const NUMERIC = /^"?(-|\d+(\.\d+)?([,:]\d+(\.\d+)?)*)"?$/;

/** Appended fields after referrer/agent: key=value pairs, else numbers in `$request_time $upstream_response_time` order. */
function extras(rest: string, f: Fields): void {
  const s = rest.trim();
  if (s.length === 0) return;
  f.extra = s.length > 512 ? s.slice(0, 512) : s;
  if (s.includes('=')) {
    for (const m of s.matchAll(/(\w+)=("[^"]*"|\S+)/g)) {
      const key = KEYS[m[1]!];
      if (key) f[key] = seconds(m[2]!);
    }
    return;
  }
  // Positional: values may be `0.1, 0.2` or `0.1 : 0.2`; glue those back together first (rare, so tested first).
  // Only the first two numeric values are used.
  const numeric: string[] = [];
  if (s.includes(',') || s.includes(':')) {
    for (const v of s.replace(/\s*([,:])\s*/g, '$1').split(/\s+/)) {
      if (NUMERIC.test(v) && numeric.push(v) === 2) break;
    }
  } else {
    // split(' ') without the array: an empty token (two spaces) is never numeric anyway.
    // A plain number's value is known here: seconds(v) would parse it again to the same.
    const micros: number[] = [];
    for (let a = 0; numeric.length < 2;) {
      const sp = s.indexOf(' ', a);
      const v = s.slice(a, sp < 0 ? s.length : sp);
      const us = plainMicros(v);
      if (us >= 0 || NUMERIC.test(v)) {
        numeric.push(v);
        micros.push(us);
      }
      if (sp < 0) break;
      a = sp + 1;
    }
    const sec = (k: number): number | null => (micros[k]! >= 0 ? micros[k]! / 1e6 : seconds(numeric[k]!));
    if (numeric.length > 0 && numeric[0]!.includes('.')) f.request_time = sec(0);
    if (numeric.length > 1) f.upstream_response_time = sec(1);
    return;
  }
  if (numeric.length > 0 && numeric[0]!.includes('.')) f.request_time = seconds(numeric[0]!);
  if (numeric.length > 1) f.upstream_response_time = seconds(numeric[1]!);
}

/**
 * The items before the stamp (client, ident, user; a vhost first when 4),
 * a token ending in ',' joined with the next (a list).
 */
function itemsOf(prefix: string): string[] {
  const items: string[] = [];
  if (prefix.indexOf(',') === -1) {
    spaced(prefix, items); // no list: no token joins the next
    return items;
  }
  let cur = '';
  for (const tok of prefix.split(' ')) {
    if (tok === '') continue;
    cur = cur === '' ? tok : `${cur} ${tok}`;
    if (tok.charCodeAt(tok.length - 1) !== Char.Comma) {
      items.push(cur);
      cur = '';
    }
  }
  return items;
}

/** The fields of a line, where frame() found its parts. */
function fieldsOf(line: string, fr: Frame): Fields {
  const items = itemsOf(line.slice(fr.itemsFrom, fr.open));
  const n = items.length;
  // A quoted lead is a forwarded list; a fourth item first is the vhost (or an unquoted list).
  const lead = fr.itemsFrom > 0 ? line.slice(0, fr.itemsFrom - 1) : n === 4 ? items[0] : undefined;
  const bytes = fr.tail ? fr.tail[3]! : line.slice(fr.bytesS, fr.bytesE);
  const rest = fr.tail ? fr.tail[4]! : line.slice(fr.bytesE);
  const request = fr.request;
  const f: Fields = { client: items[n - 3]!, method: null, path: null, status: fr.statusNum, bytes: bytes === '-' ? null : Number(bytes) };
  if (lead !== undefined) {
    if (lead.charCodeAt(0) === Char.Quote || lead.includes(', ')) f.forwarded_for = lead.charCodeAt(0) === Char.Quote ? lead.slice(1, -1) : lead;
    else f.vhost = lead;
  }
  if (items[n - 1] !== '-') f.user = items[n - 1]!;
  const sp1 = request.indexOf(' ');
  if (sp1 > 0) {
    const sp2 = request.indexOf(' ', sp1 + 1);
    f.method = request.slice(0, sp1);
    f.path = sp2 > 0 ? request.slice(sp1 + 1, sp2) : request.slice(sp1 + 1);
    if (sp2 > 0) f.protocol = request.slice(sp2 + 1);
  }
  const ra = fr.clean ? refAgent(rest) : REF_AGENT.exec(rest);
  if (ra) {
    f.referrer = ra[1]!;
    f.agent = ra[2]!;
    extras(ra[3]!, f);
  } else extras(rest, f);
  return f;
}

class AccessReader extends EntryReader implements FieldExpander {
  private lastStamp = '';
  private lastMs = NaN;
  private lastQ: LogEvent['timeQuality'] = 'unknown';
  private readonly defer: boolean;
  /** Where head() and fieldsOf() find the parts of the line they read (see frame()). */
  private readonly parts = newFrame();
  private readonly expandParts = newFrame();

  constructor(ctx: LogContext) {
    super(ctx);
    this.defer = ctx.deferFields === true;
  }

  protected override continues(): boolean {
    return false; // access logs are one line per request
  }

  protected head(line: string, lineNo: number): LogEvent | undefined {
    const fr = frame(line, this.parts);
    if (fr === null) return undefined;
    const time = this.checked(this.stampAt(line, fr.open + 2, fr.close), lineNo);
    const timeQuality = time === null ? 'unknown' : this.time.quality;
    const status = fr.statusNum;
    const message = cap(`${fr.request} ${fr.status}`);
    const level = status !== null && status >= 500 ? 'error' : status !== null && status >= 400 ? 'warning' : 'info';
    const ev = logEvent(time, timeQuality, this.ctx.file, lineNo, message);
    ev.level = level;
    if (this.defer) {
      // Deferred: the status alone (what classification reads); the rest only if the event is kept (deferred.ts).
      ev.fields = { status };
      ev.expand = this;
      ev.raw = line;
    } else ev.fields = fieldsOf(line, fr);
    return ev;
  }

  /** The line alone says everything: the deferred `{status}` is rebuilt with the rest. */
  fieldsOf(raw: string): Fields {
    const fr = frame(raw, this.expandParts);
    return fr === null ? {} : fieldsOf(raw, fr);
  }

  /** The stamp in line[s, e): the last one's time when it is the same text, compared in place. */
  private stampAt(line: string, s: number, e: number): number {
    if (e - s === this.lastStamp.length && line.startsWith(this.lastStamp, s)) {
      this.time.quality = this.lastQ;
      return this.lastMs;
    }
    return this.stamp(line.slice(s, e));
  }

  /** `26/Nov/2026:06:16:16 +0100` (exact) or `29/Aug/2023 22:02:58` (host zone); cached per distinct stamp. */
  private stamp(s: string): number {
    if (s === this.lastStamp) {
      this.time.quality = this.lastQ;
      return this.lastMs;
    }
    const d = num(s, 0, 2);
    let mo = monthAt(s, 3);
    // k: how much longer than `Nov` the month is (`sept.`: Java in a French locale). Runs once per distinct stamp.
    let k = 0;
    if (mo === 0 || s.charCodeAt(6) !== Char.Slash) {
      const lm = localMonthAt(s, 3);
      mo = lm & 15;
      k = (lm >> 4) - 3;
    }
    const y = num(s, 7 + k, 4);
    const h = num(s, 12 + k, 2);
    const mi = num(s, 15 + k, 2);
    const sec = num(s, 18 + k, 2);
    let t = NaN;
    if (d >= 1 && mo > 0 && s.charCodeAt(6 + k) === Char.Slash && y >= 0 && h >= 0 && mi >= 0 && sec >= 0) {
      const off = s.length > 20 + k ? this.time.zoneAt(s, 20 + k, true) : null;
      t = off !== null ? this.time.withOffset(y, mo, d, h, mi, sec, 0, off) : this.time.zoned(y, mo, d, h, mi, sec, 0);
    }
    this.lastStamp = s;
    this.lastMs = t;
    this.lastQ = this.time.quality;
    return t;
  }
}

export const accessLog: LogParser = {
  id: 'access-log',
  title: 'nginx / Apache access log (common, combined, vhost, timings)',
  segmentable: true,
  paths: [/\/(nginx|apache2?|httpd)\/.*access.*\.log(\.\d+)?(\.gz)?$/, /access[._-]?log(\.\d+)?(\.gz)?$/],
  family: 'web-access',
  detect: (lines) => {
    const parts = newFrame();
    return share(lines, (l) => frame(l, parts) !== null, 0.95);
  },
  samples: [
    {
      lines: ['127.0.0.1 - - [26/Nov/2026:06:16:17 +0100] "GET /slow HTTP/1.1" 504 167 "-" "curl/7.88.1" 1.002 1.002'],
      expect: {
        time: '2026-11-26T05:16:17.000Z',
        level: 'error',
        fields: {
          client: '127.0.0.1',
          method: 'GET',
          path: '/slow',
          status: 504,
          bytes: 167,
          referrer: '-',
          agent: 'curl/7.88.1',
          request_time: 1.002,
          upstream_response_time: 1.002,
        },
      },
      origin: 'captured here: nginx 1.22.1, log_format combined + $request_time $upstream_response_time',
    },
    {
      lines: ['127.0.0.1 127.0.0.1 - - [26/Nov/2026:06:16:16 +0100] "GET /missing HTTP/1.1" 404 153 "-" "curl-sitrep"'],
      expect: { level: 'warning', fields: { vhost: '127.0.0.1', client: '127.0.0.1', status: 404, agent: 'curl-sitrep' } },
      origin: 'captured here: nginx 1.22.1, log_format "$host $remote_addr - ..."',
    },
    {
      lines: [
        '10.0.0.2, 10.0.0.1, 127.0.0.1 - - [07/Dec/2016:11:05:07 +0100] "GET /ocelot HTTP/1.1" 200 571 "-" "Mozilla/5.0 (Macintosh; Intel Mac OS X 10.12; rv:49.0) Gecko/20100101 Firefox/49.0"',
      ],
      expect: { time: '2016-12-07T10:05:07.000Z', level: 'info', fields: { client: '10.0.0.2, 10.0.0.1, 127.0.0.1', path: '/ocelot', status: 200 } },
      origin: 'beats filebeat/module/nginx/access/test/test.log',
    },
    {
      lines: [
        '"10.5.102.222, 199.96.1.1, 204.246.1.1" 10.2.1.185 - - [22/Jan/2016:13:18:29 +0000] "GET /assets/xxxx?q=100 HTTP/1.1" 200 25507 "-" "Amazon CloudFront"',
      ],
      expect: {
        time: '2016-01-22T13:18:29.000Z',
        fields: { forwarded_for: '10.5.102.222, 199.96.1.1, 204.246.1.1', client: '10.2.1.185', status: 200, bytes: 25507 },
      },
      origin: 'beats filebeat/module/nginx/access/test/test.log',
    },
    {
      lines: [
        'www.example.com 1.2.3.4 - theuser [10/Feb/2012:16:41:07 -0500] "GET / HTTP/1.0" 200 368 "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/535.11 (KHTML, like Gecko) Chrome/17.0.963.56 Safari/535.11"',
      ],
      expect: { time: '2012-02-10T21:41:07.000Z', fields: { vhost: 'www.example.com', client: '1.2.3.4', user: 'theuser' } },
      origin: 'lnav format-samples/access_log',
    },
    {
      lines: ['202.32.92.47 - - [01/Jun/1995:00:00:59 -0600] "GET /~scottp/publish.html" 200 271'],
      expect: { time: '1995-06-01T06:00:59.000Z', fields: { method: 'GET', path: '/~scottp/publish.html', bytes: 271 } },
      origin: 'lnav format-samples/access_log',
    },
  ],
  open(ctx: LogContext): LineReader {
    return new AccessReader(ctx);
  },
};
