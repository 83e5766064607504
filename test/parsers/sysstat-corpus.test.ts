/**
 * sysstat's own reference outputs (../shared/corpus/sysstat/tests/expected*,
 * produced by current sysstat with LC_ALL=C TZ=GMT; COMMANDS.tsv gives each
 * file's command line) parse with zero diagnostics in the parsers for the
 * text outputs we read, and every record gets an instant.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { commandParser } from '../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../helpers/corpus.js';

const DIR = corpusPath('sysstat', 'tests');
const TSV = corpusPath('sysstat', 'tests', 'COMMANDS.tsv');
const UTC = { tzName: 'UTC' }; // the outputs were made with TZ=GMT

interface Row {
  file: string;
  cmd: string;
}

function rows(): Row[] {
  if (!HAS_CORPUS || !existsSync(TSV)) return [];
  return readFileSync(TSV, 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => {
      const f = l.split('\t');
      return { file: f[0] ?? '', cmd: f[3] ?? '' };
    })
    .filter((r) => existsSync(`${DIR}/${r.file}`));
}

/** Which outputs each parser must read cleanly, chosen by command line. */
// Not read cleanly, on purpose: JSON output (sadf-json reads sadf's) and human-readable
// sizes (-h, --human: the units would be lost).
const HUMAN = /--human|\s-[A-Za-z]*h[A-Za-z]*\b/;
const PICK: Record<string, (cmd: string) => boolean> = {
  iostat: (c) => /\.\/iostat /.test(c) && !/JSON/.test(c) && !HUMAN.test(c),
  mpstat: (c) => /\.\/mpstat/.test(c) && !/JSON/.test(c),
  pidstat: (c) => /\.\/pidstat/.test(c) && !/JSON/.test(c),
  sar: (c) => /\.\/sar /.test(c) && !HUMAN.test(c),
  'sadf-json': (c) => /\.\/sadf -j /.test(c),
};

const ALL = rows();
const counts = new Map<string, { files: number; records: number; diagnostics: number }>();

describe.skipIf(!HAS_CORPUS)('sysstat reference outputs', () => {
  for (const [id, pick] of Object.entries(PICK)) {
    const picked = ALL.filter((r) => pick(r.cmd));
    it(`${id}: finds outputs to read`, () => expect(picked.length).toBeGreaterThan(0));
    for (const r of picked) {
      it(`${id} ← ${r.file} (${r.cmd.replace(/^.*?\.\//, '')})`, () => {
        const parser = commandParser(id);
        if (!parser) throw new Error(`no parser ${id}`);
        const text = readFileSync(`${DIR}/${r.file}`, 'utf8');
        const res = parser.parse(text, { file: r.file, clock: UTC });
        const data = res.data as unknown[];
        const c = counts.get(id) ?? { files: 0, records: 0, diagnostics: 0 };
        c.files++;
        c.records += data.length;
        c.diagnostics += res.diagnostics.length;
        counts.set(id, c);
        expect(res.diagnostics).toEqual([]);
        // With the header's date, a record that prints its time gets an instant, and within
        // one table (same columns) instants never go back. sar repeats restart and comment
        // lines in each table's pass over the file, so those are not in a sequence.
        const dated = /^Linux /m.test(text) || id === 'sadf-json'; // sadf stamps carry their date
        const times = res.times ?? [];
        expect(times.length).toBe(data.length);
        const last = new Map<string, number>();
        data.forEach((rec, i) => {
          const r = rec as Record<string, unknown>;
          if (!dated || r.time === undefined || r.time === null) return;
          const t = times[i];
          expect(t, `record ${i} (time ${String(r.time)}) has an instant`).toBeTruthy();
          if (!t || r.section === 'restart' || r.section === 'comment') return;
          const key = `${String(r.section ?? r.type ?? r.kind ?? '')} ${Object.keys(r).join(',')}`;
          expect(t.epochMs, `record ${i} of ${key} goes back in time`).toBeGreaterThanOrEqual(last.get(key) ?? 0);
          last.set(key, t.epochMs);
        });
      });
    }
  }
  it('mpstat -T: the all row has null CORE/SOCK/NODE and its values in place', () => {
    const res = commandParser('mpstat')?.parse(readFileSync(`${DIR}/expected.mpstat-T`, 'utf8'), { file: 'T', clock: UTC });
    const rows = (res?.data ?? []) as Record<string, unknown>[];
    const all = rows.find((r) => r.cpu === 'all');
    // expected.mpstat-T: `12:53:21     all                   2.15   12.50 ... 82.88`
    expect(all).toMatchObject({ core: null, sock: null, node: null, percent_usr: 2.15, percent_nice: 12.5, percent_idle: 82.88 });
    expect(rows.find((r) => r.cpu === '2')).toMatchObject({ core: '2', sock: '4', node: '0', percent_usr: 2.25 });
  });

  // sysstat's ground-truth pair: `sar -A -f data.tmp` (text) and `sadf -j data.tmp -C -- -A`
  // (JSON) are the same data file, so both parsers must give the same numbers at the same instants.
  it('sar text and sadf -j of the same file agree (CPU all, run queue)', () => {
    const sarRes = commandParser('sar')?.parse(readFileSync(`${DIR}/expected2.sar-all`, 'utf8'), { file: 'sar', clock: UTC });
    const jRes = commandParser('sadf-json')?.parse(readFileSync(`${DIR}/expected.sadf-j`, 'utf8'), { file: 'j', clock: UTC });
    if (!sarRes || !jRes) throw new Error('parsers missing');
    const textAt = new Map<string, Record<string, unknown>>();
    (sarRes.data as Record<string, unknown>[]).forEach((r, i) => {
      const t = sarRes.times?.[i];
      if (t && (r.section === 'u' || (r.section === 'q' && r.runq_sz !== undefined))) textAt.set(`${String(r.section)} ${String(r.cpu ?? '')} ${t.epochMs}`, r);
    });
    let compared = 0;
    (jRes.data as { kind: string; metrics?: Record<string, unknown> }[]).forEach((s, i) => {
      const t = jRes.times?.[i];
      if (s.kind !== 'sample' || !t) return;
      const all = (s.metrics?.['cpu-load'] as Record<string, unknown>[] | undefined)?.find((c) => c.cpu === 'all');
      const u = textAt.get(`u all ${t.epochMs}`);
      if (all && u) {
        expect(u.percent_usr).toBe(all.usr);
        expect(u.percent_idle).toBe(all.idle);
        compared++;
      }
      const queue = s.metrics?.queue as Record<string, unknown> | undefined;
      const q = textAt.get(`q  ${t.epochMs}`);
      if (queue && q) {
        expect(q.runq_sz).toBe(queue['runq-sz']);
        expect(q.ldavg_1).toBe(queue['ldavg-1']);
        compared++;
      }
    });
    console.log(`sar text vs sadf -j: ${compared} values pairs compared`);
    expect(compared).toBeGreaterThanOrEqual(8);
  });

  afterAll(() => {
    const lines = ['sysstat corpus (files / records / diagnostics):'];
    for (const [id, c] of counts) lines.push(`  ${id.padEnd(10)} ${c.files} / ${c.records} / ${c.diagnostics}`);
    console.log(lines.join('\n'));
  });
});
