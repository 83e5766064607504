/**
 * The content check in its worker thread (the CLI's way) against the same
 * check in this thread and against `--verify`'s whole scan of the output:
 * the same leaks, file and line, and digests the read-back agrees with.
 * A leak is made by turning a shape off in redaction only. Workers run the
 * compiled code, so this imports dist/ (npm test compiles first).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ContentCheckFactory, Leak, RedactKind, RedactOptions, RedactResult } from '../../src/redact/index.js';
import type { WrittenMember } from '../../src/redact/verify.js';
import { REPO } from '../cli/run.js';

interface Dist {
  redactBundles: (paths: readonly string[], outDir: string, opts?: RedactOptions) => Promise<RedactResult>;
  verifyBundles: (paths: readonly string[], literals: RedactResult['literals']) => Promise<Leak[]>;
  confirmBundle: (path: string, written: readonly WrittenMember[], literals: RedactResult['literals']) => Promise<Leak[]>;
  workerCheck: ContentCheckFactory;
}
let dist: Dist;
beforeAll(async () => {
  const red = (await import(join(REPO, 'dist', 'redact', 'index.js'))) as Pick<Dist, 'redactBundles' | 'verifyBundles'>;
  const ver = (await import(join(REPO, 'dist', 'redact', 'verify.js'))) as Pick<Dist, 'confirmBundle'>;
  const port = (await import(join(REPO, 'dist', 'cli', 'pipeline', 'check-port.js'))) as Pick<Dist, 'workerCheck'>;
  dist = { ...red, ...ver, ...port };
});

const tmp = mkdtempSync(join(tmpdir(), 'sitrep-check-worker-'));
const key = join(tmp, 'key');
writeFileSync(key, 'c'.repeat(64), { mode: 0o600 });
const SET = ['samples/db-lock/web.tar.gz', 'samples/db-lock/app.tar.gz', 'samples/db-lock/db.tar.gz'].map((s) => join(REPO, s));
const line = (l: Leak): string => `${l.file}:${l.line ?? ''}: ${l.kind}`;

async function both(name: string, disable: RedactKind[]): Promise<[RedactResult, RedactResult]> {
  const opts = (check?: ContentCheckFactory): RedactOptions => ({ keyPath: key, disable: new Set(disable), ...(check ? { check } : {}) });
  const local = await dist.redactBundles(SET, join(tmp, `${name}-local`), opts());
  const worker = await dist.redactBundles(SET, join(tmp, `${name}-worker`), opts(dist.workerCheck));
  return [local, worker];
}

describe('the content check in a worker', () => {
  it('finds nothing in a full redaction, writes the same bytes, and the read-back holds each member to its digest', async () => {
    const [local, worker] = await both('clean', []);
    expect(worker.leaks).toEqual([]);
    expect(local.leaks).toEqual([]);
    expect(worker.outcomes.map((o) => o.written.length)).toEqual(local.outcomes.map((o) => o.written.length));
    for (const [i, o] of worker.outcomes.entries()) expect(readFileSync(o.output).equals(readFileSync(local.outcomes[i]!.output))).toBe(true);
    // A digest that is not the member's, or a member missing from the list, is a leak.
    const o = worker.outcomes[0]!;
    const written = o.written.map((path) => ({ path, sha256: '0'.repeat(64) }));
    const leaks = await dist.confirmBundle(o.output, written, worker.literals);
    expect(leaks.filter((l) => l.kind === 'content not the content verified')).toHaveLength(o.written.length);
    const short = await dist.confirmBundle(o.output, [], worker.literals);
    expect(short.map((l) => l.kind)).toContain(`${o.written.length} member(s) read back that were not written`);
  });

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
