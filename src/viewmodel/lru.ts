// A cache of at most `limit` values that forgets the least recently used first. The views the app
// keeps and the memos the view models keep per model are both this.

export class Lru<K, V> {
  // A Map iterates in insertion order: a value used again is put back at the end, so the first
  // key is always the least recently used. Values are boxed so that a kept `undefined` is a hit.
  readonly #values = new Map<K, { readonly value: V }>();
  readonly #limit: number;

  /** At most `limit` values (at least one). */
  constructor(limit: number) {
    this.#limit = Math.max(1, limit);
  }

  get size(): number {
    return this.#values.size;
  }

  /** The value kept for `key`, else `compute()`'s, kept; either way now the most recently used. */
  get(key: K, compute: () => V): V {
    const hit = this.#values.get(key);
    if (hit) {
      this.#values.delete(key);
      this.#values.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.#values.set(key, { value });
    for (const oldest of this.#values.keys()) {
      if (this.#values.size <= this.#limit) break;
      this.#values.delete(oldest);
    }
    return value;
  }

  /** The keys, least recently used first. */
  keys(): K[] {
    return [...this.#values.keys()];
  }
}
