/**
 * The ClickHouse round trip of issue 19 on a real server (Debian's 18.16,
 * started here on loopback ports, its data in a temp dir): the real
 * `sitrep export` of every sample incident and of a 50-bundle fleet (the
 * samples' real captures under new hostnames, test/export/fleet.ts), loaded
 * into schema/clickhouse.sql twice, then fleet questions asked in SQL. The
 * expected answers come from elsewhere: counts from `sitrep analyze --json`
 * of the same bundles; the first 5xx per host and the hosts with OOM kills
 * also from a plain scan of the bundles' nginx access and kernel logs
 * (test/export/plain-scan.ts).
 * Run under the lock: flock /tmp/sitrep-live.lock npx vitest run --project system test/system/export-clickhouse.test.ts
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitrep } from '../cli/run.js';
import { buildFleet, sample, SCENARIOS, TIERS } from '../export/fleet.js';
import { plainScan, type PlainScan } from '../export/plain-scan.js';
import { lacks } from '../helpers/need.js';

const PORT = 19123;
const absent = lacks('ClickHouse export', { tools: ['clickhouse-server', 'clickhouse-client'], paths: ['/etc/clickhouse-server/config.xml'] });
const TABLES = ['sitrep_captures', 'sitrep_diagnoses', 'sitrep_findings', 'sitrep_events'];

function client(query: string, input?: string): string {
  const r = spawnSync('clickhouse-client', ['--port', String(PORT), '-n', '-q', query], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`clickhouse-client: ${r.stderr}`);
  return r.stdout.trim();
}

/** Signals of the catalogue for an OOM kill: system-wide and in a memory cgroup. */
const OOM_SIGNALS = ['oom-kill', 'oom-kill-cgroup'];
const byKey = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

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
  /** The plain scan of every bundle imported. */
  let scans: PlainScan[] = [];
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
    scans = await Promise.all(runs.flatMap((r) => r.bundles).map((b) => plainScan(b)));
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

  it('first 5xx per host, ordered by time, is what the nginx access logs say', () => {
    const first = new Map<string, number>();
    for (const { hostname, first5xx: t } of scans) if (t !== null && (first.get(hostname) ?? Infinity) > t) first.set(hostname, t);
    const expected = [...first]
      .sort((a, b) => a[1] - b[1] || byKey(a, b))
      .map(([h, t]) => `${h}\t${t}`)
      .join('\n');
    // Not vacuous: the samples' web1 and fleet web hosts of incidents that answered 5xx.
    expect(first.has('web1')).toBe(true);
    expect([...first.keys()].filter((h) => h.startsWith('fleet')).length).toBeGreaterThan(1);
    const sql = `SELECT host, min(toUInt64(time) * 1000 + time_ms) AS first FROM sitrep_events FINAL
      WHERE signal IN ('http-502', 'http-504', 'http-5xx') GROUP BY host ORDER BY first, host`;
    expect(client(sql)).toBe(expected);
  });

  it("hosts with OOM kills: the JSON reports' captures and events, and the kernel logs' hosts", () => {
    // Per hostname: captures whose timeline counts an OOM kill, and the kept OOM kill events.
    const captures = new Map<string, number>();
    const events = new Map<string, number>();
    for (const r of runs) {
      const name = new Map<string, string>(r.report.hosts.map((h: any) => [h.id, h.hostname]));
      for (const s of r.report.timeline.signals)
        if (OOM_SIGNALS.includes(s.signal) && s.count > 0) captures.set(name.get(s.host)!, (captures.get(name.get(s.host)!) ?? 0) + 1);
      for (const e of r.report.timeline.events) if (OOM_SIGNALS.includes(e.signal)) events.set(name.get(e.host)!, (events.get(name.get(e.host)!) ?? 0) + 1);
    }
    const expected = [...captures]
      .sort(byKey)
      .map(([h, n]) => `${h}\t${n}\t${events.get(h) ?? 0}`)
      .join('\n');
    const inSql = OOM_SIGNALS.map((s) => `'${s}'`).join(', ');
    const sql = `SELECT host, uniqExact(capture), count() FROM sitrep_events FINAL WHERE signal IN (${inSql}) GROUP BY host ORDER BY host`;
    expect(client(sql)).toBe(expected);
    // The same hosts by a plain scan of the kernel logs, and the question discriminates:
    // fleet hosts with kills (samples and the lab run) and without (the db-lock samples).
    const plain = [...new Set(scans.filter((s) => s.oomKills > 0).map((s) => s.hostname))].sort();
    expect([...captures.keys()].sort()).toEqual(plain);
    const fleet = scans.filter((s) => s.hostname.startsWith('fleet'));
    expect(fleet.filter((s) => s.oomKills > 0).length).toBeGreaterThan(10);
    expect(fleet.filter((s) => s.oomKills === 0).length).toBeGreaterThan(5);
  });
});
