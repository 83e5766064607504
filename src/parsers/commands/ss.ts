/**
 * `ss` (-a, -tanp, -tanpi, -lnt, -tulpen, wide) → jc `ss`: one record per
 * socket with netid (when printed), state, recv_q, send_q, local/peer
 * address and port (+ `_port_num` when numeric), interface from `addr%if`,
 * netlink `channel`/`pid`, packet `link_layer`/`interface`, unix `path`, and
 * `opts` from -p/-e/-o (users → opts.process_id.<pid>.{user (process name),
 * file_descriptor}, ino → inode_number, sk → cookie, timer).
 *
 * Beyond jc: output without a Netid column (`ss -t...` prints none; jc
 * mis-parses it) splits addresses as TCP/UDP; the `-i` line under a socket
 * becomes that record's `info` (jc repeats the previous socket instead).
 * `ssProcesses()` flattens the users list for rules.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { convertToInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';
import { OPTS_MARKER, parseInfo, parseOpts, type SsProcessRef } from './lib/ss-options.js';

export type SsRecord = Record<string, unknown>;

const STATES = [
  'UNCONN',
  'ESTAB',
  'LISTEN',
  'SYN-SENT',
  'SYN-RECV',
  'FIN-WAIT-1',
  'FIN-WAIT-2',
  'TIME-WAIT',
  'CLOSE-WAIT',
  'LAST-ACK',
  'CLOSING',
  'CLOSED',
  'UNKNOWN',
  'NEW-SYN-RECV',
  'BOUND',
];
const COLON_NETIDS = new Set(['nl', 'p_raw', 'raw', 'udp', 'tcp', 'v_str', 'icmp6', 'sctp', 'mptcp', 'dccp', 'v_dgr', 'p_dgr']);
const STATE_ALT = STATES.map((s) => s.replace(/-/g, '\\-')).join('|');
const GLUED_NETID = new RegExp(`^(\\w+?)(${STATE_ALT})$`);
const GLUED_RECVQ = new RegExp(`^(${STATE_ALT})(\\d+)$`);

/** The processes owning a socket: [{name, pid, fd}] from opts.process_id. */
export function ssProcesses(rec: SsRecord): { name: string; pid: number; fd: number | null }[] {
  const map = (rec['opts'] as { process_id?: Record<string, SsProcessRef> } | undefined)?.process_id ?? {};
  return Object.entries(map).map(([pid, p]) => ({ name: p.user, pid: Number(pid), fd: convertToInt(p.file_descriptor) }));
}

function splitPort(v: string): [string, string] | null {
  const at = v.lastIndexOf(':');
  return at < 0 ? null : [v.slice(0, at), v.slice(at + 1)];
}

function parseRow(line: string, hasNetid: boolean): SsRecord | null {
  const toks: { t: string; end: number }[] = [];
  for (const m of line.matchAll(/\S+/g)) toks.push({ t: m[0], end: (m.index ?? 0) + m[0].length });
  const words = toks.map((x) => x.t);
  // ss sometimes prints no space between netid and state, or between state and Recv-Q.
  if (hasNetid) {
    const g = GLUED_NETID.exec(words[0] ?? '');
    if (g && !STATES.includes(words[1] ?? '')) words.splice(0, 1, g[1] ?? '', g[2] ?? '');
  }
  const si = hasNetid ? 1 : 0;
  const gq = GLUED_RECVQ.exec(words[si] ?? '');
  if (gq) words.splice(si, 1, gq[1] ?? '', gq[2] ?? '');
  const shift = words.length - toks.length; // tokens added by un-gluing
  const netid = hasNetid ? (words[0] ?? '') : '';
  const unix = netid.startsWith('u_');
  const need = si + 5 + (unix ? 2 : 0);
  if (words.length < need || !/^\d+$/.test(words[si + 1] ?? '') || !/^\d+$/.test(words[si + 2] ?? '')) return null;
  const rec: SsRecord = {};
  if (hasNetid) rec['netid'] = netid;
  rec['state'] = words[si];
  rec['recv_q'] = convertToInt(words[si + 1]);
  rec['send_q'] = convertToInt(words[si + 2]);
  let i = si + 3;
  const colon = !hasNetid || COLON_NETIDS.has(netid);
  for (const side of ['local', 'peer']) {
    const addr = words[i++] ?? '';
    const sp = colon ? splitPort(addr) : null;
    if (unix) {
      rec[`${side}_address`] = addr;
      rec[`${side}_port`] = words[i++] ?? '';
    } else if (sp) {
      rec[`${side}_address`] = sp[0];
      rec[`${side}_port`] = sp[1];
    } else rec[`${side}_address`] = addr;
  }
  const restFrom = toks[i - 1 - shift]?.end ?? line.length;
  const rest = line.slice(restFrom).trim();
  if (rest && OPTS_MARKER.test(rest)) rec['opts'] = parseOpts(rest);
  finish(rec, netid, colon);
  return rec;
}

