/**
 * Real system-wide limits approached for a few seconds: file handles near
 * fs.file-max, threads near min(kernel.threads-max, kernel.pid_max), memory
 * available near nothing. No limit is lowered: the handles, threads and pages
 * are really held by helper processes (python3), stopped in finally. Each
 * fills to 85% (memory: 7% left), under the rules' thresholds' other side
 * (80%; 10%), and only where that is small enough for this machine; otherwise
 * the case is skipped, saying why.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { command, procSamples, sleep } from './fixtures.js';
import { rawRecording, type Recording } from './recordings.js';
import { NotQuiet } from './inputs.js';
import { Unavailable, memoLocked, need } from './netns.js';

/** Holds `need` open files: forks children, each opening /dev/null up to its hard RLIMIT_NOFILE. */
const FILL_FILES_PY = `import os, resource, sys, time
need = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
per = max(1000, min(hard, 1 << 20) - 64)
r, w = os.pipe()
ready_r, ready_w = os.pipe()
kids = 0
while need > 0:
    n = min(per, need)
    if os.fork() == 0:
        os.close(w)
        fds = [os.open('/dev/null', os.O_RDONLY) for _ in range(n)]
        os.write(ready_w, b'.')
        os.read(r, 1)  # EOF once the parent is gone
        os._exit(0)
    need -= n
    kids += 1
for _ in range(kids):
    os.read(ready_r, 1)
print('ready', kids, 'processes', flush=True)
time.sleep(600)
`;

/**
 * Starts `need` threads that block in pause(), created with pthread_create
 * through ctypes (64 KiB stacks): plain C threads, so no GIL handoff among
 * thousands of Python threads slows their start on a busy machine.
 */
const FILL_THREADS_PY = `import ctypes, sys, time
need = int(sys.argv[1])
libc = ctypes.CDLL(None, use_errno=True)
attr = ctypes.create_string_buffer(128)
libc.pthread_attr_init(attr)
libc.pthread_attr_setstacksize(attr, ctypes.c_size_t(65536))
start = ctypes.cast(libc.pause, ctypes.c_void_p)
tid = ctypes.c_ulong()
for i in range(need):
    rc = libc.pthread_create(ctypes.byref(tid), attr, start, None)
    if rc != 0:
        sys.exit('pthread_create failed after %d threads: error %d' % (i, rc))
print('ready', need, 'threads', flush=True)
time.sleep(600)
`;

/**
 * Holds anonymous memory so that MemAvailable stays near `target` kB: it maps
 * and fills (MADV_POPULATE_WRITE, else a write per page) half the distance to
 * the target at a time (at most 1 GiB, at least 64 MiB), and unmaps the last
 * mapping when the machine's other work needs memory back; every 200 ms once
 * there. It volunteers as the OOM killer's first victim.
 */
const HOLD_MEMORY_PY = `import mmap, re, sys, time
target = int(sys.argv[1]) * 1024
open('/proc/self/oom_score_adj', 'w').write('1000')
CHUNK = 64 << 20
held = []
def avail():
    return int(re.search(r'MemAvailable:\\s+(\\d+)', open('/proc/meminfo').read()).group(1)) * 1024
def fill(size):
    m = mmap.mmap(-1, size)
    try:
        m.madvise(23)  # MADV_POPULATE_WRITE (Linux 5.14)
    except (OSError, ValueError):
        for i in range(0, size, 4096):
            m[i] = 1
    return m
ready = False
while True:
    gap = avail() - target
    if gap > CHUNK:
        held.append(fill(max(CHUNK, min(1 << 30, gap // 2)) // CHUNK * CHUNK))
        continue
    if gap < -2 * CHUNK and held:
        held.pop().close()
    elif not ready:
        ready = True
        print('ready', sum(len(m) for m in held) >> 20, 'MiB', flush=True)
    time.sleep(0.2)
`;

interface Helper {
  line: string;
  alive(): boolean;
  stop(): Promise<void>;
}

