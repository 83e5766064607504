import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { captureId, diagnosisId, eventId, findingId } from '../../src/export/ids.js';
import { writeJsonLines } from '../../src/export/jsonl.js';

describe('export ids', () => {
  it('are stable across runs and differ by every part', () => {
    const c = captureId('web1', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z');
    expect(c).toBe(captureId('web1', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z'));
    expect(c).toMatch(/^[0-9a-f]{32}$/);
    expect(captureId('web2', '2026-01-01T00:00:00Z', '2026-01-01T00:05:00Z')).not.toBe(c);
    expect(captureId('web1', '2026-01-02T00:00:00Z', '2026-01-02T00:05:00Z')).not.toBe(c);
    expect(eventId(c, 'var/log/syslog', 1)).not.toBe(eventId(c, 'var/log/syslog', 2));
    expect(eventId(c, 'a', 12)).not.toBe(eventId(c, 'a1', 2));
    expect(findingId('cpu.saturation', 'web1', 'a', 'b')).not.toBe(findingId('cpu.saturation', 'web2', 'a', 'b'));
    // One rule on two disks of one host in one window: two findings.
    expect(findingId('disk-utilization', 'db1', 'a', 'b', 'sda')).not.toBe(findingId('disk-utilization', 'db1', 'a', 'b', 'sdb'));
    // A diagnosis is its captures, whatever order the bundles were named in.
    expect(diagnosisId(['c1', 'c2'])).toBe(diagnosisId(['c2', 'c1']));
    expect(diagnosisId(['c1', 'c2'])).not.toBe(diagnosisId(['c1']));
  });
});

describe('writeJsonLines', () => {
  it('writes one parseable line per record, honouring backpressure', async () => {
    const out = new PassThrough({ highWaterMark: 16 });
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString()));
    function* gen() {
      for (let i = 0; i < 1000; i++) yield { i, msg: 'line\n"quoted"' };
    }
    const n = await writeJsonLines(out, gen());
    out.end();
    const lines = chunks.join('').split('\n').filter(Boolean);
    expect(n).toBe(1000);
    expect(lines).toHaveLength(1000);
    expect(JSON.parse(lines[999]!)).toEqual({ i: 999, msg: 'line\n"quoted"' });
  });
});
