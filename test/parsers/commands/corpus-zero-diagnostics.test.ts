/**
 * Real command outputs from the shared corpus (percona-toolkit pt-summary
 * samples, insights-core test inputs) must parse with zero diagnostics and
 * give records. insights-core keeps a few deliberately broken inputs for its
 * own error-handling tests; those are named below with the reason, and must
 * produce diagnostics (a parser that silently accepts them is wrong too).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';

/** [folder under the corpus, file-name pattern, parser id] */
const SOURCES: [string, RegExp, string][] = [
  ['percona-toolkit/pt-summary/samples', /^netstat-\d+\.txt$/, 'netstat'],
  ['percona-toolkit/pt-summary/samples', /^df-mount-\d+\.txt$/, 'df'],
  ['percona-toolkit/pt-summary/samples', /^ip-s-link-\d+\.txt$/, 'ip-link'],
  ...['001', '002', '003', '005', '006', '007'].flatMap((n): [string, RegExp, string][] => [
    [`percona-toolkit/pt-summary/samples/Linux/${n}`, /^netstat$/, 'netstat'],
    [`percona-toolkit/pt-summary/samples/Linux/${n}`, /^mounted_fs$/, 'df'],
    [`percona-toolkit/pt-summary/samples/Linux/${n}`, /^sysctl$/, 'sysctl'],
    [`percona-toolkit/pt-summary/samples/Linux/${n}`, /^ip$/, 'ip-link'],
  ]),
  ['insights-core/test_df', /\.txt$/, 'df'],
  ['insights-core/test_ps', /\.txt$/, 'ps'],
  ['insights-core/combiners_test_ps', /\.txt$/, 'ps'],
  ['insights-core/test_netstat', /^NETSTAT_S(_W)?\.txt$/, 'netstat-s'],
  // NETSTAT_I is `netstat -i` (interface table) and TEST_NETSTAT_AGN `netstat -agn` (group memberships): not connections.
  ['insights-core/test_netstat', /^NETSTAT(?!_S(_W)?\.txt|_I)\w*\.txt$/, 'netstat'],
  ['insights-core/test_netstat', /^(SS|Ss)_/, 'ss'],
  ['insights-core/test_netstat', /^PROC_NETSTAT/, 'proc-net-snmp'],
  ['insights-core/combiners_test_netstat', /^IP_S_LINK/, 'ip-link'],
  ['insights-core/test_sockstat', /\.txt$/, 'proc-sockstat'],
  ['insights-core/test_meminfo', /\.txt$/, 'proc-meminfo'],
  ['insights-core/test_proc_stat', /\.txt$/, 'proc-stat'],
];

/** Inputs made broken on purpose by insights-core's tests: they must yield diagnostics. */
const BROKEN: Record<string, string> = {
  'insights-core/test_df/DF_AL_BAD.txt': 'a row cut off after the 1K-blocks value (insights tests its parse error)',
  'insights-core/test_ps/PsAuxcww_BAD.txt': 'a row cut off after %MEM (insights tests its parse error)',
  'insights-core/test_netstat/PROC_NETSTAT_4.txt': 'one more value than names in TcpExt and IpExt (insights expects "Invalid Contents")',
  'insights-core/test_netstat/NETSTAT_CONTENT_BUT_NO_PARSED_LINES.txt': 'socket rows with no "Active ..." title or Proto header',
  'insights-core/test_netstat/NETSTAT_CONTENT_BUT_NO_LOCAL_ADDR_COLON.txt': 'addresses and ports in separate "Port" columns, a layout netstat never prints',
  'insights-core/test_netstat/NETSTAT_S_W.txt': 'netstat -s on a host without /proc/net/netstat: its error line and an invented "three hundred ..." line',
};

interface Case {
  rel: string;
  parser: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const [dir, pattern, parser] of SOURCES) {
    if (!existsSync(corpusPath(dir))) continue;
    for (const f of readdirSync(corpusPath(dir)).sort()) if (pattern.test(f)) out.push({ rel: `${dir}/${f}`, parser });
  }
  return out;
}

describe.skipIf(!HAS_CORPUS)('corpus outputs parse with zero diagnostics', () => {
  const all = HAS_CORPUS ? cases() : [];
  const ctx = { file: 'corpus', clock: { tzName: 'UTC' } };
  const counts = new Map<string, { clean: number; total: number }>();

  it('finds the corpus files', () => {
    expect(all.length).toBeGreaterThan(60);
    for (const rel of Object.keys(BROKEN)) expect(all.map((c) => c.rel)).toContain(rel);
  });

  for (const c of all) {
    it(`${c.rel} → ${c.parser}`, () => {
      const text = readFileSync(corpusPath(c.rel), 'utf8');
      const res = commandParser(c.parser)!.parse(text, ctx);
      const n = counts.get(c.parser) ?? { clean: 0, total: 0 };
      n.total++;
      if (res.diagnostics.length === 0) n.clean++;
      counts.set(c.parser, n);
      if (BROKEN[c.rel]) {
        expect(res.diagnostics.length, BROKEN[c.rel]).toBeGreaterThan(0);
        return;
      }
      expect(res.diagnostics).toEqual([]);
      const size = Array.isArray(res.data) ? res.data.length : Object.keys(res.data as object).length;
      // pt-summary writes an empty sysctl file where it could not read any: nothing to find there.
      if (text.trim() !== '') expect(size).toBeGreaterThan(0);
    });
  }

  it('prints per-parser counts', () => {
    for (const [p, n] of [...counts].sort()) console.log(`[corpus commands] ${p}: ${n.clean}/${n.total} with zero diagnostics`);
  });
});
