/**
 * The capture script and the log parsers must agree on where logs are
 * (issue 20, item 7). The script stays one self-contained bash file, so its
 * discovery globs are not generated from the parsers; this test reads them
 * from the script and checks both directions:
 * - every glob the capture collects is a place some specific parser claims by
 *   path (or is read by content, listed below with the reason);
 * - every specific parser is reached by what the capture writes: a discovered
 *   path its `paths` claim, or an artifact name it is chosen by (journal,
 *   dmesg), unless listed below as reached only through `-l`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_PARSERS } from '../../src/parsers/registry.js';
import { FALLBACK_LOG_PARSER, selectLogParser } from '../../src/parsers/select-log-parser.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const SCRIPT = readFileSync(join(REPO_ROOT, 'scripts/sitrep-capture.sh'), 'utf8');

/** The quoted globs of discover_logs' first add_candidates call (continued lines included). */
function discoveryGlobs(script: string): string[] {
  const body = /\ndiscover_logs\(\) \{[\s\S]*?\n  add_candidates ((?:[^\n]*\\\n)*[^\n]*)\n/.exec(script);
  if (!body) throw new Error('discover_logs() { add_candidates ... } not found in sitrep-capture.sh');
  return [...body[1]!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
}

/** File-name parts real servers put where a glob has `*` (Debian, RHEL, the packages' defaults). */
const FILLERS = ['', '.1', 'access', 'error', 'ssl_access', 'mysql-slow', 'mariadb', 'postgresql-16-main', '16'];
const expand = (glob: string): string[] => FILLERS.map((f) => glob.replaceAll('*', f));

/** The specific parser a source path selects by path, or null (read by content, then the generic parser). */
function byPath(path: string): string | null {
  const choice = selectLogParser(`log:${path}`, path, []);
  return choice && choice.how === 'path' ? choice.parser.id : null;
}

/** Globs collected for a family no path rule can name: their parser is chosen from the lines. */
const READ_BY_CONTENT: Record<string, string> = {
  '/var/log/mysql.log*': 'the general query log or, on old Debian, the error log: the lines decide',
};

/** Parsers the default discovery never reaches: their files come in only with `-l GLOB`. */
const ONLY_WITH_L: Record<string, string> = {
  'postgresql-csv': 'csvlog files end in .csv; discovery collects *.log only',
};

describe('capture globs and parser paths', () => {
  const globs = discoveryGlobs(SCRIPT);

  it('reads the discovery globs from the script', () => {
    expect(globs).toContain('/var/log/syslog*');
    expect(globs).toContain('/var/log/nginx/*.log*');
    expect(globs.length).toBeGreaterThan(10);
  });

  it('every collected glob is a place a specific parser claims', () => {
    const unclaimed = globs.filter((g) => !(g in READ_BY_CONTENT) && !expand(g).some((p) => byPath(p) !== null));
    expect(unclaimed).toEqual([]);
    // A listed exception that a parser now claims is stale.
    expect(Object.keys(READ_BY_CONTENT).filter((g) => !globs.includes(g) || expand(g).some((p) => byPath(p) !== null))).toEqual([]);
  });

  it('every specific parser is reached by what the capture collects', () => {
    const claimed = new Set(globs.flatMap((g) => expand(g).flatMap((p) => byPath(p) ?? [])));
    // Artifacts chosen by name: the script must still write them under these names.
    for (const [name, cmd] of [
      ['journal', 'journalctl'],
      ['dmesg', 'dmesg'],
    ] as const) {
      expect(SCRIPT).toMatch(new RegExp(`\\n\\s*(?:once|run_artifact) ${name} ${name} [^\\n]*${cmd}`));
      const chosen = selectLogParser(name, null, []);
      if (chosen?.how === 'name') claimed.add(chosen.parser.id);
    }
    const specific = LOG_PARSERS.map((p) => p.id).filter((id) => id !== FALLBACK_LOG_PARSER);
    expect(specific.filter((id) => !claimed.has(id) && !(id in ONLY_WITH_L))).toEqual([]);
    expect(Object.keys(ONLY_WITH_L).filter((id) => claimed.has(id))).toEqual([]);
  });
});
