// Real faults and real traffic for the lab. Every request count and loop is
// bounded in number and time, and everything targets loopback only.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PORTS } from './stack.mjs';

/**
 * Drive `concurrency` request loops against nginx (or `port`) for `ms`; returns status counts.
 * `clientCloses`: each request asks for keep-alive and the client hangs up
 * after the response anyway (a script calling curl in a loop): the client
 * closes first, so TIME_WAIT lands on its ephemeral ports.
 * `signal` (the scenario's, lab.signal): when it aborts, requests in flight
 * end and no new one starts, so an aborted scenario's loops do not spin on a
 * torn-down stack.
 */
export async function traffic({
  ms,
  path: reqPath = '/items',
  concurrency = 2,
  pauseMs = 200,
  maxRequests = 50_000,
  clientCloses = false,
  port = PORTS.web,
  signal,
}) {
  const deadline = Date.now() + ms;
  const counts = {};
  let sent = 0;
  // Settled by whichever ends the request first. A response whose connection
  // closed before its body ended emits neither 'end' nor a request 'error'
  // (measured on Node 20): waiting for 'end' alone left its loop, the traffic
  // and the scenario pending forever, even after an abort.
  const one = () =>
    new Promise((resolve) => {
      // agent:false: a new connection per request, as many real clients do.
      const headers = clientCloses ? { connection: 'keep-alive' } : {};
      let answered = false;
      const req = http.get({ host: '127.0.0.1', port, path: reqPath, agent: false, timeout: 5000, headers, signal }, (res) => {
        answered = true;
        const status = String(res.statusCode);
        res.resume();
        res.on('end', () => {
          if (clientCloses) req.destroy();
          resolve(status);
        });
        res.on('error', () => {}); // 'aborted': the close below counts it
        res.on('close', () => resolve(res.complete ? status : `${status} cut short`));
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', (err) => resolve(err.code ?? 'error'));
      // The request closes before its response: only a request never answered is settled here.
      req.on('close', () => answered || resolve('closed'));
    });
  const loop = async () => {
    while (Date.now() < deadline && sent < maxRequests && !signal?.aborted) {
      sent += 1;
      const status = await one();
      counts[status] = (counts[status] ?? 0) + 1;
      if (pauseMs) await sleep(pauseMs);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return counts;
}

/** Hold an exclusive lock on `items` for `seconds` in a real PostgreSQL session. */
export function holdTableLock(seconds) {
  const sql = `BEGIN; LOCK TABLE items IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(${Number(seconds)}); COMMIT;`;
  const child = spawn(
    'runuser',
    ['-u', 'postgres', '--', 'psql', '-h', '127.0.0.1', '-p', String(PORTS.db), '-U', 'postgres', '-d', 'lab', '-qAt', '-c', sql],
    { stdio: 'ignore', detached: true },
  );
  return () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* done */
    }
  };
}

/** Peers that connect to the app's notify port, send one line and hang up; none after `signal` aborts. */
export async function notifyPeers(count, pauseMs = 10, signal) {
  for (let i = 0; i < count && !signal?.aborted; i += 1) {
    await new Promise((resolve) => {
      // Send, hang up, and go: the peer never waits for the listener's FIN.
      const s = net.connect(PORTS.notify, '127.0.0.1', () => s.end(`event ${i}\n`, () => s.destroy()));
      s.on('close', resolve);
      s.on('error', resolve);
      s.setTimeout(2000, () => s.destroy());
    });
    if (pauseMs) await sleep(pauseMs);
  }
}

/**
 * fio random direct writes beside the database's data directory. 128 KB
 * blocks, not 4 KB: on this VM's fast virtio disk 4 KB writes needed so many
 * submissions that fio itself saturated the 2 CPUs and the queue hovered
 * around 8, so the lab's disk incident looked half like a CPU one; 128 KB
 * keeps the queue at ~25 with the CPUs mostly free.
 */
export function diskHog(dir, seconds) {
  const child = spawn(
    'fio',
    [
      '--name=lab-disk',
      `--filename=${path.join(dir, 'fio.dat')}`,
      '--size=256M',
      '--rw=randwrite',
      '--bs=128k',
      '--direct=1',
      '--ioengine=libaio',
      '--iodepth=32',
      '--numjobs=1',
      '--time_based',
      `--runtime=${Number(seconds)}`,
      '--group_reporting',
    ],
    { stdio: 'ignore', detached: true },
  );
  return () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* done */
    }
    fs.rmSync(path.join(dir, 'fio.dat'), { force: true });
  };
}

