// The indexes evaluate() builds once per data set (which loaded periods precede each one, the
// catalogue's metrics and KPIs by position) and the packed codes each period's arrays hold. See
// evaluate.ts for the whole design.

import { endMonth, precedingPeriod, sameQuarterLastYear, startMonth, type Period } from './period.js';
import type { NumericTarget } from './rag.js';
import type { Catalogue, Good, Kpi, Metric, Observation, PeriodData, Rag, Target, Tolerance } from './types.js';
import type { Direction, TargetSource, Travel } from './evaluate.js';

// ---------------------------------------------------------------------------------------------
// The loaded periods, indexed once.

/** One loaded period and where its comparators are among the loaded periods (indexes into them). */
export interface Slot {
  readonly data: PeriodData;
  readonly period: Period;
  readonly year: boolean;
  /** The periods that ended before this one starts, in `previousOf`'s order of preference. */
  readonly before: readonly number[];
  /** The periods that are the same quarter (or year) one year earlier, in load order. */
  readonly lastYear: readonly number[];
  /** The earlier quarters of the same financial year, in load order (a cumulative metric's running total). */
  readonly earlierQuarters: readonly number[];
  readonly preceding: Period;
  readonly yearAgo: Period;
}

export function same(a: Period, b: Period): boolean {
  return a.fy === b.fy && a.q === b.q;
}

export function slotsOf(periods: readonly PeriodData[]): Slot[] {
  const n = periods.length;
  const start: number[] = [];
  const end: number[] = [];
  for (const d of periods) {
    start.push(startMonth(d.period));
    end.push(endMonth(d.period));
  }
  const slots: Slot[] = [];
  for (let i = 0; i < n; i++) {
    const data = periods[i] as PeriodData;
    const p = data.period;
    const year = p.q === undefined;
    const s = start[i] as number;
    const yearAgo = sameQuarterLastYear(p);
    const before: number[] = [];
    const lastYear: number[] = [];
    const earlierQuarters: number[] = [];
    for (let j = 0; j < n; j++) {
      const pj = (periods[j] as PeriodData).period;
      if ((end[j] as number) <= s) before.push(j);
      if (same(pj, yearAgo)) lastYear.push(j);
      if (p.q !== undefined && pj.fy === p.fy && pj.q !== undefined && pj.q < p.q) earlierQuarters.push(j);
    }
    // previousOf keeps the first period that ends latest, unless a later one of the same kind ends
    // as late: so latest end first, then the same kind (quarter or year), then load order.
    const kindOf = (j: number) => (((periods[j] as PeriodData).period.q === undefined) === year ? 0 : 1);
    before.sort((a, b) => (end[b] as number) - (end[a] as number) || kindOf(a) - kindOf(b) || a - b);
    slots.push({ data, period: p, year, before, lastYear, earlierQuarters, preceding: precedingPeriod(p), yearAgo });
  }
  return slots;
}

/** Each loaded period's observation of each metric (by position in the catalogue), looked up once. */
export type ObsTable = ReadonlyArray<ReadonlyArray<Observation | undefined>>;

/** A figure (an observation with a value) of metric `c` in loaded period `j`. */
export function figureAt(table: ObsTable, j: number, c: number): Observation | undefined {
  const o = (table[j] as ReadonlyArray<Observation | undefined>)[c];
  return o === undefined || o.value === null ? undefined : o;
}

/** The index of the first loaded period, among `list`, that has a figure for metric `c`; -1 if none. */
export function firstWithFigure(table: ObsTable, list: readonly number[], c: number): number {
  for (const j of list) if (figureAt(table, j, c) !== undefined) return j;
  return -1;
}

