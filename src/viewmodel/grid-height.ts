// How a heat grid's height is spent. The grid screen and the grid slide each draw the grid's fixed
// lines, then hand out what is left of the height, in their own order of importance, to notes,
// a legend, rules and taller grid rows: one budget, and one rule for the rows.

import { minOf } from '../domain/arrays.js';

/** Lines of height still to give; each ask gets all the lines it asks for, or none. */
export class LineBudget {
  #left: number;

  constructor(lines: number) {
    this.#left = lines;
  }

  get left(): number {
    return this.#left;
  }

  /** Takes `n` lines if that many are left. */
  take(n: number): boolean {
    if (this.#left < n) return false;
    this.#left -= n;
    return true;
  }
}

/** Lines per grid row (top first) before any are given: the score and band, and one line of ids. */
const ROW_LINES = 2;

/**
 * Lines per grid row, top first, taken from the budget: first a line at a time, round the rows,
 * to each row whose fullest cell needs more id lines (`needed`, from idLinesNeeded); then, up to
 * `tallest` lines a row, a line to each of the lowest rows while a whole round is left (a big
 * screen's cells grow towards square, evenly).
 */
export function gridRowLines(needed: readonly number[], budget: LineBudget, tallest = ROW_LINES): number[] {
  const rows = [ROW_LINES, ROW_LINES, ROW_LINES, ROW_LINES, ROW_LINES];
  for (let grew = true; grew; ) {
    grew = false;
    for (let r = 0; r < rows.length; r++) {
      const lines = rows[r] ?? ROW_LINES;
      if (lines - 1 < (needed[r] ?? 1) && budget.take(1)) {
        rows[r] = lines + 1;
        grew = true;
      }
    }
  }
  while (budget.left >= rows.length && minOf(rows) < tallest) {
    const low = minOf(rows);
    for (let r = 0; r < rows.length; r++) if (rows[r] === low && budget.take(1)) rows[r] = low + 1;
  }
  return rows;
}
