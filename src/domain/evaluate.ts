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
import { rollupCounts, type NumericTarget, type RagResult } from './rag.js';
import { rateMetric, travelOf } from './rate-metric.js';
import { indexOf, RAG_CODE, SOURCE_CODE, MOVE_CODE, DIRECTION_CODE, COMPARISON_CODE, COUNTED_SHIFT, SOURCE_SHIFT, RATED_BIT, MOVE_SHIFT, DIRECTION_SHIFT, COMPARISON_SHIFT, columns, type Slot, type ObsTable, type MetricContext, type Index, type Columns } from './evaluate-index.js';
import { PeriodResult, PeriodStore } from './evaluate-objects.js';

export { periodRows, type PeriodRows } from './evaluate-objects.js';
export { rateMetric, type Rating } from './rate-metric.js';
import type { Dataset, Kpi, Metric, Observation, PeriodData, Rag, SummaryFigure } from './types.js';

export type Direction = 'better' | 'worse' | 'same';

/** Where the target a figure was rated against came from. */
export type TargetSource = 'catalogue' | 'observation' | 'pro rata' | 'benchmark' | 'change';

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
  readonly obs?: Observation | undefined;
  /** The value rated: the observation's value, or the running total in the year for a cumulative metric. */
  readonly rated?: number | undefined;
  readonly ratedDecimals: number;
  /** The target the value was compared with, resolved to numbers, and where it came from. */
  readonly target?: NumericTarget | undefined;
  readonly targetSource?: TargetSource | undefined;
  /** The published label of the target used (see `Rating.targetLabel`). */
  readonly targetLabel?: string | undefined;
  readonly result?: RagResult | undefined;
  readonly computed: Rag;
  /** Why the computed RAG is what it is, in one line. */
  readonly why: string;
  /** `why`, with `leadsTo` joining the comparison to the RAG (the viewmodel's glyph: "→" or "->"). */
  explain?: ((leadsTo: string) => string) | undefined;
  readonly reported?: Rag | undefined;
  /** The RAG that counts: the reported one where given, else the computed one. */
  readonly counted: Rag;
  readonly mismatch: boolean;
  readonly travel?: Travel | undefined;
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

/** Rates metric `c` in period `s` into `cols`; returns its counted RAG's code, plus 4 when it was observed. */
function rateInto(mc: MetricContext, table: ObsTable, slots: readonly Slot[], s: Slot, cols: Columns, c: number): number {
  const obs = cols.obs[c];
  const r = rateMetric(mc, table, slots, s, c, obs);
  const counted = RAG_CODE[r.counted];
  let code = RAG_CODE[r.computed] | (counted << COUNTED_SHIFT) | ((r.targetSource ? SOURCE_CODE[r.targetSource] : 0) << SOURCE_SHIFT);
  if (r.rated !== undefined) {
    code |= RATED_BIT;
    cols.rated[c] = r.rated;
  }
  if (r.prior !== undefined) cols.prior[c] = r.prior;
  cols.decimals[c] = r.ratedDecimals;
  const t = travelOf(mc.metric, table, slots, s, obs, r.target, c);
  if (t !== undefined) {
    cols.against[c] = t.at;
    cols.from[c] = t.from;
    code |= (MOVE_CODE[t.move] << MOVE_SHIFT) | ((t.direction ? DIRECTION_CODE[t.direction] : 0) << DIRECTION_SHIFT) | (COMPARISON_CODE[t.comparison] << COMPARISON_SHIFT);
  }
  cols.code[c] = code;
  return obs === undefined ? counted : counted | 4;
}

/**
 * The period's summary figures (the contract's): `kpi_count` the KPIs of the catalogue, reported
 * this period or not; `reported_count` those with a figure; the rated, unrated (reported but not
 * rated) and RAG counts and the share achieving target are over the reported ones.
 */
function summaryOf(catalogue: number, reported: number, green: number, amber: number, red: number, unrated: number): Summary {
  const rated = green + amber + red;
  return {
    kpi_count: catalogue,
    reported_count: reported,
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
      const rated = rateInto(contexts[c] as MetricContext, table, slots, s, cols, c);
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
  return summaryOf(index.kpiKeys.order.length, kpis, counts[1] as number, counts[2] as number, counts[3] as number, counts[0] as number);
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
    const pe = new PeriodResult(s.data, new PeriodStore(index, table, s, cols), summary);
    evals.push(pe);
    byPeriod.set(formatPeriod(s.period), pe);
  }
  return { dataset, periods: evals, byPeriod };
}
