/**
 * /proc/net/sockstat (and sockstat6): `TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1`.
 * jc has no parser; the shape is one flat object with snake_case
 * `<section>_<field>` keys and integer values (`sockets_used`, `tcp_inuse`,
 * `tcp_tw`, `tcp_mem` (pages), `udp_inuse`, `frag_memory`...), so a rule
 * reads `tcp_orphan` without walking nested sections.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcSockstat = Record<string, number>;

export const procSockstat: CommandParser<ProcSockstat> = {
  id: 'proc-sockstat',
  title: '/proc/net/sockstat',
  artifactNames: ['proc-net-sockstat', 'proc-sockstat'],
  detect(head) {
    return /^sockets: used \d+/.test(head.trimStart()) || /^TCP6?: inuse \d+/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcSockstat = {};
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const m = /^(\w+):\s*(.*)$/.exec(line.trim());
      const words = m ? (m[2] ?? '').split(/\s+/).filter((w) => w !== '') : [];
      if (!m || words.length === 0 || words.length % 2 !== 0) {
        diags.error(`not a "SECTION: name value ..." line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      const section = (m[1] ?? '').toLowerCase();
      for (let k = 0; k < words.length; k += 2) {
        const v = pyInt(words[k + 1] ?? '');
        if (v === null) {
          diags.error(`${section} ${words[k] ?? ''}: not an integer`, i + 1);
          continue;
        }
        data[`${section}_${(words[k] ?? '').toLowerCase()}`] = v;
      }
    });
    return { data, diagnostics: diags.done() };
  },
};
