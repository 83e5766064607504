/**
 * The scan: each kind's next match found on its own (a regex search, or for
 * anchored shapes a jump from separator to separator), merged left to right
 * as the one alternation the set means would find them.
 */
import { CLASSES } from './char-class.js';
import type { Anchor, Match, PatternSet, Scanner } from './patterns.js';

/** A global regex's next match from `from`. */
export function searched(re: RegExp): Scanner['find'] {
  return (line, from) => {
    re.lastIndex = from;
    return re.exec(line);
  };
}

/**
 * An anchored shape's next match from `from`: at each `sep`, the start of the
 * run before it (if it is at most `max` long), where the sticky `re` is tried.
 * Its look-behind refuses the run's characters, so no other start can match.
 */
export function anchored(re: RegExp, a: Anchor): Scanner['find'] {
  const { sep, run, after, min, max } = a;
  const next = a.next ?? 0;
  const seps = a.seps ?? [];
  const before = a.before ?? 0;
  const ahead = a.ahead;
  const code = sep.charCodeAt(0);
  return (line, from) => {
    // `n` is the next `sep` after `c`: found once, for the `next` refusal and as the next `c`.
    for (let c = line.indexOf(sep, from), n = c; c >= 0; c = n) {
      n = line.indexOf(sep, c + 1);
      // Refusals before the regex is tried, cheapest first, each a condition the regex itself
      // sets (see Anchor). Every shape has a character after its `sep`; the bound keeps the
      // table's index an integer (NaN from charCodeAt would take V8 off its fast path).
      if (c + 1 >= line.length || (CLASSES[line.charCodeAt(c + 1)]! & after) === 0) continue;
      if (next > 0 && (n < 0 || n - c > next)) continue;
      let p = c;
      while (p > 0 && c - p <= max && (CLASSES[line.charCodeAt(p - 1)]! & run) !== 0) p--;
      if (c - p > max || c - p < min || p < from || !fits(line, c, seps, code)) continue;
      if ((p > 0 && (CLASSES[line.charCodeAt(p - 1)]! & before) !== 0) || (ahead !== undefined && !ahead(line, p))) continue;
      re.lastIndex = p;
      const m = re.exec(line);
      if (m !== null) return m;
    }
    return null;
  };
}

/** A MAC's other colons: where the shape has its separator too. */
function fits(line: string, c: number, seps: readonly number[], code: number): boolean {
  for (const o of seps) if (line.charCodeAt(c + o) !== code) return false;
  return true;
}

function holdsAll(line: string, needs: readonly string[]): boolean {
  for (const n of needs) if (!line.includes(n)) return false;
  return true;
}

/** Whether `n` spaces start at `at`: column padding, tested without building the run. */
function spaces(line: string, at: number, n: number): boolean {
  if (at + n > line.length) return false;
  for (let i = at; i < at + n; i++) if (line.charCodeAt(i) !== 0x20) return false;
  return true;
}

/**
 * What a scan learned of its line that the check of the line it wrote can use
 * (batch.ts): whether the line held any stem, and where its replacements went.
 */
export interface ScanTrace {
  /** The set's any-stem test on the line; undefined when no scanner needed it. */
  stem: boolean | undefined;
  /** [start, end) of each replacement in the output, padding it added included, as flat pairs. */
  spans: number[];
}

/**
 * Calls `onMatch` for each match in `line`, left to right; it returns the
 * replacement (or the text unchanged). `trace` is filled for the check of the
 * output; `stem`, when known, is the set's any-stem test on `line`, not run again.
 */
export function scanLine(set: PatternSet, line: string, onMatch: (m: Match) => string, trace?: ScanTrace, stem?: boolean): string {
  // Most lines hold no match: the two lists are made for the first one.
  let live: Scanner[] | undefined;
  let next: (RegExpExecArray | null)[] = [];
  let stemmed = stem;
  if (trace) trace.spans.length = 0;
  for (const s of set.scanners) {
    if (!holdsAll(line, s.needs)) continue;
    if (s.stems !== null && !((stemmed ??= set.anyStem!.test(line)) && s.stems.test(line))) continue;
    const m = s.find(line, 0);
    if (m === null) continue;
    if (live === undefined) {
      live = [s];
      next = [m];
    } else {
      live.push(s);
      next.push(m);
    }
  }
  if (trace) trace.stem = stemmed;
  if (live === undefined) return line;
  let out = '';
  let last = 0;
  for (;;) {
    // The leftmost match; at a tie the kind listed first, as the alternation would.
    let k = -1;
    for (let i = 0; i < next.length; i++) if (next[i] && (k < 0 || next[i]!.index < next[k]!.index)) k = i;
    if (k < 0) break;
    const m = next[k]!;
    const s = live[k]!;
    const end = m.index + m[0].length;
    const resume = end > m.index ? end : end + 1; // never stall on an empty match
    const match: Match = { kind: s.kind, index: m.index, text: m[0], prefix: s.prefixed ? m[1]! : '', value: s.prefixed ? m[2]! : m[1]! };
    // Every kind resumes after this match, as the alternation's one lastIndex does.
    for (let i = 0; i < next.length; i++) {
      if (next[i] && next[i]!.index < resume) next[i] = live[i]!.find(line, resume);
    }
    const rep = onMatch(match);
    if (rep === m[0]) continue;
    const at = out.length + m.index - last;
    out += line.slice(last, m.index) + rep;
    last = end;
    // Keep fixed-width columns aligned (a run of 2+ spaces follows): a longer
    // alias eats padding after it, a shorter one pads. Prose is left alone.
    const d = rep.length - m[0].length;
    if (d > 0 && spaces(line, last, d + 1)) last += d;
    else if (d < 0 && spaces(line, last, 2)) out += ' '.repeat(-d);
    trace?.spans.push(at, out.length);
  }
  return last === 0 ? line : out + line.slice(last);
}
