/**
 * Pass one over a bundle: the values it names itself. The host's name and
 * FQDN from meta.txt, and the users of its process tables (ps, top: any line
 * with PID and USER headers). IPs, MACs and e-mails need no collection: the
 * generic shapes find every one of them.
 */
import { readBundle } from '../bundle/index.js';
import type { Literal } from './patterns.js';

/** Accounts every Linux host has: aliasing them hides nothing and would rename `postgres` in command lines. */
const SYSTEM_USERS = new Set([
  'root',
  'daemon',
  'bin',
  'sys',
  'sync',
  'games',
  'man',
  'lp',
  'mail',
  'news',
  'uucp',
  'proxy',
  'www-data',
  'backup',
  'list',
  'irc',
  'gnats',
  'nobody',
  'nogroup',
  'systemd-network',
  'systemd-resolve',
  'systemd-timesync',
  'systemd-journal',
  'systemd-coredump',
  'messagebus',
  'syslog',
  'sshd',
  'ntp',
  'chrony',
  'polkitd',
  'postgres',
  'mysql',
  'nginx',
  'apache',
  'redis',
  'memcache',
  'dnsmasq',
  'avahi',
  'uuidd',
  'tss',
  'tcpdump',
  'rtkit',
  'colord',
  'statd',
  'rpc',
  'dbus',
  'haproxy',
  'mongodb',
  'elasticsearch',
  'zabbix',
  'prometheus',
  'grafana',
  'node_exporter',
  'docker',
  'containerd',
  'lxd',
  'snap_daemon',
  'usbmux',
  'kernoops',
  'pollinate',
  'landscape',
]);

const USER_NAME = /^[a-z_][a-z0-9_.-]{0,31}\+?$/i;

export function isSystemUser(name: string): boolean {
  const n = name.toLowerCase().replace(/\+$/, '');
  return SYSTEM_USERS.has(n) || n.startsWith('systemd-') || n.startsWith('_') || /^\d+$/.test(n);
}

/** Users from a process table: the column under the USER header, on every line after it. */
export function usersOfTable(text: string, into: Set<string>): void {
  let col = -1;
  for (const line of text.split('\n')) {
    const toks = line.trim().split(/\s+/);
    if (toks.includes('PID') && toks.includes('USER')) {
      col = toks.indexOf('USER');
      continue;
    }
    const u = col >= 0 ? toks[col] : undefined;
    if (u !== undefined && USER_NAME.test(u) && !isSystemUser(u)) into.add(u);
  }
}

function metaLiterals(text: string, hosts: Set<string>, users: Set<string>): void {
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    const k = line.slice(0, eq);
    const v = line.slice(eq + 1).trim();
    if (eq < 0 || v === '' || v === 'localhost' || v === '(none)') continue;
    if (k === 'hostname' || k === 'fqdn') {
      hosts.add(v);
      hosts.add(v.split('.')[0]!);
    } else if (k === 'user' && !isSystemUser(v)) users.add(v);
  }
}

/** The literals one bundle names about itself. */
export async function collectLiterals(path: string): Promise<Literal[]> {
  const hosts = new Set<string>();
  const users = new Set<string>();
  for await (const m of readBundle(path)) {
    const tail = m.path.split('/').pop()!;
    if (m.path === 'meta.txt') metaLiterals((await m.text(1 << 20)).text, hosts, users);
    else if (/^(ps|top)\.txt$/.test(tail)) usersOfTable((await m.text()).text, users);
  }
  // ps cuts a name over 8 characters to 7 and a `+`: find that form too.
  const cut = [...users].filter((u) => u.length > 8 && !u.endsWith('+'));
  return [
    ...[...hosts].map((value): Literal => ({ value: latin1(value), kind: 'host' })),
    ...[...users].map((value): Literal => ({ value: latin1(value), kind: 'user' })),
    ...cut.map((u): Literal => ({ value: latin1(`${u.slice(0, 7)}+`), kind: 'user', canonical: latin1(u) })),
  ];
}

/** The scan reads bytes as latin1 (byte-exact, any encoding): literals are matched the same way. */
export function latin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}
