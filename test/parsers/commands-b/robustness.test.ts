/**
 * Robustness over real inputs: every parser of this group is fed every other
 * format's real output and must not throw (diagnostics instead, each with a
 * valid 1-based line number); detect() must pick the right parser for each
 * real output; broken inputs get diagnostics on the broken line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';

const OURS = ['df', 'ps', 'ss', 'ss-summary', 'netstat', 'netstat-s', 'nstat', 'ip-link', 'sysctl', 'ulimit', 'fd-counts',
  'proc-stat', 'proc-meminfo', 'proc-vmstat', 'proc-diskstats', 'proc-loadavg', 'proc-net-dev', 'proc-net-snmp',
  'proc-sockstat', 'proc-pressure', 'proc-file-nr'];

/** One real sample per parser that the corpus has, [file, parser]. */
const SAMPLES: [string, string][] = [
  ['jc/centos-7.7/df.out', 'df'],
  ['jc/centos-7.7/ps-axu.out', 'ps'],
  ['jc/centos-7.7/ps-ef.out', 'ps'],
  ['jc/generic/ss-wide.out', 'ss'],
  ['jc/centos-7.7/netstat-sudo-aeep.out', 'netstat'],
  ['insights-core/test_netstat/NETSTAT_S.txt', 'netstat-s'],
  ['percona-toolkit/pt-summary/samples/ip-s-link-001.txt', 'ip-link'],
  ['jc/centos-7.7/sysctl-a.out', 'sysctl'],
  ['jc/linux-proc/stat', 'proc-stat'],
  ['jc/linux-proc/meminfo', 'proc-meminfo'],
  ['jc/linux-proc/vmstat', 'proc-vmstat'],
  ['jc/linux-proc/diskstats', 'proc-diskstats'],
  ['jc/linux-proc/loadavg', 'proc-loadavg'],
  ['jc/linux-proc/net_dev', 'proc-net-dev'],
  ['jc/linux-proc/net_netstat', 'proc-net-snmp'],
  ['insights-core/test_sockstat/SOCK_STATS.txt', 'proc-sockstat'],
];

const ctx = { file: 'x', clock: {} };

describe.skipIf(!HAS_CORPUS)('robustness over real inputs (commands-b)', () => {
  const texts = HAS_CORPUS ? SAMPLES.map(([f, p]) => [readFileSync(corpusPath(f), 'utf8'), p, f] as const) : [];

  it('no parser throws on another format; diagnostics carry valid line numbers', () => {
    const silent: string[] = [];
    for (const id of OURS) {
      for (const [text, owner, file] of texts) {
        if (owner === id) continue;
        const res = commandParser(id)!.parse(text, ctx);
        const nLines = text.split('\n').length;
        for (const d of res.diagnostics) {
          if (d.line !== undefined) expect(d.line >= 1 && d.line <= nLines, `${id} on ${file}: line ${d.line}`).toBe(true);
        }
        if (res.diagnostics.length === 0) silent.push(`${id} accepted ${file}`);
      }
    }
    expect(silent).toEqual([]);
  });

  it('detect() picks the right parser among this group for each real sample', () => {
    for (const [text, owner, file] of texts) {
      const head = text.slice(0, 4096);
      const scores = OURS.map((id) => [id, commandParser(id)!.detect(head)] as const).sort((a, b) => b[1] - a[1]);
      expect(scores[0]?.[0], `${file}: ${JSON.stringify(scores.slice(0, 3))}`).toBe(owner);
      expect(scores[0]?.[1]).toBeGreaterThanOrEqual(0.5);
      expect(scores[1]?.[1] ?? 0).toBeLessThan(scores[0]?.[1] ?? 0);
    }
  });

  it('a cut-off row is reported on its own line', () => {
    for (const [file, id, cut] of [
      ['insights-core/test_df/DF_AL_BAD.txt', 'df', /^sysfs\s+0\s*$/],
      ['insights-core/test_ps/PsAuxcww_BAD.txt', 'ps', /^root\s+1\s+0\.0\s+0\.0\s*$/],
    ] as const) {
      const text = readFileSync(corpusPath(file), 'utf8');
      const lineNo = text.split(/\r?\n/).findIndex((l) => cut.test(l)) + 1;
      expect(lineNo).toBeGreaterThan(0);
      const res = commandParser(id)!.parse(text, ctx);
      expect(res.diagnostics.map((d) => d.line)).toEqual([lineNo]);
    }
  });
});
