/** journalctl rendering details, on output captured from systemd-journald 252 on this machine (TZ=Europe/Berlin). */
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
import { iso, runLines } from './run.js';

const journal = logParser('journal')!;

describe('journal', () => {
  it('folds an indented multi-line message, dropping only the alignment', () => {
    const { events, badLines } = runLines(journal, [
      '2026-11-26T06:28:14.174847+0100 vm sitrep-ml[3490]: worker crashed:',
      '                                                    Traceback (most recent call last):',
      '                                                      File "app.py", line 3',
      '                                                    ValueError: boom',
      '2026-11-26T06:15:13.887747+0100 vm sitrep-test[17678]: sitrep sample line one',
    ]);
    expect(badLines).toBe(0);
    expect(events).toHaveLength(2);
    expect(events[0]!.message).toBe('worker crashed:\nTraceback (most recent call last):\n  File "app.py", line 3\nValueError: boom');
    expect([events[0]!.line, events[0]!.lineEnd]).toEqual([1, 4]);
    expect(iso(events[0]!.time)).toBe('2026-11-26T05:28:14.174Z');
    expect(events[0]!.timeQuality).toBe('exact');
  });

  it('skips marker lines without diagnostics', () => {
    const { events, diagnostics } = runLines(journal, [
      '-- Logs begin at Wed 2017-02-08 15:18:00 CET, end at Tue 2017-09-19 09:12:59 CEST. --',
      '-- No entries --',
    ]);
    expect(events).toHaveLength(0);
    expect(diagnostics).toHaveLength(0);
  });

  it('detects a capture that has only a marker and a few lines as journal over syslog', () => {
    const lines = ['-- No entries --'];
    expect(journal.detect(lines)).toBeGreaterThan(logParser('syslog')!.detect(lines));
  });
});
