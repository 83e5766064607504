/**
 * `ss -s` → one flat object (jc has no parser for it). Keys:
 * `total` (and `kernel` where old ss prints `Total: N (kernel M)`),
 * `tcp_total`, then one `tcp_<name>` per pair in the TCP line (`estab`,
 * `closed`, `orphaned`, `synrecv`, `timewait`, plus `timewait_slab` for old
 * ss's `timewait 20/0`, and `ports`), and from the transport table
 * `<transport>_total`, `<transport>_ip`, `<transport>_ipv6` (raw, udp, tcp,
 * inet, frag). All integers; `-` is null.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { convertToInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type SsSummary = Record<string, number | null>;

function num(s: string): number | null {
  return s === '-' ? null : convertToInt(s);
}

export const ssSummary: CommandParser<SsSummary> = {
  id: 'ss-summary',
  title: 'ss -s',
  artifactNames: ['ss-s'],
  detect(head) {
    return /^Total: \d+/.test(head.trimStart()) && /^TCP:\s+\d+ \(estab/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: SsSummary = {};
    let table: string[] | null = null;
    splitLines(text).forEach((line, i) => {
      const t = line.trim();
      if (t === '') return;
      let m = /^Total:\s+(\d+)(?:\s+\(kernel\s+(\S+)\))?$/.exec(t);
      if (m) {
        data['total'] = num(m[1] ?? '');
        if (m[2] !== undefined) data['kernel'] = num(m[2]);
        return;
      }
      m = /^TCP:\s+(\d+)\s+\((.*)\)(?:,\s*ports\s+(\d+))?$/.exec(t);
      if (m) {
        data['tcp_total'] = num(m[1] ?? '');
        for (const pair of (m[2] ?? '').split(',')) {
          const kv = /^\s*(\w+)\s+(\S+?)(?:\/(\S+))?\s*$/.exec(pair);
          if (!kv) {
            diags.warn(`unrecognised TCP pair "${pair.trim()}"`, i + 1);
            continue;
          }
          data[`tcp_${kv[1] ?? ''}`] = num(kv[2] ?? '');
          if (kv[3] !== undefined) data[`tcp_${kv[1] ?? ''}_slab`] = num(kv[3]);
        }
        if (m[3] !== undefined) data['tcp_ports'] = num(m[3]);
        return;
      }
      if (/^Transport\s+Total/.test(t)) {
        table = t.toLowerCase().split(/\s+/).slice(1);
        return;
      }
      const row = t.split(/\s+/);
      if (table && row.length === table.length + 1 && /^[A-Z]+\d*$/.test(row[0] ?? '')) {
        const name = (row[0] ?? '').toLowerCase();
        table.forEach((col, k) => {
          data[`${name}_${col}`] = num(row[k + 1] ?? '');
        });
        return;
      }
      diags.error(`unrecognised ss -s line: ${t.slice(0, 80)}`, i + 1);
    });
    return { data, diagnostics: diags.done() };
  },
};