/** `previousOf` over the periods with a figure (and, when `year` is given, of that kind only). */
export function previousWithFigure(table: ObsTable, slots: readonly Slot[], s: Slot, c: number, year?: boolean): number {
  for (const j of s.before) {
    if (year !== undefined && (slots[j] as Slot).year !== year) continue;
    if (figureAt(table, j, c) !== undefined) return j;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The catalogue, indexed once.

/** What is worked out once per metric, whatever the period. */
export interface MetricContext {
  readonly metric: Metric;
  readonly kpi: Kpi;
  readonly tol: Tolerance;
  /** The catalogue target as numbers, and scaled pro rata by quarter (index 1–3). */
  readonly target: NumericTarget | undefined;
  readonly proRata: ReadonlyArray<NumericTarget | undefined>;
}

export interface KpiContext {
  readonly kpi: Kpi;
  /** Its metrics are contexts[first] … contexts[first + count - 1]. */
  readonly first: number;
  readonly count: number;
}

/** Keys in catalogue order; a key written twice keeps its first place and its last value (as a Map does). */
export interface Keyed {
  readonly ids: readonly string[];
  /** For each of `ids`, the position of its value. */
  readonly order: readonly number[];
  readonly at: ReadonlyMap<string, number>;
}

export interface Index {
  readonly slots: readonly Slot[];
  readonly contexts: readonly MetricContext[];
  readonly kpis: readonly KpiContext[];
  readonly metricKeys: Keyed;
  readonly kpiKeys: Keyed;
}

export function keyed(ids: readonly string[]): Keyed {
  const at = new Map<string, number>();
  const unique: string[] = [];
  for (const [i, id] of ids.entries()) {
    if (!at.has(id)) unique.push(id);
    at.set(id, i);
  }
  return { ids: unique, order: unique.map((id) => at.get(id) as number), at };
}

export function numericTarget(t: Target | undefined): NumericTarget | undefined {
  if (t === undefined) return undefined;
  if (t.kind === 'value') return { kind: 'value', value: t.value };
  if (t.kind === 'band') return { kind: 'band', min: t.min, max: t.max };
  return undefined;
}

export function scaleTarget(t: NumericTarget, f: number): NumericTarget {
  return t.kind === 'value' ? { kind: 'value', value: t.value * f } : { kind: 'band', min: t.min * f, max: t.max * f };
}

export function indexOf(catalogue: Catalogue, periods: readonly PeriodData[]): Index {
  const contexts: MetricContext[] = [];
  const kpis: KpiContext[] = [];
  for (const priority of catalogue.priorities) {
    for (const kpi of priority.kpis) {
      kpis.push({ kpi, first: contexts.length, count: kpi.metrics.length });
      for (const metric of kpi.metrics) {
        const target = numericTarget(metric.target);
        const proRata: Array<NumericTarget | undefined> = [undefined, undefined, undefined, undefined];
        if (target && (metric.cumulative || metric.yearToDate)) for (let q = 1; q < 4; q++) proRata[q] = scaleTarget(target, q / 4);
        contexts.push({ metric, kpi, tol: metric.amber ?? catalogue.amber, target, proRata });
      }
    }
  }
  return {
    slots: slotsOf(periods),
    contexts,
    kpis,
    metricKeys: keyed(contexts.map((c) => c.metric.id)),
    kpiKeys: keyed(kpis.map((k) => k.kpi.id)),
  };
}

// ---------------------------------------------------------------------------------------------
// What a period's arrays hold: each metric's packed code, and the target helpers rating and the
// objects share.

export const RAGS: readonly Rag[] = ['unrated', 'green', 'amber', 'red'];
export const RAG_CODE: Readonly<Record<Rag, number>> = { unrated: 0, green: 1, amber: 2, red: 3 };
export const SOURCES: ReadonlyArray<TargetSource | undefined> = [undefined, 'catalogue', 'observation', 'pro rata', 'benchmark', 'change'];
export const SOURCE_CODE: Readonly<Record<TargetSource, number>> = { catalogue: 1, observation: 2, 'pro rata': 3, benchmark: 4, change: 5 };
export const MOVES: ReadonlyArray<Travel['move'] | undefined> = [undefined, 'up', 'down', 'level'];
export const MOVE_CODE: Readonly<Record<Travel['move'], number>> = { up: 1, down: 2, level: 3 };
export const DIRECTIONS: ReadonlyArray<Direction | undefined> = [undefined, 'better', 'worse', 'same'];
export const DIRECTION_CODE: Readonly<Record<Direction, number>> = { better: 1, worse: 2, same: 3 };
export const COMPARISONS: ReadonlyArray<Travel['comparison']> = ['previous period', 'same quarter last year', 'earlier period'];
export const COMPARISON_CODE: Readonly<Record<Travel['comparison'], number>> = { 'previous period': 0, 'same quarter last year': 1, 'earlier period': 2 };

// Bits of a metric's code.
export const COMPUTED_MASK = 0b11; // computed RAG
export const COUNTED_SHIFT = 2; // counted RAG (2 bits)
export const SOURCE_SHIFT = 4; // target source (3 bits)
export const RATED_BIT = 1 << 7; // a value was rated
export const MOVE_SHIFT = 8; // travel (2 bits; 0 = none)
export const DIRECTION_SHIFT = 10; // its direction (2 bits; 0 = none)
export const COMPARISON_SHIFT = 12; // its comparison (2 bits)

/** A period's results, a few numbers per metric and KPI (positions as in the index). */
export interface Columns {
  /** Each metric's observation (the same object as in the period's data). */
  readonly obs: Array<Observation | undefined>;
  readonly code: Int32Array;
  readonly rated: Float64Array;
  readonly decimals: Int32Array;
  /** The period the travel compares with (an index into the loaded periods), or -1. */
  readonly against: Int16Array | Int32Array;
  /** The value the travel compares with. */
  readonly from: Float64Array;
  /** The period a year-on-year target came from, or -1. */
  readonly prior: Int16Array | Int32Array;
  /** Per KPI: the rollup RAG (2 bits) and whether anything was reported (bit 2). */
  readonly kpiCode: Uint8Array;
}

export function columns(metrics: number, kpis: number, periods: number): Columns {
  const links = () => (periods <= 0x7fff ? new Int16Array(metrics) : new Int32Array(metrics)).fill(-1);
  return {
    obs: new Array<Observation | undefined>(metrics).fill(undefined),
    code: new Int32Array(metrics),
    rated: new Float64Array(metrics),
    decimals: new Int32Array(metrics),
    against: links(),
    from: new Float64Array(metrics),
    prior: links(),
    kpiCode: new Uint8Array(kpis),
  };
}


/** The target as written for this observation: its own, else the catalogue's. */
export function specOf(metric: Metric, obs: Observation | undefined): Target | undefined {
  return obs?.target ?? metric.target;
}

export function goodOf(metric: Metric, spec: Target): Good {
  return spec.kind === 'change' ? (spec.direction === 'decrease' ? 'low' : 'high') : metric.good;
}

