// Everything one lab scenario starts, stopped in one place: when it ends, when
// it fails, and at once when it is aborted (a test's timeout, the runner's -t,
// a signal). Without this a timed-out scenario's stack (nginx, PostgreSQL, the
// app in its cgroup, three captures) stayed up while its promise ran on, and
// every later scenario failed to start PostgreSQL on the same port.
import { setMaxListeners } from 'node:events';
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { destroyLab, stopApp } from './stack.mjs';

/** A capture's grace after SIGTERM: its own trap stops its samplers and removes its temporary files. */
const CAPTURE_GRACE_MS = 10_000;
/** After the capture's exit, for its own cleanup to finish before what is left of it is killed. */
const AFTER_EXIT_MS = 300;

/** Every process now: pid, parent, start time (to tell a reused pid) and command line. */
function processTable() {
  const table = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    let cmd;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ');
    } catch {
      continue; // exited meanwhile
    }
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (f[0] === 'Z') continue; // a zombie holds nothing
    table.push({ pid: Number(entry), ppid: Number(f[1]), start: f[19], cmd });
  }
  return table;
}

/** `seeds` and all their descendants in `table`. */
function withDescendants(table, seeds) {
  const found = new Map(seeds.map((p) => [p.pid, p]));
  for (let grew = true; grew;) {
    grew = false;
    for (const p of table) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...found.values()];
}

function kill(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    /* gone */
  }
}

/**
 * A scenario's guard over `lab`. `outer`: the caller's AbortSignal (optional).
 * `guard.signal` aborts with it, and its abort tears the stack down at once,
 * before the scenario's code notices; `lab.signal` is the same signal, for the
 * stack's and the faults' waits.
 */
export function createGuard(lab, outer) {
  const ac = new AbortController();
  // Every request of the traffic in flight listens on it (http.get's signal): dozens at once, none kept.
  setMaxListeners(256, ac.signal);
  const forward = () => ac.abort(outer.reason);
  const undos = new Set();
  const captures = new Map(); // child → { exited: a promise, mark: text only its processes' command lines hold }
  const seen = new Map(); // pid → start time: each capture's tree when stop() signalled it
  const termed = new Set();
  let signalled = false;
  let destroyed = false;
  lab.signal = ac.signal;

  /** Register an undo (a cgroup's removal, a sysctl's restore); returns it, run at most once. */
  function undo(fn) {
    if (!fn) return () => {};
    const once = () => {
      if (!undos.delete(once)) return;
      try {
        fn();
      } catch {
        /* best effort: the rest must still run */
      }
    };
    undos.add(once);
    return once;
  }

  /**
   * A capture child; stop() sends it SIGTERM, settle() waits for it. `mark`:
   * text in the command line of it and of every subshell it forks (its
   * `-o DIR`), which still names them once orphaned.
   */
  function track(child, mark) {
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', resolve);
    });
    captures.set(child, { exited, mark });
  }

  /** Each capture's processes: its own, those its mark names, and all their descendants. */
  function captureTree(table) {
    const marks = [...captures.values()].map((c) => c.mark);
    // Only a live child's pid: an exited one's may be reused by anything.
    const pids = new Set([...captures.keys()].filter((c) => c.exitCode === null && c.signalCode === null).map((c) => c.pid));
    const seeds = table.filter((p) => pids.has(p.pid) || marks.some((m) => p.cmd.includes(m)) || seen.get(p.pid) === p.start);
    return withDescendants(table, seeds);
  }

  /** Stop everything now; safe to call again (a late start is stopped too). */
  function stop() {
    // Once each: a second SIGTERM during the capture's cleanup (its traps reset by
    // then) killed it mid-cleanup and orphaned its samplers, ~50 processes for ~30 s.
    const running = [...captures.keys()].filter((child) => child.exitCode === null && child.signalCode === null && !termed.has(child));
    if (running.length) {
      signalled = true;
      for (const p of captureTree(processTable())) seen.set(p.pid, p.start);
    }
    for (const child of running) {
      termed.add(child);
      kill(child.pid, 'SIGTERM');
    }
    stopApp(lab);
    for (const u of [...undos].reverse()) u();
    if (!destroyed) {
      destroyed = true;
      destroyLab(lab);
    }
  }

  /**
   * Wait for the captures to exit (SIGKILL past the grace), then kill what is
   * left of them: a capture killed during its own cleanup leaves its samplers
   * orphaned (seen on 2026-12-05: ~50 subshells that ran on for ~30 s).
   */
  async function settle() {
    const pending = [...captures.values()].map((c) => c.exited);
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, CAPTURE_GRACE_MS, 'late');
    });
    const inTime = (await Promise.race([Promise.all(pending), late])) !== 'late';
    clearTimeout(timer);
    if (!signalled && inTime) return;
    await sleep(AFTER_EXIT_MS);
    for (let round = 0; round < 20; round += 1) {
      if (!sweep()) return;
      await sleep(100);
    }
    console.error('lab: processes of a stopped capture outlived SIGKILL for 2 s');
  }

  /** SIGKILL every process of the captures now; how many there were. For a runner about to exit. */
  function sweep() {
    const left = captureTree(processTable());
    for (const p of left) kill(p.pid, 'SIGKILL');
    return left.length;
  }

  function dispose() {
    outer?.removeEventListener('abort', forward);
  }

  ac.signal.addEventListener(
    'abort',
    () => {
      try {
        stop();
      } catch (err) {
        console.error(`lab: teardown on abort: ${err.message}`);
      }
    },
    { once: true },
  );
  if (outer?.aborted) forward();
  else outer?.addEventListener('abort', forward, { once: true });
  return { signal: ac.signal, undo, track, stop, settle, sweep, dispose };
}
