/**
 * Oracle: a member redacted as it streams, split into chunks anywhere (inside a
 * line, an address, a PEM block, a CRLF), gives the bytes of the member
 * redacted in one piece. The text mixes what redaction rewrites with an
 * unterminated last line.
 */
import { describe, expect, it } from 'vitest';
import { Aliaser, Redactor } from '../../src/redact/index.js';
import { redactedChunks } from '../../src/redact/writer.js';

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

async function redacted(chunks: Buffer[]): Promise<string> {
  const r = new Redactor(new Aliaser(Buffer.from('chunking-test-key')), [{ value: 'web1', kind: 'host' }]);
  const out: Buffer[] = [];
  for await (const b of redactedChunks(
    (async function* () {
      yield* chunks;
    })(),
    r,
  ))
    out.push(b);
  return Buffer.concat(out).toString('latin1');
}

describe('redaction streams a member: chunk boundaries change nothing', () => {
  it('two chunks split at every byte offset, and one byte a chunk, equal the whole', async () => {
    const bytes = Buffer.from(TEXT, 'utf8');
    const whole = await redacted([bytes]);
    expect(whole).not.toContain('10.0.22.225');
    expect(whole).not.toContain('hunter2');
    expect(whole).not.toContain('MIIEowIBAAKCAQEA7');
    expect(whole.endsWith('\n')).toBe(false);
    for (let i = 0; i <= bytes.length; i++) expect(await redacted([bytes.subarray(0, i), bytes.subarray(i)]), `split at ${i}`).toBe(whole);
    expect(await redacted([...bytes].map((b) => Buffer.from([b])))).toBe(whole);
  });

  it('a member ending in a newline keeps it, an empty member stays empty', async () => {
    expect(await redacted([Buffer.from('a 10.1.2.3\n\n')])).toMatch(/^a 198\.1[89]\.\d+\.\d+\n\n$/);
    expect(await redacted([])).toBe('');
  });
});
