// Everything one lab scenario starts, stopped in one place: when it ends, when
// it fails, and at once when it is aborted (a test's timeout, the runner's -t,
// a signal). Without this a timed-out scenario's stack (nginx, PostgreSQL, the
// app in its cgroup, three captures) stayed up while its promise ran on, and
// every later scenario failed to start PostgreSQL on the same port.
import fs from 'node:fs';
import { destroyLab, stopApp } from './stack.mjs';

/** A capture's grace after SIGTERM: its own trap stops its samplers and removes its temporary files. */
const CAPTURE_GRACE_MS = 10_000;

/** Every descendant of `pid` (children first found, then theirs), read from /proc. */
function descendants(pid) {
  const children = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(Number(entry));
  }
  const found = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()) ?? []) {
      found.push(c);
      queue.push(c);
    }
  }
  return found;
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
  const forward = () => ac.abort(outer.reason);
  const undos = new Set();
  const captures = new Map(); // child → its exit, a promise
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

  /** A capture child; stop() sends it SIGTERM, settle() waits for it. */
  function track(child) {
    const exited = new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) resolve();
      else child.once('exit', resolve);
    });
    captures.set(child, exited);
  }

  /** Stop everything now; safe to call again (a late start is stopped too). */
  function stop() {
    for (const child of captures.keys()) if (child.exitCode === null && child.signalCode === null) kill(child.pid, 'SIGTERM');
    stopApp(lab);
    for (const u of [...undos].reverse()) u();
    if (!destroyed) {
      destroyed = true;
      destroyLab(lab);
    }
  }

  /** Wait for the captures to exit; past the grace, SIGKILL each with its whole tree. */
  async function settle() {
    const pending = [...captures.values()];
    let timer;
    const late = new Promise((resolve) => {
      timer = setTimeout(resolve, CAPTURE_GRACE_MS, 'late');
    });
    if ((await Promise.race([Promise.all(pending), late])) === 'late') {
      for (const child of captures.keys()) {
        if (child.exitCode !== null || child.signalCode !== null) continue;
        for (const pid of [child.pid, ...descendants(child.pid)]) kill(pid, 'SIGKILL');
      }
      await Promise.all(pending);
    }
    clearTimeout(timer);
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
  return { signal: ac.signal, undo, track, stop, settle, dispose };
}
