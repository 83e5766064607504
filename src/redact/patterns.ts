/**
 * The one combined pattern both redaction and verification scan with: secrets,
 * then the known literals (longest first), then the generic shapes. One
 * left-to-right pass per line; every alternative is bounded or anchored on a
 * lookbehind so no input makes it super-linear (docs/redaction.md).
 */

/** What a match is; `disable` (tests) turns a generic one off in redaction only. */
export type PatternKind = 'url-credentials' | 'authorization' | 'secret' | 'cloud-key' | 'email' | 'literal' | 'mac' | 'ipv6' | 'ipv4' | 'ipv4-dashed';

const SOURCES: ReadonlyArray<[PatternKind, string]> = [
  ['url-credentials', String.raw`(?<p0>[a-z][a-z0-9+.-]{1,15}://)(?<v0>[^\s/:@]{1,256}:[^\s/@]{1,256})@`],
  [
    'authorization',
    String.raw`(?<p1>\b(?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?(?:(?:bearer|basic|digest|token|negotiate)\s{1,8})?)(?<v1>[^\s"',;]+)`,
  ],
  [
    'secret',
    String.raw`(?<p2>\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|private[_-]?key)["']?\s{0,8}[=:]\s{0,8}["']?)(?<v2>[^\s"'&,;]+)`,
  ],
  ['secret', String.raw`(?<p3>--(?:[a-z0-9]{1,20}[-_])?(?:password|passwd|token|secret|api-key|access-token)\s{1,8})(?<v3>[^\s-]\S*)`],
  [
    'cloud-key',
    String.raw`(?<v4>\b(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[abprs]-[A-Za-z0-9-]{10,200}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{8,4000})\b)`,
  ],
  ['email', String.raw`(?<v5>(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-]))`],
  ['literal', ''],
  ['mac', String.raw`(?<v7>(?<![0-9A-Fa-f:])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![0-9A-Fa-f:]))`],
  ['ipv6', String.raw`(?<v8>(?<![0-9A-Za-z_:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3})`],
  ['ipv4', String.raw`(?<v9>(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9]|\.\d))`],
  ['ipv4-dashed', String.raw`(?<v10>(?<!\d|\d-)\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?!\d|-\d))`],
];

/** The case-sensitive shapes behind `cloud-key` (the scan itself is case-insensitive). */
export const CLOUD_KEY = /^(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_|xox[abprs]-|AIza|eyJ)/;

/** A literal to find as a whole word (case-insensitive). */
export interface Literal {
  value: string;
  kind: 'host' | 'user' | 'word';
  /** The value whose alias this form takes (ps's `longuse+` → `longusername`). */
  canonical?: string;
}

/** sysctl roots: a host of that name is not matched before `.name` (vm.swappiness). */
const SYSCTL_ROOTS = new Set(['abi', 'crypto', 'debug', 'dev', 'fs', 'kernel', 'net', 'sunrpc', 'user', 'vm']);

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export interface Match {
  kind: PatternKind;
  index: number;
  text: string;
  /** For secrets: the kept prefix (`password=`) and the value. */
  prefix: string;
  value: string;
}

export interface PatternSet {
  re: RegExp;
  kinds: PatternKind[];
}

/** Builds the combined regex over `literals` (latin1 strings), without the `disabled` kinds. */
export function buildPatterns(literals: readonly Literal[], disabled: ReadonlySet<PatternKind> = new Set()): PatternSet {
  const alts = [...new Set(literals.map((l) => l.value.toLowerCase()))]
    .filter((v) => v.length > 0)
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
    .map((v) => escape(v) + (SYSCTL_ROOTS.has(v) ? String.raw`(?!\.[a-z_])` : ''));
  const parts: string[] = [];
  const kinds: PatternKind[] = [];
  SOURCES.forEach(([kind, src], i) => {
    if (disabled.has(kind)) return;
    if (kind === 'literal') {
      if (alts.length === 0) return;
      src = String.raw`(?<v6>(?<![A-Za-z0-9_])(?:${alts.join('|')})(?![A-Za-z0-9_]))`;
    }
    parts.push(src);
    kinds[i] = kind;
  });
  return { re: new RegExp(parts.join('|'), 'gi'), kinds };
}

/** Calls `onMatch` for each match in `line`, left to right; it returns the replacement (or the text unchanged). */
export function scanLine(set: PatternSet, line: string, onMatch: (m: Match) => string): string {
  const re = set.re;
  re.lastIndex = 0;
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const g = m.groups!;
    let slot = 0;
    while (g[`v${slot}`] === undefined) slot++;
    const match: Match = { kind: set.kinds[slot]!, index: m.index, text: m[0], prefix: g[`p${slot}`] ?? '', value: g[`v${slot}`]! };
    const rep = onMatch(match);
    if (rep === m[0]) continue;
    out += line.slice(last, m.index) + rep;
    last = m.index + m[0].length;
    // Keep fixed-width columns aligned (a run of 2+ spaces follows): a longer
    // alias eats padding after it, a shorter one pads. Prose is left alone.
    const d = rep.length - m[0].length;
    if (d > 0 && line.startsWith(' '.repeat(d + 1), last)) last += d;
    else if (d < 0 && line.startsWith('  ', last)) out += ' '.repeat(-d);
  }
  return last === 0 ? line : out + line.slice(last);
}
