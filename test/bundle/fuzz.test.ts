/**
 * Corrupted bundles (seeded byte flips and cuts of a valid one, in the gzip
 * stream and in the plain tar): loading either succeeds with diagnostics or
 * throws a SitrepError; never another exception, never an unhandled rejection.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SitrepError } from '../../src/errors.js';
import { trackUnhandled } from '../helpers/unhandled.js';
import { loadHost } from '../../src/parsers/host.js';
import { buildTar, manifest, meta, tempDir } from './build.js';

let tmp: Awaited<ReturnType<typeof tempDir>>;
const unhandled = trackUnhandled();
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(async () => tmp.cleanup());

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('corrupted bundles', () => {
  for (const gzip of [true, false]) {
    it(`${gzip ? 'tar.gz' : 'tar'}: 60 seeded corruptions load or fail cleanly`, async () => {
      const { gzipSync } = await import('node:zlib');
      const log = Array.from({ length: 400 }, (_, i) => `Nov 26 05:00:${String(i % 60).padStart(2, '0')} web1 app[42]: line ${i}\n`).join('');
      const good = await buildTar(
        join(tmp.dir, `good.${gzip ? 'tar.gz' : 'tar'}`),
        [
          { name: 'meta.txt', body: meta() },
          {
            name: 'manifest.tsv',
            body: manifest([
              ['logs/var/log/syslog.1.gz', 'log', 'log:/var/log/syslog.1.gz'],
              ['logs/var/log/syslog', 'log', 'log:/var/log/syslog'],
            ]),
          },
          { name: 'proc/proc-loadavg.txt', body: '@@sitrep 1764133200.5\n0.50 0.40 0.30 2/300 1234\n' },
          { name: 'logs/var/log/syslog.1.gz', body: gzipSync(log) },
          { name: 'logs/var/log/syslog', body: log },
        ],
        { gzip },
      );
      const bytes = await readFile(good);
      const rnd = prng(gzip ? 7 : 11);
      const outcomes = { loaded: 0, refused: 0 };
      for (let i = 0; i < 60; i++) {
        const bad = Buffer.from(bytes);
        const flips = 1 + Math.floor(rnd() * 8);
        for (let f = 0; f < flips; f++) bad[Math.floor(rnd() * bad.length)] = Math.floor(rnd() * 256);
        const file = join(tmp.dir, `bad-${i}`);
        await writeFile(file, i % 3 === 0 ? bad.subarray(0, Math.floor(rnd() * bad.length)) : bad);
        try {
          await loadHost(file, { onEvent: () => undefined });
          outcomes.loaded++;
        } catch (e) {
          if (!(e instanceof SitrepError)) throw new Error(`corruption ${i}: not a SitrepError: ${(e as Error).stack}`);
          expect(e.oneLine()).toMatch(new RegExp(`^bad-${i}: `));
          if (process.env.FUZZ_VERBOSE) console.log(e.code, e.oneLine());
          outcomes.refused++;
        }
      }
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
      console.log(`[fuzz] ${gzip ? 'tar.gz' : 'tar'}: ${outcomes.loaded} loaded with diagnostics, ${outcomes.refused} refused with a SitrepError`);
      expect(outcomes.loaded + outcomes.refused).toBe(60);
    });
  }
});
