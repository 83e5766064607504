/**
 * sar -n DEV,EDEV,TCP,ETCP in the window is the preferred network and TCP
 * retransmit source: a real capture while stress-ng's socket stressor
 * pushes traffic over loopback. The /proc/net/dev counters of the same
 * bundle, read here independently, must tell the same volume.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOne } from '../../src/cli/pipeline/load-one.js';
import { buildModels } from '../../src/models/build.js';
import { background, sleep, withMachineLock, type Load } from '../rules/fixtures.js';
import { runCapture } from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe.skipIf(lacks('sar -n under load', { tools: ['stress-ng', 'sar'] }))('network model from sar -n in the window (real capture)', () => {
  it('takes sar-net over /proc/net/dev, and both see the same loopback volume', async () => {
    await withMachineLock(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-sarnet-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const load: Load = background('stress-ng', ['--sock', '1', '--timeout', '40']);
      cleanups.push(() => load.stop());
      await sleep(2000);
      const r = await runCapture(['-d', '6', '-o', dir, '--no-discover', '--since', '1m', '-q'], {
        env: { SITREP_SA_GLOBS: join(dir, 'none') },
        timeoutMs: 150_000,
      });
      expect(r.bundlePath, r.stderr).not.toBeNull();
      const { host } = await loadOne(r.bundlePath!, undefined, { split: false });
      const m = buildModels(host);
      const lo = m.network.find((n) => n.name === 'lo')!;
      expect(lo.source).toBe('sar-net');
      expect(lo.rxBytesPerS?.source).toBe('sar-net');
      expect(lo.errors?.source).toBe('sar-net');
      expect(lo.rxBytesPerS!.points.length).toBe(6); // sar 1 6
      expect(m.tcp.retransPct?.source).toBe('sar-net');
      expect(m.tcp.outSegsPerS!.points.length).toBe(6);

      // volume over the window: sar's per-second rates summed vs the /proc/net/dev counter delta
      const sarBytes = lo.rxBytesPerS!.points.reduce((a, [, v]) => a + v, 0); // 1-s intervals
      const proc = host.artifacts.find((a) => a.name === 'proc-net-dev')!;
      const loBytes = (b: (typeof proc.blocks)[number]) =>
        Number((b.result.data as { interface: string; r_bytes: number }[]).find((x) => x.interface === 'lo')!.r_bytes);
      const first = proc.blocks[0]!,
        last = proc.blocks[proc.blocks.length - 1]!;
      const procRate = (loBytes(last) - loBytes(first)) / ((last.time!.epochMs - first.time!.epochMs) / 1000);
      const sarRate = sarBytes / lo.rxBytesPerS!.points.length;
      expect(procRate).toBeGreaterThan(100_000); // the stressor was busy
      expect(sarRate / procRate).toBeGreaterThan(0.7);
      expect(sarRate / procRate).toBeLessThan(1.3);
      console.log(
        `[sar-net] lo rx ${Math.round(sarRate)} B/s by sar, ${Math.round(procRate)} B/s by /proc/net/dev; retrans% points ${m.tcp.retransPct!.points.length}`,
      );
    }, 15 * 60_000);
  }, 600_000);
});
