/**
 * A command parser's diagnostics name the artifact once: the parser says what
 * is wrong, host-commands.ts says where (`analyze` used to print
 * `sample/vmstat.txt: sample/vmstat.txt: …`, one Diags class prefixing the path
 * and host-commands adding it again).
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticLog, formatDiagnostic } from '../../src/bundle/diagnostics.js';
import type { ManifestEntry } from '../../src/bundle/types.js';
import { parseCommandArtifact } from '../../src/parsers/host-commands.js';
import { COMMAND_PARSERS } from '../../src/parsers/registry.js';

function entry(name: string, path: string): ManifestEntry {
  return {
    path,
    kind: 'cmd',
    name,
    source: 'test',
    status: 'ok',
    exit: 0,
    startMs: null,
    endMs: null,
    durationMs: null,
    bytes: null,
    mtimeMs: null,
    reason: null,
  };
}

/** Text each parser must complain about: a line of nothing it knows, between real-looking ones. */
const GARBAGE =
  'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n r  b   swpd   free\n\u0000\u0001 not a row ### 12 x\n'.repeat(3);

describe('command parser diagnostics name the artifact once', () => {
  it('vmstat: `sample/vmstat.txt` once in every line analyze prints', () => {
    const log = new DiagnosticLog('web.tar.gz');
    parseCommandArtifact({ entry: entry('vmstat', 'sample/vmstat.txt'), path: 'sample/vmstat.txt', text: GARBAGE, clock: { tzName: 'UTC' }, meta: {} }, log);
    const lines = log.list.filter((d) => d.origin === 'parser').map(formatDiagnostic);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.split('sample/vmstat.txt').length - 1, l).toBe(1);
  });

  it.each(COMMAND_PARSERS.map((p) => [p.id, p] as const))('%s: no message repeats the path', (_, p) => {
    const name = p.artifactNames[0]!;
    const path = `cmd/${name}.txt`;
    const log = new DiagnosticLog('b.tar.gz');
    parseCommandArtifact({ entry: entry(name, path), path, text: GARBAGE, clock: { tzName: 'UTC' }, meta: {} }, log);
    for (const d of log.list) expect(d.message.includes(path), formatDiagnostic(d)).toBe(false);
  });
});
