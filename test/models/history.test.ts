/**
 * sar history before the window, for real: sadc samples this machine every
 * 10 s while stress-ng overloads the CPUs, then the real capture script runs
 * (pointed at that sa file through SITREP_SA_GLOBS) while both go on. The
 * models must carry the history beside the window's points, never inside
 * them, and the CPU saturation's onset must move back into the history.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOne } from '../../src/cli/pipeline/load-one.js';
import { buildModels } from '../../src/models/build.js';
import { runRules } from '../../src/rules/run.js';
import { buildAnalysis } from '../../src/diagnosis/analysis.js';
import { EMPTY_TIMELINE, background, sleep, withMachineLock, type Load } from '../rules/fixtures.js';
import { readBundle, runCapture } from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const SADC = '/usr/lib/sysstat/sadc';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** sadc writing `count` samples `intervalS` apart into `file`; stopped (by its pid) at cleanup. */
function sadc(intervalS: number, count: number, file: string): void {
  const child = spawn(SADC, ['-S', 'XALL', String(intervalS), String(count), file], { stdio: 'ignore' });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGTERM');
  });
}

interface SadfSample {
  timestamp: { date: string; time: string; interval: number };
  queue?: { 'runq-sz': number };
}

describe.skipIf(lacks('sar history', { tools: ['stress-ng'], paths: [SADC] }))('sar history before the capture window (real sadc, stress-ng, capture)', () => {
  it('extends the models back and moves the CPU saturation onset before the capture', async () => {
    await withMachineLock(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-hist-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const n = cpus().length;
      const load: Load = background('stress-ng', ['--cpu', String(n * 3), '--timeout', '120']);
      cleanups.push(() => load.stop());
      await sleep(2000); // the run queue fills first
      const sa = join(dir, 'sa99');
      sadc(10, 20, sa);
      await sleep(35_000); // three history samples before the capture starts
      const r = await runCapture(['-d', '5', '-o', dir, '--no-discover', '--since', '2m', '-q', '-t', 'app'], {
        env: { SITREP_SA_GLOBS: sa },
        timeoutMs: 150_000,
      });
      expect(r.bundlePath, r.stderr).not.toBeNull();

      // What sadf itself wrote into the bundle, read here as plain JSON.
      const raw = readBundle(r.bundlePath!);
      const json = JSON.parse(raw.files.get('sar/sa99.json')!.toString('utf8'));
      const startMs = Number(raw.meta.start_epoch) * 1000;
      const stats = (json.sysstat.hosts[0].statistics as SadfSample[]).filter((s) => s && s.timestamp);
      const at = (s: SadfSample) => Date.parse(`${s.timestamp.date}T${s.timestamp.time}Z`);
      const before = stats.filter((s) => at(s) <= startMs);
      expect(before.length).toBeGreaterThanOrEqual(2);
      expect(stats.length).toBeGreaterThan(before.length); // sadc went on into the window

      const { host } = await loadOne(r.bundlePath!, undefined, { split: false });
      const m = buildModels(host);
      const runq = m.cpu.runq!;
      expect(runq.source).not.toBe('sar-history'); // the window keeps its own source
      const h = runq.history!;
      expect(h).toMatchObject({ source: 'sar-history', artifact: 'sar/sa99.json', intervalS: 10 });
      // exactly the samples before the window, with sadf's own values; none inside it
      expect(h.points).toEqual(before.map((s) => [at(s), s.queue!['runq-sz']]));
      for (const [t] of runq.points) expect(t).toBeGreaterThan(startMs);
      expect(m.cpu.util?.history?.points.length).toBe(before.length);
      expect(m.memory.availableKb?.history?.points.length).toBe(before.length);
      expect(m.network.find((i) => i.name === 'lo')?.rxBytesPerS?.history?.points.length).toBe(before.length);

      const findings = runRules(host, m, EMPTY_TIMELINE).findings;
      const sat = findings.find((f) => f.rule === 'cpu-saturation');
      expect(sat, JSON.stringify(findings.map((f) => f.id))).toBeDefined();
      // the overload was there in every history sample: the onset is the first of them
      const overloaded = before.filter((s) => s.queue!['runq-sz'] > n);
      expect(overloaded.length).toBe(before.length);
      expect(sat!.onset).toBe(at(before[0]!));
      expect(sat!.onset!).toBeLessThan(startMs);
      expect(sat!.evidence[0]!.excerpt).toContain('sar history sar/sa99.json (every 10 s');
      // the diagnosis says it began before the capture, in the history
      const d = buildAnalysis([host], EMPTY_TIMELINE, { generatedAt: '2026-11-26T00:00:00.000Z' }).diagnosis;
      expect(d.cause?.resource).toBe('cpu');
      expect(d.reasoning.some((x) => x.text.startsWith('It began before the capture window') && x.text.includes('sar history'))).toBe(true);
      console.log(
        `[history] ${before.length} history samples before ${new Date(startMs).toISOString()}; cpu-saturation onset ${new Date(sat!.onset!).toISOString()}; ${sat!.evidence[0]!.excerpt}`,
      );
    }, 15 * 60_000);
  }, 600_000);

  it('leaves the onset in the window when the history before it was not overloaded', async (t) => {
    await withMachineLock(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-hist-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const n = cpus().length;
      const sa = join(dir, 'sa98');
      sadc(10, 20, sa);
      // sadc samples at +10, +20, +30 s; the load starts just after the third and the
      // capture just after that, so the fourth sample (+40 s) falls inside the window
      await sleep(31_000);
      const load: Load = background('stress-ng', ['--cpu', String(n * 3), '--timeout', '60']);
      cleanups.push(() => load.stop());
      await sleep(1500);
      const r = await runCapture(['-d', '5', '-o', dir, '--no-discover', '--since', '2m', '-q', '-t', 'app'], {
        env: { SITREP_SA_GLOBS: sa },
        timeoutMs: 150_000,
      });
      expect(r.bundlePath, r.stderr).not.toBeNull();
      const raw = readBundle(r.bundlePath!);
      const json = JSON.parse(raw.files.get('sar/sa98.json')!.toString('utf8'));
      const startMs = Number(raw.meta.start_epoch) * 1000;
      const at = (s: SadfSample) => Date.parse(`${s.timestamp.date}T${s.timestamp.time}Z`);
      const before = (json.sysstat.hosts[0].statistics as SadfSample[]).filter((s) => s && s.timestamp && at(s) <= startMs);
      const last = before[before.length - 1];
      expect(last).toBeDefined();
      if (last!.queue!['runq-sz'] > n) {
        // someone else's load on this shared machine overloaded the CPUs before ours began
        t.skip(`the history sample before the window already had ${last!.queue!['runq-sz']} runnable threads (not ours)`);
        return;
      }
      const { host } = await loadOne(r.bundlePath!, undefined, { split: false });
      const m = buildModels(host);
      expect(m.cpu.runq?.history?.points.length).toBe(before.length);
      const sat = runRules(host, m, EMPTY_TIMELINE).findings.find((f) => f.rule === 'cpu-saturation');
      expect(sat).toBeDefined();
      expect(sat!.onset!).toBeGreaterThan(startMs);
      expect(sat!.evidence[0]!.excerpt).not.toContain('sar history');
    }, 15 * 60_000);
  }, 600_000);
});
