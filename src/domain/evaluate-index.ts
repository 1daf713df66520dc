// The indexes evaluate() builds once per data set (which loaded periods precede each one, the
// catalogue's metrics and KPIs by position, each period's observation of each metric) and the
// named columns each period's results are kept in. See evaluate.ts for the whole design.

import { endMonth, precedingPeriod, sameQuarterLastYear, startMonth, type Period } from './period.js';
import type { NumericTarget } from './rag.js';
import type { Catalogue, Good, Kpi, Metric, Observation, PeriodData, Rag, Target, Tolerance } from './types.js';
import type { Direction, TargetSource, Travel } from './evaluate.js';
import { Coded, flags } from './coded.js';
import { itemAt } from './arrays.js';

// ---------------------------------------------------------------------------------------------
// The loaded periods, indexed once.

/** One loaded period and where its comparators are among the loaded periods (indexes into them). */
export interface Slot {
  /** Its own place among the loaded periods. */
  readonly at: number;
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
  const start = periods.map((d) => startMonth(d.period));
  const end = periods.map((d) => endMonth(d.period));
  return periods.map((data, at) => {
    const p = data.period;
    const year = p.q === undefined;
    const s = itemAt(start, at);
    const yearAgo = sameQuarterLastYear(p);
    const before: number[] = [];
    const lastYear: number[] = [];
    const earlierQuarters: number[] = [];
    for (const [j, other] of periods.entries()) {
      const pj = other.period;
      if (itemAt(end, j) <= s) before.push(j);
      if (same(pj, yearAgo)) lastYear.push(j);
      if (p.q !== undefined && pj.fy === p.fy && pj.q !== undefined && pj.q < p.q) earlierQuarters.push(j);
    }
    // previousOf keeps the first period that ends latest, unless a later one of the same kind ends
    // as late: so latest end first, then the same kind (quarter or year), then load order.
    const kindOf = (j: number) => ((itemAt(periods, j).period.q === undefined) === year ? 0 : 1);
    before.sort((a, b) => itemAt(end, b) - itemAt(end, a) || kindOf(a) - kindOf(b) || a - b);
    return { at, data, period: p, year, before, lastYear, earlierQuarters, preceding: precedingPeriod(p), yearAgo };
  });
}

/** Each loaded period's observation of each metric (by position in the catalogue), looked up once. */
export type ObsTable = ReadonlyArray<ReadonlyArray<Observation | undefined>>;

/** An observation with a value: a figure. */
export type Figure = Observation & { readonly value: number };

export function isFigure(o: Observation | undefined): o is Figure {
  return o !== undefined && o.value !== null;
}

/** The figure (an observation with a value) of metric `c` in loaded period `j`, if there is one. */
export function figureAt(table: ObsTable, j: number, c: number): Figure | undefined {
  const o = table[j]?.[c];
  return isFigure(o) ? o : undefined;
}

/** The index of the first loaded period, among `list`, that has a figure for metric `c`; -1 if none. */
export function firstWithFigure(table: ObsTable, list: readonly number[], c: number): number {
  for (const j of list) if (figureAt(table, j, c) !== undefined) return j;
  return -1;
}

/** `previousOf` over the periods with a figure for metric `c` (and, when `year` is given, of that kind only). */
export function previousWithFigure(index: Index, s: Slot, c: number, year?: boolean): number {
  for (const j of s.before) {
    if (year !== undefined && itemAt(index.slots, j).year !== year) continue;
    if (figureAt(index.obs, j, c) !== undefined) return j;
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
  /** The catalogue's target as numbers, where it has one (made once: most figures are rated against it). */
  readonly catalogueTarget: ResolvedTarget | undefined;
  /** For a running total (cumulative or year to date): the pro-rata share of it by quarter (index 1–3). */
  readonly proRata: ReadonlyArray<ResolvedTarget | undefined>;
}

/** A target a figure is rated against, as numbers, and where it came from (see `rateMetric`). */
export interface ResolvedTarget {
  readonly target: NumericTarget;
  readonly source: TargetSource;
  /** For a year-on-year target: the loaded period (its index) whose figure is the target. */
  readonly prior?: number;
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
  /** Each loaded period's observation of each metric: `obs[slot.at][c]`. */
  readonly obs: ObsTable;
  readonly contexts: readonly MetricContext[];
  readonly kpis: readonly KpiContext[];
  readonly metricKeys: Keyed;
  readonly kpiKeys: Keyed;
}

export function keyed(ids: readonly string[]): Keyed {
  const at = new Map<string, number>();
  const unique: string[] = [];
  const order: number[] = [];
  /** Each id's place in `unique`. */
  const place = new Map<string, number>();
  for (const [i, id] of ids.entries()) {
    const p = place.get(id);
    if (p === undefined) {
      place.set(id, unique.length);
      unique.push(id);
      order.push(i);
    } else order[p] = i;
    at.set(id, i);
  }
  return { ids: unique, order, at };
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
        const proRata: Array<ResolvedTarget | undefined> = [undefined, undefined, undefined, undefined];
        if (target && (metric.cumulative || metric.yearToDate)) for (let q = 1; q < 4; q++) proRata[q] = { target: scaleTarget(target, q / 4), source: 'pro rata' };
        const catalogueTarget: ResolvedTarget | undefined = target && { target, source: 'catalogue' };
        contexts.push({ metric, kpi, tol: metric.amber ?? catalogue.amber, catalogueTarget, proRata });
      }
    }
  }
  const metricIds = contexts.map((mc) => mc.metric.id);
  return {
    slots: slotsOf(periods),
    obs: periods.map((d) => metricIds.map((id) => d.observations.get(id))),
    contexts,
    kpis,
    metricKeys: keyed(metricIds),
    kpiKeys: keyed(kpis.map((k) => k.kpi.id)),
  };
}

