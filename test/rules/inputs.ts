/**
 * Shared real inputs, each captured once per test file (memoized): idle,
 * CPU stress, one pinned CPU, fio random writes, a CLOSE_WAIT leak, a
 * nearly full file system, a process near its fd limit.
 * Every load is stopped and every mount/file removed in `finally`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawRecording, type Recording } from './recordings.js';
import { NotQuiet, background, command, procSamples, sampleWindow, sleep, ssSamples, waitQuiet, withMachineLock, type RawArtifact } from './fixtures.js';
import { need } from '../helpers/need.js';

/** Once per test file, and under the machine lock so another file's load is not in the sample. */
const memo = <T>(f: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | null = null;
  return () => (p ??= withMachineLock(f));
};

async function under<T>(cmd: string, args: string[], warmMs: number, f: () => Promise<T>): Promise<T> {
  need(`a sample under ${cmd}`, { tools: [cmd] });
  const load = background(cmd, args);
  try {
    await sleep(warmMs);
    return await f();
  } finally {
    await load.stop();
  }
}

const FD_COUNTS =
  'for p in /proc/[0-9]*; do n=$(ls $p/fd 2>/dev/null | wc -l); l=$(awk \'/Max open files/{print $4}\' $p/limits 2>/dev/null); echo "${p#/proc/} $n ${l:--} $(cat $p/comm 2>/dev/null)"; done | sort -k2 -rn | head -20';

const snaps = async (): Promise<RawArtifact[]> => [
  await command('fd-counts', 'sh', ['-c', FD_COUNTS], 'snap', 'snap/end/fd-counts.txt'),
  await command('df', 'df', ['-P', '-x', 'tmpfs', '-x', 'devtmpfs', '-x', 'overlay', '-l'], 'snap', 'snap/end/df.txt'),
  await command('df-i', 'df', ['-P', '-i', '-l'], 'snap', 'snap/end/df-i.txt'),
  await command('free', 'free', ['-w'], 'snap', 'snap/end/free.txt'),
];

export { NotQuiet } from './fixtures.js';

export const idle = memo(async (): Promise<Recording> => {
  if (!(await waitQuiet())) throw new NotQuiet('machine busy with other work for 90 s: no idle sample possible');
  return rawRecording([...(await sampleWindow(5, [ssSamples(3)])), ...(await snaps())]);
});

export const cpuStress = memo(() =>
  under('stress-ng', ['--cpu', String(cpus().length * 3), '--timeout', '12'], 1000, async () => rawRecording(await sampleWindow(6))),
);

/** One busy-looping worker pinned to CPU 0 (the others stay as idle as this shared machine lets them). */
export const pinnedCpu = memo(async () => {
  if (!(await waitQuiet())) throw new NotQuiet('machine busy with other work for 90 s: one pinned CPU cannot be told apart');
  return under('stress-ng', ['--cpu', '1', '--taskset', '0', '--timeout', '10'], 500, async () => rawRecording(await sampleWindow(5)));
});

/**
 * As many busy loops as CPUs, all pinned to CPU 0: the other CPUs stay idle
 * (utilization 1/N), yet all but one loop always wait for CPU 0 (PSI cpu some).
 */
export const pinnedCrowd = memo(async () => {
  if (!(await waitQuiet())) throw new NotQuiet('machine busy with other work for 90 s: a crowd on one CPU cannot be told apart');
  return under('stress-ng', ['--cpu', String(cpus().length), '--taskset', '0', '--timeout', '10'], 1000, async () => rawRecording(await sampleWindow(5)));
});

