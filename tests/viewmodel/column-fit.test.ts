// The one column fitter the KPI table and the register use.

import { describe, expect, it } from 'vitest';
import { CELL_OVERHEAD, fitColumns, spareRoom, type ColumnPlan } from '../../src/viewmodel/column-fit.js';

type Key = 'id' | 'title' | 'note';
const plan = (columns: ReadonlyArray<readonly [Key, number]>, grow: ColumnPlan<Key>['grow'] = []): ColumnPlan<Key> => ({
  columns: columns.map(([key, least]) => ({ key, least })),
  grow,
  giveWay: 'title',
});
const full = plan(
  [
    ['id', 4],
    ['title', 10],
    ['note', 6],
  ],
  [
    ['title', 20],
    ['note', 12],
    ['title', 30],
  ],
);
const lean = plan(
  [
    ['id', 4],
    ['title', 10],
  ],
  [['title', 30]],
);

describe('fitColumns', () => {
  it('counts a border and a space each side per column, and the last border', () => {
    expect(spareRoom(20, [4, 10])).toBe(20 - 1 - 2 * CELL_OVERHEAD - 14);
  });

  it('takes the first plan that fits at its least widths, and gives it the room in the grow order', () => {
    // The full plan needs 20 + 3 × 3 + 1 = 30 columns at least.
    expect(fitColumns([full, lean], 30)).toEqual({ plan: full, columns: [{ key: 'id', width: 4 }, { key: 'title', width: 10 }, { key: 'note', width: 6 }] });
    // 10 spare: the title to 20 first.
    expect(fitColumns([full, lean], 40).columns.map((c) => c.width)).toEqual([4, 20, 6]);
    // 20 spare: title to 20, note to 12, title gets the 4 left.
    expect(fitColumns([full, lean], 50).columns.map((c) => c.width)).toEqual([4, 24, 12]);
    // Wide: every grow step to its end, and no further.
    expect(fitColumns([full, lean], 200).columns.map((c) => c.width)).toEqual([4, 30, 12]);
  });

  it('falls back to a leaner plan, and past the last, narrows the column that gives way', () => {
    expect(fitColumns([full, lean], 29).plan).toBe(lean);
    expect(fitColumns([full, lean], 29).columns.map((c) => c.width)).toEqual([4, 18]);
    expect(fitColumns([full, lean], 15).columns.map((c) => c.width)).toEqual([4, 4]);
    expect(fitColumns([full, lean], 3).columns.map((c) => c.width)).toEqual([4, 1]);
  });

  it('works out only the plans it gets to', () => {
    const asked: string[] = [];
    function* plans() {
      asked.push('full');
      yield full;
      asked.push('lean');
      yield lean;
    }
    fitColumns(plans(), 80);
    expect(asked).toEqual(['full']);
  });
});
