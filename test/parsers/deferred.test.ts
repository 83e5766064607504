/**
 * Deferred fields (parsers/deferred.ts): a reader opened with deferFields
 * gives events whose fields hold only what classification reads (an access
 * line's status; nginx error entries without their `client: …` pairs), and
 * completeFields() gives back exactly the event an eager reader gives. A
 * builder fed deferred events ends with the very timeline an eager feed
 * gives (the kept events carry their whole fields, and no deferral keys).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeFields } from '../../src/parsers/deferred.js';
import { accessLog } from '../../src/parsers/logs/access-log.js';
import { webError } from '../../src/parsers/logs/web-error.js';
import type { LogContext, LogEvent, LogParser } from '../../src/parsers/types.js';
import { TimelineBuilder } from '../../src/timeline/index.js';
import { SIGNALS } from '../../src/timeline/signals/index.js';
import { HAS_CORPUS, corpusPath } from '../helpers/corpus.js';
import { FILES } from './logs/corpus-list.js';

const CLOCK: Pick<LogContext, 'clock' | 'mtimeMs'> = { clock: { tzName: 'Europe/Berlin' }, mtimeMs: Date.UTC(2026, 10, 26) };

function read(parser: LogParser, file: string, lines: string[], deferFields: boolean): LogEvent[] {
  const r = parser.open({ ...CLOCK, file, deferFields });
  const out: LogEvent[] = [];
  lines.forEach((l, i) => {
    const ev = r.push(l, i + 1);
    if (ev) out.push(ev);
  });
  const last = r.end();
  if (last) out.push(last);
  return out;
}

// Real lines captured here (nginx 1.22.1, combined + timings; the samples of access-log.ts and web.ts), plus a 5xx run.
const CAPTURED = [
  '127.0.0.1 - - [26/Nov/2026:06:16:17 +0100] "GET /slow HTTP/1.1" 504 167 "-" "curl/7.88.1" 1.002 1.002',
  '127.0.0.1 - - [26/Nov/2026:05:12:57 +0000] "GET /refused HTTP/1.1" 502 157 "-" "curl/7.88.1"',
  '127.0.0.1 - - [26/Nov/2026:05:16:52 +0000] "GET /busy HTTP/1.1" 503 197 "-" "curl/7.88.1"',
  '127.0.0.1 - - [26/Nov/2026:10:59:46 +0000] "GET /EMFILE HTTP/1.1" 404 153 "-" "curl/7.88.1"',
  '127.0.0.1 127.0.0.1 - - [26/Nov/2026:06:16:16 +0100] "GET /missing HTTP/1.1" 404 153 "-" "curl-sitrep"',
];

function corpusLines(id: string): string[] {
  if (!HAS_CORPUS) return [];
  return FILES.filter(([, f]) => f === id).flatMap(([p]) => readFileSync(corpusPath(p), 'utf8').split('\n'));
}

/** Real error-log lines: the parser's samples and the web signals' (nginx 1.22.1 and Apache 2.4 runs here, lnav, insights-core). */
const ERROR_LINES = [
  ...webError.samples.flatMap((x) => x.lines),
  ...SIGNALS.filter((d) => d.sources.includes('web-error')).flatMap((d) => d.samples.map((x) => x.line)),
];

/** min: events the lines give at least; deferredMin: of them with deferred fields (nginx entries with `client:` pairs). */
interface Case {
  parser: LogParser;
  file: string;
  lines: string[];
  min: number;
  deferredMin: number;
  signal: string;
}
const CASES: [string, Case][] = [
  [
    'access-log',
    {
      parser: accessLog,
      file: 'logs/var/log/nginx/access.log',
      lines: [...CAPTURED, ...corpusLines('access-log')],
      min: HAS_CORPUS ? 1_000 : CAPTURED.length,
      deferredMin: HAS_CORPUS ? 1_000 : CAPTURED.length,
      signal: 'http-',
    },
  ],
  [
    'web-error',
    {
      parser: webError,
      file: 'logs/var/log/nginx/error.log',
      lines: [...ERROR_LINES, ...corpusLines('web-error')],
      min: HAS_CORPUS ? 40 : 10,
      deferredMin: HAS_CORPUS ? 10 : 3,
      signal: 'nginx-',
    },
  ],
];

describe.each(CASES)('deferred %s fields', (id, c) => {
  it('leave out what classification does not read, and complete to the eager event', () => {
    const eager = read(c.parser, c.file, c.lines, false);
    const deferred = read(c.parser, c.file, c.lines, true);
    expect(deferred.length).toBe(eager.length);
    expect(eager.length).toBeGreaterThanOrEqual(c.min);
    let n = 0;
    deferred.forEach((d, i) => {
      const e = eager[i]!;
      if (d.expand === undefined) {
        expect(d).toEqual(e); // nothing to defer (Apache entries, nginx entries without client pairs)
        return;
      }
      n++;
      if (id === 'access-log') expect(d.fields).toEqual({ status: e.fields!.status });
      else expect(d.fields).not.toHaveProperty('client');
      const done = completeFields(d);
      expect(done).toEqual(e);
      expect(Object.keys(done)).toEqual(Object.keys(e));
      expect(Object.keys(done.fields ?? {})).toEqual(Object.keys(e.fields ?? {}));
    });
    console.log(`[deferred] ${id}: ${eager.length} events, ${n} with deferred fields`);
    expect(n).toBeGreaterThanOrEqual(c.deferredMin);
  });

  it('leave an eager event as it is', () => {
    for (const e of read(c.parser, c.file, c.lines.slice(0, 20), false)) expect(completeFields(e)).toBe(e);
  });

  it('give a builder the timeline eager events give', () => {
    const feed = (deferFields: boolean) => {
      const b = new TimelineBuilder('web', { keepFirst: 2, keepLast: 2, reservoir: 2 });
      for (const ev of read(c.parser, c.file, c.lines, deferFields)) b.add(ev);
      return b.finish();
    };
    const eager = feed(false);
    const deferred = feed(true);
    expect(eager.events.some((e) => e.signal?.startsWith(c.signal))).toBe(true);
    expect(JSON.stringify(deferred)).toBe(JSON.stringify(eager));
    for (const e of deferred.events) {
      expect(e).not.toHaveProperty('expand');
      expect(e).not.toHaveProperty('raw');
    }
    expect(deferred.events.filter((e) => Object.keys(e.fields ?? {}).length > 2).length).toBeGreaterThan(0);
  });
});
