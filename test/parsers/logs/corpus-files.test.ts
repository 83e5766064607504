/**
 * Whole real log files from the corpus (percona-toolkit, insights-core, beats,
 * lnav) through the parser their content calls for: every line must start or
 * continue an entry (no diagnostics) unless the file is listed with the reason,
 * and every event must have a time. Counts are printed per file.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logParser } from '../../../src/parsers/registry.js';
import type { HostClock } from '../../../src/parsers/types.js';
import { HAS_CORPUS, corpusPath } from '../../helpers/corpus.js';
import { pickParser } from './pick.js';
import { SAMPLE_CLOCK, linesOf, runLines } from './run.js';

import { FILES } from './corpus-list.js';

/** Files allowed diagnostics, with why (the count must match exactly). */
const EXPLAINED: Readonly<Record<string, [number, string]>> = {};

/** Files where some events rightly have no time (the count must match exactly). */
const NO_TIME = 'slow-log entries before any `# Time:` and without `SET timestamp`: the file gives them no time';
const UNTIMED: Readonly<Record<string, [number, string]>> = {
  'percona-toolkit/lib/samples/slowlogs/slow008.txt': [3, NO_TIME],
  'percona-toolkit/lib/samples/slowlogs/slow009.txt': [2001, NO_TIME],
  'percona-toolkit/lib/samples/slowlogs/slow011.txt': [4, NO_TIME],
  'percona-toolkit/lib/samples/slowlogs/slow012.txt': [2, NO_TIME],
  'percona-toolkit/lib/samples/slowlogs/slow013.txt': [1, NO_TIME],
  'percona-toolkit/lib/samples/slowlogs/slow016.txt': [2, NO_TIME],
  'percona-toolkit/lib/samples/slowlogs/slow019.txt': [3, NO_TIME],
  'insights-core/test_postgresql_log/POSTGRESQL_LOG.txt': [12, 'written with an empty log_line_prefix: `LOG:  …` lines carry no stamp'],
  'lnav/test/logfile_json.json': [1, 'lnav\'s bad-timestamp case: {"ts": "xxx", …}'],
};

/** Files whose content alone cannot tell the format apart (routed by path in a bundle). */
const DETECT_EXPLAINED: Readonly<Record<string, string>> = {};

const CLOCK: HostClock = { ...SAMPLE_CLOCK, tzName: 'Europe/Berlin' };

describe.skipIf(!HAS_CORPUS)('corpus log files parse cleanly', () => {
  it.each(FILES)('%s as %s', (path, id) => {
    const text = readFileSync(corpusPath(path), 'utf8');
    const lines = linesOf(text);
    const { events, badLines, diagnostics } = runLines(logParser(id)!, lines, { clock: CLOCK, file: path });
    const untimed = events.filter((e) => e.time === null).length;
    console.log(`[corpus] ${path} (${id}): ${lines.length} lines → ${events.length} events, ${untimed} untimed, ${badLines} bad lines`);
    const [want, why] = EXPLAINED[path] ?? [0, ''];
    expect(badLines, `${why} ${JSON.stringify(diagnostics.slice(0, 5))}`).toBe(want);
    expect(events.length).toBeGreaterThan(0);
    const [wantUntimed, whyUntimed] = UNTIMED[path] ?? [0, ''];
    expect(untimed, `events without a time ${whyUntimed}`).toBe(wantUntimed);
  });

  it('content detection picks the same parser for each file (first 50 lines)', () => {
    const wrong: string[] = [];
    for (const [path, id] of FILES) {
      const got = pickParser(linesOf(readFileSync(corpusPath(path), 'utf8')).slice(0, 50)).id;
      if (got !== id && !DETECT_EXPLAINED[path]) wrong.push(`${path}: want ${id}, detect() picks ${got}`);
    }
    console.log(`[corpus] detection: ${FILES.length - wrong.length}/${FILES.length} files (${Object.keys(DETECT_EXPLAINED).length} explained)`);
    expect(wrong, wrong.join('\n')).toEqual([]);
  });
});
