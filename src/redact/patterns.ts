/**
 * The shapes both redaction and verification scan for: secrets, then the known
 * literals (longest first), then the generic shapes. They mean one
 * left-to-right alternation in this order (at the leftmost position where any
 * shape matches, the first shape listed wins); scanLine finds the same matches
 * with one regex per kind, each run only on lines that can hold it (no `@`, no
 * e-mail), which is what makes it fast: V8 tries a 10-way alternation with
 * look-behinds at every position of every line. Every shape is bounded or
 * anchored on a lookbehind so no input makes it super-linear (docs/redaction.md).
 */
import { Cls } from './char-class.js';
import { ipv6Ahead } from './ipv6-ahead.js';
import { anchored, searched } from './scan.js';

/** What a match is; `disable` (tests) turns a generic one off in redaction only. */
export type PatternKind = 'url-credentials' | 'authorization' | 'secret' | 'cloud-key' | 'email' | 'literal' | 'mac' | 'ipv6' | 'ipv4' | 'ipv4-dashed';

interface Shape {
  kind: PatternKind;
  /** Kept before the value (`password=`); absent when the match is the value. */
  prefix?: string;
  value: string;
  /** Matched after the value and replaced with it (url-credentials' `@`). */
  suffix?: string;
  /**
   * What a line must hold for a match to be possible (false must mean "cannot"):
   * every one of `needs` as it is, and one of `stems` in any case. An anchored
   * shape needs its separator, but its first search for it is that test.
   */
  needs?: string[];
  stems?: string[];
  anchor?: Anchor;
}

/**
 * A shape whose look-behind refuses its own first run's characters starts at
 * the start of a run of at most `max` of them ending at its first `sep`: the
 * scan jumps from one `sep` to the next (indexOf) and tries the shape only
 * there, instead of at every position.
 */
export interface Anchor {
  sep: string;
  /** The run's class (char-class.ts). */
  run: Cls;
  /** The run's length bounds. */
  min: number;
  max: number;
  /** The class of the character after `sep`: a cheap refusal before the regex is tried. */
  after: Cls;
  /** How far the next `sep` may be, at most, for the shape to fit (a dotted quad's next dot is 2-4 on). */
  next?: number;
  /** Offsets from this `sep` where the shape has `sep` too (a MAC's other colons). */
  seps?: readonly number[];
  /** The class its look-behind refuses just before the run: a refusal before the regex is tried. */
  before?: Cls;
  /** Its look-ahead from the run's start, as a walk: the last refusal before the regex is tried. */
  ahead?: (line: string, at: number) => boolean;
}

/** Every keyword of the secret shapes holds one of these stems (`passwd`, `api_key`, `auth_token`...). */
const KEYWORD = ['pass', 'pwd', 'secret', 'token', 'key'];

