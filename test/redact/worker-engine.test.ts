/**
 * Redaction and its check in worker threads (the CLI's way) against the same
 * in this thread and against `--verify`'s whole scan of the output: the same
 * bytes, the same leaks, file and line, and digests the read-back agrees
 * with. A leak is made by turning a shape off in redaction only; members are
 * cut into 4 KiB batches so several are in flight, answered in any order.
 * Workers run the compiled code, so this imports dist/ (npm test compiles first).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineFactory, EngineInit, Leak, RedactEngine, RedactKind, RedactOptions, RedactResult } from '../../src/redact/index.js';
import type { WrittenMember } from '../../src/redact/verify.js';
import { REPO } from '../cli/run.js';
import { plantedBundle } from './helpers.js';

interface Dist {
  redactBundles: (paths: readonly string[], outDir: string, opts?: RedactOptions) => Promise<RedactResult>;
  verifyBundles: (paths: readonly string[], literals: RedactResult['literals']) => Promise<Leak[]>;
  confirmBundle: (path: string, written: readonly WrittenMember[], literals: RedactResult['literals']) => Promise<Leak[]>;
  workerEngine: (init: EngineInit, lanes?: number) => RedactEngine;
}
let dist: Dist;
beforeAll(async () => {
  const red = (await import(join(REPO, 'dist', 'redact', 'index.js'))) as Pick<Dist, 'redactBundles' | 'verifyBundles'>;
  const ver = (await import(join(REPO, 'dist', 'redact', 'verify.js'))) as Pick<Dist, 'confirmBundle'>;
  const port = (await import(join(REPO, 'dist', 'cli', 'pipeline', 'redact-port.js'))) as Pick<Dist, 'workerEngine'>;
  dist = { ...red, ...ver, ...port };
});

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-worker-engine-'));
const key = join(tmp, 'key');
writeFileSync(key, 'c'.repeat(64), { mode: 0o600 });

/**
 * samples/db-lock's app bundle with a planted log: every kind redaction knows,
 * on 400 lines, and PEM blocks of 60 lines that run across the 4 KiB batches.
 */
function planted(): string {
  const lines: string[] = [];
  for (let i = 0; i < 400; i++) {
    if (i % 100 === 50) {
      lines.push('-----BEGIN RSA PRIVATE KEY-----');
      for (let k = 0; k < 60; k++) lines.push(`MIIEowIBAAKCAQEA${i}x${k}${'Q'.repeat(40)}`);
      lines.push('-----END RSA PRIVATE KEY-----');
    }
    lines.push(
      `Dec  5 00:29:${String(i % 60).padStart(2, '0')} app1 app[42]: login from 10.0.${i % 7}.${i % 250} by user${i}@example.org` +
        ` via ip-10-1-${i % 9}-${i % 200} mac 02:42:ac:11:00:${(i % 256).toString(16).padStart(2, '0')} to 2a00:1450:4001:82a::${i.toString(16)}` +
        ` GET http://bob:hunter${i}@api.internal/x password=s3cret${i} token=abc${i}`,
    );
  }
  return plantedBundle('samples/db-lock/app.tar.gz', { 'planted.log': `${lines.join('\n')}\n` }, join(tmp, 'app-planted.tar.gz'));
}
const SET = [...['samples/db-lock/web.tar.gz', 'samples/db-lock/db.tar.gz'].map((s) => join(REPO, s)), planted()];
const line = (l: Leak): string => `${l.file}:${l.line ?? ''}: ${l.kind}`;

async function both(name: string, disable: RedactKind[]): Promise<[RedactResult, RedactResult]> {
  const opts = (engine?: EngineFactory): RedactOptions => ({ keyPath: key, disable: new Set(disable), batchBytes: 4096, ...(engine ? { engine } : {}) });
  const local = await dist.redactBundles(SET, join(tmp, `${name}-local`), opts());
  const worker = await dist.redactBundles(
    SET,
    join(tmp, `${name}-worker`),
    opts((init) => dist.workerEngine(init, 3)),
  );
  return [local, worker];
}

describe('redaction in workers', () => {
  it('finds nothing in a full redaction, writes the same bytes, and the read-back holds each member to its digest', async () => {
    const [local, worker] = await both('clean', []);
    expect(worker.leaks).toEqual([]);
    expect(local.leaks).toEqual([]);
    expect(worker.outcomes.map((o) => o.written.length)).toEqual(local.outcomes.map((o) => o.written.length));
    for (const [i, o] of worker.outcomes.entries()) expect(readFileSync(o.output).equals(readFileSync(local.outcomes[i]!.output))).toBe(true);
    // The planted values are gone, PEM bodies that ran across batches included (the check alone would not see a body begun unseen).
    const content = spawnSync('tar', ['-xzOf', worker.outcomes[2]!.output], { maxBuffer: 64 << 20 }).stdout.toString('latin1');
    expect(content).toContain('-----BEGIN RSA PRIVATE KEY-----\n***\n');
    for (const value of ['MIIEowIBAAKCAQEA', 'hunter', 's3cret', 'example.org', '10.0.3.', '02:42:ac:11:00:0', '2a00:1450'])
      expect(content).not.toContain(value);
    // A digest that is not the member's, or a member missing from the list, is a leak.
    const o = worker.outcomes[0]!;
    const written = o.written.map((w) => ({ path: w.path, sha256: '0'.repeat(64) }));
    const leaks = await dist.confirmBundle(o.output, written, worker.literals);
    expect(leaks.filter((l) => l.kind === 'content not the content verified')).toHaveLength(o.written.length);
    const short = await dist.confirmBundle(o.output, [], worker.literals);
    expect(short.map((l) => l.kind)).toContain(`${o.written.length} member(s) read back that were not written`);
  });

  // Each kind the samples hold, left by redaction: the check over batches, and its shortcut for unchanged lines, find what the whole scan finds.
  it.each<RedactKind[]>([['literal'], ['ipv4'], ['ipv4-dashed'], ['email'], ['secret', 'url-credentials'], ['pem'], ['mac', 'ipv6']])(
    'reports what redaction left (%s), file and line, as in this thread and as the whole scan',
    async (...disable) => {
      const [local, worker] = await both(`leaky-${disable.join('-')}`, disable);
      const scanned = await dist.verifyBundles(
        worker.outcomes.map((o) => o.output),
        worker.literals,
      );
      expect(worker.leaks.length).toBeGreaterThan(0);
      expect(worker.leaks.map(line).sort()).toEqual(local.leaks.map(line).sort());
      expect(worker.leaks.map(line).sort()).toEqual(scanned.map(line).sort());
    },
  );

  it('reports what redaction left, file and line, as the check in this thread and the whole scan do', async () => {
    const [local, worker] = await both('leaky', ['literal']);
    const scanned = await dist.verifyBundles(
      worker.outcomes.map((o) => o.output),
      worker.literals,
    );
    expect(worker.leaks.length).toBeGreaterThan(10);
    expect(new Set(worker.leaks.map((l) => l.kind.replace(/ in a name$/, '')))).toEqual(new Set(['host name']));
    expect(worker.leaks.map(line).sort()).toEqual(local.leaks.map(line).sort());
    expect(worker.leaks.map(line).sort()).toEqual(scanned.map(line).sort());
  });
});
