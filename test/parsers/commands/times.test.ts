/**
 * Instants from sysstat's printed times, on real outputs: iostat -t stamps in
 * the 12-hour form with 4-digit years (RHEL 6, sysstat 9) and the 24-hour form
 * with 2-digit years (RHEL 8, sysstat 11.7) from t2y/iostat-tool; 12-hour
 * times of day (jc's centos pidstat/mpstat); a sar file crossing midnight.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import type { CommandParseResult, SampleTime } from '../../../src/parsers/types.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';

const IOSTAT_TOOL = corpusPath('iostat-tool', 'tests', 'fixtures');
const UTC = { tzName: 'UTC' };

function parse(id: string, path: string, tzName = 'UTC'): CommandParseResult {
  const p = commandParser(id);
  if (!p) throw new Error(`no parser ${id}`);
  return p.parse(readFileSync(path, 'utf8'), { file: path.split('/').pop() ?? path, clock: { tzName } });
}

/** The distinct instants in record order. */
function steps(times: (SampleTime | null)[] | undefined): number[] {
  const out: number[] = [];
  for (const t of times ?? []) if (t && out[out.length - 1] !== t.epochMs) out.push(t.epochMs);
  return out;
}

describe.skipIf(!HAS_CORPUS)('iostat -t captures from RHEL 6 and 8 (iostat-tool)', () => {
  const files = existsSync(IOSTAT_TOOL)
    ? readdirSync(IOSTAT_TOOL)
        .filter((f) => f.endsWith('.output'))
        .sort()
    : [];
  it('finds them', () => expect(files.length).toBeGreaterThanOrEqual(6));

  for (const f of files) {
    it(`${f}: zero diagnostics, one increasing instant per report`, () => {
      const text = readFileSync(`${IOSTAT_TOOL}/${f}`, 'utf8');
      const res = parse('iostat', `${IOSTAT_TOOL}/${f}`);
      expect(res.diagnostics).toEqual([]);
      const data = res.data as Record<string, unknown>[];
      expect(data.length).toBeGreaterThan(0);
      expect(res.times?.every((t) => t !== null && t.quality === 'host-zone')).toBe(true);
      const stamps = text.split('\n').filter((l) => /^\d{2}\/\d{2}\/\d{2,4} \d{2}:\d{2}:\d{2}/.test(l));
      const s = steps(res.times);
      expect(s).toHaveLength(stamps.length);
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1] as number);
      console.log(`${f}: ${data.length} records, ${s.length} reports, ${res.diagnostics.length} diagnostics`);
    });
  }

  it('12-hour PM stamps are afternoon times on the printed date', () => {
    const res = parse('iostat', `${IOSTAT_TOOL}/sample_iostat.output`);
    const s = steps(res.times);
    // first and last stamps of the file: 06/13/2018 02:10:50 PM and 02:15:42 PM
    expect(s[0]).toBe(Date.UTC(2018, 5, 13, 14, 10, 50));
    expect(s[s.length - 1]).toBe(Date.UTC(2018, 5, 13, 14, 15, 42));
  });

  it('2-digit-year 24-hour stamps (sysstat 11.7)', () => {
    const res = parse('iostat', `${IOSTAT_TOOL}/sample_iostat_11.7.3.output`);
    expect(steps(res.times)[0]).toBe(Date.UTC(2021, 8, 26, 3, 35, 19)); // 09/26/21 03:35:19
  });

  it('the host zone places the same stamps (Chicago, CDT in June)', () => {
    const res = parse('iostat', `${IOSTAT_TOOL}/sample_iostat_small.output`, 'America/Chicago');
    expect(steps(res.times)[0]).toBe(Date.UTC(2018, 5, 13, 19, 10, 50));
  });
});

