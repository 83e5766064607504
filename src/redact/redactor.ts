/**
 * Redacts one line at a time: PEM bodies cut, secrets replaced by `***`,
 * addresses, names and e-mails replaced by their keyed aliases.
 */
import { isIPv6 } from 'node:net';
import type { Aliaser } from './alias.js';
import { buildPatterns, CLOUD_KEY, type Literal, type Match, type PatternKind, type PatternSet } from './patterns.js';
import { scanLine } from './scan.js';
import { pemSegments, type PemState } from './pem.js';

/** What a test may turn off in redaction (never in verification). */
export type RedactKind = PatternKind | 'pem';

const INNER_IPV4 = /(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9]|\.\d)/g;

/** An alias e-mail (`user-1a2b3c@dom-9f8e.example`): already redacted. */
export const ALIAS_EMAIL = /^user-[0-9a-f]{6}@(?:dom-[0-9a-f]{4}\.)*example$/i;

function colons(s: string): number {
  let n = 0;
  for (let i = s.indexOf(':'); i >= 0; i = s.indexOf(':', i + 1)) n++;
  return n;
}

/** IPv6 the scan treats as an address: valid, and compressed (`::`) or of eight groups (not a time or a MAC). */
export function isAddressV6(s: string): boolean {
  // The cheap shape test first: most candidates are times (04:00:00).
  return (s.includes('::') || colons(s) === 7) && isIPv6(s);
}

export class Redactor {
  private readonly set: PatternSet;
  private readonly literals: Map<string, Literal>;
  private readonly pemOn: boolean;
  private pem: PemState = { inPem: false, lines: 0 };

  constructor(
    private readonly aliaser: Aliaser,
    literals: readonly Literal[],
    disabled: ReadonlySet<RedactKind> = new Set(),
  ) {
    this.literals = new Map(literals.map((l) => [l.value.toLowerCase(), l]));
    this.set = buildPatterns(literals, disabled as ReadonlySet<PatternKind>);
    this.pemOn = !disabled.has('pem');
  }

  /** A new member starts: no PEM block is open. */
  reset(): void {
    this.pem = { inPem: false, lines: 0 };
  }

  line(line: string): string {
    if (!this.pemOn) return this.scan(line);
    const segs = pemSegments(line, this.pem);
    if (segs.length === 1 && !segs[0]!.secret) return this.scan(line);
    return segs.map((s) => (s.secret ? (s.text === '' ? '' : '***') : this.scan(s.text))).join('');
  }

  /** A member or bundle name: no PEM there, the same aliases. */
  scan(text: string): string {
    return scanLine(this.set, text, (m) => this.replace(m));
  }

  private replace(m: Match): string {
    const a = this.aliaser;
    switch (m.kind) {
      case 'url-credentials':
        return `${m.prefix}***:***@`;
      case 'authorization':
      case 'secret':
        return m.value === '***' ? m.text : `${m.prefix}***`;
      case 'cloud-key':
        return CLOUD_KEY.test(m.value) ? '***' : m.text;
      case 'email':
        return ALIAS_EMAIL.test(m.value) ? m.text : a.email(m.value);
      case 'literal': {
        const lit = this.literals.get(m.value.toLowerCase());
        if (!lit) return m.text;
        const v = lit.canonical ?? m.value;
        return lit.kind === 'host' ? a.host(v) : lit.kind === 'user' ? a.user(v) : a.word(v);
      }
      case 'mac':
        return a.mac(m.value);
      case 'ipv6':
        return isAddressV6(m.value) ? a.ipv6(m.value) : m.value.replace(INNER_IPV4, (ip) => a.ipv4(ip));
      case 'ipv4':
        return a.ipv4(m.value);
      case 'ipv4-dashed': {
        const dotted = m.value.replace(/-/g, '.');
        const alias = a.ipv4(dotted);
        return alias === dotted ? m.text : alias.replace(/\./g, '-');
      }
    }
  }
}
