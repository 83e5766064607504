// The lab's app tier: a small Node.js service in front of PostgreSQL, built
// the way many real ones are (a node-postgres pool, cluster workers, one log
// line per request). Each fault the lab injects is a real condition this
// code meets; none of its log lines is written by the lab.
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import pg from 'pg';

const env = (name, fallback) => process.env[name] ?? fallback;
const PORT = Number(env('APP_PORT', '18081'));
const WORKERS = Number(env('APP_WORKERS', '1'));
const LEAK_PORT = Number(env('APP_NOTIFY_PORT', '0'));

function log(level, message) {
  process.stdout.write(`${new Date().toISOString()} ${level} [app pid=${process.pid}] ${message}\n`);
}

function startWorker() {
  const pool = new pg.Pool({
    host: env('PGHOST', '127.0.0.1'),
    port: Number(env('PGPORT', '15432')),
    user: 'postgres',
    database: 'lab',
    max: Number(env('APP_POOL_MAX', '4')),
    connectionTimeoutMillis: Number(env('APP_POOL_TIMEOUT_MS', '1000')),
    statement_timeout: Number(env('APP_STATEMENT_TIMEOUT_MS', '10000')),
  });
  pool.on('error', (err) => log('ERROR', `pool: ${err.message}`));
  const retained = []; // the /cache endpoint's unbounded cache: the memory fault

  const routes = {
    '/items': async () => (await pool.query('SELECT id, name FROM items ORDER BY id LIMIT 20')).rows,
    '/order': async () =>
      (
        await pool.query('INSERT INTO orders (item_id, note) VALUES ($1, $2) RETURNING id', [
          1 + Math.floor(Math.random() * 100),
          crypto.randomBytes(64).toString('hex'),
        ])
      ).rows,
    '/search': async (url) => {
      // A password-hash style check per request: CPU-bound by design.
      const rounds = Number(url.searchParams.get('rounds') ?? '1000');
      return crypto.pbkdf2Sync(url.searchParams.get('q') ?? 'x', 'salt', rounds, 32, 'sha256').toString('hex');
    },
    '/cache': async (url) => {
      const mb = Number(url.searchParams.get('mb') ?? '1');
      const chunk = Buffer.alloc(mb * 1024 * 1024, 1);
      retained.push(chunk);
      // touch=1: the cache is also read (an expiry sweep over every entry),
      // so pages swapped out come back in: the memory fault that thrashes.
      let sum = 0;
      if (url.searchParams.get('touch') === '1') for (const c of retained) for (let i = 0; i < c.length; i += 4096) sum += c[i];
      return { cachedMb: retained.length * mb, sum };
    },
    '/report': async () => {
      // Opens the report template and forgets to close it: the fd leak.
      const fd = fs.openSync(new URL(import.meta.url), 'r');
      return { fd };
    },
    '/health': async () => 'ok',
  };

  const server = http.createServer(async (req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://app');
    const route = routes[url.pathname];
    let status = 200;
    let body;
    try {
      if (!route) {
        status = 404;
        body = { error: 'not found' };
      } else body = await route(url);
    } catch (err) {
      status = 500;
      body = { error: 'internal error' };
      log('ERROR', `${req.method} ${url.pathname} failed: ${err.message}`);
    }
    if (!res.headersSent && !res.destroyed) {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    }
    log(status >= 500 ? 'WARN' : 'INFO', `${req.method} ${url.pathname} ${status} ${Date.now() - started}ms`);
  });
  server.on('error', (err) => log('ERROR', `server: ${err.message}`));
  server.listen(PORT, '127.0.0.1', () => log('INFO', `listening on 127.0.0.1:${PORT}`));
}

// The notification listener: peers connect, send an event and hang up. The
// bug: it keeps half-open sockets and never ends them, so every peer's close
// leaves a socket in CLOSE_WAIT owned by this process.
function startNotifyListener() {
  const sockets = [];
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.push(socket);
    socket.on('data', () => {});
    socket.on('end', () => {}); // should call socket.end(); never does
  });
  server.on('error', (err) => log('ERROR', `notify: ${err.message}`));
  server.listen(LEAK_PORT, '127.0.0.1', () => log('INFO', `notify listener on 127.0.0.1:${LEAK_PORT}`));
}

if (WORKERS > 1 && cluster.isPrimary) {
  log('INFO', `starting ${WORKERS} workers`);
  for (let i = 0; i < WORKERS; i += 1) cluster.fork();
  cluster.on('exit', (worker, code, signal) => log('ERROR', `worker ${worker.process.pid} exited code=${code} signal=${signal}`));
  if (LEAK_PORT) startNotifyListener();
} else {
  startWorker();
  if (LEAK_PORT && WORKERS <= 1) startNotifyListener();
}
for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, () => process.exit(0));
