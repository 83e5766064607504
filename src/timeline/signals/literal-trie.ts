/**
 * One regex that tests whether a text contains any of some literals, written
 * as a trie: `Too many|too many|Timed out` becomes `T(?:oo many|imed out)|too many`.
 * Why: a plain alternation is tried alternative by alternative at every
 * position of every line, and the gates over ~30 literals were a sixth of an
 * analysis; the trie tests one character class per position and goes deeper
 * only where a literal can still start. Same answer for test(): a text
 * contains one of the literals exactly when the trie matches somewhere.
 */

interface Node {
  end: boolean;
  next: Map<string, Node>;
}

const escapeChar = (c: string): string => (/[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c);

function emit(n: Node): string {
  // A literal ends here: matching it is enough, longer ones need not be tried (test() only).
  if (n.end) return '';
  const alts = [...n.next].map(([c, child]) => escapeChar(c) + emit(child));
  if (alts.length === 1) return alts[0]!;
  // Single characters as a class, the rest as a group.
  const singles = alts.filter((a) => a.length === 1 || (a.length === 2 && a.startsWith('\\')));
  const rest = alts.filter((a) => !singles.includes(a));
  const parts = [...rest, ...(singles.length > 1 ? [`[${singles.join('')}]`] : singles)];
  return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
}

export function literalTrie(literals: readonly string[]): RegExp {
  const root: Node = { end: false, next: new Map() };
  for (const lit of literals) {
    if (lit.length === 0) return /(?:)/; // the empty literal is in every text
    let n = root;
    // By UTF-16 unit, as the regex (no u flag) reads the text.
    for (let i = 0; i < lit.length; i++) {
      const c = lit[i]!;
      let child = n.next.get(c);
      if (!child) n.next.set(c, (child = { end: false, next: new Map() }));
      n = child;
    }
    n.end = true;
  }
  return new RegExp(emit(root));
}
