// Everything derivable, computed once at load: each metric's rated value, target, computed and
// reported RAG and the rule behind it, direction of travel, each KPI's rollup, each period's summary.
//
// Built for scale (10 000 KPIs × 40 quarters, 400 000 metric evaluations):
// - the loaded periods are indexed once (which periods end before each one starts, in the order
//   `previousOf` prefers them; the same quarter a year earlier; the earlier quarters of the same
//   year), so a metric's previous figure is a short walk instead of a filter over its history;
// - each period keeps its results in a few typed arrays (RAGs, rated value, decimals, what the
//   value was compared with), a couple of dozen bytes per metric;
// - the `MetricEval` and `KpiEval` objects are made from those arrays when first read through
//   `PeriodEval.metrics` / `kpis` and kept from then on (the same object on every read), so only
//   what the screens look at is ever built. The checks read the arrays in place (`periodRows`);
// - `why` and `result` are worked out when read.
// The indexes and codes are in evaluate-index.ts, the objects in evaluate-objects.ts.

import { formatPeriod, type Period } from './period.js';
import { computeRag, rollupCounts, type NumericTarget, type RagResult } from './rag.js';
import { same, figureAt, firstWithFigure, previousWithFigure, numericTarget, scaleTarget, indexOf, RAG_CODE, SOURCE_CODE, MOVE_CODE, DIRECTION_CODE, COUNTED_SHIFT, SOURCE_SHIFT, RATED_BIT, MOVE_SHIFT, DIRECTION_SHIFT, COMPARISON_SHIFT, columns, goodOf, type Slot, type ObsTable, type MetricContext, type Index, type Columns } from './evaluate-index.js';
import { PeriodResult, PeriodStore } from './evaluate-objects.js';

export { periodRows, type PeriodRows } from './evaluate-objects.js';
import type { Dataset, Kpi, Metric, Observation, PeriodData, Rag, SummaryFigure, Unit } from './types.js';

export type Direction = 'better' | 'worse' | 'same';

export interface Travel {
  readonly move: 'up' | 'down' | 'level';
  /** In performance terms; undefined where the metric has no sense of better (no target, good: target). */
  readonly direction?: Direction;
  readonly from: number;
  readonly to: number;
  readonly against: Period;
  readonly comparison: 'previous period' | 'same quarter last year' | 'earlier period';
}

export interface MetricEval {
  readonly metric: Metric;
  readonly kpi: Kpi;
  readonly period: Period;
  readonly obs?: Observation;
  /** The value rated: the observation's value, or the running total in the year for a cumulative metric. */
  readonly rated?: number;
  readonly ratedDecimals: number;
  /** The target the value was compared with, resolved to numbers, and where it came from. */
  readonly target?: NumericTarget;
  readonly targetSource?: 'catalogue' | 'observation' | 'pro rata' | 'benchmark' | 'change';
  readonly targetLabel?: string;
  readonly result?: RagResult;
  readonly computed: Rag;
  /** Why the computed RAG is what it is, in one line. */
  readonly why: string;
  readonly reported?: Rag;
  /** The RAG that counts: the reported one where given, else the computed one. */
  readonly counted: Rag;
  readonly mismatch: boolean;
  readonly travel?: Travel;
}

export interface KpiEval {
  readonly kpi: Kpi;
  readonly metrics: readonly MetricEval[];
  readonly computed: Rag;
  readonly reported?: Rag;
  readonly counted: Rag;
  /** Whether anything was reported for the KPI this period. */
  readonly hasData: boolean;
}

export type Summary = Readonly<Record<SummaryFigure, number>>;

export interface PeriodEval {
  readonly data: PeriodData;
  readonly kpis: ReadonlyMap<string, KpiEval>;
  readonly metrics: ReadonlyMap<string, MetricEval>;
  readonly summary: Summary;
}

export interface Evaluation {
  readonly dataset: Dataset;
  readonly periods: readonly PeriodEval[];
  readonly byPeriod: ReadonlyMap<string, PeriodEval>;
}

/** Units whose values compare across spans of different length (a quarter against a year). */
const INTENSIVE: ReadonlySet<Unit> = new Set<Unit>(['percent', 'days', 'score', 'rate', 'index', 'ratio']);

// ---------------------------------------------------------------------------------------------
// Rating one metric in one period, into the period's arrays (the indexes and the codes are in
// evaluate-index.ts; the objects made from the arrays in evaluate-objects.ts).

function roundTo(v: number, d: number): number {
  // toFixed leaves an integer as it is (and -0 compares equal to 0).
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v;
  return Number(v.toFixed(Math.min(d, 10)));
}

