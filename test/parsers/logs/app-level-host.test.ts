/**
 * `<ISO stamp> ERROR [...] message` is an application's line, though it looks
 * like rsyslog's `<ISO stamp> host tag: message`: read as syslog, the level word
 * became the hostname and the level was lost, so an app log's ERROR lines
 * counted as nothing. No syslog daemon writes a level word where the host goes.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appLevelAt } from '../../../src/parsers/logs/lib/levels.js';
import { syslogLine } from '../../../src/parsers/logs/lib/syslog-line.js';
import { TimeReader } from '../../../src/parsers/logs/lib/stamps.js';
import type { LogEvent } from '../../../src/parsers/types.js';
import { isSyslogLine } from '../../../src/parsers/logs/syslog.js';
import { logParser } from '../../../src/parsers/registry.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { FILES } from './corpus-list.js';
import { pickParser } from './pick.js';
import { linesOf, runLines } from './run.js';

/** Captured here: Python 3.11 logging, format `%(asctime)s.%(msecs)03dZ %(levelname)s [%(name)s pid=%(process)d] %(message)s`, gmtime. */
const PYTHON = [
  '2026-11-26T12:47:02.444Z INFO [shop.db pid=17113] pool ready: 20 connections',
  '2026-11-26T12:47:02.445Z ERROR [shop.db pid=17113] GET /items failed: timeout exceeded when trying to connect',
  '2026-11-26T12:47:02.445Z WARNING [shop.db pid=17113] pool 18/20 busy',
];
const LEVELS = ['info', 'error', 'warning'];

describe('a level word where a syslog host would be', () => {
  it('content detection gives the lines to the application parser, which reads their levels', () => {
    expect(PYTHON.some(isSyslogLine)).toBe(false);
    expect(pickParser(PYTHON).id).toBe('app');
    expect(runLines(logParser('app')!, PYTHON).events.map((e) => e.level)).toEqual(LEVELS);
  });

  it('the syslog parser (chosen by a path like /var/log/syslog) keeps the level and invents no host', () => {
    const { events } = runLines(logParser('syslog')!, PYTHON);
    expect(events.map((e) => e.level)).toEqual(LEVELS);
    expect(events.map((e) => e.fields?.host)).toEqual([undefined, undefined, undefined]);
    expect(events[1]!.message).toBe(PYTHON[1]!.slice(25));
  });

  it.each([
    ['2026-11-26T12:47:02.445Z \tWARN\tpool busy', 'warning', 'WARN\tpool busy'],
    ['2026-11-26T12:47:02.445Z \u00a0ERROR x', 'error', 'ERROR x'],
    ['[2026-11-26T12:47:02.445Z] FATAL disk gone', 'crit', 'FATAL disk gone'],
    ['2026-11-26T12:47:02.445Z request done level=warn msg=slow', 'warning', 'slow'],
    ['2026-11-26T12:47:02.445Z worker-3 ERROR: boom', 'error', 'worker-3 ERROR: boom'],
  ])('app reads %j as %s with message %j', (line, level, message) => {
    const [ev] = runLines(logParser('app')!, [line]).events;
    expect([ev?.level, ev?.message]).toEqual([level, message]);
  });

  it('takes only whole upper-case level words', () => {
    const at = (l: string): string | undefined => appLevelAt(l, 0);
    expect([at('ERROR x'), at('WARN'), at('CRITICAL\tx'), at('FATAL [a]')]).toEqual(['error', 'warning', 'crit', 'crit']);
    // Real hostnames and tags stay hosts and tags: lower case, a prefix, a tag's colon, too short.
    expect([at('error x'), at('ERRORS x'), at('INFO: x'), at('ERR x'), at('web-01 sshd[1]: x'), at('INFORMATIONAL x')]).toEqual(Array(6).fill(undefined));
  });

  it.skipIf(!HAS_CORPUS)('lnav logfile_ts_value.0 (ISO, INFO/WARN, then key=value) is an application log', () => {
    const lines = linesOf(readFileSync(corpusPath('lnav', 'test', 'logfile_ts_value.0'), 'utf8'));
    expect(FILES).toContainEqual(['lnav/test/logfile_ts_value.0', 'app']);
    expect(pickParser(lines).id).toBe('app');
    expect(runLines(logParser('app')!, lines).events.map((e) => e.level)).toEqual(['info', 'warning']);
  });

  it.skipIf(!HAS_CORPUS)('in every corpus log file, only lnav logfile_ts_value.0 has a level word after a syslog stamp', () => {
    const probe = new TimeReader({ file: 'probe', clock: { tzName: 'UTC' }, mtimeMs: 0 });
    const make = (t: number, m: string): LogEvent => ({ time: t, timeQuality: 'exact', source: '', line: 0, message: m });
    const hits: string[] = [];
    let lines = 0;
    for (const [path] of FILES) {
      linesOf(readFileSync(corpusPath(path), 'utf8')).forEach((l, i) => {
        lines++;
        if (syslogLine(l, probe, make) !== undefined && appLevelAt(l, probe.end + 1) !== undefined) hits.push(`${path}:${i + 1}`);
      });
    }
    console.log(`[app-level-host] ${FILES.length} corpus log files, ${lines} lines: ${hits.length} with a level word where a host would be`);
    expect(hits).toEqual(['lnav/test/logfile_ts_value.0:1', 'lnav/test/logfile_ts_value.0:2']);
  });
});
