/**
 * `netstat -s` → nested counters (jc has no Linux parser for it):
 * `{ ip: {total_packets_received: 6909, forwarding: 2, ...}, icmp: {...,
 * icmp_input_histogram: {destination_unreachable: 1}}, tcpext: {...} }`.
 * Section keys are the section names lowercased (`tcpext`, `icmpmsg`,
 * `udplite`); counter keys are the sentence with its number taken out, in
 * snake_case (`3 times the listen queue of a socket overflowed` →
 * `times_the_listen_queue_of_a_socket_overflowed`, `Quick ack mode was
 * activated 9 times` → `quick_ack_mode_was_activated_times`), or the name
 * before the colon (`TCPTimeouts: 3` → `tcptimeouts`). A key seen twice in a
 * section gets `_2`. Lines with no number (netstat's own error text) are
 * reported and skipped.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { pyInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type NetstatSection = Record<string, number | Record<string, number>>;
export type NetstatS = Record<string, NetstatSection>;

function snake(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function put(obj: Record<string, unknown>, key: string, value: unknown): void {
  let k = key;
  for (let n = 2; k in obj; n++) k = `${key}_${n}`;
  obj[k] = value;
}

/** `[key, value]` from one counter line, or null. */
function counter(text: string): [string, number] | null {
  const colon = /^(.+?):\s*(-?\d+)$/.exec(text);
  if (colon) return [snake(colon[1] ?? ''), Number(colon[2])];
  const nums = text.match(/(?<![\w.])-?\d+(?![\w.])/g) ?? [];
  if (nums.length !== 1) return null;
  const value = pyInt(nums[0] ?? '');
  const key = snake(text.replace(/(?<![\w.])-?\d+(?![\w.])/, ' '));
  return value === null || key === '' ? null : [key, value];
}

export const netstatS: CommandParser<NetstatS> = {
  id: 'netstat-s',
  title: 'netstat -s',
  artifactNames: ['netstat-s'],
  detect(head) {
    return /^Ip:\s*$/m.test(head) && /^\s+\d+ total packets received/m.test(head)
      ? 0.95
      : /^(Ip|Tcp|TcpExt):\s*$/m.test(head) && /^ {4}\S/m.test(head)
        ? 0.6
        : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: NetstatS = {};
    let section: NetstatSection | null = null;
    let sub: Record<string, number> | null = null;
    splitLines(text).forEach((line, i) => {
      if (line.trim() === '') return;
      const head = /^(\w+):\s*$/.exec(line);
      if (head) {
        section = {};
        sub = null;
        put(data, (head[1] ?? '').toLowerCase(), section);
        return;
      }
      const indent = (/^\s*/.exec(line)?.[0] ?? '').replace(/\t/g, '        ').length;
      const t = line.trim().replace(/\.$/, '');
      if (!section) {
        diags.warn(`text outside any section: ${t.slice(0, 80)}`, i + 1);
        return;
      }
      if (indent <= 4) sub = null;
      if (/:$/.test(t) && !/\d/.test(t.replace(/^\w+\d*:$/, ''))) {
        sub = {};
        put(section, snake(t), sub);
        return;
      }
      const kv = counter(t);
      if (!kv) {
        diags.warn(`no single counter in line: ${t.slice(0, 80)}`, i + 1);
        return;
      }
      put(sub ?? section, kv[0], kv[1]);
    });
    return { data, diagnostics: diags.done() };
  },
};
