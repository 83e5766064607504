/** Models from real samples taken on this machine, idle and under stress-ng. */
import { cpus } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { buildModels } from '../../src/models/build.js';
import { background, hostFrom, sampleWindow, type Load } from '../rules/fixtures.js';

let load: Load | null = null;
afterEach(async () => {
  await load?.stop();
  load = null;
});

describe('models from real samples', () => {
  it('builds every model from an idle window, skipping since-boot first samples', async () => {
    const host = hostFrom(await sampleWindow(4));
    const m = buildModels(host);
    expect(m.cpu.cpus).toBe(cpus().length);
    expect(m.cpu.util?.source).toBe('mpstat');
    expect(m.cpu.util?.points.length).toBe(3);
    expect(Object.keys(m.cpu.perCpu).sort()).toEqual(cpus().map((_, i) => String(i)));
    expect(m.cpu.runq?.source).toBe('vmstat');
    expect(m.cpu.runq?.points.length).toBe(3); // vmstat 1 4 minus the since-boot line
    expect(m.cpu.load1?.points.length).toBe(4);
    expect(m.cpu.psi.some?.points.length).toBe(3); // deltas of `total` between 4 /proc/pressure/cpu reads
    expect(m.cpu.psi.method).toBe('total-delta');
    expect(m.memory.totalKb).toBeGreaterThan(0);
    for (const [, v] of m.memory.availablePct!.points) expect(v).toBeGreaterThan(0), expect(v).toBeLessThanOrEqual(100);
    expect(m.memory.pageScan?.points.length).toBe(3); // deltas between 4 /proc/vmstat blocks
    const vda = m.storage.devices.find((d) => d.device === 'vda');
    expect(vda?.source).toBe('iostat');
    expect(vda?.util?.points.length).toBe(3);
    expect(m.network.find((n) => n.name === 'lo')?.rxBytesPerS?.points.length).toBe(3);
    expect(m.tcp.retransPct?.points.length).toBe(3);
    expect(m.tcp.listenOverflows?.delta).toBeGreaterThanOrEqual(0);
    expect(m.tasks.threads?.points.length).toBe(4);
  });

  it('sees CPU saturation under stress-ng: run queue above the CPU count, util near 100%', async () => {
    const n = cpus().length;
    load = background('stress-ng', ['--cpu', String(n * 3), '--timeout', '8']);
    const host = hostFrom(await sampleWindow(5));
    const m = buildModels(host);
    const runqPeak = Math.max(...m.cpu.runq!.points.map((p) => p[1]));
    const utilMedian = [...m.cpu.util!.points.map((p) => p[1])].sort((a, b) => a - b)[Math.floor(m.cpu.util!.points.length / 2)]!;
    expect(runqPeak).toBeGreaterThan(n);
    expect(utilMedian).toBeGreaterThan(90);
  });

  it('falls back to /proc/diskstats deltas when iostat is absent', async () => {
    const host = hostFrom((await sampleWindow(3)).filter((a) => a.name !== 'iostat'));
    const vda = buildModels(host).storage.devices.find((d) => d.device === 'vda');
    expect(vda?.source).toBe('proc-diskstats');
    expect(vda?.util?.points.length).toBe(2);
    expect(vda?.aqu?.points.length).toBe(2);
  });
});
