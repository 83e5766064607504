/**
 * `netstat` connection listings (-antp, -a, -l, -p, -aeep, -lnp; old and
 * no-state layouts) → jc `netstat`: one record per socket. Internet rows
 * have kind `network`, proto, recv_q, send_q, local/foreign address and port
 * (+ `_port_num` when numeric), state (null when blank), user/inode with -e,
 * pid and program_name with -p (`-` → null), transport_protocol and
 * network_protocol. UNIX rows have kind `socket`, refcnt, flags (`[ ]` →
 * null), type, state, inode, pid/program_name, path (absent when blank).
 * Routing (-r) and interface (-i) tables are not connections: reported once
 * and skipped.
 */
import type { CommandParser } from '../types.js';
import { Diags } from './lib/diags.js';
import { convertToInt } from './lib/jc.js';
import { splitLines } from './lib/lines.js';

export type NetstatRecord = Record<string, string | number | null>;

const INT_KEYS = ['recv_q', 'send_q', 'refcnt', 'inode', 'pid'];

function normalize(header: string): string {
  return header
    .toLowerCase()
    .replace('local address', 'local_address')
    .replace('foreign address', 'foreign_address')
    .replace('pid/program name', 'program_name')
    .replace('security context', 'security_context')
    .replace('i-node', ' inode')
    .replace(/-/g, '_');
}

function network(line: string, cols: string[]): NetstatRecord | null {
  const toks = [...line.matchAll(/\S+/g)].map((m) => ({ t: m[0], start: m.index ?? 0 }));
  if (toks.length < 5) return null;
  const rec: NetstatRecord = { kind: 'network' };
  const stateAt = cols.indexOf('state');
  let k = 0;
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c] ?? '';
    const tok = toks[k];
    if (c === stateAt) {
      // A blank State column (udp, raw) is told apart by its content: states are upper case, raw ones numeric.
      const isState = tok !== undefined && (/^[A-Z][A-Z0-9_]+$/.test(tok.t) || (/^\d+$/.test(tok.t) && /^raw/.test(String(rec['proto']))));
      rec[col] = isState ? tok.t : null;
      if (isState) k++;
      continue;
    }
    if (c === cols.length - 1 && c > stateAt) {
      rec[col] = tok ? line.slice(tok.start).trim() : null; // the last column may hold spaces ("avahi-daemon: r")
      k = toks.length;
      continue;
    }
    if (!tok) return c > stateAt ? rec : null;
    rec[col] = tok.t;
    k++;
  }
  return rec;
}

function socket(line: string, header: string, cols: string[]): NetstatRecord | null {
  // Positions come from the raw header; program names may hold spaces inside their column.
  let entry = line.replace(/\[ \]/g, '---').replace(/[[\]]/g, ' ');
  const pnStart = header.indexOf('PID/Program name');
  const pathAt = header.indexOf('Path');
  if (pnStart >= 0 && pathAt > pnStart) {
    const area = entry.slice(pnStart, pathAt - 1);
    entry = entry.slice(0, pnStart) + area.replace(/ (?=\S)/g, '\u2063') + entry.slice(pnStart + area.length);
  }
  const parts = entry.trim().split(/\s+/);
  const pathIdx = cols.indexOf('path');
  if (pathIdx >= 0 && parts.length > cols.length) parts.splice(pathIdx, parts.length, parts.slice(pathIdx).join(' '));
  const stateCol = header.indexOf('State');
  if (stateCol >= 0 && (entry[stateCol] ?? ' ').trim() === '') parts.splice(4, 0, '\u0000');
  if (parts.length < cols.length - 1) return null;
  const rec: NetstatRecord = {};
  cols.forEach((c, i) => {
    const v = parts[i];
    if (v !== undefined) rec[c] = v === '\u0000' ? null : v.replace(/\u2063/g, ' ');
  });
  rec['kind'] = 'socket';
  if (rec['flags'] === '---') rec['flags'] = null;
  if ('path' in rec && line.slice(pathAt).trim() === '') delete rec['path'];
  return rec;
}

