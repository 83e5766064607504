/** The manifest as columns (src/bundle/manifest-table.ts): every field read back as written, log rows without their own name and source. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagnosticLog } from '../../src/bundle/diagnostics.js';
import { parseManifestTable } from '../../src/bundle/manifest.js';
import { entryAt, manifestEntries, tableOf } from '../../src/bundle/manifest-table.js';
import { readBundle } from '../helpers/capture.js';

const SAMPLES = join(import.meta.dirname, '../../samples');
const bundles = readdirSync(SAMPLES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.tar.gz'))
  .map((f) => join(SAMPLES, f));
const orNull = (s: string): string | null => (s === '-' || s === '' ? null : s);
const ms = (s: string): number | null => (orNull(s) === null ? null : Math.round(Number(s) * 1000));

describe('manifest table', () => {
  it.each(bundles)('%s: every row read back as the TSV says', (file) => {
    const b = readBundle(file);
    const t = parseManifestTable(b.files.get('manifest.tsv')!.toString('utf8'), new DiagnosticLog('m'));
    expect(t.count).toBe(b.manifest.length);
    b.manifest.forEach((r, i) => {
      const e = entryAt(t, i);
      expect([e.path, e.kind, e.name, e.source, e.status, e.reason]).toEqual([orNull(r.path), r.kind, r.name, r.source, r.status, orNull(r.reason)]);
      expect([e.startMs, e.endMs, e.mtimeMs, e.bytes, e.exit]).toEqual([
        ms(r.start),
        ms(r.end),
        ms(r.mtime),
        orNull(r.bytes) && Number(r.bytes),
        orNull(r.exit) && Number(r.exit),
      ]);
    });
    // A collected log keeps one string, its path: name and source follow from it.
    const logs = b.manifest.flatMap((r, i) => (r.kind === 'log' && r.path !== '-' ? [i] : []));
    expect(logs.length).toBeGreaterThan(0);
    for (const i of logs) expect(t.own[i]).toBeLessThan(0);
    expect(t.names).toHaveLength(t.count - logs.length);
    // Plain data: a worker posts it by structured clone.
    expect([...manifestEntries(structuredClone(t))]).toEqual([...manifestEntries(t)]);
    expect([...manifestEntries(tableOf(manifestEntries(t)))]).toEqual([...manifestEntries(t)]);
  });
});
