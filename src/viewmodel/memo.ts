// Memos of what a screen computes before its cursor matters: the sorted, filtered, measured rows
// of a list, a document's lines. A screen is still a pure function of (model, parameters); the
// memo only saves recomputing the same thing on every cursor move. The model is never changed
// after it is built, so a value stays right for as long as its model lives (a reload builds a new
// model, with empty memos).

import { Lru } from './lru.js';
import type { Model } from './model.js';

export interface Memo<V> {
  /** The value for `model` and these parameters, computed (and kept) on the first ask. */
  get(model: Model, key: ReadonlyArray<string | number | boolean>, compute: () => V): V;
}

/**
 * A memo per model holding at most `limit` values: the least recently used goes first (a list's
 * rows for a few filters, sorts and sizes; not every filter ever typed).
 */
export function modelMemo<V>(limit: number): Memo<V> {
  const byModel = new WeakMap<Model, Lru<string, V>>();
  return {
    get(model, parts, compute) {
      let values = byModel.get(model);
      if (!values) byModel.set(model, (values = new Lru(limit)));
      // As JSON, so that no text (a filter, an id) can make two keys alike.
      return values.get(JSON.stringify(parts), compute);
    },
  };
}
