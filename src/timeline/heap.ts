/** A binary heap: bounded keep-lists in the builder and the k-way merge across hosts. */
export class Heap<T> {
  private readonly items: T[] = [];
  /** `before(a, b)` true when a belongs nearer the top (a min-heap on time passes `a.time < b.time`). */
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  values(): readonly T[] {
    return this.items;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i]!, a[p]!)) break;
      [a[i], a[p]] = [a[p]!, a[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      this.sift(0);
    }
    return top;
  }

  /** Replaces the top with `item` (one sift instead of pop + push). */
  replaceTop(item: T): void {
    if (this.items.length === 0) this.items.push(item);
    else {
      this.items[0] = item;
      this.sift(0);
    }
  }

  private sift(i: number): void {
    const a = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < a.length && this.before(a[l]!, a[m]!)) m = l;
      if (r < a.length && this.before(a[r]!, a[m]!)) m = r;
      if (m === i) return;
      [a[i], a[m]] = [a[m]!, a[i]!];
      i = m;
    }
  }
}