/** jc's post-processing: interface, netlink channel/pid, packet link layer, unix path, port numbers. */
function finish(rec: SsRecord, netid: string, colon: boolean): void {
  const local = rec['local_address'];
  if (typeof local === 'string' && local.includes('%')) {
    const at = local.lastIndexOf('%');
    rec['local_address'] = local.slice(0, at);
    rec['interface'] = local.slice(at + 1);
  }
  if (netid === 'nl') {
    let channel = `${String(rec['local_address'])}${'local_port' in rec ? `:${String(rec['local_port'])}` : ''}`;
    delete rec['local_address'];
    delete rec['local_port'];
    const slash = channel.lastIndexOf('/');
    if (slash >= 0) {
      rec['pid'] = convertToInt(channel.slice(slash + 1));
      channel = channel.slice(0, slash);
    }
    rec['channel'] = channel;
  }
  if (netid === 'p_raw') {
    rec['link_layer'] = rec['local_address'];
    rec['interface'] = rec['local_port'];
    delete rec['local_address'];
    delete rec['local_port'];
  }
  if (!colon) {
    rec['path'] = rec['local_address'];
    delete rec['local_address'];
  }
  for (const side of ['local', 'peer']) {
    const port = rec[`${side}_port`];
    const n = typeof port === 'string' ? convertToInt(port) : null;
    if (n !== null && n >= 0) rec[`${side}_port_num`] = n;
  }
}

export const ss: CommandParser<SsRecord[]> = {
  id: 'ss',
  title: 'ss',
  artifactNames: ['ss-tanp', 'ss-tanpi', 'ss-lnt', 'ss'],
  jc: 'ss',
  detect(head) {
    return /^(Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local Address:Port/m.test(head) ? 0.95 : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: SsRecord[] = [];
    const lines = splitLines(text);
    const hIdx = lines.findIndex((l) => l.trim() !== '');
    if (hIdx < 0) return { data, diagnostics: [] };
    const header = lines[hIdx] ?? '';
    if (!/Recv-Q/.test(header)) {
      diags.error('first line is not an ss header (State Recv-Q Send-Q ...)', hIdx + 1);
      return { data, diagnostics: diags.done() };
    }
    const hasNetid = /^\s*netid/i.test(header);
    let last: SsRecord | null = null;
    for (let i = hIdx + 1; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '') continue;
      if (/^\s/.test(line)) {
        if (!last) diags.error('info line with no socket above it', i + 1);
        else last['info'] = { ...((last['info'] as object | undefined) ?? {}), ...parseInfo(line) };
        continue;
      }
      const rec = parseRow(line, hasNetid);
      if (!rec) {
        diags.error(`not a socket line: ${line.slice(0, 80)}`, i + 1);
        last = null;
        continue;
      }
      data.push(rec);
      last = rec;
    }
    return { data, diagnostics: diags.done() };
  },
};
