/**
 * The member paths a bundle's load has read: a flag per manifest row and a
 * set only for paths the manifest does not list. A Set of 100,000 paths was
 * 2.6 MB of hash table kept through the whole load (issue 15).
 */
export class ReadPaths {
  private rows = new Uint8Array(0);
  private readonly other = new Set<string>();

  /** `rowOf`: a path's manifest row, undefined when the manifest does not list it (or is not known yet). */
  constructor(private readonly rowOf: (path: string) => number | undefined) {}

  /** The manifest is known, with `count` rows; paths read before it stay in the set. */
  setRows(count: number): void {
    this.rows = new Uint8Array(count);
  }

  add(path: string): void {
    const i = this.rowOf(path);
    if (i !== undefined && i < this.rows.length) this.rows[i] = 1;
    else this.other.add(path);
  }

  has(path: string): boolean {
    const i = this.rowOf(path);
    return (i !== undefined && this.rows[i] === 1) || this.other.has(path);
  }
}