function post(rec: NetstatRecord): void {
  if (typeof rec['program_name'] === 'string') {
    const pn = rec['program_name'].trim();
    const slash = pn.indexOf('/');
    if (pn === '-' || pn === '') rec['program_name'] = null;
    else if (slash >= 0) {
      rec['pid'] = pn.slice(0, slash);
      rec['program_name'] = pn.slice(slash + 1);
    } else rec['program_name'] = pn;
  }
  for (const side of ['local', 'foreign']) {
    const a = rec[`${side}_address`];
    if (typeof a !== 'string') continue;
    const at = a.lastIndexOf(':');
    if (at < 0) continue;
    rec[`${side}_address`] = a.slice(0, at);
    rec[`${side}_port`] = a.slice(at + 1);
  }
  if (rec['kind'] === 'network') {
    const proto = String(rec['proto'] ?? '');
    rec['transport_protocol'] = proto.includes('tcp') ? 'tcp' : proto.includes('udp') ? 'udp' : null;
    rec['network_protocol'] = proto.includes('6') ? 'ipv6' : 'ipv4';
  }
  for (const k of INT_KEYS) if (typeof rec[k] === 'string') rec[k] = convertToInt(rec[k] as string);
  for (const side of ['local', 'foreign']) {
    const p = rec[`${side}_port`];
    const n = typeof p === 'string' ? convertToInt(p) : null;
    if (n !== null && n >= 0) rec[`${side}_port_num`] = n;
  }
}

export const netstat: CommandParser<NetstatRecord[]> = {
  id: 'netstat',
  title: 'netstat (connections)',
  artifactNames: ['netstat-antp', 'netstat'],
  jc: 'netstat',
  detect(head) {
    return /^Active (Internet|UNIX domain) (connections|sockets)/m.test(head)
      ? 0.95
      : /^Proto Recv-Q Send-Q Local Address\s+Foreign Address/m.test(head)
        ? 0.9
        : 0;
  },
  parse(text) {
    const diags = new Diags();
    const data: NetstatRecord[] = [];
    let section: 'network' | 'socket' | 'other' | null = null;
    let header = '';
    let cols: string[] = [];
    splitLines(text).forEach((line, i) => {
      // netstat's own notice, e.g. "(Not all processes could be identified, ...)", when stderr was merged.
      if (line.trim() === '' || /^\(.*\)\s*$/.test(line)) return;
      if (line.startsWith('Active Internet')) section = 'network';
      else if (line.startsWith('Active UNIX')) section = 'socket';
      else if (/^(Active |Kernel )/.test(line)) {
        section = 'other';
        // Bluetooth connections are connections jc skips too; routing/interface tables are another command.
        if (!line.startsWith('Active Bluetooth')) diags.warn(`section not parsed (not connections): ${line.slice(0, 60)}`, i + 1);
      } else if (section === 'other') {
        // skipped section body
      } else if (line.startsWith('Proto')) {
        header = line;
        cols = normalize(line)
          .split(/\s+/)
          .filter((c) => c !== '');
        section ??= cols.includes('refcnt') ? 'socket' : 'network';
        if (new Set(cols).size !== cols.length) {
          // e.g. a separate "Port" column after each address: not a layout netstat prints, so no guessing.
          diags.error(`unsupported netstat header (repeated column names): ${line.trim().slice(0, 80)}`, i + 1);
          section = 'other';
        }
      } else if (!section || cols.length === 0) {
        diags.error(`line before any netstat header: ${line.slice(0, 80)}`, i + 1);
      } else {
        const rec = section === 'network' ? network(line, cols) : socket(line, header, cols);
        if (!rec) diags.error(`not a ${section} line: ${line.slice(0, 80)}`, i + 1);
        else {
          post(rec);
          data.push(rec);
        }
      }
    });
    return { data, diagnostics: diags.done() };
  },
};
