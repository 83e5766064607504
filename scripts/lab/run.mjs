#!/usr/bin/env node
// Run lab scenarios: start the 3-tier stack, start one capture per tier (each
// given only its own logs), inject the fault while they sample, keep the
// bundles, clean up everything (also on failure).
//   node scripts/lab/run.mjs [-d SECONDS] [-o DIR] [-t SECONDS] [SCENARIO...]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SCENARIOS, scenario } from './scenarios.mjs';
import { createGuard } from './guard.mjs';
import { createLab, logPaths, startApp, startDb, startWeb, stopApp } from './stack.mjs';
import { quiesce } from './quiesce.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CAPTURE = path.join(ROOT, 'scripts', 'sitrep-capture.sh');
const TIERS = ['web', 'app', 'db'];

/** Each tier's hostname: its capture runs in its own UTS namespace under it, as on three machines. */
export const HOSTNAMES = { web: 'web1', app: 'app1', db: 'db1' };

const onPath = (cmd) => (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, cmd)));
const OWN_UTS = process.getuid?.() === 0 && onPath('unshare') && onPath('hostname');
if (!OWN_UTS) console.error("lab: not root or no unshare: every tier keeps this machine's hostname");

/** `bash CAPTURE ARGS`, inside a new UTS namespace named after the tier where it can be. */
function captureCommand(tier, args) {
  if (!OWN_UTS) return ['bash', args];
  return ['unshare', ['--uts', '--', 'sh', '-c', 'hostname "$0" && exec bash "$@"', HOSTNAMES[tier], ...args]];
}

/**
 * One tier's capture; `since` null: the capture's own default window (the
 * last 24 h of logs). `guard` tracks the child, to stop it if the scenario is
 * aborted. The promise never rejects unhandled: an aborted scenario may never
 * reach the await of its captures.
 */
