/**
 * PSI over the window (models/psi.ts) on real captures: the stalled share of
 * each interval comes from the `total` counters, never from avg10. Expected
 * values are computed here from the raw /proc/pressure text, not by the code
 * under test.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildModels } from '../../src/models/build.js';
import { hostFrom, type RawArtifact } from '../rules/fixtures.js';
import { checkCase } from '../rules/rule-tester.js';
import { REPO_ROOT } from '../helpers/corpus.js';

const DIR = join(REPO_ROOT, 'test', 'models', 'fixtures', 'psi-after-load');
const RESOURCES = ['cpu', 'memory', 'io'] as const;

function raw(res: string): RawArtifact {
  const text = readFileSync(join(DIR, `proc-pressure-${res}.txt`), 'utf8');
  const startMs = Math.round(Number(/^@@sitrep (\S+)/.exec(text)![1]) * 1000);
  return { name: `proc-pressure-${res}`, path: `proc/proc-pressure-${res}.txt`, kind: 'proc', text, startMs };
}

/** [marker seconds, avg10, total µs] of each `kind` line, straight from the text. */
function reads(text: string, kind: 'some' | 'full'): [number, number, number][] {
  const out: [number, number, number][] = [];
  let t = NaN;
  for (const l of text.split('\n')) {
    const mark = /^@@sitrep (\S+)/.exec(l);
    if (mark) t = Number(mark[1]);
    const m = new RegExp(`^${kind} avg10=(\\S+) .* total=(\\d+)$`).exec(l);
    if (m) out.push([t, Number(m[1]), Number(m[2])]);
  }
  return out;
}

const host = () => hostFrom(RESOURCES.map(raw), { id: 'vm' });

describe('PSI over the window, from the total counters', () => {
  it('each point is Δtotal / Δt of its interval; avg10 of the first read is kept as the hint only', () => {
    const m = buildModels(host());
    const models = { cpu: m.cpu.psi, memory: m.memory.psi, io: m.storage.psi };
    for (const res of RESOURCES) {
      const text = readFileSync(join(DIR, `proc-pressure-${res}.txt`), 'utf8');
      for (const kind of ['some', 'full'] as const) {
        const r = reads(text, kind);
        const s = models[res][kind]!;
        expect(s.points.length, `${res} ${kind}`).toBe(r.length - 1);
        s.points.forEach(([t, v], i) => {
          const [t0, , a] = r[i]!,
            [t1, , b] = r[i + 1]!;
          // the loader keeps each marker's time to the millisecond
          const ms0 = Math.round(t0 * 1000),
            ms1 = Math.round(t1 * 1000);
          expect(t).toBe(ms1);
          expect(v).toBeCloseTo(Math.min(100, (100 * (b - a)) / ((ms1 - ms0) * 1000)), 6);
        });
        expect(models[res].before?.[kind]).toBe(r[0]![1]);
      }
      expect(models[res].method).toBe('total-delta');
    }
  });

  it('a quiet window right after load is not CPU pressure, though avg10 started at 48.9 %', async () => {
    const cpu = reads(readFileSync(join(DIR, 'proc-pressure-cpu.txt'), 'utf8'), 'some');
    // the premise: avg10 (what the rule used to judge) is over the 25 % threshold in most reads
    expect(cpu.filter(([, avg10]) => avg10 >= 25).length).toBeGreaterThanOrEqual(7);
    const findings = await checkCase('cpu-pressure', { name: 'after load', origin: 'fixture', input: host });
    expect(findings).toEqual([]);
    const peak = Math.max(...buildModels(host()).cpu.psi.some!.points.map(([, v]) => v));
    expect(peak).toBeLessThan(5);
  });

  it('one read has no interval: avg10 stands in, said so', () => {
    const one = RESOURCES.map(raw).map((r) => ({ ...r, text: r.text.split(/(?=^@@sitrep )/m)[0]! }));
    const psi = buildModels(hostFrom(one, { id: 'vm' })).cpu.psi;
    expect(psi.method).toBe('avg10');
    expect(psi.some?.points).toEqual([[one[0]!.startMs, 48.92]]);
  });
});