/**
 * A memory cgroup (v2 or v1) with a hard limit; returns the command prefix
 * that runs a program inside it, and its cleanup. No swap unless `swap`
 * (then the group may swap as much as the machine has: cgroup v2's default).
 */
export function memoryCgroup(name, limitBytes, { swap = false } = {}) {
  const v2 = fs.existsSync('/sys/fs/cgroup/cgroup.controllers');
  const dir = v2 ? path.join('/sys/fs/cgroup', name) : path.join('/sys/fs/cgroup/memory', name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, v2 ? 'memory.max' : 'memory.limit_in_bytes'), String(limitBytes));
  if (v2) {
    try {
      fs.writeFileSync(path.join(dir, 'memory.swap.max'), swap ? 'max' : '0');
    } catch {
      /* no swap accounting */
    }
  }
  const procs = path.join(dir, 'cgroup.procs');
  const wrap = ['sh', '-c', `echo $$ > ${procs} && exec "$@"`, 'sh'];
  const cleanup = () => {
    try {
      for (const pid of fs.readFileSync(procs, 'utf8').split('\n').filter(Boolean)) {
        try {
          process.kill(Number(pid), 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    } catch {
      /* already gone */
    }
    for (let i = 0; i < 20; i += 1) {
      try {
        fs.rmdirSync(dir);
        return;
      } catch {
        execFileSync('sleep', ['0.1']);
      }
    }
  };
  return { wrap, cleanup };
}

/** The command prefix that runs a program with a low open-files limit. */
export function lowFdLimit(n) {
  return ['sh', '-c', `ulimit -n ${Number(n)} && exec "$@"`, 'sh'];
}

/** Narrow the ephemeral port range for the duration of a scenario; returns the restore function. */
export function narrowPortRange(low, high) {
  const file = '/proc/sys/net/ipv4/ip_local_port_range';
  const before = fs.readFileSync(file, 'utf8').trim();
  fs.writeFileSync(file, `${low} ${high}`);
  return () => fs.writeFileSync(file, before.replace(/\s+/, ' '));
}

/**
 * A swap file on the disk under `dir` (the lab's directory: the root disk),
 * swapped on at a low priority; returns its removal (swapoff, then delete).
 * fallocate is enough on ext4 and XFS; dd writes it where fallocate is refused.
 */
export function swapFile(dir, mb) {
  const file = path.join(dir, 'swapfile');
  const make = (how) => {
    fs.rmSync(file, { force: true });
    execFileSync(how[0], how.slice(1), { stdio: 'ignore', timeout: 120_000 });
    fs.chmodSync(file, 0o600);
    execFileSync('mkswap', [file], { stdio: 'ignore' });
    execFileSync('swapon', ['-p', '-2', file], { stdio: 'ignore' });
  };
  try {
    make(['fallocate', '-l', `${Number(mb)}M`, file]);
  } catch {
    make(['dd', 'if=/dev/zero', `of=${file}`, 'bs=1M', `count=${Number(mb)}`, 'conv=fsync']);
  }
  return () => {
    try {
      execFileSync('swapoff', [file], { stdio: 'ignore', timeout: 120_000 });
    } catch {
      /* not on */
    }
    fs.rmSync(file, { force: true });
  };
}
