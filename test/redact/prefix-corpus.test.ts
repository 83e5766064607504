/**
 * Prefix preservation on real network tables: jc's netstat, ss, route, ip
 * route, arp and ifconfig outputs from ten distributions (../shared/corpus/jc),
 * redacted line by line. The address arithmetic here is the test's own, from
 * docs/redaction.md's table, not the redactor's helpers: a check must not share
 * the code it checks.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isIPv6 } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandParser } from '../../src/parsers/registry.js';
import { Aliaser, Redactor } from '../../src/redact/index.js';
import { CORPUS, HAS_CORPUS } from '../helpers/corpus.js';

const JC = join(CORPUS, 'jc');
const TABLES = /^(?:netstat|ss|route|ip_route|arp|ifconfig)(?:-.*)?\.out$/;
const V4 = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d]|\.\d)/g;
const V6 = /(?<![0-9a-f:.])(?:[0-9a-f]{0,4}:){2,7}[0-9a-f]{0,4}(?![0-9a-f:.])/gi;

/** Old net-tools netstat and ss captures of pt-summary and insights-core: `::1:631` is loopback and a port. */
const NET_TOOLS = ['percona-toolkit/pt-summary/samples/Linux', 'insights-core/test_netstat'];

const listed = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : []);
const files = (): string[] =>
  HAS_CORPUS && existsSync(JC)
    ? [
        ...readdirSync(JC)
          .flatMap((d) => listed(join(JC, d)))
          .filter((f) => TABLES.test(f.slice(f.lastIndexOf('/') + 1))),
        ...listed(join(CORPUS, NET_TOOLS[0]!)).map((d) => join(d, 'netstat')),
        ...listed(join(CORPUS, NET_TOOLS[1]!)),
      ]
        .filter((f) => existsSync(f) && statSync(f).isFile())
        .sort()
    : [];

const toInt = (ip: string): number | null => {
  const p = ip.split('.').map(Number);
  return p.every((x) => x <= 255) ? ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0 : null;
};
const within = (n: number, net: string, bits: number): boolean => n >>> (32 - bits) === toInt(net)! >>> (32 - bits);
/** docs/redaction.md: kept as they are. */
const keptV4 = (n: number) => within(n, '0.0.0.0', 8) || within(n, '127.0.0.0', 8) || within(n, '169.254.0.0', 16) || within(n, '224.0.0.0', 3);
const privateV4 = (n: number) => within(n, '10.0.0.0', 8) || within(n, '172.16.0.0', 12) || within(n, '192.168.0.0', 16) || within(n, '100.64.0.0', 10);
const testNet = (n: number) => within(n, '192.0.2.0', 24) || within(n, '198.51.100.0', 24) || within(n, '203.0.113.0', 24);
const commonBits = (a: number, b: number): number => (a === b ? 32 : Math.clz32((a ^ b) >>> 0));

/** Eight full groups of an IPv6 address, as numbers. */
function groups6(ip: string): number[] {
  const [h, t] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const head = h ? h.split(':') : [];
  const tail = t ? t.split(':') : [];
  const fill = t === undefined ? [] : Array<string>(8 - head.length - tail.length).fill('0');
  return [...head, ...fill, ...tail].map((g) => parseInt(g, 16));
}
const commonGroups = (a: number[], b: number[]): number => {
  let i = 0;
  while (i < 8 && a[i] === b[i]) i++;
  return i;
};
/** ::, ::1, link-local, multicast, and `::1:631` / `::5432` (netstat's loopback or any address with its port glued on). */
const keptV6 = (g: number[]) => (g.slice(0, 6).every((x) => x === 0) && g[6]! <= 1) || (g[0]! & 0xffc0) === 0xfe80 || (g[0]! & 0xff00) === 0xff00;

interface Pairs {
  v4: Map<string, string>;
  v6: Map<string, string>;
}

/** Redacts one file; every address token of a line maps to the token at the same place in the redacted line. */
function redactFile(file: string, redactor: Redactor, seen: Pairs): { original: string; redacted: string } {
  const original = readFileSync(file, 'utf8');
  redactor.reset();
  const lines = original.split('\n');
  const out = lines.map((l) => redactor.line(l));
  lines.forEach((l, i) => {
    const r = out[i]!;
    const where = `${file}:${i + 1}`;
    expect(r.split(/\s+/).length, `${where}: columns`).toBe(l.split(/\s+/).length);
    const a4 = l.match(V4) ?? [];
    const b4 = r.match(V4) ?? [];
    expect(b4.length, `${where}: IPv4 tokens`).toBe(a4.length);
    a4.forEach((ip, k) => {
      const prior = seen.v4.get(ip);
      expect(prior ?? b4[k], `${where}: ${ip} aliased alike everywhere`).toBe(b4[k]);
      seen.v4.set(ip, b4[k]!);
    });
    const a6 = (l.match(V6) ?? []).filter(isIPv6);
    const b6 = (r.match(V6) ?? []).filter(isIPv6);
    if (a6.length === b6.length) a6.forEach((ip, k) => seen.v6.set(ip.toLowerCase(), b6[k]!.toLowerCase()));
  });
  return { original, redacted: out.join('\n') };
}

