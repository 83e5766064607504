import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/diagnosis/types.js';
import { logsData, otlpEvent, otlpFinding } from '../../src/export/otlp.js';
import type { TimelineEvent } from '../../src/timeline/types.js';

const e = {
  host: 'db1',
  time: 1767225600123,
  timeQuality: 'exact',
  source: 'logs/var/log/syslog',
  line: 7,
  level: 'crit',
  message: 'Out of memory',
} as unknown as TimelineEvent;
const f = { rule: 'memory.errors', host: 'db1', tier: 'db', severity: 'critical', title: 'OOM kill', onset: 1767225600000 } as unknown as Finding;

describe('OTLP JSON mapping', () => {
  it('int64 fields are decimal strings, enums integers, attributes typed AnyValues', () => {
    const line = JSON.parse(JSON.stringify(logsData('db1', '1.0', [otlpEvent('c1', e), otlpFinding('c1', f)])));
    const rl = line.resourceLogs[0];
    expect(rl.resource.attributes).toContainEqual({ key: 'host.name', value: { stringValue: 'db1' } });
    const [ev, fi] = rl.scopeLogs[0].logRecords;
    expect(ev.timeUnixNano).toBe('1767225600123000000');
    expect(ev.severityNumber).toBe(21);
    expect(fi.severityNumber).toBe(21);
    expect(ev.attributes).toContainEqual({ key: 'sitrep.line', value: { intValue: '7' } });
    expect(fi.attributes).toContainEqual({ key: 'sitrep.rule', value: { stringValue: 'memory.errors' } });
    for (const r of [ev, fi]) {
      expect(typeof r.timeUnixNano).toBe('string');
      expect(Number.isInteger(r.severityNumber)).toBe(true);
      expect(r.severityNumber).toBeGreaterThanOrEqual(1);
      expect(r.severityNumber).toBeLessThanOrEqual(24);
    }
  });
});
