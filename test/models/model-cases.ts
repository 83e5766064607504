/**
 * The models built from recorded real windows (test/recordings: idle, and
 * stress-ng --cpu 3xCPUs), in two modes as the rule table: `replay` reads the
 * recordings (unit project), `live` takes them afresh on this machine
 * (system project; SITREP_RECORD=1 rewrites them).
 */
import { describe, expect, it } from 'vitest';
import { buildModels } from '../../src/models/build.js';
import type { HostData } from '../../src/parsers/host-data.js';
import { NotQuiet } from '../rules/inputs.js';
import { CPU_STRESS, IDLE } from '../rules/recorded-inputs.js';
import { live, replay, type RecordedInput } from '../rules/recordings.js';
import type { Mode } from '../rules/rule-tester.js';

/** Samples in the recorded windows: idle is sampleWindow(5), the stress window sampleWindow(6). */
const IDLE_S = 5;

export function describeModels(mode: Mode): void {
  const timeout = mode === 'live' ? 15 * 60_000 : undefined;
  const take = async (input: RecordedInput, t: { skip: (note?: string) => void }): Promise<HostData | null> => {
    try {
      return await (mode === 'live' ? live(input) : replay(input.recording));
    } catch (err) {
      if (!(err instanceof NotQuiet)) throw err;
      t.skip(err.message);
      return null;
    }
  };

  describe(`models from real samples (${mode})`, () => {
    it(
      'builds every model from an idle window, skipping since-boot first samples',
      async (t) => {
        const host = await take(IDLE, t);
        if (!host) return;
        const m = buildModels(host);
        expect(m.cpu.cpus).toBe(host.cpus);
        expect(m.cpu.util?.source).toBe('mpstat');
        expect(m.cpu.util?.points.length).toBe(IDLE_S - 1); // mpstat 1 N-1
        expect(Object.keys(m.cpu.perCpu).sort()).toEqual(Array.from({ length: host.cpus! }, (_, i) => String(i)));
        expect(m.cpu.runq?.source).toBe('vmstat');
        expect(m.cpu.runq?.points.length).toBe(IDLE_S - 1); // vmstat 1 N minus the since-boot line
        expect(m.cpu.load1?.points.length).toBe(IDLE_S);
        expect(m.cpu.psi.some?.points.length).toBe(IDLE_S - 1); // deltas of `total` between N /proc/pressure/cpu reads
        expect(m.cpu.psi.method).toBe('total-delta');
        expect(m.memory.totalKb).toBeGreaterThan(0);
        for (const [, v] of m.memory.availablePct!.points) (expect(v).toBeGreaterThan(0), expect(v).toBeLessThanOrEqual(100));
        expect(m.memory.pageScan?.points.length).toBe(IDLE_S - 1); // deltas between N /proc/vmstat blocks
        const vda = m.storage.devices.find((d) => d.device === 'vda');
        expect(vda?.source).toBe('iostat');
        expect(vda?.util?.points.length).toBe(IDLE_S - 1);
        expect(m.network.find((n) => n.name === 'lo')?.rxBytesPerS?.points.length).toBe(IDLE_S - 1);
        expect(m.tcp.retransPct?.points.length).toBe(IDLE_S - 1);
        expect(m.tcp.listenOverflows?.delta).toBeGreaterThanOrEqual(0);
        expect(m.tasks.threads?.points.length).toBe(IDLE_S);
      },
      timeout,
    );

    it(
      'sees CPU saturation under stress-ng: run queue above the CPU count, util near 100%',
      async (t) => {
        const host = await take(CPU_STRESS, t);
        if (!host) return;
        const m = buildModels(host);
        const runqPeak = Math.max(...m.cpu.runq!.points.map((p) => p[1]));
        const utilMedian = [...m.cpu.util!.points.map((p) => p[1])].sort((a, b) => a - b)[Math.floor(m.cpu.util!.points.length / 2)]!;
        expect(runqPeak).toBeGreaterThan(host.cpus!);
        expect(utilMedian).toBeGreaterThan(90);
      },
      timeout,
    );

    it(
      'falls back to /proc/diskstats deltas when iostat is absent',
      async (t) => {
        const idle = await take(IDLE, t);
        if (!idle) return;
        const host = { ...idle, artifacts: idle.artifacts.filter((a) => a.name !== 'iostat') };
        const vda = buildModels(host).storage.devices.find((d) => d.device === 'vda');
        expect(vda?.source).toBe('proc-diskstats');
        expect(vda?.util?.points.length).toBe(IDLE_S - 1);
        expect(vda?.aqu?.points.length).toBe(IDLE_S - 1);
      },
      timeout,
    );
  });
}