describe.skipIf(files().length === 0)('IPv4/IPv6 prefixes survive redaction of real network tables (jc corpus)', () => {
  const aliaser = new Aliaser(Buffer.from('prefix-corpus-test-key-0123456789abcdef'));
  const redactor = new Redactor(aliaser, []);
  const seen: Pairs = { v4: new Map(), v6: new Map() };
  const outputs = files().map((f) => ({ file: f, ...redactFile(f, redactor, seen) }));

  it('keeps loopback, unspecified, link-local and multicast; moves the rest into the alias ranges', () => {
    expect(seen.v4.size).toBeGreaterThan(20);
    for (const [ip, alias] of seen.v4) {
      const n = toInt(ip);
      const m = toInt(alias);
      if (n === null) continue;
      if (keptV4(n)) expect(alias, ip).toBe(ip);
      else if (privateV4(n)) expect(within(m!, '198.18.0.0', 15), `${ip} → ${alias}`).toBe(true);
      else expect(testNet(m!), `${ip} → ${alias}`).toBe(true);
    }
    console.log(`[measured] ${outputs.length} tables, ${seen.v4.size} distinct IPv4, ${seen.v6.size} distinct IPv6`);
  });

  it('two private addresses sharing a /15 or more share exactly as many bits aliased; public ones from a /24', () => {
    const ips = [...seen.v4.keys()].map((ip) => ({ ip, n: toInt(ip), m: toInt(seen.v4.get(ip)!) })).filter((x) => x.n !== null && !keptV4(x.n));
    let pairs = 0;
    for (const [i, x] of ips.entries()) {
      for (const y of ips.slice(i + 1)) {
        const p = commonBits(x.n!, y.n!);
        const same = privateV4(x.n!) === privateV4(y.n!);
        const floor = privateV4(x.n!) ? 15 : 24;
        if (!same || p < floor) continue;
        pairs++;
        expect(commonBits(x.m!, y.m!), `${x.ip} ~ ${y.ip} (/${p})`).toBe(p);
      }
    }
    console.log(`[measured] ${pairs} IPv4 pairs within a /15 (private) or /24 (public) checked`);
    expect(pairs).toBeGreaterThan(10);
  });

  it('IPv6: documentation prefix, kept special ranges, shared leading groups kept', () => {
    const v6 = [...seen.v6].map(([ip, alias]) => ({ ip, g: groups6(ip), a: groups6(alias) }));
    for (const x of v6) {
      if (keptV6(x.g)) expect(x.a, x.ip).toEqual(x.g);
      else expect(x.a.slice(0, 2), x.ip).toEqual([0x2001, 0xdb8]);
    }
    const routed = v6.filter((x) => !keptV6(x.g));
    for (const [i, x] of routed.entries()) {
      for (const y of routed.slice(i + 1)) expect(commonGroups(x.a, y.a), `${x.ip} ~ ${y.ip}`).toBe(Math.max(2, commonGroups(x.g, y.g)));
    }
  });

  it("netstat's loopback with its port (`::1:631`) is kept whole, the port readable", () => {
    const glued = outputs.flatMap((o) => o.original.split('\n').map((l, i) => ({ l, r: o.redacted.split('\n')[i], at: `${o.file}:${i + 1}` })));
    const lines = glued.filter((x) => /(?:^|\s)::1:\d+\s/.test(x.l));
    expect(lines.length).toBeGreaterThanOrEqual(3);
    for (const x of lines) expect(x.r, x.at).toMatch(/(?:^|\s)::1:\d+\s/);
  });

  it('the redacted netstat and ss tables parse into the same records and fields', () => {
    let tables = 0;
    for (const o of outputs) {
      const base = o.file.slice(o.file.lastIndexOf('/') + 1);
      const id = /^ss(?:-|\.)/.test(base) ? 'ss' : /^netstat(?:-sudo-(?:aeep|lnp)|-p|-old|-no-state)?\.out$/.test(base) ? 'netstat' : null;
      if (!id) continue;
      const parser = commandParser(id)!;
      const before = parser.parse(o.original, { file: o.file, clock: {} }).data as Record<string, unknown>[];
      const after = parser.parse(o.redacted, { file: o.file, clock: {} }).data as Record<string, unknown>[];
      expect(after.length, o.file).toBe(before.length);
      expect(
        after.map((r) => Object.keys(r).sort()),
        o.file,
      ).toEqual(before.map((r) => Object.keys(r).sort()));
      tables++;
    }
    expect(tables).toBeGreaterThanOrEqual(5);
  });
});

describe.skipIf(files().length > 0)('IPv4/IPv6 prefixes on real network tables', () => {
  it(`skipped: ${JC} is absent (the jc corpus of ../shared)`, () => undefined);
});
