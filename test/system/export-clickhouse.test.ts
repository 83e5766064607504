/**
 * schema/clickhouse.sql on a real ClickHouse (Debian's 18.16), started here on
 * loopback ports with its data in a temp dir: the schema loads, the JSONEachRow
 * rows import, and a second import of the same rows collapses after OPTIMIZE FINAL.
 * Run under the lock: flock /tmp/sitrep-live.lock npx vitest run --project system test/system/export-clickhouse.test.ts
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/diagnosis/types.js';
import { eventRow, findingRow } from '../../src/export/clickhouse.js';
import type { TimelineEvent } from '../../src/timeline/types.js';
import { lacks } from '../helpers/need.js';

const PORT = 19123;
const absent = lacks('ClickHouse export', { tools: ['clickhouse-server', 'clickhouse-client'], paths: ['/etc/clickhouse-server/config.xml'] });

function client(query: string, input?: string): string {
  const r = spawnSync('clickhouse-client', ['--port', String(PORT), '-n', '-q', query], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`clickhouse-client: ${r.stderr}`);
  return r.stdout.trim();
}

describe.skipIf(absent)('ClickHouse 18.16 import', () => {
  let dir = '';
  let server: ChildProcess | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-ch-'));
    server = spawn(
      'clickhouse-server',
      [
        '--config-file=/etc/clickhouse-server/config.xml',
        '--',
        `--path=${dir}/data/`,
        `--tmp_path=${dir}/tmp/`,
        `--format_schema_path=${dir}/fmt/`,
        `--tcp_port=${PORT}`,
        '--http_port=18123',
        '--interserver_http_port=19124',
        '--listen_host=127.0.0.1',
        `--logger.log=${dir}/log`,
        `--logger.errorlog=${dir}/err`,
        '--logger.console=0',
      ],
      { stdio: 'ignore' },
    );
    for (let i = 0; i < 60; i++) {
      try {
        client('SELECT 1');
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    throw new Error('clickhouse-server did not answer within 30 s');
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the schema, imports twice, and nothing doubles', () => {
    client(readFileSync('schema/clickhouse.sql', 'utf8'));
    const hosts = Array.from({ length: 50 }, (_, i) => `db${i}`);
    const events = hosts.flatMap((h, i) =>
      [1, 2, 3].map((line) =>
        eventRow(`cap-${h}`, {
          host: h,
          time: 1767225600000 + i * 1000 + line,
          timeQuality: 'exact',
          source: 'logs/var/log/kern.log',
          line,
          level: line === 1 ? 'crit' : 'info',
          signal: line === 1 ? 'oom-kill' : undefined,
          message: 'Out of memory: Killed process',
        } as unknown as TimelineEvent),
      ),
    );
    const findings = hosts.map((h) =>
      findingRow(
        `cap-${h}`,
        { rule: 'memory.errors', host: h, tier: 'db', severity: 'critical', title: 'OOM kill', onset: 1767225600000 } as unknown as Finding,
        'w0',
        'w1',
      ),
    );
    const ev = events.map((r) => JSON.stringify(r)).join('\n');
    const fi = findings.map((r) => JSON.stringify(r)).join('\n');
    for (let k = 0; k < 2; k++) {
      client('INSERT INTO sitrep_events FORMAT JSONEachRow', ev);
      client('INSERT INTO sitrep_findings FORMAT JSONEachRow', fi);
    }
    client('OPTIMIZE TABLE sitrep_events FINAL; OPTIMIZE TABLE sitrep_findings FINAL');
    expect(Number(client('SELECT count() FROM sitrep_events'))).toBe(150);
    expect(client("SELECT uniqExact(host) FROM sitrep_events WHERE signal = 'oom-kill'")).toBe('50');
    expect(client('SELECT rule, count() FROM sitrep_findings GROUP BY rule')).toBe('memory.errors\t50');
    expect(client("SELECT time_ms FROM sitrep_events WHERE host = 'db0' AND line = 2")).toBe('2');
  });
});
