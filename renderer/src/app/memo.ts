/**
 * A small cache of values computed from documents, keyed by what identifies their data (an
 * input's `revision`, a weights id, a layer): the least recently used entry goes first once more
 * than `capacity` are held.
 */
export class RevisionMemo<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  /** The value for `key`, computing and keeping it on a miss. */
  get(key: string, compute: () => V): V {
    const held = this.entries.get(key);
    if (held !== undefined) {
      this.entries.delete(key); // re-insert: Map order is the recency order
      this.entries.set(key, held);
      return held;
    }
    const value = compute();
    this.entries.set(key, value);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.capacity) break;
      this.entries.delete(oldest);
    }
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