/** python3 SCRIPT ARGS in its own process group; resolves when it prints its `ready` line. */
async function helper(script: string, args: string[], readyMs = 90_000): Promise<Helper> {
  const child = spawn('python3', ['-c', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let gone = false;
  void exited.then(() => (gone = true));
  const stop = async (): Promise<void> => {
    if (!gone && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
    await exited;
  };
  let err = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const line = await new Promise<string | null>((resolve) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    void exited.then(() => resolve(null));
    setTimeout(() => resolve(null), readyMs);
  });
  if (line === null) {
    await stop();
    throw new Error(`helper never got ready: ${err.slice(-1000)}`);
  }
  return { line, alive: () => !gone, stop };
}

const meminfoKb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0);
const sysNum = (p: string): number => Number(readFileSync(p, 'utf8').trim().split(/\s+/)[0]);

/** Waits (at most `ms`) until `done()`: freed handles and exited threads go away a little after the kill. */
async function settle(done: () => boolean, ms = 15_000): Promise<void> {
  for (const until = Date.now() + ms; Date.now() < until && !done();) await sleep(250);
}

/** 85% of fs.file-max really allocated: /dev/null opened by forked python processes (about 1 KiB of kernel memory each). */
export const fileHandles = memoLocked(async (): Promise<Recording> => {
  need('fd-system (file handles near fs.file-max)', ['python3']);
  const [allocated = 0, , max = 0] = readFileSync('/proc/sys/fs/file-nr', 'utf8').trim().split(/\s+/).map(Number);
  const fill = Math.ceil(0.85 * max) - allocated;
  if (fill > 3_000_000) throw new Unavailable(`fs.file-max is ${max}: holding 85% of it takes ${fill} more open files, more than this test holds (3M)`);
  if (meminfoKb('MemAvailable') < fill + 4_000_000)
    throw new Unavailable(`${fill} open files need about ${Math.round(fill / 1024)} MiB of kernel memory and 4 GiB to spare: not available now`);
  const h = await helper(FILL_FILES_PY, [String(fill)]);
  try {
    return rawRecording([await procSamples('proc-file-nr', '/proc/sys/fs/file-nr', 5)]);
  } finally {
    await h.stop();
    await settle(() => sysNum('/proc/sys/fs/file-nr') < allocated + fill / 10);
  }
});

/** 85% of min(kernel.threads-max, kernel.pid_max) really in use: threads of one python process, blocked in pause(). */
export const taskFill = memoLocked(async (): Promise<Recording> => {
  need('tasks-limit (threads near pid_max / threads-max)', ['python3', 'sysctl']);
  const threads = (): number => Number(/\/(\d+)/.exec(readFileSync('/proc/loadavg', 'utf8'))?.[1] ?? 0);
  const limit = Math.min(sysNum('/proc/sys/kernel/threads-max'), sysNum('/proc/sys/kernel/pid_max'));
  const before = threads();
  const fill = Math.ceil(0.85 * limit) - before;
  if (fill > 60_000) throw new Unavailable(`the task limit is ${limit}: 85% of it takes ${fill} more threads, more than this test starts (60k)`);
  if (meminfoKb('MemAvailable') < fill * 80 + 4_000_000)
    throw new Unavailable(`${fill} threads need about ${Math.round((fill * 80) / 1024)} MiB and 4 GiB to spare: not available now`);
  const h = await helper(FILL_THREADS_PY, [String(fill)]);
  try {
    return rawRecording([
      await command('sysctl', 'sysctl', ['kernel.threads-max', 'kernel.pid_max'], 'snap', 'snap/start/sysctl.txt'),
      await procSamples('proc-loadavg', '/proc/loadavg', 5),
    ]);
  } finally {
    await h.stop();
    await settle(() => threads() < before + fill / 10);
  }
});

/**
 * MemAvailable held at 7% of MemTotal by a python process mapping and writing
 * anonymous memory (oom_score_adj 1000: if anyone else needs the memory, the
 * OOM killer takes it first, and the case is skipped).
 */
export const memoryHeld = memoLocked(async (): Promise<Recording> => {
  need('memory-utilization (MemAvailable held at 7%)', ['python3']);
  const total = meminfoKb('MemTotal');
  const target = Math.round(0.07 * total);
  if (target < 1_000_000) throw new Unavailable(`7% of MemTotal (${total} kB) leaves under 1 GB for everything else on this machine`);
  const h = await helper(HOLD_MEMORY_PY, [String(target)], 180_000).catch((err: Error) => {
    throw new NotQuiet(`the memory holder did not reach its target (killed by the OOM killer, or the machine too busy): ${err.message}`);
  });
  try {
    const samples = await procSamples('proc-meminfo', '/proc/meminfo', 5);
    if (!h.alive()) throw new NotQuiet('the memory holder was killed (the OOM killer or another process needed the memory)');
    return rawRecording([samples]);
  } finally {
    await h.stop();
  }
});
