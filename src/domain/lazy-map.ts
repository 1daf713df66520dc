// A read-only Map whose values are made when first read (by position), in a fixed key order:
// a period's MetricEval and KpiEval objects (see evaluate-objects.ts).

import type { Keyed } from './evaluate-index.js';
import { itemAt } from './arrays.js';

/** A read-only Map over a period's metric or KPI evaluations, each made when first read. */
export class LazyMap<V> implements ReadonlyMap<string, V> {
  readonly #keys: Keyed;
  readonly #at: (position: number) => V;

  constructor(keys: Keyed, at: (position: number) => V) {
    this.#keys = keys;
    this.#at = at;
  }

  get size(): number {
    return this.#keys.ids.length;
  }

  get(key: string): V | undefined {
    const i = this.#keys.at.get(key);
    return i === undefined ? undefined : this.#at(i);
  }

  has(key: string): boolean {
    return this.#keys.at.has(key);
  }

  forEach(callbackfn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    const { ids, order } = this.#keys;
    for (const [i, id] of ids.entries()) callbackfn.call(thisArg, this.#at(itemAt(order, i)), id, this);
  }

  *entries(): MapIterator<[string, V]> {
    const { ids, order } = this.#keys;
    for (const [i, id] of ids.entries()) yield [id, this.#at(itemAt(order, i))];
    return undefined;
  }

  *keys(): MapIterator<string> {
    yield* this.#keys.ids;
    return undefined;
  }

  *values(): MapIterator<V> {
    const { order } = this.#keys;
    for (const position of order) yield this.#at(position);
    return undefined;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}
