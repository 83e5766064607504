/**
 * /proc/net/snmp and /proc/net/netstat: sections printed as pairs of lines,
 * `Tcp: RtoAlgorithm RtoMin ...` then `Tcp: 1 200 ...`. Output is jc's
 * `proc_net_netstat` shape for both files (jc has no /proc/net/snmp parser;
 * the layout is the same): one record per section, the kernel's counter
 * names as keys with integer values, plus `type` (the section name).
 * /proc/net/snmp's `Tcp: MaxConn -1` stays -1.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type ProcNetSnmpSection = Record<string, string | number>;

export const procNetSnmp: CommandParser<ProcNetSnmpSection[]> = {
  id: 'proc-net-snmp',
  title: '/proc/net/snmp and /proc/net/netstat',
  artifactNames: ['proc-net-snmp', 'proc-net-netstat'],
  jc: 'proc_net_netstat',
  detect(head) {
    return /^(Ip|TcpExt): [A-Z]\w+ [A-Z]\w+/m.test(head) && /^(Ip|TcpExt): -?\d+ -?\d+/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: ProcNetSnmpSection[] = [];
    let pending: { type: string; names: string[]; line: number } | null = null;
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const m = /^(\w+):(.*)$/.exec(line);
      if (!m) {
        diags.error(`not a "Section: ..." line: ${line.slice(0, 80)}`, i + 1);
        return;
      }
      const type = m[1] ?? '';
      const fields = (m[2] ?? '')
        .trim()
        .split(/\s+/)
        .filter((f) => f !== '');
      if (!pending || pending.type !== type) {
        if (pending) diags.error(`section ${pending.type} has names but no values`, pending.line);
        pending = { type, names: fields, line: i + 1 };
        return;
      }
      const values = fields.map((f) => pyInt(f));
      if (values.length !== pending.names.length || values.some((v) => v === null)) {
        diags.error(`section ${type}: ${pending.names.length} names but values do not match`, i + 1);
      } else {
        const rec: ProcNetSnmpSection = {};
        pending.names.forEach((n, k) => {
          rec[n] = values[k] ?? 0;
        });
        rec['type'] = type;
        data.push(rec);
      }
      pending = null;
    });
    if (pending !== null) diags.error(`section ${(pending as { type: string }).type} has names but no values`, (pending as { line: number }).line);
    return { data, diagnostics: diags.done() };
  },
};
