/**
 * Parsers never throw, on real inputs. Every command parser is fed other
 * commands' real outputs (a sysstat JSON file, a log) and its own cut
 * anywhere: it returns diagnostics (each on a valid 1-based line) and
 * records aligned with their times, never an exception, and never takes
 * another command's output without a word; detect() picks the right parser
 * for each real output; a broken row is reported on its own line.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';

// The sampled commands (vmstat, sar, top...): one real output each, cut anywhere below.
const OWN: Record<string, string> = {
  vmstat: 'jc/centos-7.7/vmstat-at-5-10.out',
  iostat: 'jc/ubuntu-20.10/iostat-x.out',
  mpstat: 'jc/centos-7.7/mpstat-A-2-5.out',
  pidstat: 'jc/centos-7.7/pidstat-hdlrsuw-2-5.out',
  sar: 'sysstat/tests/expected2.sar-all',
  'sadf-json': 'sysstat/tests/expected.sadf-j',
  free: 'jc/centos-7.7/free-w.out',
  top: 'jc/centos-7.7/top-b-n3.out',
  uptime: 'jc/centos-7.7/uptime.out',
};
// sar reads any sysstat `<time> <columns>` table, and mpstat prints exactly such tables:
// sar reading mpstat output is right, not a mistake (detect() still prefers mpstat).
const SAME_FAMILY = new Set(['sar jc/centos-7.7/mpstat-A-2-5.out']);
const OTHERS = [...Object.values(OWN), 'jc/centos-7.7/df.out', 'lnav/test/logfile_syslog.0'];

describe.skipIf(!HAS_CORPUS)('sampled-command parsers never throw', () => {
  for (const [id, own] of Object.entries(OWN)) {
    const parser = commandParser(id);
    it(`${id}: other formats give diagnostics, not exceptions`, () => {
      if (!parser) throw new Error(`no parser ${id}`);
      for (const f of OTHERS) {
        const text = readFileSync(corpusPath(...f.split('/')), 'utf8');
        const res = parser.parse(text, { file: f, clock: { tzName: 'UTC' } });
        if (Array.isArray(res.data)) {
          expect(res.times?.length ?? 0).toBe(res.data.length);
          if (res.data.length === 0) expect(res.diagnostics.length, `${id} on ${f}`).toBeGreaterThan(0);
        }
        if (f !== own && f.startsWith('jc/') && !SAME_FAMILY.has(`${id} ${f}`)) {
          // a jc fixture of another command is never mistaken for ours without a word
          const known = Array.isArray(res.data) ? res.data.length > 0 : Object.keys(res.data as object).length > 0;
          if (known) expect(res.diagnostics.length + (parser.detect(text) < 0.5 ? 1 : 0), `${id} on ${f}`).toBeGreaterThan(0);
        }
      }
    });
    it(`${id}: its own output cut anywhere`, () => {
      if (!parser) throw new Error(`no parser ${id}`);
      const text = readFileSync(corpusPath(...own.split('/')), 'utf8');
      for (let cut = 1; cut < text.length; cut += Math.max(1, Math.floor(text.length / 97))) {
        const res = parser.parse(text.slice(0, cut), { file: own, clock: { tzName: 'UTC' }, startMs: 0 });
        if (Array.isArray(res.data)) expect(res.times?.length ?? 0).toBe(res.data.length);
      }
    });
  }
});

/** The snapshot parsers (df, ss, /proc files...), compared with each other on SAMPLES. */
const SNAPSHOT = [
  'df',
  'ps',
  'ss',
  'ss-summary',
  'netstat',
  'netstat-s',
  'nstat',
  'ip-link',
  'sysctl',
  'ulimit',
  'fd-counts',
  'proc-stat',
  'proc-meminfo',
  'proc-vmstat',
  'proc-diskstats',
  'proc-loadavg',
  'proc-net-dev',
  'proc-net-snmp',
  'proc-sockstat',
  'proc-pressure',
  'proc-file-nr',
];

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

describe.skipIf(!HAS_CORPUS)('snapshot parsers over real inputs', () => {
  const texts = HAS_CORPUS ? SAMPLES.map(([f, p]) => [readFileSync(corpusPath(f), 'utf8'), p, f] as const) : [];

  it('no parser throws on another format; diagnostics carry valid line numbers', () => {
    const silent: string[] = [];
    for (const id of SNAPSHOT) {
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

  it('detect() picks the right snapshot parser for each real sample', () => {
    for (const [text, owner, file] of texts) {
      const head = text.slice(0, 4096);
      const scores = SNAPSHOT.map((id) => [id, commandParser(id)!.detect(head)] as const).sort((a, b) => b[1] - a[1]);
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
