/**
 * /proc/net/dev → jc `proc_net_dev`: one record per interface, receive
 * counters `r_*` and transmit counters `t_*`, all integers. Old kernels glue
 * the first counter to the name (`eth0:123`), so the split is on the colon.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcNetDev = Record<string, string | number>;

const FIELDS = [
  'r_bytes',
  'r_packets',
  'r_errs',
  'r_drop',
  'r_fifo',
  'r_frame',
  'r_compressed',
  'r_multicast',
  't_bytes',
  't_packets',
  't_errs',
  't_drop',
  't_fifo',
  't_colls',
  't_carrier',
  't_compressed',
] as const;

export const procNetDev: CommandParser<ProcNetDev[]> = {
  id: 'proc-net-dev',
  title: '/proc/net/dev',
  artifactNames: ['proc-net-dev'],
  jc: 'proc_net_dev',
  detect(head) {
    return /^Inter-\|\s+Receive/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcNetDev[] = [];
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '' || /^\s*(Inter-\||face \|)/.test(line)) return;
      const colon = line.indexOf(':');
      const parts =
        colon < 0
          ? []
          : line
              .slice(colon + 1)
              .trim()
              .split(/\s+/);
      const values = parts.map((p) => pyInt(p));
      if (colon < 0 || values.length !== FIELDS.length || values.some((v) => v === null)) {
        diags.error(`not an interface counters line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      const rec: ProcNetDev = { interface: line.slice(0, colon).trim() };
      FIELDS.forEach((f, k) => {
        rec[f] = values[k] ?? 0;
      });
      data.push(rec);
    });
    return { data, diagnostics: diags.done() };
  },
};
