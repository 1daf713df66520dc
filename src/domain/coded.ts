// A column of results that each take one of a few values (a RAG, a direction of travel, yes or
// no), kept in one byte per row: the value's place in a fixed list. A period's results at scale
// (10 000 KPIs × 40 quarters) are kept in these instead of an object per metric: see evaluate.ts.

/** One of a few values per row, one byte each. A row not yet set holds the list's first value. */
export class Coded<T> {
  readonly #values: readonly [T, ...T[]];
  readonly #codes: Uint8Array;

  /** `values` (at most 256) in any order; the first is every row's value until set. */
  constructor(values: readonly [T, ...T[]], rows: number) {
    if (values.length > 256) throw new RangeError('a coded column holds at most 256 values');
    this.#values = values;
    this.#codes = new Uint8Array(rows);
  }

  get length(): number {
    return this.#codes.length;
  }

  get(row: number): T {
    // A code is always a place in #values (set() checks it), so the fallback is never taken.
    return this.#values[this.#codes[row] ?? 0] ?? this.#values[0];
  }

  set(row: number, value: T): void {
    // A loop rather than indexOf: the lists are a few values long, and the loop is inlined where
    // a period's columns are filled (hundreds of thousands of times at scale).
    const values = this.#values;
    let code = 0;
    while (code < values.length && values[code] !== value) code++;
    if (code === values.length) throw new RangeError(`${String(value)} is not one of this column's values`);
    if (row < 0 || row >= this.#codes.length) throw new RangeError(`no row ${row} of ${this.#codes.length}`);
    this.#codes[row] = code;
  }
}

/** Yes or no per row, one byte each; no until set. */
export function flags(rows: number): Coded<boolean> {
  return new Coded<boolean>([false, true], rows);
}
