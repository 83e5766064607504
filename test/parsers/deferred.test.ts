/**
 * Deferred fields (parsers/deferred.ts): a reader opened with deferFields
 * gives events whose fields hold only the status, and completeFields()
 * gives back exactly the event an eager reader gives. A builder fed deferred
 * events ends with the very timeline an eager feed gives (the kept events
 * carry their whole fields, and no deferral keys).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeFields } from '../../src/parsers/deferred.js';
import { accessLog } from '../../src/parsers/logs/access-log.js';
import type { LogContext, LogEvent } from '../../src/parsers/types.js';
import { TimelineBuilder } from '../../src/timeline/index.js';
import { HAS_CORPUS, corpusPath } from '../helpers/corpus.js';
import { FILES } from './logs/corpus-list.js';

const CTX: LogContext = { file: 'logs/var/log/nginx/access.log', clock: { tzName: 'Europe/Berlin' }, mtimeMs: Date.UTC(2026, 10, 26) };

function read(lines: string[], deferFields: boolean): LogEvent[] {
  const r = accessLog.open({ ...CTX, deferFields });
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

function corpusLines(): string[] {
  if (!HAS_CORPUS) return [];
  return FILES.filter(([, id]) => id === 'access-log').flatMap(([p]) => readFileSync(corpusPath(p), 'utf8').split('\n'));
}

describe('deferred access-log fields', () => {
  const lines = [...CAPTURED, ...corpusLines()];

  it('hold the status only, and complete to the eager event', () => {
    const eager = read(lines, false);
    const deferred = read(lines, true);
    expect(deferred.length).toBe(eager.length);
    expect(eager.length).toBeGreaterThanOrEqual(HAS_CORPUS ? 1_000 : CAPTURED.length);
    deferred.forEach((d, i) => {
      const e = eager[i]!;
      expect(d.expand).toBeDefined();
      expect(d.fields).toEqual({ status: e.fields!.status });
      const c = completeFields(d);
      expect(c).toEqual(e);
      expect(Object.keys(c)).toEqual(Object.keys(e));
    });
  });

  it('leave an eager event as it is', () => {
    const [e] = read(CAPTURED, false);
    expect(completeFields(e!)).toBe(e);
  });

  it('give a builder the timeline eager events give', () => {
    const feed = (deferFields: boolean) => {
      const b = new TimelineBuilder('web', { keepFirst: 2, keepLast: 2, reservoir: 2 });
      for (const ev of read(lines, deferFields)) b.add(ev);
      return b.finish();
    };
    const eager = feed(false);
    const deferred = feed(true);
    expect(eager.events.some((e) => e.signal?.startsWith('http-'))).toBe(true);
    expect(JSON.stringify(deferred)).toBe(JSON.stringify(eager));
    for (const e of deferred.events) {
      expect(e).not.toHaveProperty('expand');
      expect(e).not.toHaveProperty('raw');
      expect(Object.keys(e.fields ?? {}).length).toBeGreaterThan(1);
    }
  });
});