const SHAPES: readonly Shape[] = [
  {
    kind: 'url-credentials',
    prefix: String.raw`[a-z][a-z0-9+.-]{1,15}://`,
    value: String.raw`[^\s/:@]{1,256}:[^\s/@]{1,256}`,
    suffix: '@',
    needs: ['@', '://'], // the rarer and cheaper search first
  },
  {
    kind: 'authorization',
    prefix: String.raw`\b(?:proxy-)?authorization["']?\s{0,8}[:=]\s{0,8}["']?(?:(?:bearer|basic|digest|token|negotiate)\s{1,8})?`,
    value: String.raw`[^\s"',;]+`,
    stems: ['authorization'],
  },
  {
    kind: 'secret',
    prefix: String.raw`\b(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|private[_-]?key)["']?\s{0,8}[=:]\s{0,8}["']?`,
    value: String.raw`[^\s"'&,;]+`,
    stems: KEYWORD,
  },
  {
    kind: 'secret',
    prefix: String.raw`--(?:[a-z0-9]{1,20}[-_])?(?:password|passwd|token|secret|api-key|access-token)\s{1,8}`,
    value: String.raw`[^\s-]\S*`,
    needs: ['--'],
    stems: KEYWORD,
  },
  {
    kind: 'cloud-key',
    value: String.raw`\b(?:(?:AKIA|ASIA)[0-9A-Z]{16}|gh[pousr]_[A-Za-z0-9]{36}|xox[abprs]-[A-Za-z0-9-]{10,200}|AIza[0-9A-Za-z_-]{35}|eyJ[A-Za-z0-9_-]{8,4000}\.eyJ[A-Za-z0-9_-]{8,8000}\.[A-Za-z0-9_-]{8,4000})\b`,
    stems: ['akia', 'asia', 'gh', 'xox', 'aiza', 'eyj'], // the starts, in any case as the scan
  },
  {
    kind: 'email',
    value: String.raw`(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}(?![A-Za-z0-9-])`,
    anchor: { sep: '@', run: Cls.Local, min: 1, max: 64, after: Cls.Label },
  },
  // Built from the collected values by buildPatterns.
  { kind: 'literal', value: '' },
  {
    kind: 'mac',
    value: String.raw`(?<![0-9A-Fa-f:])[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}(?![0-9A-Fa-f:])`,
    anchor: { sep: ':', run: Cls.Hex, min: 2, max: 2, after: Cls.Hex, seps: [3, 6, 9, 12], before: Cls.HexOrColon },
  },
  {
    kind: 'ipv6',
    // Only runs that can be an address (redactor.ts isAddressV6: a `::`, or
    // eight groups) match: a time (04:00:00) on nearly every line did, for
    // nothing. The look-ahead reads at most the 39 characters the groups can
    // span, so it refuses no run an address starts; a dotted quad in a run it
    // refuses is the ipv4 shape's, since nothing hides it now.
    value: String.raw`(?<![0-9A-Za-z_:.])(?=[0-9A-Fa-f:]{0,39}::|(?:[0-9A-Fa-f]{0,4}:){7})[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:\.\d{1,3}){0,3}`,
    anchor: { sep: ':', run: Cls.Hex, min: 0, max: 4, after: Cls.HexOrColon, next: 5, before: Cls.V6Before, ahead: ipv6Ahead },
  },
  {
    kind: 'ipv4',
    value: String.raw`(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9]|\.\d)`,
    anchor: { sep: '.', run: Cls.Digit, min: 1, max: 3, after: Cls.Digit, next: 4, before: Cls.DigitOrDot },
  },
  {
    kind: 'ipv4-dashed',
    value: String.raw`(?<!\d|\d-)\d{1,3}-\d{1,3}-\d{1,3}-\d{1,3}(?!\d|-\d)`,
    anchor: { sep: '-', run: Cls.Digit, min: 1, max: 3, after: Cls.Digit, next: 4 },
  },
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

/** One kind: its regex (group 1 the prefix and group 2 the value when `prefixed`, else group 1 the value) and how to find its next match. */
export interface Scanner {
  kind: PatternKind;
  /** The regex source, as one alternative of the alternation the set means. */
  source: string;
  prefixed: boolean;
  needs: readonly string[];
  /** One of the shape's stems, any case; null: no stems to hold. */
  stems: RegExp | null;
  /** The leftmost match starting at or after `from`. */
  find: (line: string, from: number) => RegExpExecArray | null;
}

export interface PatternSet {
  scanners: Scanner[];
  /** Any scanner's stem: most lines hold none, and one test skips every stemmed scanner. */
  anyStem: RegExp | null;
  /** The longest stem's length less one: how far from a change a stem the change made can reach. */
  stemReach: number;
}

const oneOf = (stems: readonly string[]): RegExp | null => (stems.length === 0 ? null : new RegExp(stems.map(escape).join('|'), 'i'));

const group = (s: Shape): string => (s.prefix !== undefined ? `(${s.prefix})(${s.value})` : `(${s.value})`) + (s.suffix ?? '');

/** Builds the scanners over `literals` (latin1 strings), without the `disabled` kinds. */
export function buildPatterns(literals: readonly Literal[], disabled: ReadonlySet<PatternKind> = new Set()): PatternSet {
  const lits = [...new Set(literals.map((l) => l.value.toLowerCase()))].filter((v) => v.length > 0).sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  const scanners: Scanner[] = [];
  const stems: string[] = [];
  for (let shape of SHAPES) {
    if (disabled.has(shape.kind)) continue;
    if (shape.kind === 'literal') {
      if (lits.length === 0) continue;
      const alts = lits.map((v) => escape(v) + (SYSCTL_ROOTS.has(v) ? String.raw`(?!\.[a-z_])` : ''));
      shape = { kind: 'literal', value: String.raw`(?<![A-Za-z0-9_])(?:${alts.join('|')})(?![A-Za-z0-9_])`, stems: lits };
    }
    const source = group(shape);
    const find = shape.anchor ? anchored(new RegExp(source, 'iy'), shape.anchor) : searched(new RegExp(source, 'gi'));
    scanners.push({ kind: shape.kind, source, prefixed: shape.prefix !== undefined, needs: shape.needs ?? [], stems: oneOf(shape.stems ?? []), find });
    // Not push(...): a hostile ps table can name more users than a call takes arguments.
    for (const stem of shape.stems ?? []) stems.push(stem);
  }
  const distinct = [...new Set(stems)];
  return { scanners, anyStem: oneOf(distinct), stemReach: distinct.reduce((r, t) => Math.max(r, t.length - 1), 0) };
}
