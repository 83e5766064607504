/**
 * Keyed, structure-keeping aliases (docs/redaction.md). Every alias is a pure
 * function of the key and the value, so runs and bundles agree; each is cached
 * and recorded for the optional private map.
 */
import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { ipv4ToInt, intToIpv4, isKeptIpv4, isPrivateIpv4, isKeptIpv6, ALIAS_MAC_OUI } from './ranges.js';

export type AliasKind = 'ipv4' | 'ipv6' | 'mac' | 'host' | 'user' | 'email' | 'word';

/** kind, original, alias. */
export type AliasEntry = [AliasKind, string, string];

export class Aliaser {
  /** original → alias, per kind: the cache, and the private map (an IPv4 kept as it is maps to itself). */
  private readonly known: Readonly<Record<AliasKind, Map<string, string>>> = {
    ipv4: new Map(),
    ipv6: new Map(),
    mac: new Map(),
    host: new Map(),
    user: new Map(),
    email: new Map(),
    word: new Map(),
  };
  private readonly bits = new Map<string, number>();

  constructor(private readonly key: Buffer) {}

  private hex(tag: string, value: string, n: number): string {
    return createHmac('sha256', this.key).update(`${tag}\0${value}`).digest('hex').slice(0, n);
  }

  private remember(kind: AliasKind, original: string, make: () => string): string {
    const known = this.known[kind];
    let alias = known.get(original);
    if (alias === undefined) known.set(original, (alias = make()));
    return alias;
  }

  /** Every value aliased so far, for the private map. */
  entries(): AliasEntry[] {
    const out: AliasEntry[] = [];
    for (const [kind, known] of Object.entries(this.known) as [AliasKind, Map<string, string>][]) {
      for (const [original, alias] of known) if (alias !== original) out.push([kind, original, alias]);
    }
    return out;
  }

  /** Another aliaser's entries (a worker's, made with the same key: the same aliases). */
  add(entries: readonly AliasEntry[]): void {
    for (const [kind, original, alias] of entries) this.known[kind].set(original, alias);
  }

  /**
   * Prefix-preserving (Crypto-PAn style): output bit i is input bit i XOR a keyed
   * bit of the input's first i bits, so addresses sharing a /n share an aliased /n.
   * Private space lands in 198.18.0.0/15 (its low 17 bits), public space in the
   * three TEST-NETs (low 8 bits), so a /24 stays a /24.
   */
  ipv4(ip: string): string {
    // Looked up before it is parsed (kept addresses too) and before a closure is made: most lines hold one, mostly seen before.
    const hit = this.known.ipv4.get(ip);
    if (hit !== undefined) return hit;
    return this.remember('ipv4', ip, () => {
      const n = ipv4ToInt(ip);
      if (n === null || isKeptIpv4(n)) return ip;
      let out = 0;
      for (let i = 0; i < 32; i++) {
        const prefix = i === 0 ? '' : (n >>> (32 - i)).toString(2).padStart(i, '0');
        const flip = this.prefixBit(prefix);
        const bit = (n >>> (31 - i)) & 1;
        out = (out << 1) | (bit ^ flip);
      }
      out >>>= 0;
      if (isPrivateIpv4(n)) return intToIpv4(((198 << 24) | (18 << 16)) + (out & 0x1ffff));
      const nets = [
        [192, 0, 2],
        [198, 51, 100],
        [203, 0, 113],
      ] as const;
      const net = nets[(out >>> 8) % 3]!;
      return `${net[0]}.${net[1]}.${net[2]}.${out & 0xff}`;
    });
  }

  private prefixBit(prefix: string): number {
    let b = this.bits.get(prefix);
    if (b === undefined) {
      b = parseInt(this.hex('ip4bit', prefix, 2), 16) & 1;
      this.bits.set(prefix, b);
    }
    return b;
  }

  /**
   * Into 2001:db8::/32 by 16-bit groups: aliased group k is a keyed hash of the
   * original's first k groups, so a /48 or /64 stays one aliased /48 or /64.
   * IPv4-mapped addresses keep their form with the IPv4 part aliased.
   */
  ipv6(ip: string): string {
    if (!isIPv6(ip) || isKeptIpv6(ip)) return ip;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return `::ffff:${this.ipv4(mapped[1]!)}`;
    return this.remember('ipv6', ip, () => {
      const groups = expandIpv6(ip);
      const out = ['2001', 'db8'];
      for (let k = 2; k < 8; k++) out.push(String(parseInt(this.hex('ip6', groups.slice(0, k + 1).join(':'), 4), 16).toString(16)));
      return out.join(':');
    });
  }

  mac(mac: string): string {
    const lower = mac.toLowerCase();
    if (lower === '00:00:00:00:00:00' || lower === 'ff:ff:ff:ff:ff:ff' || lower.startsWith(ALIAS_MAC_OUI)) return mac;
    return this.remember('mac', lower, () => `${ALIAS_MAC_OUI}${this.hex('mac', lower, 6).replace(/(..)(?!$)/g, '$1:')}`);
  }

  /** `web1.corp.acme.com` → `host-1a2b3c.dom-9f8e.dom-c1a2.example`; a short name → `host-1a2b3c`. */
  host(name: string): string {
    const lower = name.toLowerCase();
    return this.remember('host', lower, () => {
      const labels = lower.split('.');
      const first = `host-${this.hex('host', labels[0]!, 6)}`;
      if (labels.length === 1) return first;
      const rest = labels.slice(1, -1).map((_, i) => `dom-${this.hex('dom', labels.slice(i + 1).join('.'), 4)}`);
      return [first, ...rest, 'example'].join('.');
    });
  }

  /** Eight characters, the width of ps's USER column. */
  user(name: string): string {
    return this.remember('user', name.toLowerCase().replace(/\+$/, ''), () => `u-${this.hex('user', name.toLowerCase().replace(/\+$/, ''), 6)}`);
  }

  email(addr: string): string {
    const at = addr.lastIndexOf('@');
    const local = addr.slice(0, at).toLowerCase();
    const domain = addr.slice(at + 1).toLowerCase();
    return this.remember('email', `${local}@${domain}`, () => `user-${this.hex('mail', local, 6)}@${this.domain(domain)}`);
  }

  /** A bare domain (an e-mail's): every label aliased, the TLD → example. */
  private domain(domain: string): string {
    const labels = domain.split('.');
    const rest = labels.slice(0, -1).map((_, i) => `dom-${this.hex('dom', labels.slice(i).join('.'), 4)}`);
    return [...rest, 'example'].join('.');
  }

  word(w: string): string {
    return this.remember('word', w.toLowerCase(), () => `word-${this.hex('word', w.toLowerCase(), 6)}`);
  }
}

export function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.includes('::') ? (ip.split('::') as [string, string]) : [ip, null];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const fill = tail === null ? [] : new Array<string>(8 - h.length - t.length).fill('0');
  return [...h, ...fill, ...t].map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''));
}
