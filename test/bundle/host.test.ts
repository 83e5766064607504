/** loadHost over bundles built by the tests: order independence, stitching, guards. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SitrepError } from '../../src/errors.js';
import { loadHost } from '../../src/parsers/host.js';
import { commandParser, logParser } from '../../src/parsers/registry.js';
import type { LogEvent } from '../../src/parsers/types.js';
import { buildTar, manifest, meta, tempDir, type TestEntry } from './build.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  tmp = await tempDir();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await tmp.cleanup();
});

const syslogLine = (s: number, msg: string): string => `Nov 26 05:00:${String(s).padStart(2, '0')} web1 app[42]: ${msg}\n`;
const LOADAVG = '@@sitrep 1764133200.500\n0.50 0.40 0.30 2/300 1234\n@@sitrep 1764133201.500\n0.60 0.40 0.30 3/300 1235\n';

const MANIFEST = manifest([
  ['proc/proc-loadavg.txt', 'proc', 'proc-loadavg'],
  ['logs/var/log/syslog.2.gz', 'log', 'log:/var/log/syslog.2.gz'],
  ['logs/var/log/syslog.1', 'log', 'log:/var/log/syslog.1'],
  ['logs/var/log/syslog', 'log', 'log:/var/log/syslog'],
  ['-', 'snap', 'netstat-antp', 'skipped', 'not-installed'],
]);

async function members(): Promise<Record<string, TestEntry>> {
  const { gzipSync } = await import('node:zlib');
  return {
    meta: { name: 'meta.txt', body: meta() },
    manifest: { name: 'manifest.tsv', body: MANIFEST },
    loadavg: { name: 'proc/proc-loadavg.txt', body: LOADAVG },
    rot2: { name: 'logs/var/log/syslog.2.gz', body: gzipSync(syslogLine(1, 'oldest')) },
    rot1: { name: 'logs/var/log/syslog.1', body: syslogLine(2, 'older') },
    live: { name: 'logs/var/log/syslog', body: syslogLine(3, 'newest') },
    log: { name: 'capture.log', body: 'progress for humans\n' },
  };
}

async function load(file: string) {
  const events: [LogEvent, string][] = [];
  const stats = { passes: 0 };
  const host = await loadHost(file, { onEvent: (e, h) => events.push([e, h]), stats });
  return { host, events, passes: stats.passes };
}

describe('loadHost', () => {
  it('reads the capture order in one go: host facts, marked blocks, logs oldest first', async () => {
    const m = await members();
    const file = await buildTar(join(tmp.dir, 'web1.tar.gz'), [m.meta!, m.manifest!, m.loadavg!, m.rot2!, m.rot1!, m.live!, m.log!]);
    const { host, events, passes } = await load(file);
    expect(passes).toBe(1);
    expect(host).toMatchObject({
      bundle: 'web1.tar.gz',
      id: 'web1',
      hostname: 'web1',
      tier: 'web',
      cpus: 2,
      clock: { tzName: 'Europe/Berlin', utcOffsetMin: 60, captureStartMs: 1764133200250, bootMs: 1764000000000, monoAtStartS: 133200.25 },
      windowStartMs: 1764133200250,
      windowEndMs: 1764133260500,
    });
    expect(host.manifest.count).toBe(5);
    const load1 = host.artifacts.find((a) => a.name === 'proc-loadavg')!;
    expect(load1.parser).toBe(commandParser('proc-loadavg')!.id);
    expect(load1.blocks.map((b) => b.time)).toEqual([
      { epochMs: 1764133200500, quality: 'exact' },
      { epochMs: 1764133201500, quality: 'exact' },
    ]);
    expect(host.logs.map((l) => l.path)).toEqual(['logs/var/log/syslog.2.gz', 'logs/var/log/syslog.1', 'logs/var/log/syslog']);
    expect(host.logs.every((l) => l.parser === 'syslog' && l.lines === 1)).toBe(true);
    expect(events.map(([e, h]) => [e.source, e.line, h])).toEqual([
      ['logs/var/log/syslog.2.gz', 1, 'web1'],
      ['logs/var/log/syslog.1', 1, 'web1'],
      ['logs/var/log/syslog', 1, 'web1'],
    ]);
    expect(host.diagnostics.filter((d) => d.level === 'error')).toEqual([]);
  });

  it('reads any other member order to the same result (second pass, out-of-order rotations)', async () => {
    const m = await members();
    const inOrder = await load(await buildTar(join(tmp.dir, 'a.tar.gz'), [m.meta!, m.manifest!, m.loadavg!, m.rot2!, m.rot1!, m.live!]));
    const shuffled = await load(await buildTar(join(tmp.dir, 'b.tar.gz'), [m.live!, m.rot1!, m.loadavg!, m.rot2!, m.manifest!, m.meta!]));
    expect([inOrder.passes, shuffled.passes]).toEqual([1, 4]); // logs after meta, then one pass per out-of-order rank
    expect(shuffled.host.logs).toEqual(inOrder.host.logs);
    expect(shuffled.host.artifacts).toEqual(inOrder.host.artifacts);
    expect(shuffled.events.map(([e]) => e)).toEqual(inOrder.events.map(([e]) => e));
  });

  it('a bundle without a manifest: a warning, artifacts guessed from paths', async () => {
    const m = await members();
    const { host } = await load(await buildTar(join(tmp.dir, 'nomani.tar.gz'), [m.meta!, m.loadavg!, m.live!]));
    expect(host.diagnostics.map((d) => d.message)).toContain('manifest.tsv is missing: artifacts guessed from their paths');
    expect(host.artifacts.map((a) => [a.name, a.blocks.length])).toEqual([['proc-loadavg', 2]]);
    expect(host.logs.map((l) => [l.path, l.parser])).toEqual([['logs/var/log/syslog', 'syslog']]);
  });

  it('a bundle of another format version is refused, naming bundle, version found and versions read', async () => {
    const file = await buildTar(join(tmp.dir, 'future.tar.gz'), [{ name: 'meta.txt', body: meta({ format_version: '2' }) }]);
    const err = (await load(file).catch((e: unknown) => e)) as SitrepError;
    expect(err).toBeInstanceOf(SitrepError);
    expect(err.code).toBe('FORMAT_VERSION');
    expect(err.oneLine()).toBe('future.tar.gz: bundle format version "2" is not supported: this sitrep reads format version 1');
  });

  it('a parser that throws becomes a diagnostic naming the artifact; the rest still loads', async () => {
    const m = await members();
    vi.spyOn(commandParser('proc-loadavg')!, 'parse').mockImplementation(() => {
      throw new Error('boom');
    });
    const syslog = logParser('syslog')!;
    vi.spyOn(syslog, 'open').mockImplementation(() => ({
      push: () => {
        throw new Error('log boom');
      },
      end: () => undefined,
      diagnostics: [],
    }));
    const { host } = await load(await buildTar(join(tmp.dir, 'throw.tar.gz'), [m.meta!, m.manifest!, m.loadavg!, m.rot2!, m.rot1!, m.live!]));
    const errs = host.diagnostics.filter((d) => d.level === 'error').map((d) => `${d.member}: ${d.message}`);
    expect(errs).toContain('proc/proc-loadavg.txt: parser proc-loadavg failed: boom');
    expect(errs).toContain('logs/var/log/syslog: log parser syslog failed at line 1: log boom; rest of the file not parsed');
    expect(host.logs).toHaveLength(3);
  });

  it('a member listed in the manifest but absent from the archive is reported', async () => {
    const m = await members();
    const { host } = await load(await buildTar(join(tmp.dir, 'gone.tar.gz'), [m.meta!, m.manifest!, m.live!]));
    const gone = host.diagnostics.filter((d) => /absent from the archive/.test(d.message)).map((d) => d.member);
    expect(gone).toEqual(['proc/proc-loadavg.txt', 'logs/var/log/syslog.2.gz', 'logs/var/log/syslog.1']);
    expect(host.logs.map((l) => l.path)).toEqual(['logs/var/log/syslog']);
  });

  it('a gzip bomb among the rotated logs: guarded, reported, the rest of the family read in order', async () => {
    const m = await members();
    const { gzipBomb } = await import('./build.js');
    const bomb = { name: 'logs/var/log/syslog.2.gz', body: gzipBomb(2048) };
    const rss0 = process.memoryUsage().rss;
    const { host } = await load(await buildTar(join(tmp.dir, 'bomb.tar.gz'), [m.meta!, m.manifest!, bomb, m.rot1!, m.live!]));
    expect(process.memoryUsage().rss - rss0).toBeLessThan(200 * 1024 * 1024);
    expect(host.logs.map((l) => l.path)).toEqual(['logs/var/log/syslog.2.gz', 'logs/var/log/syslog.1', 'logs/var/log/syslog']);
    const d = host.diagnostics.filter((x) => x.member === 'logs/var/log/syslog.2.gz').map((x) => x.message);
    expect(d.some((x) => /gzip bomb guard/.test(x))).toBe(true);
    expect(host.logs[2]!.events).toBe(1);
  });

  it('a 128 MiB log streams through its parser with memory far below its size', async () => {
    const line = 'Nov 26 05:00:01 web1 app[42]: request served in 12 ms for client 10.0.0.7 path /api/v1/items\n';
    const chunk = Buffer.from(line.repeat(Math.floor((1 << 20) / line.length)));
    const m = await members();
    const file = await buildTar(join(tmp.dir, 'big.tar.gz'), [
      m.meta!,
      { name: 'manifest.tsv', body: manifest([['logs/var/log/syslog', 'log', 'log:/var/log/syslog']]) },
      { name: 'logs/var/log/syslog', repeat: { chunk, times: 128 } },
    ]);
    let events = 0;
    let peak = 0;
    const rss0 = process.memoryUsage().rss;
    const host = await loadHost(file, {
      onEvent: () => {
        if (++events % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().rss - rss0);
      },
    });
    const lines = 128 * Math.floor((1 << 20) / line.length);
    expect(host.logs).toMatchObject([{ path: 'logs/var/log/syslog', parser: 'syslog', lines, events: lines }]);
    expect(events).toBe(lines);
    console.log(`[host] 128 MiB log, ${lines} events, rss +${(peak / 2 ** 20).toFixed(0)} MiB at peak`);
    expect(peak).toBeLessThan(100 * 1024 * 1024);
  });

  it('a tar of unrelated files is not a sitrep bundle', async () => {
    const file = await buildTar(join(tmp.dir, 'other.tar'), [{ name: 'README', body: 'hi' }], { gzip: false });
    const err = (await load(file).catch((e: unknown) => e)) as SitrepError;
    expect(err.code).toBe('INPUT_UNREADABLE');
    expect(err.oneLine()).toMatch(/^other\.tar: not a sitrep bundle/);
  });

  it('a second member of a name is skipped, listed in the manifest or not, in every pass', async () => {
    const listed = 'logs/var/log/app/a.log';
    const file = await buildTar(join(tmp.dir, 'dup.tar.gz'), [
      { name: 'early.txt', body: 'before the manifest\n' },
      { name: 'early.txt', body: 'again\n' },
      { name: 'meta.txt', body: meta() },
      { name: 'manifest.tsv', body: manifest([[listed, 'log', 'log:/var/log/app/a.log']]) },
      { name: listed, body: 'Nov 26 05:00:01 web1 app[1]: first copy\n' },
      { name: listed, body: 'Nov 26 05:00:02 web1 app[1]: second copy\n' },
    ]);
    const { host, events } = await load(file);
    expect(host.logs.map((l) => l.path)).toEqual([listed]);
    expect(events.map(([e]) => e.message).join()).toContain('first copy');
    expect(events.map(([e]) => e.message).join()).not.toContain('second copy');
    const dups = host.diagnostics.filter((d) => /a second member of that name/.test(d.message)).map((d) => d.message);
    expect(dups).toHaveLength(2);
    expect(dups.join()).toContain('early.txt');
  });
});
