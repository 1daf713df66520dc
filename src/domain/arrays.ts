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
