// Array helpers that take any number of items: spreading a list into one call
// (`Math.max(...xs)`, `out.push(...xs)`) passes each item as an argument, and past about a hundred
// thousand of them (a hostile file's rows) the call throws a RangeError.

/** The largest of `values` (-Infinity for none, NaN if any is NaN), as Math.max. */
export function maxOf(values: Iterable<number>): number {
  let m = -Infinity;
  for (const v of values) m = Math.max(m, v);
  return m;
}

/** The smallest of `values` (Infinity for none, NaN if any is NaN), as Math.min. */
export function minOf(values: Iterable<number>): number {
  let m = Infinity;
  for (const v of values) m = Math.min(m, v);
  return m;
}

/** Appends every item to `into` (returns its new length, as push). */
export function pushAll<T>(into: T[], items: Iterable<T>): number {
  for (const item of items) into.push(item);
  return into.length;
}

/**
 * The item at position `i`, which the caller knows is there (a position taken from the same list
 * or its index). `noUncheckedIndexedAccess` types every read as possibly missing: this checks once
 * instead of casting, and a wrong position throws rather than passing `undefined` on. Not for lists
 * that hold `undefined` itself (the type parameter excludes it).
 */
export function itemAt<T extends NonNullable<unknown>>(items: ArrayLike<T>, i: number): T {
  const item = items[i];
  if (item === undefined) throw new RangeError(`no item at ${i} of ${items.length}`);
  return item;
}