describe.skipIf(!HAS_CORPUS)('iostat without stamps: start + report index × interval', () => {
  const at = (file: string): number[] => {
    const p = commandParser('iostat');
    const path = corpusPath('sysstat', 'tests', file);
    const res = p?.parse(readFileSync(path, 'utf8'), { file, clock: UTC, startMs: 0, intervalS: 2 });
    expect(res?.diagnostics).toEqual([]);
    expect(res?.times?.every((t) => t?.quality === 'derived')).toBe(true);
    return [...new Set(res?.times?.map((t) => t?.epochMs))];
  };
  it('iostat 2 3: three reports', () => expect(at('expected.iostat')).toEqual([0, 2000, 4000]));
  it('iostat -d -p ALL 2 3 (no CPU table): three reports', () => expect(at('expected.iostat-p-ALL')).toEqual([0, 2000, 4000]));
  it('iostat -x --pretty: one report split into several device tables', () => expect(at('expected.iostat-x-pretty')).toEqual([0]));
  it('iostat --pretty -d ALL -p ALL 2 2: two reports', () => expect(at('expected.iostat-pretty')).toEqual([0, 2000]));
});

describe.skipIf(!HAS_CORPUS)('times of day', () => {
  it('12 PM is noon: jc centos pidstat without -h (12:06:39 PM on 03/09/2022)', () => {
    const res = parse('pidstat', corpusPath('jc', 'centos-7.7', 'pidstat.out'));
    expect(res.diagnostics).toEqual([]);
    const t = res.times?.[0];
    expect(t).toEqual({ epochMs: Date.UTC(2022, 2, 9, 12, 6, 39), quality: 'host-zone' });
    expect((res.data as Record<string, unknown>[])[0]?.time).toBe(Date.UTC(2022, 2, 9, 12, 6, 39) / 1000);
  });

  it('3 PM in mpstat -A (03:16:17 PM on 03/11/2022), with Los Angeles as host zone', () => {
    const res = parse('mpstat', corpusPath('jc', 'centos-7.7', 'mpstat-A-2-5.out'), 'America/Los_Angeles');
    expect(res.times?.[0]).toEqual({ epochMs: Date.UTC(2022, 2, 11, 23, 16, 17), quality: 'host-zone' });
    // Average rows have no instant
    const data = res.data as Record<string, unknown>[];
    data.forEach((r, i) => expect(res.times?.[i] === null).toBe(r.average === true));
  });

  it('sar crossing midnight rolls to the next day, in every table (sysstat expected.sar-cd)', () => {
    const res = parse('sar', corpusPath('sysstat', 'tests', 'expected.sar-cd'));
    expect(res.diagnostics).toEqual([]);
    const data = res.data as Record<string, unknown>[];
    const midnight = data.map((r, i) => [r, i] as const).filter(([r]) => r.time === '00:00:00');
    expect(midnight.map(([r]) => r.section)).toEqual(['u', 'w']); // -u and -w tables both cross
    for (const [, i] of midnight) {
      expect(data[i - 1]?.time).toBe('23:59:59');
      expect(res.times?.[i - 1]?.epochMs).toBe(Date.UTC(2019, 4, 1, 23, 59, 59)); // header date 05/01/19
      expect(res.times?.[i]?.epochMs).toBe(Date.UTC(2019, 4, 2, 0, 0, 0));
    }
  });

  it('a sar file without its header line is dated by the capture start (sysstat expected.sa1-rot)', () => {
    const p = commandParser('sar');
    const path = corpusPath('sysstat', 'tests', 'expected.sa1-rot');
    const startMs = Date.UTC(2020, 5, 1, 23, 59, 50);
    const res = p?.parse(readFileSync(path, 'utf8'), { file: 'sa1-rot', clock: UTC, startMs });
    const data = (res?.data ?? []) as Record<string, unknown>[];
    const i = data.findIndex((r) => r.time === '00:00:01');
    expect(res?.times?.[i]?.epochMs).toBe(Date.UTC(2020, 5, 2, 0, 0, 1));
  });
});
