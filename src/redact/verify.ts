/**
 * The fail-closed check run after every redaction (and alone by
 * `sitrep redact --verify`): every bundle name, member name and member content
 * (nested .gz inflated) is scanned for the original literals and for every
 * generic shape outside the kept and alias ranges. A hit names the file, the
 * line and the kind of value, never the value.
 */
import { basename } from 'node:path';
import { DiagnosticLog, readBundle } from '../bundle/index.js';
import { dirMembers, sniff, tarMembers, type SourceState } from '../bundle/source.js';
import { eachLine } from './lines.js';
import { SitrepError } from '../errors.js';
import { buildPatterns, CLOUD_KEY, scanLine, type Literal, type Match, type PatternSet } from './patterns.js';
import { pemSegments, type PemState } from './pem.js';
import { ipv4ToInt, isKeptIpv4, isKeptIpv6 } from './ranges.js';
import { ALIAS_EMAIL, isAddressV6 } from './redactor.js';
import { ALIAS_MAC_OUI } from './ranges.js';
import { OPAQUE } from './writer.js';

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
      return (m.value.match(INNER_IPV4) ?? []).every(keptV4) ? null : 'ipv4';
    case 'ipv4':
      return keptV4(m.value) ? null : 'ipv4';
    case 'ipv4-dashed':
      return keptV4(m.value.replace(/-/g, '.')) ? null : 'ipv4 (dashed)';
  }
}

class Checker {
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

  text(text: string, file: string, line?: number): void {
    scanLine(this.set, text, (m) => {
      const kind = leakOf(m, this.literals);
      if (kind) this.leaks.push({ file, ...(line !== undefined ? { line } : {}), kind });
      return m.text;
    });
  }

  line(text: string, st: PemState, file: string, n: number): void {
    for (const s of pemSegments(text, st)) {
      if (!s.secret) this.text(s.text, file, n);
      else if (s.text !== '' && s.text !== '***') this.leaks.push({ file, line: n, kind: 'pem' });
    }
  }
}

/**
 * Every name in the archive as stored, the top directory and skipped entries
 * included (the reader strips the top directory and hides what it skips).
 */
async function checkRawNames(path: string, name: string, check: Checker): Promise<void> {
  const kind = await sniff(path, name);
  const state: SourceState = { archiveBytes: 0, maxArchiveBytes: Number.MAX_SAFE_INTEGER, failure: null };
  const raws = kind === 'directory' ? dirMembers(path) : tarMembers(path, kind === 'tar.gz', state);
  for await (const raw of raws) check.name(Buffer.from(raw.name, 'utf8').toString('latin1'), name);
}

/** Verifies redacted bundles against the original `literals` (may be empty: generic shapes only). */
export async function verifyBundles(paths: readonly string[], literals: readonly Literal[]): Promise<Leak[]> {
  const leaks: Leak[] = [];
  const check = new Checker(literals, leaks);
  for (const path of paths) {
    const name = check.name(Buffer.from(basename(path), 'utf8').toString('latin1'), '');
    await checkRawNames(path, name, check);
    const diags = new DiagnosticLog(name, 10_000);
    for await (const m of readBundle(path, { diagnostics: diags })) {
      const file = check.name(m.path, name, false); // reported by the raw pass
      if (OPAQUE.test(m.path)) {
        leaks.push({ file, kind: 'unreadable compressed member' });
        continue;
      }
      const st: PemState = { inPem: false, lines: 0 };
      try {
        await eachLine(m.bytes(), (line, n) => check.line(line, st, file, n));
      } catch (e) {
        if (!(e instanceof SitrepError)) throw e;
        leaks.push({ file, ...(e.line !== undefined ? { line: e.line } : {}), kind: 'line over 8 MiB not verifiable' });
      }
    }
    // Whatever the reader skipped or cut was not scanned: fail closed on it.
    for (const d of diags.list) {
      if (d.level !== 'info')
        leaks.push({ file: d.member ? check.name(d.member, name, false) : name, kind: 'member not verifiable (skipped or cut by the reader)' });
    }
  }
  return leaks;
}
