/**
 * Outputs handed back for reuse (RedactEngine.recycle) are handed back only
 * once written: an engine that overwrites each buffer the moment it gets it
 * back changes nothing in the bundles, plain members and nested .gz alike.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { localEngine, redactBundles, type EngineFactory } from '../../src/redact/index.js';
import { plantedBundle } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-recycle-'));
const key = join(tmp, 'key');
writeFileSync(key, 'd'.repeat(64), { mode: 0o600 });

/** samples/db-lock's web bundle with a plain and a gzipped log of many 4 KiB batches. */
function planted(): string {
  const log = Array.from(
    { length: 3000 },
    (_, i) => `10.0.${i % 256}.${i % 200} - - [05/Dec/2026:00:${String(i % 60).padStart(2, '0')}:00 +0000] "GET /x HTTP/1.1" 200 ${i}\n`,
  ).join('');
  return plantedBundle('samples/db-lock/web.tar.gz', { 'plain.log': log, 'rotated.log.gz': gzipSync(log) }, join(tmp, 'web-planted.tar.gz'));
}

/** The local engine, but every buffer handed back is overwritten at once, as a worker reusing it might. */
const scribbling: EngineFactory = (init) => {
  const e = localEngine(init);
  return { ...e, recycle: (b) => (b.fill(0x58), e.recycle(b)) };
};

describe('recycled outputs', () => {
  it('are handed back only once written: overwriting them at once changes no byte', async () => {
    const bundle = planted();
    const opts = { keyPath: key, batchBytes: 4096 };
    const plain = await redactBundles([bundle], join(tmp, 'plain'), opts);
    const scribbled = await redactBundles([bundle], join(tmp, 'scribbled'), { ...opts, engine: scribbling });
    expect(plain.leaks).toEqual([]);
    expect(scribbled.leaks).toEqual([]);
    expect(readFileSync(scribbled.outcomes[0]!.output).equals(readFileSync(plain.outcomes[0]!.output))).toBe(true);
    const names = spawnSync('tar', ['-tzf', plain.outcomes[0]!.output], { encoding: 'utf8' }).stdout;
    expect(names).toMatch(/plain\.log\n/);
    expect(names).toMatch(/rotated\.log\.gz\n/);
  });
});
