/**
 * The bundle's diagnostic log: capped, and de-duplicated past the cap too (a
 * second pass over the archive sees the same skipped members again), while
 * keeping only a number, not the text, per diagnostic it counts.
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticLog } from '../../src/bundle/diagnostics.js';

describe('DiagnosticLog', () => {
  it('lists up to its cap and counts each distinct one beyond it once, however often it comes', () => {
    const log = new DiagnosticLog('b.tar.gz', 500);
    const n = 100_000;
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < n; i++) log.add(i % 3 === 0 ? 'warning' : 'info', 'no log format recognized: read with the generic app parser', `logs/app/f${i}.log`);
    }
    expect(log.list).toHaveLength(500);
    expect(log.list[499]!.member).toBe('logs/app/f499.log');
    const listedWarnings = log.list.filter((d) => d.level === 'warning').length;
    expect(log.dropped.warning + log.dropped.info).toBe(n - 500);
    expect(log.count('warning')).toBe(Math.ceil(n / 3));
    expect(log.dropped.warning).toBe(Math.ceil(n / 3) - listedWarnings);
  });

  it('tells apart diagnostics past the cap that differ in level, member, line or message', () => {
    const log = new DiagnosticLog('b.tar.gz', 0);
    log.add('error', 'm', 'a', 1);
    log.add('warning', 'm', 'a', 1);
    log.add('error', 'm', 'b', 1);
    log.add('error', 'm', 'a', 2);
    log.add('error', 'n', 'a', 1);
    log.add('error', 'm', 'a', 1);
    expect(log.dropped).toEqual({ error: 4, warning: 1, info: 0 });
  });
});
