// The lab's 3-tier stack on loopback: nginx (web) → the Node app (app) →
// PostgreSQL (db), each with its own log files in the lab directory so each
// tier's capture can be given only its own logs. Needs root (PostgreSQL runs
// as the postgres user, nginx's master opens its logs as root).
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PORTS = { web: 18080, app: 18081, notify: 18082, db: 15432 };

function pgBin(name) {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base) ? fs.readdirSync(base).sort() : [];
  const version = versions.at(-1);
  if (!version) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  return path.join(base, version, 'bin', name);
}

function asPostgres(cmd, args, opts = {}) {
  return execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe', timeout: 60_000, ...opts });
}

/** A fresh lab directory with an initialised (stopped) PostgreSQL cluster. */
export function createLab(root) {
  const dir = fs.mkdtempSync(path.join(root, 'sitrep-lab-'));
  fs.chmodSync(dir, 0o755);
  const pgdata = path.join(dir, 'pgdata');
  fs.mkdirSync(pgdata, { mode: 0o700 });
  const logs = path.join(dir, 'logs');
  fs.mkdirSync(logs, { mode: 0o777 });
  fs.chmodSync(logs, 0o777);
  const sockets = path.join(dir, 'run');
  fs.mkdirSync(sockets);
  try {
    execFileSync('chown', ['postgres:postgres', pgdata, sockets]);
    asPostgres(pgBin('initdb'), ['-D', pgdata, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true }); // no guard owns it yet
    throw err;
  }
  fs.appendFileSync(
    path.join(pgdata, 'postgresql.conf'),
    [
      `port = ${PORTS.db}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${sockets}'`,
      'max_connections = 30',
      'logging_collector = off',
      "log_line_prefix = '%m [%p] %q%u@%d '",
      'log_lock_waits = on',
      "deadlock_timeout = '500ms'",
      'log_min_duration_statement = 1000',
      "log_timezone = 'UTC'",
      'shared_buffers = 32MB',
      '',
    ].join('\n'),
  );
  return { dir, pgdata, logs, procs: [] };
}

export function logPaths(lab) {
  return {
    web: [path.join(lab.logs, 'nginx-access.log'), path.join(lab.logs, 'nginx-error.log')],
    app: [path.join(lab.logs, 'app.log')],
    db: [path.join(lab.logs, 'postgresql.log')],
  };
}

/** Wait until `port` accepts; `signal` (the scenario's guard) ends the wait at once when aborted. */
async function waitForPort(port, signal, ms = 15_000) {
  const { connect } = await import('node:net');
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    const ok = await new Promise((resolve) => {
      const s = connect(port, '127.0.0.1', () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
      // A full accept queue drops the SYN: connect() would retry for two minutes.
      s.setTimeout(1000, () => s.destroy());
      s.on('close', () => resolve(false));
    });
    if (ok) return;
    await sleep(100, undefined, { signal });
  }
  throw new Error(`port ${port} did not open within ${ms} ms`);
}

export async function startDb(lab) {
  const logFile = logPaths(lab).db[0];
  fs.writeFileSync(logFile, '');
  execFileSync('chown', ['postgres:postgres', logFile]);
  asPostgres(pgBin('pg_ctl'), ['-D', lab.pgdata, '-l', logFile, '-w', '-t', '30', 'start']);
  await waitForPort(PORTS.db, lab.signal);
  const psql = (sql, db = 'postgres') => asPostgres('psql', ['-h', '127.0.0.1', '-p', String(PORTS.db), '-U', 'postgres', '-d', db, '-qAt', '-c', sql]);
  if (!String(psql("SELECT 1 FROM pg_database WHERE datname = 'lab'")).trim()) {
    psql('CREATE DATABASE lab');
    psql(
      'CREATE TABLE items (id int PRIMARY KEY, name text); INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 1000) g;' +
        ' CREATE TABLE orders (id serial PRIMARY KEY, item_id int, note text, at timestamptz DEFAULT now());',
      'lab',
    );
  }
}

export function stopDb(lab) {
  try {
    asPostgres(pgBin('pg_ctl'), ['-D', lab.pgdata, '-m', 'immediate', '-w', 'stop']);
  } catch {
    /* not running */
  }
}

export async function startWeb(lab) {
  const [access, error] = logPaths(lab).web;
  const conf = path.join(lab.dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `
worker_processes 2;
pid ${lab.dir}/nginx.pid;
error_log ${error} warn;
events { worker_connections 1024; }
http {
  log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent '
                   '"$http_referer" "$http_user_agent" $request_time $upstream_response_time';
  access_log ${access} timed;
  client_body_temp_path ${lab.dir}/nginx-body;
  proxy_temp_path ${lab.dir}/nginx-proxy;
  fastcgi_temp_path ${lab.dir}/nginx-fastcgi;
  uwsgi_temp_path ${lab.dir}/nginx-uwsgi;
  scgi_temp_path ${lab.dir}/nginx-scgi;
  upstream app { server 127.0.0.1:${PORTS.app}; }
  server {
    listen 127.0.0.1:${PORTS.web};
    location / {
      proxy_pass http://app;
      proxy_connect_timeout 1s;
      proxy_read_timeout 2s;
    }
  }
}
`,
  );
  execFileSync('nginx', ['-c', conf, '-e', error], { stdio: 'pipe', timeout: 15_000 });
  await waitForPort(PORTS.web, lab.signal);
}

/** Whether `pid` still runs; a zombie does not (this machine's init does not always reap them). */
function alive(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    return false;
  }
}
const pause = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * nginx's master, and with it its workers, asked to stop and waited for (5 s,
 * then killed): a next scenario's nginx must find the port free, and this
 * one's workers must not outlive its removed directory.
 */
export function stopWeb(lab) {
  let pid;
  try {
    pid = Number(fs.readFileSync(path.join(lab.dir, 'nginx.pid'), 'utf8'));
  } catch {
    return; // not running
  }
  if (!(pid > 1)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 50 && alive(pid); i += 1) pause(100);
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* stopped */
  }
}

/**
 * Start the app. `wrap` prefixes the command (a cgroup or a ulimit shell),
 * `env` sets its options (workers, pool size, notify port).
 */
export async function startApp(lab, { env = {}, wrap = [] } = {}) {
  const out = fs.openSync(logPaths(lab).app[0], 'a');
  const argv = [...wrap, process.execPath, path.join(HERE, 'app.mjs')];
  const child = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', out, out],
    detached: true,
    env: { ...process.env, APP_PORT: String(PORTS.app), PGPORT: String(PORTS.db), ...env },
  });
  fs.closeSync(out);
  lab.procs.push(child);
  await waitForPort(PORTS.app, lab.signal);
  return child;
}

export function stopApp(lab) {
  for (const child of lab.procs.splice(0)) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

export function destroyLab(lab) {
  stopApp(lab);
  stopWeb(lab);
  stopDb(lab);
  fs.rmSync(lab.dir, { recursive: true, force: true });
}
