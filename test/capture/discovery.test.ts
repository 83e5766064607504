/**
 * Discovery: sar history (`sadf -j` of real sa files written by sadc) and log
 * files that running processes hold open.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBundle, rows, runCapture, tempDir } from '../helpers/capture.js';
import { lacks } from '../helpers/need.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const SADC = ['/usr/lib/sysstat/sadc', '/usr/lib64/sa/sadc', '/usr/lib/sa/sadc'].find((p) => existsSync(p));

describe('sar history', () => {
  it.skipIf(lacks('sa file export', { paths: [SADC ?? '/usr/lib/sysstat/sadc'] }))('exports recent sa files with sadf -j and skips old ones', async () => {
    const sa = tempDir('sitrep-sa-');
    dirs.push(sa);
    const out = tempDir('sitrep-cap-sa-');
    dirs.push(out);
    const made = spawnSync(SADC!, ['1', '2', join(sa, 'sa26')], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    writeFileSync(join(sa, 'sa25'), readFileSync(join(sa, 'sa26')));
    const old = Date.now() / 1000 - 3 * 86400;
    utimesSync(join(sa, 'sa25'), old, old);
    const run = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover'], {
      env: { SITREP_SA_GLOBS: `${sa}/sa[0-9][0-9]` },
    });
    expect(run.exitCode, run.stderr).toBe(0);
    const b = readBundle(run.bundlePath!);
    expect(rows(b, 'sar-history:sa26').map((r) => [r.path, r.status, r.source])).toEqual([['sar/sa26.json', 'ok', `sadf -j ${sa}/sa26 -- -A`]]);
    const json = JSON.parse(b.files.get('sar/sa26.json')!.toString()) as {
      sysstat: { hosts: { statistics: unknown[] }[] };
    };
    expect(json.sysstat.hosts[0]!.statistics.length).toBeGreaterThan(0);
    expect(rows(b, 'sar-history:sa25').map((r) => [r.status, r.reason])).toEqual([['skipped', 'before-window']]);
    expect(Number(rows(b, 'sar-history:sa25')[0]!.mtime)).toBe(Math.floor(old));
  });
});

describe('logs held open by running processes', () => {
  it.skipIf(lacks('discovering open logs of other users', { root: true }))(
    'are found through /proc/*/fd, with their rotated forms, and left alone with --no-discover',
    async () => {
      // A real application directory (the discovery looks under /var/lib, /opt, /srv ...).
      const app = join('/var/lib', `sitrep-test-${process.pid}-${Date.now()}`);
      mkdirSync(app);
      dirs.push(app);
      const log = join(app, 'worker.log');
      writeFileSync(log, 'started\n');
      writeFileSync(`${log}.1`, 'yesterday\n');
      // The holder keeps worker.log open as its stdout, as a daemon would.
      const holder = spawn('sh', ['-c', `exec sleep 60 >>'${log}'`], { stdio: 'ignore' });
      try {
        await new Promise((r) => setTimeout(r, 300));
        const out = tempDir('sitrep-cap-open-');
        dirs.push(out);
        const run = await runCapture(['-d', '1', '-o', out, '-q']);
        expect(run.exitCode, run.stderr).toBe(0);
        const b = readBundle(run.bundlePath!);
        expect(rows(b, `log:${log}`).map((r) => [r.status, r.path])).toEqual([['ok', `logs${log}`]]);
        expect(b.files.get(`logs${log}`)!.toString()).toBe('started\n');
        expect(rows(b, `log:${log}.1`).map((r) => r.status)).toEqual(['ok']);

        const run2 = await runCapture(['-d', '1', '-o', out, '-q', '--no-discover']);
        expect(run2.exitCode, run2.stderr).toBe(0);
        const b2 = readBundle(run2.bundlePath!);
        expect(b2.manifest.filter((r) => r.kind === 'log')).toEqual([]);
        expect([...b2.files.keys()].filter((p) => p.startsWith('logs/'))).toEqual([]);
      } finally {
        holder.kill('SIGKILL');
      }
    },
  );
});
