/**
 * One bundle read in two stages (archive here, parsing + timeline in a parse
 * worker) gives exactly what one thread gives: the same HostData (coverage,
 * diagnostics in the same order, cut members included) and the same timeline
 * partial. Workers run the compiled code, so this imports dist/ (npm test
 * compiles first), as the CLI tests do.
 */
import { availableParallelism } from 'node:os';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleLimits } from '../../src/bundle/limits.js';
import type { LoadedHost } from '../../src/cli/pipeline/load-one.js';
import { buildTar, manifest, meta, tempDir, type TestEntry } from '../bundle/build.js';
import { REPO } from './run.js';

type LoadOne = (
  bundle: string,
  limits?: Partial<BundleLimits>,
  opts?: { split?: boolean; stats?: { segments: number; workers: number; local: number } },
) => Promise<LoadedHost>;

let loadOne: LoadOne;
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  ({ loadOne } = (await import(join(REPO, 'dist', 'cli', 'pipeline', 'load-one.js'))) as { loadOne: LoadOne });
  tmp = await tempDir();
});
afterAll(() => tmp.cleanup());

const access = (i: number, status: number): string =>
  `10.0.0.${i % 250} - - [26/Nov/2025:05:0${i % 10}:${String(i % 60).padStart(2, '0')} +0100] "GET /x/${i} HTTP/1.1" ${status} ${i} "-" "curl/8" 0.${i % 9}01 0.100`;

function logs(n: number): TestEntry[] {
  const acc = Array.from({ length: n }, (_, i) => access(i, i % 7 === 0 ? 502 : i % 5 === 0 ? 404 : 200)).join('\n');
  const sys = Array.from({ length: n }, (_, i) =>
    i % 50 === 0
      ? `Nov 26 05:00:${String(i % 60).padStart(2, '0')} web1 kernel: [${i}.5] Out of memory: Killed process ${i} (java)`
      : `Nov 26 05:00:${String(i % 60).padStart(2, '0')} web1 CRON[${i}]: (root) CMD (true)`,
  ).join('\n');
  const old = Array.from({ length: n / 2 }, (_, i) => access(i, 504)).join('\n');
  return [
    { name: 'meta.txt', body: meta() },
    {
      name: 'manifest.tsv',
      body: manifest([
        ['logs/var/log/nginx/access.log.1.gz', 'log', 'log:/var/log/nginx/access.log.1.gz'],
        ['logs/var/log/nginx/access.log', 'log', 'log:/var/log/nginx/access.log'],
        ['logs/var/log/syslog', 'log', 'log:/var/log/syslog'],
        ['logs/var/log/odd.log', 'log', 'log:/var/log/odd.log'],
        ['logs/var/log/big.log.gz', 'log', 'log:/var/log/big.log.gz'],
      ]),
    },
    { name: 'logs/var/log/nginx/access.log.1.gz', body: gzipSync(old) },
    // A chunk boundary falls inside lines and inside a UTF-8 sequence; one line is over the cap, one is not UTF-8.
    {
      name: 'logs/var/log/nginx/access.log',
      body: Buffer.concat([Buffer.from(`${acc}\n${'é'.repeat(3000)}\n`), Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from(acc)]),
    },
    { name: 'logs/var/log/syslog', body: sys },
    { name: 'logs/var/log/odd.log', body: 'nothing\nhere\nlooks\nlike a log\n' },
    // Inflates past the member limit below: cut while read. No format fits, so the fallback note comes
    // while it is read, the stop reason at its end, the parser's own diagnostics after: the same order both ways.
    { name: 'logs/var/log/big.log.gz', body: gzipSync(Array.from({ length: 400_000 }, (_, i) => `nothing matches here ${i}`).join('\n')) },
  ];
}

const stats = { segments: 0, workers: 0, local: 0 };

async function both(name: string, entries: TestEntry[], limits: Partial<BundleLimits>): Promise<[LoadedHost, LoadedHost]> {
  const file = await buildTar(join(tmp.dir, name), entries);
  const one = await loadOne(file, limits, { split: false });
  stats.segments = 0;
  stats.local = 0;
  const split = await loadOne(file, limits, { split: true, stats });
  return [one, split];
}

describe('loadOne split over a parse worker', () => {
  it('gives the same host data and timeline as one thread, cut members and line diagnostics included', async () => {
    const [one, split] = await both('a.tar.gz', logs(40_000), { maxMemberBytes: 9_000_000, maxLineBytes: 4096 });
    expect(one.host.logs.map((l) => l.path)).toHaveLength(5);
    expect(one.timeline.total).toBeGreaterThan(100_000);
    // The cases this is meant to cover did happen.
    const messages = one.host.diagnostics.map((d) => d.message).join('\n');
    expect(messages).toMatch(/gzip bomb guard\); kept 9000000 inflated bytes/);
    expect(messages).toMatch(/invalid UTF-8/);
    expect(messages).toMatch(/bytes: kept the first 4096/);
    expect(messages).toMatch(/no log format recognized/);
    expect(split).toEqual(one);
  });

  it('gives the same result with several 1 MB chunks per member and a member larger than the window', async () => {
    // Plus an application log of ~50 KB lines: about 20 to a chunk, the edge of what parser detection reads.
    const wide = Array.from(
      { length: 80 },
      (_, i) => `2026-11-26T05:00:${String(i % 60).padStart(2, '0')}.000Z ${i % 9 === 0 ? 'ERROR' : 'INFO'} worker ${i} payload ${'x'.repeat(51_200)}`,
    ).join('\n');
    const entries = logs(120_000);
    const manifestAt = entries.findIndex((e) => e.name === 'manifest.tsv');
    const row = manifest([['logs/var/log/app/wide.log', 'log', 'log:/var/log/app/wide.log']])
      .trimEnd()
      .split('\n')
      .at(-1)!;
    entries[manifestAt] = { name: 'manifest.tsv', body: `${entries[manifestAt]!.body as string}${row}\n` };
    entries.push({ name: 'logs/var/log/app/wide.log', body: wide });
    const [one, split] = await both('b.tar.gz', entries, {});
    expect(one.host.logs.find((l) => l.path.endsWith('wide.log'))).toMatchObject({ lines: 80, events: 80 });
    expect(one.host.logs.find((l) => l.path.endsWith('access.log'))!.lines).toBeGreaterThan(240_000);
    // The large logs really were cut into segments, parsed by the workers and by this thread.
    expect(stats.segments).toBeGreaterThan(one.host.logs.length + 10);
    expect(stats.workers).toBe(Math.max(1, Math.min(availableParallelism() - 1, 3)));
    expect(stats.local).toBeGreaterThan(0);
    expect(stats.local).toBeLessThan(stats.segments);
    expect(split).toEqual(one);
  });
});
