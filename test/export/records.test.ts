/** Export records of the real samples: one capture per bundle, ids unique and the same on a second export. */
import { describe, expect, it } from 'vitest';
import { allRecords, type ExportRecord } from '../../src/export/records.js';
import { sampleIndex } from './fixture.js';

const ids = (recs: ExportRecord[]): string[] => recs.map((r) => r.r.id);

describe('export records', () => {
  it('one capture per bundle, the diagnosis, every finding and kept event; ids unique and stable', async () => {
    const a = await sampleIndex('db-lock');
    const recs = [...allRecords(a)];
    const count = (k: string): number => recs.filter((r) => r.kind === k).length;
    expect(count('capture')).toBe(3);
    expect(count('diagnosis')).toBe(1 + a.analysis.separate.length);
    expect(count('finding')).toBe(a.analysis.findings.length);
    expect(count('event')).toBe(a.analysis.timeline.events.length);
    expect(new Set(ids(recs)).size).toBe(recs.length);
    const again = [...allRecords(await sampleIndex('db-lock'))];
    expect(ids(again)).toEqual(ids(recs));
  });

  it("every event and finding names its bundle's capture and host by hostname", async () => {
    const a = await sampleIndex('close-wait');
    const recs = [...allRecords(a)];
    const captures = new Map(recs.flatMap((r) => (r.kind === 'capture' ? [[r.r.id, r.r.host.hostname] as const] : [])));
    for (const r of recs) {
      if (r.kind === 'event' || r.kind === 'finding') expect(captures.get(r.r.capture)).toBe(r.r.hostname);
    }
    const d = recs.find((r) => r.kind === 'diagnosis');
    if (d?.kind !== 'diagnosis') throw new Error('no diagnosis');
    expect([...d.r.captures].sort()).toEqual([...captures.keys()].sort());
  });
});
