/**
 * Which entries of a family can match a text, from one scan of it. Every text
 * entry needs one of its literals in the message, so the entries worth trying
 * are exactly those with a literal in it. Before, a message that passed the
 * family's gate was scanned again by the gate of every run of entries before
 * the one it matched: a journal `Started …` line went through five such scans
 * (~1 µs) to reach the systemd entry.
 *
 * The scan is the family's literal trie (literal-trie.ts) run with the global
 * flag from each hit's position + 1, so every position where a literal starts
 * is visited. At one position all literals present are prefixes of one
 * another; the trie stops at the shortest, so the longer ones are checked
 * there by startsWith.
 */
import { literalTrie } from './literal-trie.js';

/** Past this many hits in one text, every entry is a candidate (their own literal check still decides). */
const MAX_HITS = 16;

export class LiteralHits {
  /** mark[i] === stamp: entry i has a literal in the last text scanned. */
  readonly mark: Int32Array;
  stamp = 0;
  private readonly scan: RegExp | null;
  /** Literal → the entries holding it. */
  private readonly owners = new Map<string, number[]>();
  /** Literal → the longer literals it begins (the trie stops at it; they may be there too). */
  private readonly longer = new Map<string, string[]>();

  /** `entries[i]`: entry i's literals, or undefined for an entry decided without text. */
  constructor(entries: readonly (readonly string[] | undefined)[]) {
    this.mark = new Int32Array(entries.length);
    entries.forEach((lits, i) => {
      for (const lit of new Set(lits ?? [])) {
        const o = this.owners.get(lit);
        if (o) o.push(i);
        else this.owners.set(lit, [i]);
      }
    });
    const all = [...this.owners.keys()];
    for (const a of all) {
      const ext = all.filter((b) => b.length > a.length && b.startsWith(a));
      if (ext.length > 0) this.longer.set(a, ext);
    }
    this.scan = all.length > 0 ? new RegExp(literalTrie(all).source, 'g') : null;
  }

  /** Marks (with a new stamp) the entries with a literal in `text`; false when it holds none. */
  find(text: string): boolean {
    const re = this.scan;
    if (re === null) return false;
    re.lastIndex = 0;
    let m = re.exec(text);
    if (m === null) return false;
    const stamp = this.nextStamp();
    let hits = 0;
    do {
      const lit = m[0];
      if (lit.length === 0 || ++hits > MAX_HITS) {
        this.mark.fill(stamp);
        re.lastIndex = 0;
        return true;
      }
      this.markOwners(lit, stamp);
      const ext = this.longer.get(lit);
      if (ext !== undefined) for (const l of ext) if (text.startsWith(l, m.index)) this.markOwners(l, stamp);
      re.lastIndex = m.index + 1;
    } while ((m = re.exec(text)) !== null);
    return true;
  }

  private markOwners(lit: string, stamp: number): void {
    for (const i of this.owners.get(lit)!) this.mark[i] = stamp;
  }

  private nextStamp(): number {
    if (this.stamp === 0x3fffffff) {
      this.mark.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }
}
