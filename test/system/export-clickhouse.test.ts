/**
 * The ClickHouse round trip of issue 19 on a real server (Debian's 18.16,
 * started here on loopback ports, its data in a temp dir): the real
 * `sitrep export` of every sample incident and of a 50-bundle fleet (the
 * samples' real captures under new hostnames, test/export/fleet.ts), loaded
 * into schema/clickhouse.sql twice, then fleet questions asked in SQL. The
 * expected answers come from elsewhere: counts from `sitrep analyze --json`
 * of the same bundles, the first 5xx per host from a plain scan of the
 * nginx access logs inside the bundles.
 * Run under the lock: flock /tmp/sitrep-live.lock npx vitest run --project system test/system/export-clickhouse.test.ts
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import * as tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitrep } from '../cli/run.js';
import { buildFleet, sample, SCENARIOS, TIERS } from '../export/fleet.js';
import { lacks } from '../helpers/need.js';

const PORT = 19123;
const absent = lacks('ClickHouse export', { tools: ['clickhouse-server', 'clickhouse-client'], paths: ['/etc/clickhouse-server/config.xml'] });
const TABLES = ['sitrep_captures', 'sitrep_diagnoses', 'sitrep_findings', 'sitrep_events'];

function client(query: string, input?: string): string {
  const r = spawnSync('clickhouse-client', ['--port', String(PORT), '-n', '-q', query], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`clickhouse-client: ${r.stderr}`);
  return r.stdout.trim();
}

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CLF = /\[(\d\d)\/(\w{3})\/(\d{4}):(\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)\] "[^"]*" (\d{3}) /;

/** The bundle's hostname and the time (epoch ms) of its first 5xx response in any nginx access log, read plainly from the tar. */
async function first5xx(bundle: string): Promise<{ hostname: string; first: number | null }> {
  const extract = tar.extract();
  const reading = pipeline(createReadStream(bundle), createGunzip(), extract);
  let hostname = '';
  let first: number | null = null;
  for await (const entry of extract) {
    const chunks: Buffer[] = [];
    for await (const c of entry) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    if (entry.header.name.endsWith('/meta.txt')) hostname = /^hostname=(.*)$/m.exec(text)?.[1] ?? '';
    if (!/nginx-access\.log$|nginx\/access\.log$/.test(entry.header.name)) continue;
    for (const line of text.split('\n')) {
      const m = CLF.exec(line);
      if (!m || Number(m[10]) < 500 || Number(m[10]) > 599) continue;
      const off = (m[7] === '-' ? -1 : 1) * (Number(m[8]) * 60 + Number(m[9])) * 60_000;
      const t = Date.UTC(Number(m[3]), MON.indexOf(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - off;
      if (first === null || t < first) first = t;
    }
  }
  await reading;
  return { hostname, first };
}

interface Run {
  name: string;
  bundles: string[];
  dir: string;
  report: any;
}

describe.skipIf(absent)('sitrep export into a real ClickHouse 18.16', () => {
  let dir = '';
  let server: ChildProcess | undefined;
  const runs: Run[] = [];
  /** Every id each table was given, over all exports. */
  const exported = new Map<string, string[]>();

  async function startServer(): Promise<void> {
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
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sitrep-ch-'));
    const serving = startServer();
    mkdirSync(join(dir, 'fleet'));
    const fleet = await buildFleet(join(dir, 'fleet'), 50);
    const inputs = [...SCENARIOS.map((s) => ({ name: s, bundles: TIERS.map((t) => sample(s, t)) })), { name: 'fleet', bundles: fleet.map((f) => f.file) }];
    for (const { name, bundles } of inputs) {
      const out = join(dir, `rows-${name}`);
      const ex = await sitrep(['export', ...bundles, '--format', 'clickhouse', '-o', out, '-q']);
      expect(ex.code, ex.stderr).toBe(0);
      const an = await sitrep(['analyze', ...bundles, '--json', '-', '-q']);
      expect(an.code, an.stderr).toBe(0);
      runs.push({ name, bundles, dir: out, report: JSON.parse(an.stdout) });
    }
    await serving;
    client(readFileSync('schema/clickhouse.sql', 'utf8'));
    for (let k = 0; k < 2; k++) {
      for (const run of runs) {
        for (const table of TABLES) {
          const rows = readFileSync(join(run.dir, `${table}.jsonl`), 'utf8');
          // clickhouse-client 18.16 refuses an empty INSERT ("No data to insert"): a healthy incident has no findings.
          if (rows.length > 0) client(`INSERT INTO ${table} FORMAT JSONEachRow`, rows);
          if (k === 0)
            exported.set(table, [
              ...(exported.get(table) ?? []),
              ...rows
                .trim()
                .split('\n')
                .filter(Boolean)
                .map((l) => JSON.parse(l).id as string),
            ]);
        }
      }
    }
    client(TABLES.map((t) => `OPTIMIZE TABLE ${t} FINAL`).join('; '));
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imported twice, every record is there once: no id shared by two records, nothing doubled', () => {
    expect(readdirSync(runs[0]!.dir).sort()).toEqual(TABLES.map((t) => `${t}.jsonl`).sort());
    for (const table of TABLES) {
      const ids = exported.get(table)!;
      expect(new Set(ids).size, table).toBe(ids.length);
      expect(client(`SELECT count(), uniqExact(id) FROM ${table}`), table).toBe(`${ids.length}\t${ids.length}`);
    }
    // One capture per bundle: 4 incidents of 3 bundles, and the fleet's 50.
    expect(client('SELECT count() FROM sitrep_captures')).toBe('62');
    expect(client("SELECT uniqExact(host) FROM sitrep_captures WHERE host LIKE 'fleet%'")).toBe('50');
  });

  it("findings per rule across the fleet equal the JSON reports'", () => {
    const want = new Map<string, number>();
    for (const r of runs) for (const f of r.report.findings) want.set(f.rule, (want.get(f.rule) ?? 0) + 1);
    const expected = [...want]
      .sort((a, b) => a[0].localeCompare(b[0]))
      .map(([rule, n]) => `${rule}\t${n}`)
      .join('\n');
    expect(want.size).toBeGreaterThan(1);
    expect(client('SELECT rule, count() FROM sitrep_findings FINAL GROUP BY rule ORDER BY rule')).toBe(expected);
  });

  it("diagnoses by verdict and kept events per host equal the JSON reports'", () => {
    const verdicts = new Map<string, number>();
    const events = new Map<string, number>();
    for (const r of runs) {
      for (const d of [r.report.diagnosis, ...r.report.separate]) verdicts.set(d.verdict, (verdicts.get(d.verdict) ?? 0) + 1);
      const name = new Map(r.report.hosts.map((h: any) => [h.id, h.hostname]));
      for (const e of r.report.timeline.events) events.set(name.get(e.host) as string, (events.get(name.get(e.host) as string) ?? 0) + 1);
    }
    const table = (m: Map<string, number>): string =>
      [...m]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([k, n]) => `${k}\t${n}`)
        .join('\n');
    expect(client('SELECT verdict, count() FROM sitrep_diagnoses FINAL GROUP BY verdict ORDER BY verdict')).toBe(table(verdicts));
    expect(client('SELECT host, count() FROM sitrep_events FINAL GROUP BY host ORDER BY host')).toBe(table(events));
  });

  it('first 5xx per host, ordered by time, is what the nginx access logs say', async () => {
    const first = new Map<string, number>();
    for (const b of runs.flatMap((r) => r.bundles)) {
      const { hostname, first: t } = await first5xx(b);
      if (t !== null && (first.get(hostname) ?? Infinity) > t) first.set(hostname, t);
    }
    const expected = [...first]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([h, t]) => `${h}\t${t}`)
      .join('\n');
    // Not vacuous: the samples' web1 and fleet web hosts of incidents that answered 5xx.
    expect(first.has('web1')).toBe(true);
    expect([...first.keys()].filter((h) => h.startsWith('fleet')).length).toBeGreaterThan(1);
    const sql = `SELECT host, min(toUInt64(time) * 1000 + time_ms) AS first FROM sitrep_events FINAL
      WHERE signal IN ('http-502', 'http-504', 'http-5xx') GROUP BY host ORDER BY first, host`;
    expect(client(sql)).toBe(expected);
  });
});
