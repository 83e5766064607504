/**
 * What a leak is and how a text is checked for one: every match of the scan
 * that is not a kept value or an alias. Shared by the verification of written
 * bundles (verify.ts) and the check of redacted content as it is written
 * (batch.ts, as redaction writes it), so both judge a value the same way.
 */
import { buildPatterns, CLOUD_KEY, type Literal, type Match, type PatternSet } from './patterns.js';
import { pemSegments, type PemState } from './pem.js';
import { ALIAS_MAC_OUI, ipv4ToInt, isKeptIpv4, isKeptIpv6 } from './ranges.js';
import { ALIAS_EMAIL, isAddressV6 } from './redactor.js';
import { scanLine } from './scan.js';

export interface Leak {
  /** `bundle.tar.gz`, `bundle.tar.gz:member`, plus the line for content. */
  file: string;
  line?: number;
  kind: string;
}

const INNER_IPV4 = /(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9]|\.\d)/g;

function keptV4(ip: string): boolean {
  const n = ipv4ToInt(ip);
  return n === null || isKeptIpv4(n);
}

/** The kind of value a match leaks, or null when it is a kept value or an alias. */
export function leakOf(m: Match, literals: ReadonlyMap<string, Literal>): string | null {
  switch (m.kind) {
    case 'url-credentials':
      return m.value === '***:***' ? null : 'url-credentials';
    case 'authorization':
    case 'secret':
      return m.value === '***' ? null : m.kind;
    case 'cloud-key':
      return CLOUD_KEY.test(m.value) ? 'cloud-key' : null;
    case 'email':
      return ALIAS_EMAIL.test(m.value) ? null : 'email';
    case 'literal':
      return `${literals.get(m.value.toLowerCase())?.kind ?? 'word'} name`;
    case 'mac': {
      const l = m.value.toLowerCase();
      return l === '00:00:00:00:00:00' || l === 'ff:ff:ff:ff:ff:ff' || l.startsWith(ALIAS_MAC_OUI) ? null : 'mac';
    }
    case 'ipv6':
      if (isAddressV6(m.value)) {
        const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(m.value);
        if (mapped) return keptV4(mapped[1]!) ? null : 'ipv4';
        return isKeptIpv6(m.value) ? null : 'ipv6';
      }
      return !m.value.includes('.') || (m.value.match(INNER_IPV4) ?? []).every(keptV4) ? null : 'ipv4';
    case 'ipv4':
      return keptV4(m.value) ? null : 'ipv4';
    case 'ipv4-dashed':
      return keptV4(m.value.replace(/-/g, '.')) ? null : 'ipv4 (dashed)';
  }
}

export class Checker {
  readonly set: PatternSet;
  readonly literals: Map<string, Literal>;
  constructor(
    literals: readonly Literal[],
    readonly leaks: Leak[],
  ) {
    this.set = buildPatterns(literals);
    this.literals = new Map(literals.map((l) => [l.value.toLowerCase(), l]));
  }

  /** A name: its leaks are reported under the name with each leaked value masked as `[kind]`. */
  name(text: string, prefix: string, report = true): string {
    const found: string[] = [];
    const masked = scanLine(this.set, text, (m) => {
      const kind = leakOf(m, this.literals);
      if (!kind) return m.text;
      found.push(kind);
      return `[${kind}]`;
    }).replace(/[^\x20-\x7e]/g, '?');
    const file = prefix === '' ? masked : `${prefix}:${masked}`;
    if (report) for (const kind of found) this.leaks.push({ file, kind: `${kind} in a name` });
    return file;
  }

  /** `stem`, when known, is whether the text holds any stem (batch.ts works it out from the line it was made from). */
  text(text: string, file: string, line?: number, stem?: boolean): void {
    scanLine(
      this.set,
      text,
      (m) => {
        this.judge(m, file, line);
        return m.text;
      },
      undefined,
      stem,
    );
  }

  /** One match of the scan: a leak unless it is a kept value or an alias. */
  judge(m: Match, file: string, line?: number): void {
    const kind = leakOf(m, this.literals);
    if (kind) this.leaks.push({ file, ...(line !== undefined ? { line } : {}), kind });
  }

  line(text: string, st: PemState, file: string, n: number): void {
    for (const s of pemSegments(text, st)) {
      if (!s.secret) this.text(s.text, file, n);
      else if (s.text !== '' && s.text !== '***') this.leaks.push({ file, line: n, kind: 'pem' });
    }
  }
}
