#!/usr/bin/env node
// Run lab scenarios: start the 3-tier stack, start one capture per tier (each
// given only its own logs), inject the fault while they sample, keep the
// bundles, clean up everything (also on failure).
//   node scripts/lab/run.mjs [-d SECONDS] [-o DIR] [SCENARIO...]
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { SCENARIOS, scenario } from './scenarios.mjs';
import { createLab, destroyLab, logPaths, startApp, startDb, startWeb, stopApp } from './stack.mjs';

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

/** One tier's capture; `since` null: the capture's own default window (the last 24 h of logs). */
function capture(tier, logs, seconds, outDir, since) {
  fs.mkdirSync(outDir, { recursive: true });
  const args = [CAPTURE, '-d', String(seconds), '-t', tier, '--no-discover', ...(since === null ? [] : ['--since', `@${since}`]), '-o', outDir];
  for (const l of logs) args.push('-l', l);
  const [cmd, argv] = captureCommand(tier, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
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
}

/** Runnable threads right now (procs_running in /proc/stat). */
function running() {
  const m = /procs_running (\d+)/.exec(fs.readFileSync('/proc/stat', 'utf8'));
  return m ? Number(m[1]) : 0;
}

/**
 * Lab hygiene between experiments on one machine: TIME_WAIT sockets left by
 * earlier traffic are let to expire (they live 60 s), and the run queue and
 * the pressure averages are let to settle (the previous test's processes
 * exiting), so each scenario starts
 * from a quiet machine, as a real host would. Earlier kernel events are kept
 * out by each capture's --since, not by clearing the ring buffer.
 */
async function quiesce() {
  const deadline = Date.now() + 75_000;
  while (Date.now() < deadline) {
    const tw = execFileSync('ss', ['-Htan', 'state', 'time-wait'], { encoding: 'utf8' }).split('\n').filter(Boolean).length;
    if (tw < 200) break;
    await sleep(2000);
  }
  const cpus = os.cpus().length;
  const calmBy = Date.now() + 60_000;
  while (Date.now() < calmBy) {
    let peak = 0;
    for (let i = 0; i < 10; i += 1) {
      peak = Math.max(peak, running());
      await sleep(200);
    }
    if (peak <= cpus && pressureCalm()) return;
  }
}

/** PSI `some avg10` per resource, half the rules' thresholds (cpu 25 %, io and memory 10 %). */
const CALM_PSI = { cpu: 12.5, io: 5, memory: 5 };

/**
 * Whether the pressure averages have decayed: avg10 is a 10 s moving average,
 * so it stays high for ~15 s after a busy previous test while the run queue is
 * already quiet, and a healthy capture then saw "CPU pressure".
 */
function pressureCalm() {
  for (const [res, max] of Object.entries(CALM_PSI)) {
    let text;
    try {
      text = fs.readFileSync(`/proc/pressure/${res}`, 'utf8');
    } catch {
      continue;
    } // no PSI: nothing to wait for
    const m = /^some avg10=([\d.]+)/m.exec(text);
    if (m && Number(m[1]) > max) return false;
  }
  return true;
}

// Labs alive right now, so a signal (Ctrl-C, a test runner's kill) still cleans them up.
const ACTIVE = new Set();
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    for (const { lab, cleanup, teardown } of ACTIVE) {
      try {
        cleanup?.();
      } catch {
        /* best effort */
      }
      try {
        teardown?.();
      } catch {
        /* best effort */
      }
      destroyLab(lab);
    }
    process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
  });
}

/**
 * An earlier incident on the same stack, not captured: its app, setup, fault
 * and traffic for `ms`, then its app stopped and its setup undone. Its log
 * lines stay in the tiers' logs and its kernel lines in the ring buffer.
 */
async function runEarlier(lab, entry, e, ms) {
  const opts = e.app(lab);
  entry.cleanup = opts.cleanup;
  let undo;
  try {
    await startApp(lab, opts);
    undo = e.setup?.(lab);
    entry.teardown = undo;
    await e.run(lab, ms);
  } finally {
    stopApp(lab);
    try {
      opts.cleanup?.();
    } catch {
      /* best effort */
    }
    try {
      undo?.();
    } catch {
      /* best effort */
    }
    entry.cleanup = undefined;
    entry.teardown = undefined;
  }
}

/**
 * Run one scenario; returns the three bundle paths and what the traffic saw.
 * A dirty scenario (`s.dirty`) skips the hygiene: no quiesce, its `before`
 * incidents run first on the same stack, and the captures keep their default
 * 24 h log window (no --since), as on a host with a history.
 */
export async function runScenario(name, { seconds = 8, outDir, workRoot = os.tmpdir() } = {}) {
  const s = scenario(name);
  const lab = createLab(workRoot);
  const out = outDir ?? fs.mkdtempSync(path.join(workRoot, 'sitrep-bundles-'));
  const entry = { lab, cleanup: undefined, teardown: undefined };
  ACTIVE.add(entry);
  let appCleanup;
  let teardown;
  try {
    if (!s.dirty) await quiesce();
    await startDb(lab);
    await startWeb(lab);
    for (const earlier of s.before ?? []) await runEarlier(lab, entry, scenario(earlier), seconds * 1000);
    const appOpts = s.app(lab);
    appCleanup = appOpts.cleanup;
    entry.cleanup = appCleanup;
    await startApp(lab, appOpts);
    const logs = logPaths(lab);
    teardown = s.setup?.(lab);
    // This scenario's window: kernel lines from earlier experiments are not its evidence (unless dirty).
    const since = s.dirty ? null : Math.floor(Date.now() / 1000) - 1;
    entry.teardown = teardown;
    // Started 40 ms apart: three captures on one machine then sample at
    // different points of each second instead of all waking together.
    const captures = [];
    for (const t of TIERS) {
      captures.push(capture(t, logs[t], seconds, path.join(out, name, t), since));
      await sleep(40);
    }
    const baselineMs = 1500;
    await sleep(baselineMs);
    const counts = await s.run(lab, seconds * 1000 - baselineMs);
    const paths = await Promise.all(captures);
    return { scenario: name, expect: s.expect, traffic: counts, bundles: Object.fromEntries(TIERS.map((t, i) => [t, paths[i]])) };
  } finally {
    stopApp(lab);
    try {
      appCleanup?.();
    } catch {
      /* best effort */
    }
    try {
      teardown?.();
    } catch {
      /* best effort */
    }
    destroyLab(lab);
    ACTIVE.delete(entry);
  }
}

async function main(argv) {
  let seconds = 8;
  let outDir = path.resolve('lab-bundles');
  const names = [];
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    if (a === '-d') seconds = Number(argv[++i]);
    else if (a === '-o') outDir = path.resolve(argv[++i]);
    else if (a === '-h' || a === '--help') {
      console.log(`usage: run.mjs [-d SECONDS] [-o DIR] [SCENARIO...]\nscenarios: ${SCENARIOS.map((s) => s.name).join(' ')}`);
      return;
    } else names.push(a);
  }
  for (const name of names.length ? names : SCENARIOS.map((s) => s.name)) {
    const result = await runScenario(name, { seconds, outDir });
    console.log(JSON.stringify(result));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main(process.argv.slice(2)).catch((err) => {
    console.error(`lab: ${err.message}`);
    process.exit(1);
  });
}
