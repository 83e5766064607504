/** The host loader's helpers: time-marker splitting and log parser selection. */
import { describe, expect, it } from 'vitest';
import { guessEntry, parseManifest, DiagnosticLog } from '../../src/bundle/index.js';
import { rotation } from '../../src/bundle/paths.js';
import { splitMarkers } from '../../src/parsers/markers.js';
import { selectLogParser } from '../../src/parsers/select-log-parser.js';
import { manifest } from './build.js';

describe('splitMarkers', () => {
  it('one block per marker, with its epoch and first content line', () => {
    const { blocks, diagnostics } = splitMarkers('@@sitrep 1764133200.250\nMemTotal: 1 kB\nMemFree: 2 kB\n@@sitrep 1764133201\r\nMemTotal: 1 kB\n');
    expect(blocks).toEqual([
      { epochMs: 1764133200250, firstLine: 2, text: 'MemTotal: 1 kB\nMemFree: 2 kB' },
      { epochMs: 1764133201000, firstLine: 5, text: 'MemTotal: 1 kB' },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('reports text before the first marker and unreadable epochs', () => {
    const { blocks, diagnostics } = splitMarkers('stray\n@@sitrep soon\nx\n');
    expect(blocks).toEqual([{ epochMs: null, firstLine: 3, text: 'x' }]);
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [2, 'time marker without a readable epoch: "@@sitrep soon"'],
      [1, '1 line(s) before the first time marker ignored'],
    ]);
    expect(splitMarkers('no markers\n').diagnostics.map((d) => d.message)).toContain('no @@sitrep time marker found');
  });
});

describe('selectLogParser', () => {
  const syslogLines = ['Nov 26 05:00:01 web1 app[42]: started', 'Nov 26 05:00:02 web1 app[42]: ready'];
  it('by artifact name for the journal and dmesg', () => {
    expect(selectLogParser('journal', null, [])?.parser.id).toBe('journal');
    expect(selectLogParser('dmesg', null, [])?.parser.id).toBe('kernel');
  });

  it('by collected path, rotated copies included', () => {
    const c = selectLogParser('log:/var/log/nginx/access.log.2.gz', '/var/log/nginx/access.log.2.gz', []);
    expect([c?.parser.id, c?.how]).toEqual(['access-log', 'path']);
    expect(selectLogParser('log:/var/log/syslog.1', '/var/log/syslog.1', [])?.parser.id).toBe('syslog');
  });

  it('the generic *.log path does not beat detect(); unknown content falls back to it', () => {
    const c = selectLogParser('log:/var/log/custom.log', '/var/log/custom.log', syslogLines);
    expect([c?.parser.id, c?.how]).toEqual(['syslog', 'detect']);
    const f = selectLogParser('log:/opt/x/out', '/opt/x/out', ['\u0000\u0001 binary junk']);
    expect([f?.parser.id, f?.how]).toEqual(['app', 'fallback']);
  });
});

describe('manifest and paths', () => {
  it('parses typed entries; `-` is null; times in ms', () => {
    const d = new DiagnosticLog('b');
    const [e, skipped] = parseManifest(
      manifest([
        ['sample/vmstat.txt', 'sample', 'vmstat'],
        ['-', 'cmd', 'timedatectl', 'skipped', 'not-installed'],
      ]),
      d,
    );
    expect(e).toMatchObject({
      path: 'sample/vmstat.txt',
      kind: 'sample',
      name: 'vmstat',
      status: 'ok',
      exit: 0,
      startMs: 1764133200300,
      endMs: 1764133201300,
      durationMs: 1000,
      bytes: 10,
      mtimeMs: null,
      reason: null,
    });
    expect(skipped).toMatchObject({ path: null, status: 'skipped', reason: 'not-installed' });
    expect(d.list).toEqual([]);
  });

  it('guesses artifact names from paths when there is no manifest', () => {
    expect(
      [
        'sample/vmstat.txt',
        'snap/end/free.txt',
        'proc/proc-meminfo.txt',
        'sar/sa25.json',
        'logs/var/log/syslog.2.gz',
        'journal/journal.txt',
        'cmd/dmesg.txt',
        'cmd/free.err',
        'capture.log',
      ].map((p) => guessEntry(p)?.name ?? null),
    ).toEqual(['vmstat', 'free', 'proc-meminfo', 'sar-history:sa25', 'log:/var/log/syslog.2.gz', 'journal', 'dmesg', null, null]);
  });

  it('ranks rotations oldest first', () => {
    const names = ['x.log', 'x.log.1', 'x.log.10.gz', 'x.log.2.gz', 'x.log.gz'];
    expect([...names].sort((a, b) => rotation(b).rank - rotation(a).rank)).toEqual(['x.log.10.gz', 'x.log.2.gz', 'x.log.1', 'x.log.gz', 'x.log']);
    expect(new Set(names.map((n) => rotation(n).base))).toEqual(new Set(['x.log']));
    expect(rotation('messages-20251120.gz').rank).toBeGreaterThan(rotation('messages-20251126').rank);
  });
});
