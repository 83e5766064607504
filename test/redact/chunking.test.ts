/**
 * Oracle: a member redacted as it streams, split into chunks anywhere (inside a
 * line, an address, a PEM block, a CRLF), gives the bytes of the member
 * redacted in one piece. The text mixes what redaction rewrites with an
 * unterminated last line.
 */
import { describe, expect, it } from 'vitest';
import { localEngine, type EngineInit, type RedactEngine, type RedactKind } from '../../src/redact/index.js';
import { redactMember, type MemberCheck } from '../../src/redact/member.js';

const TEXT = [
  'Nov 26 05:00:01 web1 app[42]: login from 10.0.22.225 by alice@example.org\r',
  'GET http://bob:hunter2@api.internal/x password=s3cret token=abc',
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEA7',
  '-----END RSA PRIVATE KEY-----',
  'tcp ESTAB 0 0 [fe80::1]:22 [2a00:1450:4001:82a::200e]:443 ip-10-0-22-225 02:42:ac:11:00:02',
  '',
  'no newline at the end 192.168.1.7',
].join('\n');

const init = (disable: RedactKind[] = []): EngineInit => ({
  literals: [{ value: 'web1', kind: 'host' }],
  key: Buffer.from('chunking-test-key'),
  disable,
});

/**
 * An engine of `lanes` lanes that answers batches out of order (each after a
 * seeded random number of turns): the writer must put them back in order and
 * run again any batch started inside a PEM block it could not know of.
 */
function shuffling(inner: RedactEngine, lanes: number, seed: number): RedactEngine {
  let x = seed;
  const turns = (): number => ((x = (x * 1103515245 + 12345) >>> 0) >>> 16) % 4;
  const later = async (n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
  };
  return { ...inner, lanes, run: async (bytes, start) => (await later(turns()), inner.run(bytes, start)) };
}

interface Redacted {
  text: string;
  check: MemberCheck;
}

async function redacted(chunks: Buffer[], o: { batch?: number; disable?: RedactKind[]; lanes?: number } = {}): Promise<Redacted> {
  const local = localEngine(init(o.disable));
  const engine = o.lanes ? shuffling(local, o.lanes, chunks.length) : local;
  const check: MemberCheck = { sha256: '', leaks: [] };
  const out: Buffer[] = [];
  const source = (async function* () {
    yield* chunks;
  })();
  for await (const b of redactMember(source, engine, check, o.batch)) out.push(b);
  return { text: Buffer.concat(out).toString('latin1'), check };
}

describe('redaction streams a member: chunk and batch boundaries change nothing', () => {
  const bytes = Buffer.from(TEXT, 'utf8');

  it('two chunks split at every byte offset, and one byte a chunk, equal the whole', async () => {
    const whole = await redacted([bytes]);
    expect(whole.text).not.toContain('10.0.22.225');
    expect(whole.text).not.toContain('hunter2');
    expect(whole.text).not.toContain('MIIEowIBAAKCAQEA7');
    expect(whole.text.endsWith('\n')).toBe(false);
    expect(whole.check.leaks).toEqual([]);
    for (let i = 0; i <= bytes.length; i++) expect(await redacted([bytes.subarray(0, i), bytes.subarray(i)]), `split at ${i}`).toEqual(whole);
    expect(await redacted([...bytes].map((b) => Buffer.from([b])))).toEqual(whole);
  });

  it('one batch a line, answered out of order, equals the whole: a batch begun inside a PEM block is run again', async () => {
    const whole = await redacted([bytes]);
    for (let i = 0; i <= bytes.length; i++) {
      const split = [bytes.subarray(0, i), bytes.subarray(i)];
      expect(await redacted(split, { batch: 1, lanes: 3 }), `split at ${i}`).toEqual(whole);
    }
    const lines = TEXT.split('\n').map((l, i, all) => Buffer.from(i < all.length - 1 ? `${l}\n` : l, 'utf8'));
    expect(await redacted(lines, { batch: 1, lanes: 4 })).toEqual(whole);
  });

  it('what redaction leaves is found on the same lines however the member is cut', async () => {
    // The PEM body, dotted IPv4 and web1 kept (line 6's address is dashed, still aliased): batches must see what the whole sees.
    const whole = await redacted([bytes], { disable: ['pem', 'ipv4', 'literal'] });
    expect(whole.check.leaks.map((l) => `${l.line} ${l.kind}`)).toEqual(['1 host name', '1 ipv4', '4 pem', '8 ipv4']);
    for (let i = 0; i <= bytes.length; i += 7) {
      expect(await redacted([bytes.subarray(0, i), bytes.subarray(i)], { batch: 1, lanes: 2, disable: ['pem', 'ipv4', 'literal'] })).toEqual(whole);
    }
  });

  it('a batch of 700 PEM blocks, each BEGIN found by one search of the batch, equals one line a batch', async () => {
    // 700 copies of the text: ~240 KiB in one batch, its BEGIN lines found in the batch's bytes.
    const big = Buffer.from(Array.from({ length: 700 }, (_, i) => TEXT.replace('10.0.22.225', `10.0.${i % 256}.${i % 7}`)).join('\n'), 'utf8');
    const whole = await redacted([big]);
    expect(big.length).toBeGreaterThan(3 * 64 * 1024);
    expect(whole.text).not.toContain('10.0.');
    expect(whole.check.leaks).toEqual([]);
    expect(await redacted([big], { batch: 1 })).toEqual(whole);
    // What is left is found on the same lines: line numbers run on through the batch.
    const left = await redacted([big], { disable: ['ipv4'] });
    expect(left.check.leaks).toHaveLength(1400);
    expect(left.check.leaks.at(-1)).toEqual({ line: 5600, kind: 'ipv4' });
    const cut = Math.floor(big.length / 3);
    expect(await redacted([big.subarray(0, cut), big.subarray(cut)], { batch: 100_000, lanes: 3, disable: ['ipv4'] })).toEqual(left);
  });

  it('a member ending in a newline keeps it, an empty member stays empty', async () => {
    expect((await redacted([Buffer.from('a 10.1.2.3\n\n')])).text).toMatch(/^a 198\.1[89]\.\d+\.\d+\n\n$/);
    expect((await redacted([])).text).toBe('');
  });
});
