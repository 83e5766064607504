/**
 * Pass one over a bundle: the values it names itself. The host's name and
 * FQDN from meta.txt, and the users of its process tables (ps, top: any line
 * with PID and USER headers). IPs, MACs and e-mails need no collection: the
 * generic shapes find every one of them.
 */
import { DiagnosticLog, isProcessTable, parseManifest, readBundle } from '../bundle/index.js';
import { SitrepError } from '../errors.js';
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

/** The process tables a manifest lists. */
function tablesListed(text: string): Set<string> {
  const listed = new Set<string>();
  for (const e of parseManifest(text, new DiagnosticLog('manifest.tsv'))) if (e.path !== null && isProcessTable(e.path)) listed.add(e.path);
  return listed;
}

/**
 * A process table the redaction met that pass one did not read: the pass
 * stopped at the tables its manifest listed, and this one was not listed.
 */
export class UnreadTable extends SitrepError {
  constructor(bundle: string, path: string) {
    super('INPUT_UNREADABLE', `process table ${path} was not listed in the manifest, so its users were not collected`, { file: bundle });
  }
}

export interface Collected {
  literals: Literal[];
  /** The process tables read; the redaction stops at any other (UnreadTable). */
  tables: Set<string>;
  /** How many members were read, to where the pass stopped. */
  members: number;
}

/**
 * The literals one bundle names about itself. Unless `whole`, reading stops
 * once meta.txt, the manifest and every process table the manifest lists are
 * read: a capture writes them first (docs/bundle-format.md, "Member order"),
 * so a 1 GB bundle is not inflated once more for a few KB. A bundle without a
 * manifest, or with its tables further on, is read to the end.
 */
export async function collectLiterals(path: string, whole = false): Promise<Collected> {
  const hosts = new Set<string>();
  const users = new Set<string>();
  const tables = new Set<string>();
  let meta = false;
  // The listed tables not read yet; null until the manifest is read.
  let unread: Set<string> | null = null;
  let members = 0;
  for await (const m of readBundle(path)) {
    members++;
    if (m.path === 'meta.txt') {
      metaLiterals((await m.text(1 << 20)).text, hosts, users);
      meta = true;
    } else if (m.path === 'manifest.tsv') {
      unread = tablesListed((await m.text()).text);
      for (const t of tables) unread.delete(t);
    } else if (isProcessTable(m.path)) {
      usersOfTable((await m.text()).text, users);
      tables.add(m.path);
      unread?.delete(m.path);
    }
    if (!whole && meta && unread !== null && unread.size === 0) break;
  }
  // ps cuts a name over 8 characters to 7 and a `+`: find that form too.
  const cut = [...users].filter((u) => u.length > 8 && !u.endsWith('+'));
  const literals = [
    ...[...hosts].map((value): Literal => ({ value: latin1(value), kind: 'host' })),
    ...[...users].map((value): Literal => ({ value: latin1(value), kind: 'user' })),
    ...cut.map((u): Literal => ({ value: latin1(`${u.slice(0, 7)}+`), kind: 'user', canonical: latin1(u) })),
  ];
  return { literals, tables, members };
}

/** The scan reads bytes as latin1 (byte-exact, any encoding): literals are matched the same way. */
export function latin1(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}