const UNITS: readonly number[] = [1, 0.1, 0.01, 0.001, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

/**
 * Up, down or level, comparing the two values rounded to `d` decimals. Rounding is monotonic, so
 * values at least one and a half units of the last place apart keep their order and cannot meet:
 * only close values (or values too large for the place to show) need rounding.
 */
function moveOf(from: number, to: number, d: number): Travel['move'] {
  if (from === to) return 'level';
  const unit = UNITS[Math.min(d, 10)] ?? 1;
  const diff = to - from;
  if (Math.abs(diff) >= 1.5 * unit && Math.abs(from) < unit * 2 ** 40 && Math.abs(to) < unit * 2 ** 40) return diff > 0 ? 'up' : 'down';
  const a = roundTo(from, d);
  const b = roundTo(to, d);
  return b > a ? 'up' : b < a ? 'down' : 'level';
}

function distanceTo(v: number, t: NumericTarget): number {
  if (t.kind === 'value') return Math.abs(v - t.value);
  return v < t.min ? t.min - v : v > t.max ? v - t.max : 0;
}

/** The direction of travel as code bits (0 when there is none), with the period compared with in `cols.against`. */
function travelCode(metric: Metric, table: ObsTable, slots: readonly Slot[], s: Slot, obs: Observation | undefined, target: NumericTarget | undefined, cols: Columns, c: number): number {
  if (obs?.value == null) return 0;
  // Only figures for periods that ended before this one started.
  let j: number;
  if (metric.cumulative || metric.yearToDate) j = firstWithFigure(table, s.lastYear, c);
  else if (metric.target?.kind === 'change') {
    j = firstWithFigure(table, s.lastYear, c);
    if (j < 0) j = previousWithFigure(table, slots, s, c);
  } else {
    // A quarter's count is not comparable with a year's: only intensive units compare across spans.
    j = previousWithFigure(table, slots, s, c, INTENSIVE.has(metric.unit) ? undefined : s.year);
  }
  if (j < 0) return 0;
  const before = figureAt(table, j, c) as Observation;
  if (before.value == null) return 0;
  const againstPeriod = (slots[j] as Slot).period;
  const comparison = same(againstPeriod, s.preceding) ? 0 : same(againstPeriod, s.yearAgo) ? 1 : 2;
  const from = before.value;
  const to = obs.value;
  const d = Math.max(before.written?.decimals ?? 0, obs.written?.decimals ?? 0, metric.decimals ?? 0);
  const move = moveOf(from, to, d);
  let direction: Direction | undefined;
  if (move === 'level') direction = 'same';
  else if (metric.target?.kind === 'change') direction = (move === 'down') === (metric.target.direction === 'decrease') ? 'better' : 'worse';
  else if (metric.good === 'high') direction = move === 'up' ? 'better' : 'worse';
  else if (metric.good === 'low') direction = move === 'down' ? 'better' : 'worse';
  else if (target !== undefined) {
    const da = distanceTo(roundTo(from, d), target);
    const db = distanceTo(roundTo(to, d), target);
    direction = db < da ? 'better' : db > da ? 'worse' : 'same';
  }
  cols.against[c] = j;
  cols.from[c] = from;
  return (MOVE_CODE[move] << MOVE_SHIFT) | ((direction ? DIRECTION_CODE[direction] : 0) << DIRECTION_SHIFT) | (comparison << COMPARISON_SHIFT);
}

/** Rates metric `c` in period `s` into `cols`; returns its counted RAG's code, plus 4 when it was observed. */
function rateMetric(mc: MetricContext, table: ObsTable, slots: readonly Slot[], s: Slot, cols: Columns, c: number): number {
  const { metric, tol } = mc;
  const obs = cols.obs[c];
  let rated: number | undefined;
  let ratedDecimals = 0;
  let target: NumericTarget | undefined;
  let source = 0;
  let computed: Rag = 'unrated';
  rate: {
    if (obs === undefined || obs.value === null) break rate;
    rated = obs.value;
    ratedDecimals = obs.written?.decimals ?? 0;
    let proRata = 1;
    const q = s.period.q;
    if (metric.cumulative && q !== undefined) {
      for (const j of s.earlierQuarters) {
        const h = figureAt(table, j, c);
        if (h === undefined) continue;
        rated += h.value ?? 0;
        ratedDecimals = Math.max(ratedDecimals, h.written?.decimals ?? 0);
      }
      proRata = q / 4;
      // A running total that overflows is not rated (the checks say so: OUT_OF_RANGE).
      if (!Number.isFinite(rated)) break rate;
    } else if (metric.yearToDate && q !== undefined) {
      proRata = q / 4;
    }

    const spec = obs.target ?? metric.target;
    if (spec === undefined) break rate;
    let t: NumericTarget | undefined;
    let src: number;
    if (spec.kind === 'benchmark') {
      const b = obs.benchmarks[spec.name];
      if (b === undefined) break rate;
      t = { kind: 'value', value: b };
      src = SOURCE_CODE.benchmark;
    } else if (spec.kind === 'change') {
      rated = obs.value;
      let j = firstWithFigure(table, s.lastYear, c);
      if (j < 0) j = previousWithFigure(table, slots, s, c);
      const before = j < 0 ? undefined : figureAt(table, j, c);
      if (before?.value == null) break rate;
      t = { kind: 'value', value: before.value, strict: true };
      src = SOURCE_CODE.change;
      cols.prior[c] = j;
    } else {
      const own = obs.target !== undefined;
      t = own ? numericTarget(spec) : mc.target;
      src = own ? SOURCE_CODE.observation : SOURCE_CODE.catalogue;
      if (t && proRata !== 1 && !own) {
        t = mc.proRata[q as number] ?? scaleTarget(t, proRata);
        src = SOURCE_CODE['pro rata'];
      }
    }
    if (t === undefined) break rate;
    target = t;
    source = src;
    computed = computeRag(rated, goodOf(metric, spec), t, tol).rag;
  }
  const counted = RAG_CODE[obs?.rag ?? computed];
  let code = RAG_CODE[computed] | (counted << COUNTED_SHIFT) | (source << SOURCE_SHIFT);
  if (rated !== undefined) {
    code |= RATED_BIT;
    cols.rated[c] = rated;
  }
  cols.decimals[c] = ratedDecimals;
  cols.code[c] = code | travelCode(metric, table, slots, s, obs, target, cols, c);
  return obs === undefined ? counted : counted | 4;
}

function summaryOf(kpi: number, green: number, amber: number, red: number, unrated: number): Summary {
  const rated = green + amber + red;
  return {
    kpi_count: kpi,
    rated_count: rated,
    unrated_count: unrated,
    green_count: green,
    amber_count: amber,
    red_count: red,
    percent_achieving: rated === 0 ? 0 : (green / rated) * 100,
  };
}

/** Rates every metric and KPI of the catalogue in one period; returns the period's summary. */
function ratePeriod(index: Index, table: ObsTable, s: Slot, cols: Columns): Summary {
  const { slots, contexts } = index;
  const kpiCounted = new Uint8Array(index.kpis.length);
  for (const [k, kc] of index.kpis.entries()) {
    let green = 0;
    let amber = 0;
    let red = 0;
    let observed = false;
    for (let c = kc.first; c < kc.first + kc.count; c++) {
      const rated = rateMetric(contexts[c] as MetricContext, table, slots, s, cols, c);
      const counted = rated & 3;
      if (counted === 1) green += 1;
      else if (counted === 2) amber += 1;
      else if (counted === 3) red += 1;
      if (rated & 4) observed = true;
    }
    const kpi = kc.kpi;
    const computed = RAG_CODE[rollupCounts(green, amber, red, kpi.rollup)];
    const report = kpi.composite ? s.data.kpiReports.get(kpi.id) : undefined;
    const hasData = report !== undefined || observed;
    cols.kpiCode[k] = computed | (hasData ? 4 : 0);
    kpiCounted[k] = report?.rag ? RAG_CODE[report.rag] : computed;
  }
  let kpis = 0;
  const counts = [0, 0, 0, 0];
  for (const k of index.kpiKeys.order) {
    if (((cols.kpiCode[k] as number) & 4) === 0) continue;
    kpis += 1;
    (counts[kpiCounted[k] as number] as number) += 1;
  }
  return summaryOf(kpis, counts[1] as number, counts[2] as number, counts[3] as number, counts[0] as number);
}


/** Evaluates every metric and KPI in every loaded period. */
export function evaluate(dataset: Dataset): Evaluation {
  const index = indexOf(dataset.catalogue, dataset.periods);
  const n = index.contexts.length;
  const all = index.slots.map(() => columns(n, index.kpis.length, index.slots.length));
  // Each observation is looked up once; rating reads earlier periods' figures from these columns.
  for (const [i, s] of index.slots.entries()) {
    const obs = (all[i] as Columns).obs;
    const observations = s.data.observations;
    for (let c = 0; c < n; c++) obs[c] = observations.get((index.contexts[c] as MetricContext).metric.id);
  }
  const table: ObsTable = all.map((cols) => cols.obs);
  const evals: PeriodEval[] = [];
  const byPeriod = new Map<string, PeriodEval>();
  for (const [i, s] of index.slots.entries()) {
    const cols = all[i] as Columns;
    const summary = ratePeriod(index, table, s, cols);
    const pe = new PeriodResult(s.data, new PeriodStore(index, s, cols), summary);
    evals.push(pe);
    byPeriod.set(formatPeriod(s.period), pe);
  }
  return { dataset, periods: evals, byPeriod };
}
