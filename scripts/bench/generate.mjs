// Deterministic large bundles for the benchmark: the same seed and size give
// the same bytes. The layout follows docs/bundle-format.md; the log lines
// follow the real formats the parsers read (nginx combined + timings, nginx
// error, rsyslog, journalctl short-iso-precise, a Node app, PostgreSQL).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Bumped when the same seed and size give other bytes: cached bundles of another generation are not reused. */
export const GENERATION = 2;

function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n) => String(n).padStart(2, '0');
const p3 = (n) => String(n).padStart(3, '0');
const PATHS = ['/', '/items', '/items/42', '/search?q=disk', '/order', '/static/app.js', '/static/site.css', '/api/v1/users/17', '/health'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0', 'curl/7.88.1', 'kube-probe/1.29'];

/** Writes `bytes` of lines from `line(i, t)` with times spread evenly over [startMs, endMs]. */
function writeLog(file, bytes, startMs, endMs, line) {
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let i = 0;
  let chunk = [];
  let chunkBytes = 0;
  const approxLines = Math.max(1, Math.floor(bytes / 150));
  while (written + chunkBytes < bytes) {
    const t = startMs + Math.floor(((endMs - startMs) * i) / approxLines);
    const l = `${line(i, Math.min(t, endMs))}\n`;
    chunk.push(l);
    chunkBytes += l.length;
    i += 1;
    if (chunkBytes > 1 << 20) {
      fs.writeSync(fd, chunk.join(''));
      written += chunkBytes;
      chunk = [];
      chunkBytes = 0;
    }
  }
  if (chunk.length) fs.writeSync(fd, chunk.join(''));
  fs.closeSync(fd);
  return i;
}

function clf(d) {
  return `${p2(d.getUTCDate())}/${MON[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} +0000`;
}
const iso = (d) => d.toISOString();
const ymdhms = (d, sep = '-') =>
  `${d.getUTCFullYear()}${sep}${p2(d.getUTCMonth() + 1)}${sep}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;

/** Generate a bundle directory `<out>/<name>/` of about `totalBytes`, then pack it to `<out>/<name>.tar.gz`. */
export function generateBundle({ out, name = 'bench-host-20261126T040000Z', totalBytes, seed = 42, host = 'bench-web-1' }) {
  const rnd = prng(seed);
  const pick = (arr) => arr[Math.floor(rnd() * arr.length)];
  const top = path.join(out, name);
  fs.rmSync(top, { recursive: true, force: true });
  for (const d of ['sample', 'proc', 'logs/var/log/nginx', 'logs/var/log/app', 'logs/var/log/postgresql', 'journal'])
    fs.mkdirSync(path.join(top, d), { recursive: true });
  const endMs = Date.UTC(2026, 10, 26, 4, 0, 0);
  const startMs = endMs - 3600_000;
  const logStart = endMs - 24 * 3600_000;
  const manifest = ['#sitrep-manifest\t1', 'path\tkind\tname\tsource\tstatus\texit\tstart\tend\tduration_ms\tbytes\tmtime\treason'];
  const add = (rel, kind, nameA, source, mtime = '-') => {
    const bytes = fs.statSync(path.join(top, rel)).size;
    manifest.push(
      [rel, kind, nameA, source, 'ok', kind === 'log' ? '-' : '0', (startMs / 1000).toFixed(3), (endMs / 1000).toFixed(3), '3600000', bytes, mtime, '-'].join(
        '\t',
      ),
    );
  };
  // An hour of 1 s samples: vmstat -t and /proc/loadavg + /proc/meminfo with markers.
  const vm = [
    'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu----- -----timestamp-----',
    ' r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st                 UTC',
  ];
  const la = [];
  for (let s = 0; s < 3600; s += 1) {
    const d = new Date(startMs + s * 1000);
    const busy = s > 2400 && s < 3000;
    const r = busy ? 3 + Math.floor(rnd() * 6) : Math.floor(rnd() * 2);
    const us = busy ? 70 + Math.floor(rnd() * 20) : 5 + Math.floor(rnd() * 10);
    vm.push(
      ` ${r}  0      0 ${800000 + Math.floor(rnd() * 1000)}  20480 900000    0    0     ${Math.floor(rnd() * 50)}    ${Math.floor(rnd() * 80)}  400  900 ${us}  3 ${Math.max(0, 97 - us - 3)}  0  0 ${ymdhms(d)}`,
    );
    la.push(`@@sitrep ${(d.getTime() / 1000).toFixed(3)}`, `${(r * 0.9).toFixed(2)} 0.80 0.70 ${r + 1}/300 ${10000 + s}`);
  }
  fs.writeFileSync(path.join(top, 'sample/vmstat.txt'), `${vm.join('\n')}\n`);
  add('sample/vmstat.txt', 'sample', 'vmstat', 'vmstat -t 1 3600');
  fs.writeFileSync(path.join(top, 'proc/proc-loadavg.txt'), `${la.join('\n')}\n`);
  add('proc/proc-loadavg.txt', 'proc', 'proc-loadavg', '/proc/loadavg');
  // The process tables, as the capture's ps and top print them: `sitrep redact` reads the users to hide from them.
  const users = ['root', 'root', 'www-data', 'postgres', 'deploy', 'appsvc'];
  for (const when of ['start', 'end']) {
    fs.mkdirSync(path.join(top, 'snap', when), { recursive: true });
    const started = 'Thu Nov 26 03:00:00 2026';
    const ps = ['  PID  PPID USER     STAT WCHAN                            NLWP %CPU %MEM    VSZ   RSS                  STARTED COMMAND         COMMAND'];
    const tp = [
      'top - 04:00:00 up 3 days,  0 user,  load average: 0.90, 0.80, 0.70',
      '',
      '  PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND',
    ];
    for (let i = 0; i < 200; i += 1) {
      const u = users[i % users.length];
      const cmd = u === 'postgres' ? 'postgres' : u === 'www-data' ? 'nginx' : u === 'appsvc' ? 'node' : 'bash';
      ps.push(
        `${String(1000 + i).padStart(5)} ${String(1).padStart(5)} ${u.padEnd(8)} S    do_epoll_wait                       1  0.${i % 10}  0.1 ${String(200000 + i).padStart(6)} ${String(9000 + i).padStart(5)} ${started} ${cmd.padEnd(15)} ${cmd} --worker ${i}`,
      );
      tp.push(
        `${String(1000 + i).padStart(5)} ${u.padEnd(8)}  20   0  200000   9000   3000 S   0.${i % 10}   0.1   0:00.${String(i % 100).padStart(2, '0')} ${cmd}`,
      );
    }
    fs.writeFileSync(path.join(top, 'snap', when, 'ps.txt'), `${ps.join('\n')}\n`);
    add(`snap/${when}/ps.txt`, 'snap', 'ps', 'ps -eo pid,ppid,user,stat,wchan:32,nlwp,pcpu,pmem,vsz,rss,lstart,comm,args');
    fs.writeFileSync(path.join(top, 'snap', when, 'top.txt'), `${tp.join('\n')}\n`);
    add(`snap/${when}/top.txt`, 'snap', 'top', 'top -b -n 1');
  }
  const share = (f) => Math.floor(totalBytes * f);
  const mt = (endMs / 1000).toFixed(0);
  writeLog(path.join(top, 'logs/var/log/nginx/access.log'), share(0.5), logStart, endMs, (i, t) => {
    const d = new Date(t);
    const burst = t > endMs - 1200_000 && t < endMs - 600_000 && rnd() < 0.2;
    const status = burst ? pick([502, 504]) : pick([200, 200, 200, 200, 304, 404]);
    return `10.0.${i % 250}.${(i * 7) % 250} - - [${clf(d)}] "GET ${pick(PATHS)} HTTP/1.1" ${status} ${Math.floor(rnd() * 20000)} "-" "${pick(AGENTS)}" ${(rnd() * 0.3).toFixed(3)} ${(rnd() * 0.3).toFixed(3)}`;
  });
  add('logs/var/log/nginx/access.log', 'log', 'log:/var/log/nginx/access.log', '/var/log/nginx/access.log', mt);
  writeLog(path.join(top, 'logs/var/log/nginx/error.log'), share(0.05), logStart, endMs, (i, t) => {
    const d = new Date(t);
    return `${ymdhms(d, '/')} [error] ${1200 + (i % 4)}#${1200 + (i % 4)}: *${i} upstream timed out (110: Connection timed out) while reading response header from upstream, client: 10.0.0.${i % 250}, server: shop, request: "GET /items HTTP/1.1", upstream: "http://127.0.0.1:8081/items", host: "shop"`;
  });
  add('logs/var/log/nginx/error.log', 'log', 'log:/var/log/nginx/error.log', '/var/log/nginx/error.log', mt);
  writeLog(path.join(top, 'logs/var/log/app/app.log'), share(0.2), logStart, endMs, (i, t) => {
    const lvl = rnd() < 0.02 ? 'ERROR' : 'INFO';
    return lvl === 'ERROR'
      ? `${iso(new Date(t))} ERROR [app pid=${4000 + (i % 4)}] GET /items failed: timeout exceeded when trying to connect`
      : `${iso(new Date(t))} INFO [app pid=${4000 + (i % 4)}] GET ${pick(PATHS)} 200 ${Math.floor(rnd() * 90)}ms`;
  });
  add('logs/var/log/app/app.log', 'log', 'log:/var/log/app/app.log', '/var/log/app/app.log', mt);
  writeLog(path.join(top, 'logs/var/log/syslog'), share(0.1), logStart, endMs, (i, t) => {
    const d = new Date(t);
    const stamp = `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    return i % 5000 === 4999
      ? `${stamp} ${host} kernel: [${(i / 10).toFixed(6)}] Out of memory: Killed process ${9000 + (i % 100)} (java) total-vm:4194304kB, anon-rss:2097152kB, file-rss:0kB, shmem-rss:0kB, UID:1000 pgtables:8192kB oom_score_adj:0`
      : `${stamp} ${host} CRON[${2000 + (i % 900)}]: (root) CMD (command -v debian-sa1 > /dev/null && debian-sa1 1 1)`;
  });
  add('logs/var/log/syslog', 'log', 'log:/var/log/syslog', '/var/log/syslog', mt);
  writeLog(path.join(top, 'journal/journal.txt'), share(0.1), logStart, endMs, (i, t) => {
    const d = new Date(t);
    return `${iso(d)
      .replace('Z', '')
      .replace(/\.(\d{3})$/, (_, ms) => `.${ms}${p3(i % 1000)}`)}+0000 ${host} systemd[1]: Started session-${i}.scope - Session ${i} of User deploy.`;
  });
  add('journal/journal.txt', 'journal', 'journal', 'journalctl -o short-iso-precise');
  writeLog(path.join(top, 'logs/var/log/postgresql/postgresql-15-main.log'), share(0.05), logStart, endMs, (i, t) => {
    const d = new Date(t);
    return `${ymdhms(d)}.${p3(d.getUTCMilliseconds())} UTC [${7000 + (i % 50)}] app@shop LOG:  duration: ${(rnd() * 2000).toFixed(3)} ms  statement: SELECT * FROM orders WHERE customer_id = ${i % 9999}`;
  });
  add(
    'logs/var/log/postgresql/postgresql-15-main.log',
    'log',
    'log:/var/log/postgresql/postgresql-15-main.log',
    '/var/log/postgresql/postgresql-15-main.log',
    mt,
  );
  const meta = {
    format: 'sitrep-bundle',
    format_version: '1',
    sitrep_version: 'bench',
    hostname: host,
    fqdn: host,
    tier: 'web',
    kernel: '6.1.0-bench',
    os: 'Debian GNU/Linux 12 (bookworm)',
    cpus: '8',
    mem_total_kb: '16303412',
    boot_epoch: String(startMs / 1000 - 86400 * 3),
    uptime_s: String(86400 * 3),
    mono_at_start: String(86400 * 3),
    start_epoch: (startMs / 1000).toFixed(3),
    end_epoch: (endMs / 1000).toFixed(3),
    window_s: '3600',
    interval_s: '1',
    since_epoch: String(logStart / 1000),
    tz_name: 'UTC',
    tz_abbrev: 'UTC',
    utc_offset: '+0000',
    ntp_synced: 'yes',
    user: 'root',
    uid: '0',
    argv: '-d 3600',
    missing_tools: '',
    max_bytes: String(totalBytes * 2),
  };
  fs.writeFileSync(
    path.join(top, 'meta.txt'),
    Object.entries(meta)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n') + '\n',
  );
  fs.writeFileSync(path.join(top, 'manifest.tsv'), `${manifest.join('\n')}\n`);
  const tarball = path.join(out, `${name}.tar.gz`);
  // meta.txt, manifest.tsv and the process tables first, as the capture script writes them.
  const members = ['meta.txt', 'manifest.tsv', 'snap', 'sample', 'proc', 'journal', 'logs'].map((m) => `${name}/${m}`);
  // Same seed and size, same bytes: fixed mtimes and owners, sorted directories, no gzip timestamp.
  execFileSync('tar', [
    '--sort=name',
    `--mtime=@${endMs / 1000}`,
    '--owner=0',
    '--group=0',
    '--numeric-owner',
    '--use-compress-program=gzip -n',
    '-cf',
    tarball,
    '-C',
    out,
    ...members,
  ]);
  fs.rmSync(top, { recursive: true, force: true });
  return tarball;
}
