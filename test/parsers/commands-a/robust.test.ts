/**
 * Parsers never throw. Each of ours is fed the other commands' real outputs,
 * a sysstat JSON file, a log, and its own real output cut mid-line: it must
 * return (records aligned with times) and say when it found nothing it knows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import { corpusPath, HAS_CORPUS } from '../../helpers/corpus.js';

const OWN: Record<string, string> = {
  vmstat: 'jc/centos-7.7/vmstat-at-5-10.out',
  iostat: 'jc/ubuntu-20.10/iostat-x.out',
  mpstat: 'jc/centos-7.7/mpstat-A-2-5.out',
  pidstat: 'jc/centos-7.7/pidstat-hdlrsuw-2-5.out',
  sar: 'sysstat/tests/expected2.sar-all',
  'sadf-json': 'sysstat/tests/expected.sadf-j',
  free: 'jc/centos-7.7/free-w.out',
  top: 'jc/centos-7.7/top-b-n3.out',
  uptime: 'jc/centos-7.7/uptime.out',
};
// sar reads any sysstat `<time> <columns>` table, and mpstat prints exactly such tables:
// sar reading mpstat output is right, not a mistake (detect() still prefers mpstat).
const SAME_FAMILY = new Set(['sar jc/centos-7.7/mpstat-A-2-5.out']);
const OTHERS = [...Object.values(OWN), 'jc/centos-7.7/df.out', 'lnav/test/logfile_syslog.0'];

describe.skipIf(!HAS_CORPUS)('parsers never throw', () => {
  for (const [id, own] of Object.entries(OWN)) {
    const parser = commandParser(id);
    it(`${id}: other formats give diagnostics, not exceptions`, () => {
      if (!parser) throw new Error(`no parser ${id}`);
      for (const f of OTHERS) {
        const text = readFileSync(corpusPath(...f.split('/')), 'utf8');
        const res = parser.parse(text, { file: f, clock: { tzName: 'UTC' } });
        if (Array.isArray(res.data)) {
          expect(res.times?.length ?? 0).toBe(res.data.length);
          if (res.data.length === 0) expect(res.diagnostics.length, `${id} on ${f}`).toBeGreaterThan(0);
        }
        if (f !== own && f.startsWith('jc/') && !SAME_FAMILY.has(`${id} ${f}`)) {
          // a jc fixture of another command is never mistaken for ours without a word
          const known = Array.isArray(res.data) ? res.data.length > 0 : Object.keys(res.data as object).length > 0;
          if (known) expect(res.diagnostics.length + (parser.detect(text) < 0.5 ? 1 : 0), `${id} on ${f}`).toBeGreaterThan(0);
        }
      }
    });
    it(`${id}: its own output cut anywhere`, () => {
      if (!parser) throw new Error(`no parser ${id}`);
      const text = readFileSync(corpusPath(...own.split('/')), 'utf8');
      for (let cut = 1; cut < text.length; cut += Math.max(1, Math.floor(text.length / 97))) {
        const res = parser.parse(text.slice(0, cut), { file: own, clock: { tzName: 'UTC' }, startMs: 0 });
        if (Array.isArray(res.data)) expect(res.times?.length ?? 0).toBe(res.data.length);
      }
    });
  }
});
