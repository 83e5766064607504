/**
 * Real bundles from the real capture script under real load, diagnosed end to
 * end (loadHost → timeline → buildAnalysis). Windows are short (-d 6); every
 * load, cgroup and file is removed in afterEach, also when a test fails. This
 * machine is shared: scenarios a neighbour's load would confuse first wait
 * for quiet and skip, saying so, when it never comes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/diagnosis/types.js';
import { runCapture } from '../helpers/capture.js';
import { background, sleep, waitQuiet, withMachineLock, type Load } from '../rules/fixtures.js';
import { loadAndAnalyze, neighbours } from './analyze.js';
import { validate } from './schema-validator.js';
import { REPO_ROOT } from '../helpers/corpus.js';
import { lacks } from '../helpers/need.js';

const SCHEMA = JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'report.schema.json'), 'utf8')) as Record<string, unknown>;

const cleanups: (() => Promise<void> | void)[] = [];
const ownPids: number[] = [];
/** Each test's log window starts when the test starts: kernel lines of earlier tests are not its incident. */
let testStart = Date.now();
beforeEach(() => {
  testStart = Date.now();
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function start(cmd: string, args: string[]): Load {
  const l = background(cmd, args);
  if (l.child.pid) ownPids.push(l.child.pid);
  cleanups.push(() => l.stop());
  return l;
}

/** Set by capture(): a skip note when someone else's process loaded this shared machine during the window. */
let interference: string | null = null;

async function capture(seconds = 6): Promise<Analysis> {
  const out = mkdtempSync(join(tmpdir(), 'sitrep-real-'));
  cleanups.push(() => rmSync(out, { recursive: true, force: true }));
  const r = await runCapture(['-d', String(seconds), '-o', out, '--no-discover', '--since', `@${Math.floor(testStart / 1000)}`, '-q', '-t', 'app'], {
    timeoutMs: 120_000,
  });
  expect(r.bundlePath, r.stderr).not.toBeNull();
  const { analysis, hosts } = await loadAndAnalyze([r.bundlePath!]);
  // Every real Analysis must satisfy the published contract.
  expect(validate(SCHEMA, JSON.parse(JSON.stringify(analysis)))).toEqual([]);
  const others = neighbours(hosts[0]!, ownPids, analysis);
  interference = others.length > 0 ? `other work on this shared machine during the capture: ${others.join('; ')}` : null;
  return analysis;
}

/**
 * Called only when a scenario's expectation did not hold: if other people's work
 * was visible in the bundle, skip (saying what) instead of failing; with no
 * neighbour in sight the assertions below run and fail.
 */
function skipIfInterfered(t: { skip: (note?: string) => void }): boolean {
  if (interference === null) return false;
  console.warn(`[sitrep tests] skipped: ${interference}`);
  t.skip(interference);
  return true;
}

/** Idle needs a truly quiet machine; load scenarios only need the neighbours' run queue out of the way. */
async function quietOrSkip(t: { skip: (note?: string) => void }, strict = false): Promise<boolean> {
  if (await waitQuiet(strict ? 90_000 : 45_000, { psi: strict })) return true;
  t.skip(`machine busy with other work: this scenario needs ${strict ? 'an idle' : 'a quiet'} machine`);
  return false;
}

const significant = (a: Analysis) => a.findings.filter((f) => f.severity !== 'info');
const summary = (a: Analysis) =>
  JSON.stringify({ d: a.diagnosis.verdict, cause: a.diagnosis.cause, f: significant(a).map((f) => `${f.severity} ${f.id}: ${f.title}`) });
const NODE = process.execPath;
/** Other test files may hold the machine lock for a few minutes. */
const LOCK_WAIT_MS = 15 * 60_000;

/** A scenario holds the machine lock for its whole run (load, capture, analysis); cleanup still runs in afterEach. */
const locked = (body: (t: { skip: (note?: string) => void }) => Promise<void>) => (t: { skip: (note?: string) => void }) =>
  withMachineLock(async () => {
    try {
      await body(t);
    } finally {
      // Stop the scenario's load before the lock goes to another test file.
      while (cleanups.length) await cleanups.pop()!();
    }
  });

describe('real bundles under real load', () => {
  it(
    'an idle capture is healthy: no warning or critical finding',
    locked(async (t) => {
      if (!(await quietOrSkip(t, true))) return;
      const a = await capture();
      if (significant(a).length > 0 && skipIfInterfered(t)) return;
      expect(significant(a).map((f) => `${f.id}: ${f.title}`)).toEqual([]);
      expect(a.diagnosis.verdict).toBe('healthy');
    }),
    LOCK_WAIT_MS,
  );

  it.skipIf(lacks('CPU saturation', { tools: ['stress-ng'] }))(
    'CPU saturation (stress-ng --cpu 2×N) → cause cpu',
    locked(async (_t) => {
      start('stress-ng', ['--cpu', String(cpus().length * 2), '--timeout', '16']);
      await sleep(1000);
      const a = await capture();
      expect(a.diagnosis.verdict, summary(a)).toBe('cause-found');
      expect(a.diagnosis.cause?.resource, summary(a)).toBe('cpu');
      const runq = a.findings.find((f) => f.rule === 'cpu-saturation');
      expect(runq?.peak?.value).toBeGreaterThan(cpus().length);
      console.log(`[measured] cpu: ${runq?.title}; confidence ${a.diagnosis.confidence}`);
    }),
    LOCK_WAIT_MS,
  );

  it.skipIf(lacks('disk saturation', { tools: ['fio'] }))(
    'disk saturation (fio randwrite direct=1 iodepth=32) → cause storage-io',
    locked(async (t) => {
      if (!(await quietOrSkip(t))) return;
      const dir = mkdtempSync(join(tmpdir(), 'sitrep-fio-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      start('fio', [
        '--name=randwrite',
        `--filename=${join(dir, 'f')}`,
        '--rw=randwrite',
        '--bs=256k',
        '--direct=1',
        '--ioengine=libaio',
        '--iodepth=32',
        '--size=1G',
        '--time_based',
        '--runtime=16',
      ]);
      await sleep(2000);
      const a = await capture();
      if (a.diagnosis.cause?.resource !== 'storage-io' && skipIfInterfered(t)) return;
      expect(a.diagnosis.cause?.resource, summary(a)).toBe('storage-io');
      const q = a.findings.find((f) => f.rule === 'disk-saturation');
      expect(q?.peak?.value).toBeGreaterThan(1);
      console.log(`[measured] disk: ${q?.title}; ${a.findings.find((f) => f.rule === 'disk-utilization')?.title ?? 'no %util finding'}`);
    }),
    LOCK_WAIT_MS,
  );

  it.skipIf(lacks('memory cgroup OOM kills', { root: true, tools: ['stress-ng'] }))(
    'memory cgroup OOM kills (stress-ng --vm in a 64 MiB cgroup) → memory errors',
    locked(async (t) => {
      if (!(await quietOrSkip(t))) return;
      const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
      const cg = v2 ? `/sys/fs/cgroup/sitrep-oom-${process.pid}` : `/sys/fs/cgroup/memory/sitrep-oom-${process.pid}`;
      mkdirSync(cg);
      cleanups.push(async () => {
        // Kill whatever is left in the group, then remove it (rmdir needs it empty).
        for (const pid of readFileSync(join(cg, v2 ? 'cgroup.procs' : 'tasks'), 'utf8')
          .split('\n')
          .filter(Boolean)) {
          try {
            process.kill(Number(pid), 'SIGKILL');
          } catch {
            /* gone */
          }
        }
        for (let i = 0; i < 50 && existsSync(cg); i++) {
          try {
            rmdirSync(cg);
          } catch {
            await sleep(100);
          }
        }
      });
      writeFileSync(join(cg, v2 ? 'memory.max' : 'memory.limit_in_bytes'), String(64 << 20));
      if (!v2) writeFileSync(join(cg, 'memory.memsw.limit_in_bytes'), String(64 << 20), { flag: 'w' });
      const procs = join(cg, v2 ? 'cgroup.procs' : 'tasks');
      // dmesg is read at the start of the capture: the kills must have begun by then (stress-ng restarts its killed worker).
      start('sh', ['-c', `echo $$ > ${procs} && exec stress-ng --vm 1 --vm-bytes 200M --timeout 12`]);
      await sleep(2500);
      const a = await capture();
      if (a.diagnosis.cause?.resource !== 'memory' && skipIfInterfered(t)) return;
      expect(a.diagnosis.cause?.resource, summary(a)).toBe('memory');
      const oom = a.findings.find((f) => f.rule === 'memory-errors');
      expect(oom?.severity).toBe('critical');
      expect(a.diagnosis.cause?.findings).toContain(oom?.id);
      console.log(`[measured] oom: ${oom?.title}: ${oom?.evidence[0]?.excerpt.slice(0, 120)}`);
    }),
    LOCK_WAIT_MS,
  );

  it(
    'CLOSE_WAIT leak (server never closes, 200 client connect/close) → tcp, naming the process',
    locked(async (t) => {
      if (!(await quietOrSkip(t))) return;
      const server = start(NODE, [
        '-e',
        `require('net').createServer({ allowHalfOpen: true }, () => {}).listen(18951, '127.0.0.1'); setTimeout(() => process.exit(0), 40000);`,
      ]);
      await sleep(500);
      const capturing = capture();
      await sleep(1000);
      start(NODE, [
        '-e',
        `const net = require('net'); let i = 0; const go = () => { if (i++ >= 200) return; const c = net.connect(18951, '127.0.0.1', () => c.end()); c.on('error', () => {}); setTimeout(go, 20); }; go(); setTimeout(() => {}, 8000);`,
      ]);
      const a = await capturing;
      if (a.diagnosis.cause?.resource !== 'tcp' && skipIfInterfered(t)) return;
      expect(a.diagnosis.cause?.resource, summary(a)).toBe('tcp');
      const cw = a.findings.find((f) => f.rule === 'tcp-close-wait' && f.subject === `node/${server.child.pid}`);
      expect(cw, summary(a)).toBeDefined();
      expect(a.diagnosis.cause?.findings).toContain(cw?.id);
      console.log(`[measured] close-wait: ${cw?.title}`);
    }),
    LOCK_WAIT_MS,
  );

  // Two listeners: on loopback with tcp_tw_reuse=2, connect() starts reusing a
  // destination's TIME_WAIT ports once about half the range holds them, so one
  // destination stopped at 14,116 of 28,232 ports (50.0 %, the warning line)
  // and the verdict flipped between runs. Two destinations, 30k connections
  // each, measured 26,909 (95 %) here.
  it(
    'TIME_WAIT storm (60k connect/close to two loopback listeners) → tcp time-wait',
    locked(async (t) => {
      if (!(await quietOrSkip(t))) return;
      start(NODE, [
        '-e',
        `const net = require('net'); for (const p of [18952, 18953]) net.createServer((s) => { s.on('end', () => s.end()); s.on('error', () => {}); }).listen(p, '127.0.0.1'); setTimeout(() => process.exit(0), 90000);`,
      ]);
      await sleep(500);
      const storm = start(NODE, [
        '-e',
        `const net = require('net'); let started = 0, done = 0; const N = 60000; const one = () => { if (started >= N) return; const port = 18952 + (started % 2); started++; const c = net.connect(port, '127.0.0.1', () => c.end()); c.on('close', () => { done++; one(); }); c.on('error', () => {}); }; for (let k = 0; k < 64; k++) one(); setInterval(() => { if (done >= N) process.exit(0); }, 100);`,
      ]);
      await new Promise<void>((r) => (storm.child.exitCode !== null ? r() : storm.child.once('exit', () => r())));
      const a = await capture();
      if (a.diagnosis.cause?.resource !== 'tcp' && skipIfInterfered(t)) return;
      expect(a.diagnosis.cause?.resource, summary(a)).toBe('tcp');
      const tw = a.findings.find((f) => f.rule === 'tcp-time-wait');
      expect(tw).toBeDefined();
      expect(tw?.severity, tw?.title).toBe('critical');
      expect(a.diagnosis.cause?.findings).toContain(tw?.id);
      console.log(`[measured] time-wait: ${tw?.title}`);
    }),
    LOCK_WAIT_MS,
  );
});
