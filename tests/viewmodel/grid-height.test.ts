// The one rule for a heat grid's height, used by the grid screen and the grid slide.

import { describe, expect, it } from 'vitest';
import { gridRowLines, LineBudget } from '../../src/viewmodel/grid-height.js';

describe('LineBudget', () => {
  it('gives all the lines asked for, or none', () => {
    const b = new LineBudget(3);
    expect(b.take(2)).toBe(true);
    expect(b.take(2)).toBe(false);
    expect(b.left).toBe(1);
    expect(b.take(1)).toBe(true);
    expect(b.take(1)).toBe(false);
    expect(new LineBudget(-2).take(1)).toBe(false);
  });
});

describe('gridRowLines', () => {
  it('two lines a row when nothing is spare', () => {
    expect(gridRowLines([3, 1, 2, 1, 1], new LineBudget(0))).toEqual([2, 2, 2, 2, 2]);
  });

  it('gives a line at a time, round the rows, to the rows whose ids need more', () => {
    // Row 0 needs 3 id lines (4 lines), row 2 needs 2 (3 lines): round one gives rows 0 and 2 a
    // line each, round two row 0 its last.
    const b = new LineBudget(10);
    expect(gridRowLines([3, 1, 2, 1, 1], b)).toEqual([4, 2, 3, 2, 2]);
    expect(b.left).toBe(7);
    // Two lines: one round only.
    expect(gridRowLines([3, 1, 2, 1, 1], new LineBudget(2))).toEqual([3, 2, 3, 2, 2]);
    expect(gridRowLines([3, 1, 2, 1, 1], new LineBudget(1))).toEqual([3, 2, 2, 2, 2]);
  });

  it('then grows the lowest rows evenly towards the tallest, a whole round at a time', () => {
    expect(gridRowLines([1, 1, 1, 1, 1], new LineBudget(12), 4)).toEqual([4, 4, 4, 4, 4]);
    expect(gridRowLines([1, 1, 1, 1, 1], new LineBudget(9), 4)).toEqual([3, 3, 3, 3, 3]);
    // The ids first: row 0 has 3 lines, the others catch up to it, then all grow together.
    const b = new LineBudget(11);
    expect(gridRowLines([2, 1, 1, 1, 1], b, 4)).toEqual([4, 4, 4, 4, 4]);
    expect(b.left).toBe(1);
    // Fewer than a round left after the ids: no row grows further.
    expect(gridRowLines([2, 1, 1, 1, 1], new LineBudget(5), 4)).toEqual([3, 2, 2, 2, 2]);
  });
});
