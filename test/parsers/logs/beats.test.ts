/**
 * elastic/beats' nginx error-log fixture with filebeat's expected JSON: the
 * same events, instants, levels, pids, connection ids and (multi-line FastCGI)
 * messages. filebeat ran that test with event.timezone -02:00, so our clock
 * is a host at a fixed -120 minutes (no zone name).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { linesOf, runLines } from './run.js';

const DIR = corpusPath('beats', 'filebeat', 'module', 'nginx', 'error', 'test');

interface Expected {
  '@timestamp': string;
  'log.level': string;
  message: string;
  'process.pid': number;
  'process.thread.id': number;
  'nginx.error.connection_id'?: number;
}

describe.skipIf(!HAS_CORPUS)('beats nginx error log vs filebeat expected JSON', () => {
  it('matches every expected event', () => {
    const expected = JSON.parse(readFileSync(`${DIR}/error.log-expected.json`, 'utf8')) as Expected[];
    const { events, badLines } = runLines(logParser('web-error')!, linesOf(readFileSync(`${DIR}/error.log`, 'utf8')), {
      clock: { utcOffsetMin: -120 },
    });
    let matched = 0;
    expected.forEach((x, i) => {
      const ev = events[i]!;
      expect(ev.time, `event ${i} time`).toBe(Date.parse(x['@timestamp']));
      expect(ev.level, `event ${i} level`).toBe(x['log.level']);
      expect(ev.message, `event ${i} message`).toBe(x.message);
      expect(ev.pid).toBe(x['process.pid']);
      expect(ev.fields?.tid).toBe(x['process.thread.id']);
      if (x['nginx.error.connection_id'] !== undefined) expect(ev.fields?.connection).toBe(x['nginx.error.connection_id']);
      matched++;
    });
    console.log(`[beats] nginx error: ${matched}/${expected.length} events match filebeat (time, level, message, pid, tid, connection); ${badLines} bad lines`);
    expect(events).toHaveLength(expected.length);
    expect(badLines).toBe(0);
  });
});
