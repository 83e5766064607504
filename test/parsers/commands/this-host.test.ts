/**
 * The capture's exact snapshot commands (docs/bundle-format.md), run on this
 * machine with LC_ALL=C, and its /proc files: each parses with zero
 * diagnostics and gives values that agree with an independent source
 * (Node's os module, /proc/self, a second command).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../../src/parsers/registry.js';
import type { CommandParseResult } from '../../../src/parsers/types.js';
import { REPO_ROOT } from '../../helpers/corpus.js';
import { lacks } from '../../helpers/need.js';

const ENV = { ...process.env, LC_ALL: 'C', PATH: `${process.env['PATH'] ?? ''}:/sbin:/usr/sbin` };
const ctx = { file: 'this-host', clock: { tzName: Intl.DateTimeFormat().resolvedOptions().timeZone } };

/** stdout of a command; df exits 1 when every filesystem is excluded, which still prints what it has. */
function run(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { env: ENV, encoding: 'utf8', maxBuffer: 512 << 20, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch (e) {
    return String((e as { stdout?: string }).stdout ?? '');
  }
}

function parse<T = unknown>(id: string, text: string): CommandParseResult<T> {
  const res = commandParser(id)!.parse(text, ctx) as CommandParseResult<T>;
  expect(res.diagnostics, `${id} diagnostics`).toEqual([]);
  return res;
}

type Rec = Record<string, unknown>;
const isLinux = process.platform === 'linux';

describe.skipIf(!isLinux)('capture commands on this host parse cleanly', () => {
  it.skipIf(lacks('df on this host', { tools: ['df'] }))('df -P (capture flags) and df -P -i', () => {
    const all = parse<Rec[]>('df', run('df', ['-P', '-l'])).data;
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((r) => typeof r['1024_blocks'] === 'number' && typeof r['mounted_on'] === 'string')).toBe(true);
    parse('df', run('df', ['-P', '-x', 'tmpfs', '-x', 'devtmpfs', '-x', 'overlay', '-l']));
    const inodes = parse<Rec[]>('df', run('df', ['-P', '-i', '-l'])).data;
    expect(inodes.some((r) => typeof r['inodes'] === 'number' && typeof r['iused'] === 'number')).toBe(true);
  });

  it.skipIf(lacks('ps on this host', { tools: ['ps'] }))('ps -eo with lstart and args finds this process with its command line', () => {
    const out = run('ps', ['-eo', 'pid,ppid,user,stat,wchan:32,nlwp,pcpu,pmem,vsz,rss,lstart,comm,args']);
    const rows = parse<Rec[]>('ps', out).data;
    const me = rows.find((r) => r['pid'] === process.pid);
    expect(me).toBeDefined();
    const cmdline = readFileSync('/proc/self/cmdline', 'utf8')
      .split('\0')
      .filter((s) => s !== '')
      .join(' ');
    expect(me?.['command']).toBe(cmdline);
    expect(me?.['comm']).toBe(readFileSync('/proc/self/comm', 'utf8').trim());
    expect(me?.['ppid']).toBe(process.ppid);
    const startedMs = me?.['started_ms'] as number;
    const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(startedMs).toBeLessThanOrEqual(Date.now());
    expect(startedMs).toBeGreaterThanOrEqual(Date.now() - uptimeS * 1000 - 2000);
  });

  it.skipIf(lacks('ss on this host', { tools: ['ss'] }))('ss -tanpi / -tanp / -s / -lnt: every listener of ss -lnt is in ss -tanpi', () => {
    const listen = parse<Rec[]>('ss', run('ss', ['-lnt'])).data;
    const all = parse<Rec[]>('ss', run('ss', ['-tanpi'])).data;
    parse('ss', run('ss', ['-tanp']));
    // -i prints an info line under each full TCP socket (TIME-WAIT and SYN-RECV minisockets have none);
    // it must land on that socket, not become one.
    const full = all.filter((r) => r['state'] !== 'TIME-WAIT' && r['state'] !== 'SYN-RECV');
    expect(full.length).toBeGreaterThan(0);
    expect(full.every((r) => typeof (r['info'] as Rec | undefined)?.['congestion_control'] === 'string')).toBe(true);
    expect(all.filter((r) => r['state'] === 'TIME-WAIT').every((r) => r['info'] === undefined)).toBe(true);
    for (const l of listen) {
      expect(all.some((r) => r['state'] === 'LISTEN' && r['local_address'] === l['local_address'] && r['local_port'] === l['local_port'])).toBe(true);
    }
    const summary = parse<Rec>('ss-summary', run('ss', ['-s'])).data;
    expect(summary['total']).toBeGreaterThan(0);
    expect(typeof summary['tcp_estab']).toBe('number');
  });

  it.skipIf(lacks('netstat on this host', { tools: ['netstat'] }))('netstat -antp and netstat -s', () => {
    const conns = parse<Rec[]>('netstat', run('netstat', ['-antp'])).data;
    expect(conns.every((r) => r['kind'] === 'network' && r['transport_protocol'] === 'tcp')).toBe(true);
    const stats = parse<Record<string, Rec>>('netstat-s', run('netstat', ['-s'])).data;
    expect(typeof stats['tcp']?.['active_connection_openings']).toBe('number');
  });

  it.skipIf(lacks('nstat on this host', { tools: ['nstat'] }))('nstat -az', () => {
    const rows = parse<Rec[]>('nstat', run('nstat', ['-az'])).data;
    expect(rows.find((r) => r['name'] === 'IpInReceives')?.['value']).toEqual(expect.any(Number));
  });

  it.skipIf(lacks('ip on this host', { tools: ['ip'] }))('ip -s link: lo is there with counters', () => {
    const links = parse<Rec[]>('ip-link', run('ip', ['-s', 'link'])).data;
    const lo = links.find((r) => r['name'] === 'lo');
    expect(lo?.['rx_bytes']).toEqual(expect.any(Number));
    expect(lo?.['tx_packets']).toEqual(expect.any(Number));
  });

  it.skipIf(lacks('sysctl on this host', { tools: ['sysctl'] }))('sysctl of the capture keys', () => {
    const keys = ['net.core.somaxconn', 'fs.file-max', 'net.ipv4.ip_local_port_range', 'kernel.pid_max'].filter((k) =>
      existsSync(`/proc/sys/${k.replace(/\./g, '/')}`),
    );
    const data = parse<Rec>('sysctl', run('sysctl', keys)).data;
    for (const k of keys) {
      expect(String(data[k])).toBe(readFileSync(`/proc/sys/${k.replace(/\./g, '/')}`, 'utf8').trim());
    }
  });

  it('ulimit -a of bash and fd-counts from the capture script', () => {
    const limits = parse<Rec[]>('ulimit', run('bash', ['-c', 'ulimit -a'])).data;
    const nofile = limits.find((r) => r['option'] === 'n');
    expect(nofile?.['value']).toBe(Number(run('bash', ['-c', 'ulimit -n']).trim()));
    const script = readFileSync(`${REPO_ROOT}/scripts/sitrep-capture.sh`, 'utf8');
    const fn = /^fd_counts_main\(\) \{[\s\S]*?^\}/m.exec(script)?.[0];
    expect(fn).toBeDefined();
    const rows = parse<Rec[]>('fd-counts', run('bash', ['-c', `${fn ?? ''}\nfd_counts_main`])).data;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => typeof r['open_fds'] === 'number')).toBe(true);
  });

  it('/proc files', () => {
    const meminfo = parse<Rec>('proc-meminfo', readFileSync('/proc/meminfo', 'utf8')).data;
    expect((meminfo['MemTotal'] as number) * 1024).toBe(totalmem());
    const stat = parse<Rec>('proc-stat', readFileSync('/proc/stat', 'utf8')).data;
    const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
    expect(Math.abs((stat['boot_time'] as number) + uptimeS - Date.now() / 1000)).toBeLessThan(5);
    expect(parse<Rec>('proc-vmstat', readFileSync('/proc/vmstat', 'utf8')).data['pgfault']).toEqual(expect.any(Number));
    parse('proc-diskstats', readFileSync('/proc/diskstats', 'utf8'));
    const load = parse<Rec>('proc-loadavg', readFileSync('/proc/loadavg', 'utf8')).data;
    expect(load['last_pid']).toEqual(expect.any(Number));
    const dev = parse<Rec[]>('proc-net-dev', readFileSync('/proc/net/dev', 'utf8')).data;
    expect(dev.some((r) => r['interface'] === 'lo')).toBe(true);
    const snmp = parse<Rec[]>('proc-net-snmp', readFileSync('/proc/net/snmp', 'utf8')).data;
    expect(snmp.find((r) => r['type'] === 'Tcp')?.['MaxConn']).toBe(-1);
    const ext = parse<Rec[]>('proc-net-snmp', readFileSync('/proc/net/netstat', 'utf8')).data;
    expect(ext.find((r) => r['type'] === 'TcpExt')?.['ListenOverflows']).toEqual(expect.any(Number));
    expect(parse<Rec>('proc-sockstat', readFileSync('/proc/net/sockstat', 'utf8')).data['sockets_used']).toBeGreaterThan(0);
    const nr = parse<Rec>('proc-file-nr', readFileSync('/proc/sys/fs/file-nr', 'utf8')).data;
    expect(nr['allocated']).toBeGreaterThan(0);
    expect(nr['max']).toBe(Number(readFileSync('/proc/sys/fs/file-max', 'utf8')));
    for (const res of ['cpu', 'memory', 'io']) {
      if (!existsSync(`/proc/pressure/${res}`)) continue;
      const psi = parse<Rec[]>('proc-pressure', readFileSync(`/proc/pressure/${res}`, 'utf8')).data;
      expect(psi[0]?.['type']).toBe('some');
    }
  });
});
