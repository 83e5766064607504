/**
 * The history mapping on sysstat's own `sadf -j -- -A` reference output
 * (../shared/corpus/sysstat/tests/expected.sadf-j: sysstat 12 with every
 * activity, the older `retrseg` name, a restart between samples), read
 * through the real parser as the bundle loader reads sar/<file>.json, beside
 * a real window of this machine's /proc samples. Expected values are taken
 * from the JSON file here, not from the code under test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticLog } from '../../src/bundle/diagnostics.js';
import { buildModels } from '../../src/models/build.js';
import { parseCommandArtifact } from '../../src/parsers/host-commands.js';
import { corpusPath } from '../helpers/corpus.js';
import { hostFrom, procSamples } from '../rules/fixtures.js';

const FILE = corpusPath('sysstat', 'tests', 'expected.sadf-j');
type J = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!existsSync(FILE))("sar history from sysstat's reference sadf -j output", () => {
  it('attaches each sadf metric beside the window series it extends, and stands in for none', async () => {
    const text = readFileSync(FILE, 'utf8');
    const stats = (JSON.parse(text).sysstat.hosts[0].statistics as J[]).filter((s) => s.timestamp);
    const at = (s: J) => Date.parse(`${s.timestamp.date}T${s.timestamp.time}Z`);
    const window = await Promise.all(
      ['stat', 'loadavg', 'meminfo', 'vmstat', 'net/dev', 'net/snmp', 'pressure/cpu', 'pressure/memory', 'pressure/io', 'sys/fs/file-nr'].map((f) =>
        procSamples(f.startsWith('sys/') ? 'proc-file-nr' : `proc-${f.replace('/', '-')}`, `/proc/${f}`, 3),
      ),
    );
    const host = hostFrom(window);
    const sar = parseCommandArtifact(
      {
        entry: {
          path: 'sar/sa18.json',
          kind: 'sar',
          name: 'sar-history:sa18',
          source: 'sadf',
          status: 'ok',
          exit: 0,
          startMs: Date.now(),
          endMs: null,
          durationMs: null,
          bytes: text.length,
          mtimeMs: null,
          reason: null,
        },
        path: 'sar/sa18.json',
        text,
        clock: { tzName: 'UTC', utcOffsetMin: 0 },
        meta: {},
      },
      new DiagnosticLog('test'),
    )!;
    const withHistory = { ...host, artifacts: [...host.artifacts, sar] };
    const m = buildModels(withHistory);

    const all = (s: J) => (s['cpu-load'] as J[]).find((r) => r.cpu === 'all')!;
    const expectHistory = (series: { history?: { points: [number, number][]; source: string; artifact: string } } | undefined, pick: (s: J) => number) => {
      expect(series?.history?.source).toBe('sar-history');
      expect(series?.history?.artifact).toBe('sar/sa18.json');
      for (const [t, v] of series!.history!.points) {
        const s = stats.find((x) => at(x) === t)!;
        expect(v).toBeCloseTo(pick(s), 6);
      }
      expect(series!.history!.points.map(([t]) => t)).toEqual(stats.map(at));
    };
    expectHistory(m.cpu.util, (s) => Math.max(0, 100 - all(s).idle - all(s).iowait));
    expectHistory(m.cpu.runq, (s) => s.queue['runq-sz']);
    expectHistory(m.cpu.load1, (s) => s.queue['ldavg-1']);
    expectHistory(m.memory.availableKb, (s) => s.memory.avail);
    expectHistory(m.memory.cacheKb, (s) => s.memory.buffers + s.memory.cached);
    expectHistory(m.memory.majorFaults, (s) => s.paging.majflt);
    expectHistory(m.memory.pageScan, (s) => s.paging.pgscank + s.paging.pgscand);
    expectHistory(m.tcp.retransPerS, (s) => s.network['net-etcp'].retrseg);
    expectHistory(m.tasks.threads, (s) => s.queue['plist-sz']);
    expectHistory(m.fds.allocated, (s) => s.kernel['file-nr']);
    expectHistory(m.cpu.psi.some, (s) => s.psi['psi-cpu'].some_avg);
    expectHistory(m.storage.psi.full, (s) => s.psi['psi-io'].full_avg);
    const lo = m.network.find((n) => n.name === 'lo')!;
    expectHistory(lo.rxBytesPerS, (s) => (s.network['net-dev'] as J[]).find((r) => r.iface === 'lo')!.rxkB * 1024);
    // the window keeps its own source and points; no history point is in the window
    expect(m.cpu.runq!.source).toBe('proc-stat');
    expect(m.cpu.runq!.points.length).toBe(3);

    // history alone is no source: without the window's samples every series stays absent
    const only = buildModels({ ...hostFrom([]), windowStartMs: Date.now(), artifacts: [sar] });
    expect(only.cpu.util).toBeUndefined();
    expect(only.memory.availableKb).toBeUndefined();
    expect(only.sources['cpu.saturation']).toBeNull();
  });
});
