// Lab hygiene between scenarios on one machine: wait for what an earlier
// experiment left (TIME_WAIT sockets, a busy run queue, high PSI averages) to
// pass, within fixed limits, so each scenario starts from a quiet machine.
import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** Runnable threads right now (procs_running in /proc/stat). */
function running() {
  const m = /procs_running (\d+)/.exec(fs.readFileSync('/proc/stat', 'utf8'));
  return m ? Number(m[1]) : 0;
}

/**
 * TIME_WAIT sockets in this network namespace, from the kernel's counter:
 * listing them with ss overflowed execFileSync's 1 MiB buffer (ENOBUFS) after
 * the real-load test's storm left 27k.
 */
function timeWaitCount() {
  return Number(/TCP:.* tw (\d+)/.exec(fs.readFileSync('/proc/net/sockstat', 'utf8'))?.[1] ?? 0);
}

/**
 * Lab hygiene between experiments on one machine: TIME_WAIT sockets left by
 * earlier traffic are let to expire (they live 60 s), and the run queue and
 * the pressure averages are let to settle (the previous test's processes
 * exiting), so each scenario starts
 * from a quiet machine, as a real host would. Earlier kernel events are kept
 * out by each capture's --since, not by clearing the ring buffer.
 */
export async function quiesce(signal) {
  const deadline = Date.now() + 75_000;
  while (Date.now() < deadline) {
    const tw = timeWaitCount();
    if (tw < 200) break;
    await sleep(2000, undefined, { signal });
  }
  const cpus = os.cpus().length;
  const calmBy = Date.now() + 60_000;
  while (Date.now() < calmBy) {
    let peak = 0;
    for (let i = 0; i < 10; i += 1) {
      peak = Math.max(peak, running());
      await sleep(200, undefined, { signal });
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
