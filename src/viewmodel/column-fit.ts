// Which columns of a table fit a width, and how wide each is. The KPI table and the register (its
// screen and its slide) each describe what they would draw, fullest first; the first that fits is
// drawn. The table component pads every cell with a space each side and draws a border before
// each column and after the last: CELL_OVERHEAD columns per column, plus 1.

export const CELL_OVERHEAD = 3;

/** One way to draw a table: its columns, the least each takes, and who gets the room left. */
export interface ColumnPlan<K> {
  /** The columns drawn, in order, each with the least width it takes. */
  readonly columns: ReadonlyArray<{ readonly key: K; readonly least: number }>;
  /** Room left over goes to these in turn, each up to its width (a key not drawn is passed over). */
  readonly grow: ReadonlyArray<readonly [key: K, upTo: number]>;
  /** When even the last plan's least widths do not fit, this column gives way (to 1 at least). */
  readonly giveWay: K;
}

export interface ColumnFit<K, P extends ColumnPlan<K>> {
  /** The plan drawn: the first that fits, else the last. */
  readonly plan: P;
  /** The plan's columns with their widths. */
  readonly columns: ReadonlyArray<{ readonly key: K; readonly width: number }>;
}

/** The room a table of these column widths leaves in `width` (negative: too wide). */
export function spareRoom(width: number, widths: Iterable<number>): number {
  let spare = width - 1;
  for (const w of widths) spare -= w + CELL_OVERHEAD;
  return spare;
}

/**
 * The first plan whose columns fit `width` at their least widths, widened by its `grow` list; if
 * none fits, the last, with its `giveWay` column narrowed. Plans are taken one at a time, so a
 * generator need only work out the plans it gets to.
 */
export function fitColumns<K, P extends ColumnPlan<K>>(plans: Iterable<P>, width: number): ColumnFit<K, P> {
  let last: P | undefined;
  for (const plan of plans) {
    last = plan;
    if (spareRoom(width, plan.columns.map((c) => c.least)) >= 0) return { plan, columns: widen(plan, width) };
  }
  if (!last) throw new Error('fitColumns: no plan to fit');
  return { plan: last, columns: widen(last, width) };
}

function widen<K>(plan: ColumnPlan<K>, width: number): Array<{ key: K; width: number }> {
  const w = new Map(plan.columns.map((c) => [c.key, c.least]));
  let spare = spareRoom(width, w.values());
  for (const [key, upTo] of plan.grow) {
    const now = w.get(key);
    if (now === undefined) continue;
    const by = Math.max(0, Math.min(spare, upTo - now));
    w.set(key, now + by);
    spare -= by;
  }
  const giving = w.get(plan.giveWay);
  if (spare < 0 && giving !== undefined) w.set(plan.giveWay, Math.max(1, giving + spare));
  return plan.columns.map((c) => ({ key: c.key, width: w.get(c.key) ?? c.least }));
}