export const fioRandwrite = memo(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-fio-'));
  try {
    return await under(
      'fio',
      [
        '--name=randwrite',
        `--filename=${join(dir, 'f')}`,
        '--rw=randwrite',
        '--bs=256k',
        '--direct=1',
        '--ioengine=libaio',
        '--iodepth=32',
        '--size=1G',
        '--time_based',
        '--runtime=12',
      ],
      2000,
      async () => rawRecording(await sampleWindow(6)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** Synchronous direct writes (psync): the writers block in io_schedule, which is what PSI io counts. */
export const fioSyncWrite = memo(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-fio-'));
  try {
    return await under(
      'fio',
      [
        '--name=syncwrite',
        `--filename=${join(dir, 'f')}`,
        '--rw=randwrite',
        '--bs=256k',
        '--direct=1',
        '--ioengine=psync',
        '--numjobs=2',
        '--size=512M',
        '--time_based',
        '--runtime=18',
      ],
      6000,
      async () => rawRecording(await sampleWindow(6)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

const NODE = process.execPath;

/**
 * A node server (`serverJs`, listening on 127.0.0.1:`port`) and, from 0.5 s
 * on, a node client that opens `n` connections to it, one every `gapMs`, and
 * closes each at once, while ss -tanp samples 4 times every 1.5 s. Both
 * CLOSE_WAIT inputs below: only the server differs.
 */
async function closingClients(serverJs: string, port: number, n: number, gapMs: number): Promise<Recording> {
  const server = background(NODE, ['-e', serverJs]);
  const client = `const net = require('net'); let i = 0; const go = () => { if (i++ >= ${n}) return; const c = net.connect(${port}, '127.0.0.1', () => c.end()); c.on('error', () => {}); setTimeout(go, ${gapMs}); }; go();`;
  try {
    await sleep(500);
    const clients = background(NODE, ['-e', client]);
    try {
      return rawRecording([await ssSamples(4, 1500)]);
    } finally {
      await clients.stop();
    }
  } finally {
    await server.stop();
  }
}

/** A server that never closes sockets its clients closed; a client opens and closes 200 connections during sampling. */
export const closeWaitLeak = memo(() =>
  closingClients(
    `require('net').createServer({ allowHalfOpen: true }, (s) => { s.on('end', () => {}); }).listen(18931, '127.0.0.1'); setTimeout(() => process.exit(0), 30000);`,
    18931,
    200,
    25,
  ),
);

/**
 * A node server whose event loop is blocked (a busy loop of 7 s right after
 * listen()): the kernel completes the handshakes, 60 clients connect and
 * close, and their sockets wait in CLOSE_WAIT in the accept queue, where ss
 * names no process for them.
 */
export const closeWaitUnaccepted = memo(() =>
  closingClients(
    `require('net').createServer(() => {}).listen(18933, '127.0.0.1', () => { const t = Date.now(); while (Date.now() - t < 7000); }); setTimeout(() => process.exit(0), 20000);`,
    18933,
    60,
    40,
  ),
);

/** A small tmpfs filled to 97% of its space and of its inodes, then df run on it. */
export const fullFs = memo(async () => {
  need('a full tmpfs', { root: true });
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-fs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,nr_inodes=64', 'sitrep-test', dir]);
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'big')}`, 'bs=4k', 'count=995'], { stdio: 'ignore' });
    for (let i = 0; i < 60; i++) writeFileSync(join(dir, `f${i}`), '');
    return rawRecording([
      await command('df', 'df', ['-P', dir], 'snap', 'snap/end/df.txt'),
      await command('df-i', 'df', ['-P', '-i', dir], 'snap', 'snap/end/df-i.txt'),
    ]);
  } finally {
    execFileSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A process with RLIMIT_NOFILE 64 holding 60 files open; fd-counts written as the capture writes it. */
export const fdHog = memo(async () => {
  const hog = background('prlimit', [
    '--nofile=64:64',
    NODE,
    '-e',
    `const fs = require('fs'); const fds = []; for (let i = 0; i < 40; i++) fds.push(fs.openSync('/dev/null', 'r')); setTimeout(() => {}, 30000);`,
  ]);
  try {
    await sleep(800);
    return rawRecording([await command('fd-counts', 'sh', ['-c', FD_COUNTS], 'snap', 'snap/end/fd-counts.txt')]);
  } finally {
    await hog.stop();
  }
});

/** A listening socket with backlog 1 that never accepts, and 64 clients connecting: the accept queue overflows. */
export const listenOverflow = memo(async () => {
  const py =
    "import socket,time\ns=socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(('127.0.0.1', 18933)); s.listen(1); time.sleep(30)";
  const server = background('python3', ['-c', py]);
  const clients = `const net = require('net'); for (let i = 0; i < 64; i++) { const c = net.connect(18933, '127.0.0.1'); c.on('error', () => {}); } setTimeout(() => process.exit(0), 4000);`;
  try {
    await sleep(500);
    const sampling = procSamples('proc-net-netstat', '/proc/net/netstat', 4);
    await sleep(300);
    const client = background(NODE, ['-e', clients]);
    try {
      return rawRecording([await sampling]);
    } finally {
      await client.stop();
    }
  } finally {
    await server.stop();
  }
});

/**
 * Real swapping without touching anyone else's memory: a 160 MiB zram swap
 * device and a 64 MiB memory cgroup (v1) in which stress-ng keeps 200 MiB
 * resident, so the kernel swaps the cgroup's pages out and back in. The
 * machine's other processes have GBs free and are never swapped. Everything
 * is undone in `finally` (swapoff, zram reset, cgroup removed).
 */
export const cgroupSwapping = memo(async () => {
  need('zram swap in a memory cgroup', { root: true, tools: ['stress-ng', 'mkswap', 'swapon'] });
  const zram = '/sys/block/zram0';
  const cg = `/sys/fs/cgroup/memory/sitrep-swap-${process.pid}`;
  const unusable =
    !existsSync(`${zram}/disksize`) ||
    readFileSync(`${zram}/disksize`, 'utf8').trim() !== '0' ||
    !existsSync('/sys/fs/cgroup/memory') ||
    readFileSync('/proc/swaps', 'utf8').trim().split('\n').length > 1;
  if (unusable) throw new NotQuiet('needs an unused zram0, no active swap and cgroup v1 memory: not available here');
  writeFileSync(`${zram}/disksize`, '160M');
  try {
    execFileSync('mkswap', ['/dev/zram0'], { stdio: 'ignore' });
    execFileSync('swapon', ['/dev/zram0']);
    mkdirSync(cg);
    try {
      writeFileSync(`${cg}/memory.limit_in_bytes`, String(64 << 20));
      return await under('sh', ['-c', `echo $$ > ${cg}/tasks && exec stress-ng --vm 1 --vm-bytes 200M --vm-keep --timeout 14`], 3000, async () =>
        rawRecording([...(await sampleWindow(6)), await command('free', 'free', ['-w'], 'snap', 'snap/end/free.txt')]),
      );
    } finally {
      for (let i = 0; i < 50 && existsSync(cg); i++) {
        try {
          rmdirSync(cg);
        } catch {
          await sleep(100);
        }
      }
    }
  } finally {
    try {
      execFileSync('swapoff', ['/dev/zram0']);
    } catch {
      /* was not on */
    }
    writeFileSync(`${zram}/reset`, '1');
  }
});

/**
 * Half a minute of CPU stress before sampling, with 4 workers a CPU: the 1-minute load
 * average after t s of R runnable tasks is at least R·(1 - e^(-t/60)), so 4N workers pass
 * N CPUs after 17 s whatever the load before (3.1 N at 30 s). With 2N workers it took 42 s
 * from a quiet machine: the case passed only when earlier tests had left load behind.
 */
export const cpuStressLong = memo(() =>
  under('stress-ng', ['--cpu', String(cpus().length * 4), '--timeout', '40'], 30_000, async () => rawRecording(await sampleWindow(5))),
);

/**
 * A real page-cache collapse: the cache is first filled by reading a 1 GiB
 * file, then dropped by the kernel (drop_caches) while /proc/meminfo is sampled.
 */
export const cacheDrop = memo(async () => {
  need('a page-cache drop', { root: true });
  const dir = mkdtempSync(join(tmpdir(), 'sitrep-cache-'));
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${join(dir, 'f')}`, 'bs=1M', 'count=1024'], { stdio: 'ignore' });
    execFileSync('cat', [join(dir, 'f')], { stdio: 'ignore' });
    execFileSync('sync', [join(dir, 'f')]); // drop_caches drops clean pages only
    const sampling = procSamples('proc-meminfo', '/proc/meminfo', 5);
    await sleep(1500);
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return rawRecording([await sampling]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
