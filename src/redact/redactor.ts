/**
 * Redacts one line at a time: PEM bodies cut, secrets replaced by `***`,
 * addresses, names and e-mails replaced by their keyed aliases.
 */
import { isIPv6 } from 'node:net';
import type { Aliaser } from './alias.js';
import { buildPatterns, CLOUD_KEY, type Literal, type Match, type PatternKind, type PatternSet } from './patterns.js';
import { scanLine, type ScanTrace } from './scan.js';
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
  // The cheap shape test first (the scan's look-ahead already asks as much of a run).
  return (s.includes('::') || colons(s) === 7) && isIPv6(s);
}

export class Redactor {
  private readonly set: PatternSet;
  private readonly literals: Map<string, Literal>;
  private readonly disabled: ReadonlySet<RedactKind>;
  private readonly pemOn: boolean;
  private pem: PemState = { inPem: false, lines: 0 };

  /**
   * `disabled` kinds (tests) are found as always and kept as they are, so the
   * scan is the check's (checker.ts) whatever is disabled: batch.ts relies on it.
   */
  constructor(
    private readonly aliaser: Aliaser,
    literals: readonly Literal[],
    disabled: ReadonlySet<RedactKind> = new Set(),
  ) {
    this.literals = new Map(literals.map((l) => [l.value.toLowerCase(), l]));
    this.set = buildPatterns(literals);
    this.disabled = disabled;
    this.pemOn = !disabled.has('pem');
  }

  /** Lines follow in state `st`: a new member (no PEM block open), or a batch cut inside one. */
  reset(st: PemState = { inPem: false, lines: 0 }): void {
    this.pem = { ...st };
  }

  /** Where the last line left PEM blocks, for the next batch of the member. */
  get pemState(): PemState {
    return { ...this.pem };
  }

  /** Whether the last line left a PEM block open. */
  get pemOpen(): boolean {
    return this.pem.inPem;
  }

  /** A line of content: PEM bodies cut, the rest scanned. */
  line(line: string): string {
    if (!this.pemOn) return this.scan(line);
    const segs = pemSegments(line, this.pem);
    if (segs.length === 1 && !segs[0]!.secret) return this.scan(line);
    return segs.map((s) => (s.secret ? (s.text === '' ? '' : '***') : this.scan(s.text))).join('');
  }

  /**
   * A name, or a line outside PEM blocks. Each match found is pushed to `seen`
   * when given: the check judges an unchanged line's matches without scanning it again;
   * `trace` tells the check of a changed line where a stem could have appeared.
   */
  scan(text: string, seen?: Match[], trace?: ScanTrace): string {
    return scanLine(
      this.set,
      text,
      (m) => {
        seen?.push(m);
        return this.disabled.size > 0 && this.disabled.has(m.kind) ? m.text : this.replace(m);
      },
      trace,
    );
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
        if (isAddressV6(m.value)) return a.ipv6(m.value);
        // Not an address (`a::b::c`, a run of colons): only dotted quads inside it are.
        return m.value.includes('.') ? m.value.replace(INNER_IPV4, (ip) => a.ipv4(ip)) : m.value;
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