// ---------------------------------------------------------------------------------------------
// What a period's results are kept in: a few named columns, by position as in the index.

/** The values a RAG column holds (an unset row is unrated). */
const RAG_VALUES: readonly [Rag, ...Rag[]] = ['unrated', 'green', 'amber', 'red'];
const MOVE_VALUES: readonly [Travel['move'] | undefined, ...Array<Travel['move']>] = [undefined, 'up', 'down', 'level'];
const DIRECTION_VALUES: readonly [Direction | undefined, ...Direction[]] = [undefined, 'better', 'worse', 'same'];
const COMPARISON_VALUES: readonly [Travel['comparison'], ...Array<Travel['comparison']>] = ['previous period', 'same quarter last year', 'earlier period'];

/** Each metric's results in one period: a few bytes per metric (about 25). */
export interface MetricColumns {
  readonly computed: Coded<Rag>;
  /** The reported RAG where given, else the computed one. */
  readonly counted: Coded<Rag>;
  /** The reported RAG contradicts the computed one (`Rating.mismatch`). */
  readonly mismatch: Coded<boolean>;
  /** Whether a value was rated; `rated` holds it where one was. */
  readonly isRated: Coded<boolean>;
  readonly rated: Float64Array;
  /** The direction of travel's move; undefined where there is no travel. */
  readonly move: Coded<Travel['move'] | undefined>;
  readonly direction: Coded<Direction | undefined>;
  readonly comparison: Coded<Travel['comparison']>;
  /** The loaded period the travel compares with (its place), or -1. */
  readonly against: Int16Array | Int32Array;
  /** The value the travel compares with. */
  readonly from: Float64Array;
}

/** Each KPI's results in one period. */
export interface KpiColumns {
  readonly computed: Coded<Rag>;
  /** A composite KPI's published overall RAG, where given. */
  readonly reported: Coded<Rag | undefined>;
  readonly counted: Coded<Rag>;
  /** Whether anything was reported for the KPI this period. */
  readonly hasData: Coded<boolean>;
}

export interface Columns {
  readonly metrics: MetricColumns;
  readonly kpis: KpiColumns;
}

export function columns(index: Index): Columns {
  const n = index.contexts.length;
  const k = index.kpis.length;
  const links = () => (index.slots.length <= 0x7fff ? new Int16Array(n) : new Int32Array(n)).fill(-1);
  return {
    metrics: {
      computed: new Coded(RAG_VALUES, n),
      counted: new Coded(RAG_VALUES, n),
      mismatch: flags(n),
      isRated: flags(n),
      rated: new Float64Array(n),
      move: new Coded(MOVE_VALUES, n),
      direction: new Coded(DIRECTION_VALUES, n),
      comparison: new Coded(COMPARISON_VALUES, n),
      against: links(),
      from: new Float64Array(n),
    },
    kpis: {
      computed: new Coded(RAG_VALUES, k),
      reported: new Coded<Rag | undefined>([undefined, ...RAG_VALUES], k),
      counted: new Coded(RAG_VALUES, k),
      hasData: flags(k),
    },
  };
}

/** The sense of better a target asks for: a year-on-year change's own, else the metric's. */
export function goodOf(metric: Metric, spec: Target): Good {
  return spec.kind === 'change' ? (spec.direction === 'decrease' ? 'low' : 'high') : metric.good;
}