function capture(guard, tier, logs, seconds, outDir, since) {
  fs.mkdirSync(outDir, { recursive: true });
  const args = [CAPTURE, '-d', String(seconds), '-t', tier, '--no-discover', ...(since === null ? [] : ['--since', `@${since}`]), '-o', outDir];
  for (const l of logs) args.push('-l', l);
  const [cmd, argv] = captureCommand(tier, args);
  const done = new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    guard.track(child, ` -o ${outDir} `);
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      err += d;
    });
    child.on('close', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.endsWith('.tar.gz')) resolve(last);
      else reject(new Error(`capture ${tier} exited ${code}: ${err.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
  done.catch(() => {});
  return done;
}

// Scenarios running right now (their guards), so a signal (Ctrl-C, a test
// runner's kill) still tears their stacks down.
const ACTIVE = new Set();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    for (const guard of ACTIVE) {
      try {
        guard.stop();
      } catch {
        /* best effort: the others still */
      }
    }
    // The captures' own traps get 0.3 s to remove their work files; then what is left of them is killed.
    if (ACTIVE.size) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
    for (const guard of ACTIVE) guard.sweep();
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * An earlier incident on the same stack, not captured: its app, setup, fault
 * and traffic for `ms`, then its app stopped and its setup undone. Its log
 * lines stay in the tiers' logs and its kernel lines in the ring buffer.
 */
async function runEarlier(lab, guard, e, ms) {
  const opts = e.app(lab);
  const cleanup = guard.undo(opts.cleanup);
  let undo = () => {};
  try {
    await startApp(lab, opts);
    undo = guard.undo(e.setup?.(lab));
    await e.run(lab, ms);
  } finally {
    stopApp(lab);
    cleanup();
    undo();
  }
}

/**
 * Run one scenario; returns the three bundle paths and what the traffic saw.
 * A dirty scenario (`s.dirty`) skips the hygiene: no quiesce, its `before`
 * incidents run first on the same stack, and the captures keep their default
 * 24 h log window (no --since), as on a host with a history.
 */
export async function runScenario(name, { seconds = 8, outDir, workRoot = os.tmpdir(), signal } = {}) {
  const s = scenario(name);
  signal?.throwIfAborted();
  const lab = createLab(workRoot);
  const out = outDir ?? fs.mkdtempSync(path.join(workRoot, 'sitrep-bundles-'));
  const guard = createGuard(lab, signal);
  const clock = stageClock();
  ACTIVE.add(guard);
  try {
    return { ...(await stages(s, lab, guard, seconds, out, clock)), stages: clock.done() };
  } catch (err) {
    if (!guard.signal.aborted) throw err;
    const why = guard.signal.reason instanceof Error ? guard.signal.reason.message : String(guard.signal.reason);
    throw new Error(`lab: ${name} stopped and torn down ${clock.where()}: ${why}; stages ${JSON.stringify(clock.done())}`, { cause: err });
  } finally {
    // Also after an abort, whose teardown already ran: a start that slipped in since is stopped too.
    guard.stop();
    await guard.settle();
    guard.dispose();
    ACTIVE.delete(guard);
  }
}

/**
 * Seconds spent in each stage, and the stage under way: a scenario past its
 * time limit says where it was (CI, 2026-12-06: app-cpu past 300 s, the log
 * naming no stage).
 */
function stageClock() {
  const spent = {};
  let current = null;
  let since = Date.now();
  const close = () => {
    if (current) spent[current] = Math.round((Date.now() - since) / 100) / 10;
  };
  return {
    enter(name) {
      close();
      current = name;
      since = Date.now();
    },
    where: () => (current ? `in its ${current} stage, ${Math.round((Date.now() - since) / 1000)} s into it` : 'before its first stage'),
    done() {
      close();
      current = null;
      return spent;
    },
  };
}

/**
 * `promise`, or the abort's reason as soon as `signal` aborts: a wait the
 * abort cannot reach (a capture whose orphaned child keeps its pipe open)
 * still ends, and the guard's settle then kills what is left.
 */
function orAbort(promise, signal) {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

/** The scenario's stages; every wait in them ends at once when `guard.signal` aborts. */
async function stages(s, lab, guard, seconds, out, clock) {
  const { signal } = guard;
  clock.enter('quiesce');
  if (!s.dirty) await quiesce(signal);
  clock.enter('stack');
  await startDb(lab);
  await startWeb(lab);
  clock.enter('earlier');
  for (const earlier of s.before ?? []) await runEarlier(lab, guard, scenario(earlier), seconds * 1000);
  signal.throwIfAborted();
  clock.enter('app');
  const appOpts = s.app(lab);
  guard.undo(appOpts.cleanup);
  await startApp(lab, appOpts);
  const logs = logPaths(lab);
  guard.undo(s.setup?.(lab));
  // This scenario's window: kernel lines from earlier experiments are not its evidence (unless dirty).
  const since = s.dirty ? null : Math.floor(Date.now() / 1000) - 1;
  // Started 40 ms apart: three captures on one machine then sample at
  // different points of each second instead of all waking together.
  // A fault that builds for a minute (TIME_WAIT lives 60 s) is already under
  // way when the engineer arrives: its traffic starts `leadInMs` before the captures.
  let traffic = null;
  clock.enter('window');
  if (s.leadInMs) {
    traffic = s.run(lab, s.leadInMs + seconds * 1000);
    await sleep(s.leadInMs, undefined, { signal });
  }
  const captures = [];
  for (const t of TIERS) {
    captures.push(capture(guard, t, logs[t], seconds, path.join(out, s.name, t), since));
    await sleep(40, undefined, { signal });
  }
  if (!traffic) {
    const baselineMs = 1500;
    await sleep(baselineMs, undefined, { signal });
    traffic = s.run(lab, seconds * 1000 - baselineMs);
  }
  const counts = await orAbort(traffic, signal);
  clock.enter('packing');
  const paths = await orAbort(Promise.all(captures), signal);
  return { scenario: s.name, expect: s.expect, traffic: counts, bundles: Object.fromEntries(TIERS.map((t, i) => [t, paths[i]])) };
}

/**
 * Every scenario runs, each in turn: a failed one (or one past its -t limit,
 * then torn down at once) is reported and the next starts on a clean machine.
 */
async function main(argv) {
  let seconds = 8;
  let limitS = 0;
  let outDir = path.resolve('lab-bundles');
  const names = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '-d') seconds = Number(argv[++i]);
    else if (a === '-o') outDir = path.resolve(argv[++i]);
    else if (a === '-t') limitS = Number(argv[++i]);
    else if (a === '-h' || a === '--help') {
      console.log(
        `usage: run.mjs [-d SECONDS] [-o DIR] [-t SECONDS] [SCENARIO...]\n  -t: stop a scenario past this many seconds (default: no limit)\nscenarios: ${SCENARIOS.map((s) => s.name).join(' ')}`,
      );
      return 0;
    } else names.push(a);
  }
  let failed = 0;
  for (const name of names.length ? names : SCENARIOS.map((s) => s.name)) {
    const signal = limitS > 0 ? AbortSignal.timeout(limitS * 1000) : undefined;
    try {
      console.log(JSON.stringify(await runScenario(name, { seconds, outDir, signal })));
    } catch (err) {
      failed += 1;
      console.error(err.message.startsWith('lab: ') ? err.message : `lab: ${name}: ${err.message}`);
    }
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(`lab: ${err.message}`);
      process.exit(1);
    },
  );
}
