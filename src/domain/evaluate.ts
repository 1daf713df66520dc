// Everything derivable, computed once at load: each metric's rated value, target, computed and
// reported RAG and the rule behind it, direction of travel, each KPI's rollup, each period's summary.
//
// Built for scale (10 000 KPIs × 40 quarters, 400 000 metric evaluations), where memory matters
// (P5 in docs/benchmarks.md):
// - the loaded periods are indexed once (which periods end before each one starts, in the order
//   `previousOf` prefers them; the same quarter a year earlier; the earlier quarters of the same
//   year), and each period's observation of each metric looked up once, so a metric's previous
//   figure is a short walk instead of a filter over its history;
// - `rateMetric` (rate-metric.ts) is the one rule: it gives a record per metric and period, whose
//   RAGs, mismatch, rated value and travel each period keeps in a few named columns (coded.ts:
//   one byte per value for a RAG, a direction or a yes/no; typed arrays for numbers), about 25
//   bytes per metric, instead of an object per metric;
// - the `MetricEval` and `KpiEval` objects are made when first read through `PeriodEval.metrics` /
//   `kpis` (rated again by the same rule, with the travel from the columns) and kept from then on
//   (the same object on every read), so only what the screens look at is ever built. The checks
//   read the columns in place (`periodRows`);
// - `why` is words made from the rating when first read, and kept.
// The indexes and columns are in evaluate-index.ts, the objects in evaluate-objects.ts.

import { formatPeriod, type Period } from './period.js';
import { rollupCounts, type NumericTarget, type RagResult } from './rag.js';
import { rateMetric, travelOf, type Rating } from './rate-metric.js';
import { indexOf, columns, type Slot, type Index, type Columns } from './evaluate-index.js';
import { PeriodResult, PeriodStore } from './evaluate-objects.js';
import { itemAt } from './arrays.js';

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

/** Rates metric `c` in period `s` and keeps what the columns hold of it; returns its rating. */
function rateInto(index: Index, s: Slot, cols: Columns, c: number): Rating {
  const m = cols.metrics;
  const r = rateMetric(index, s, c);
  // A new column holds unrated, no, and no travel in every row: only other values are set.
  m.computed.set(c, r.computed);
  m.counted.set(c, r.counted);
  if (r.mismatch) m.mismatch.set(c, true);
  if (r.rated !== undefined) {
    m.isRated.set(c, true);
    m.rated[c] = r.rated;
  }
  const t = travelOf(index, s, c, r.target);
  if (t !== undefined) {
    m.move.set(c, t.move);
    if (t.direction !== undefined) m.direction.set(c, t.direction);
    m.comparison.set(c, t.comparison);
    m.against[c] = t.at;
    m.from[c] = t.from;
  }
  return r;
}

/** How many of something are of each RAG. */
type Tally = Record<Rag, number>;

/**
 * The period's summary figures (the contract's): `kpi_count` the KPIs of the catalogue, reported
 * this period or not; `reported_count` those with a figure; the rated, unrated (reported but not
 * rated) and RAG counts and the share achieving target are over the reported ones (`reported`,
 * their counted RAGs).
 */
function summaryOf(catalogue: number, reported: Tally): Summary {
  const { green, amber, red, unrated } = reported;
  const rated = green + amber + red;
  return {
    kpi_count: catalogue,
    reported_count: rated + unrated,
    rated_count: rated,
    unrated_count: unrated,
    green_count: green,
    amber_count: amber,
    red_count: red,
    percent_achieving: rated === 0 ? 0 : (green / rated) * 100,
  };
}

/** Rates every metric and KPI of the catalogue in one period; returns the period's summary. */
function ratePeriod(index: Index, s: Slot, cols: Columns): Summary {
  const obs = itemAt(index.obs, s.at);
  const k = cols.kpis;
  for (const [i, kc] of index.kpis.entries()) {
    let green = 0;
    let amber = 0;
    let red = 0;
    let observed = false;
    for (let c = kc.first; c < kc.first + kc.count; c++) {
      const counted = rateInto(index, s, cols, c).counted;
      if (counted === 'green') green += 1;
      else if (counted === 'amber') amber += 1;
      else if (counted === 'red') red += 1;
      if (obs[c] !== undefined) observed = true;
    }
    const kpi = kc.kpi;
    const computed = rollupCounts(green, amber, red, kpi.rollup);
    const report = kpi.composite ? s.data.kpiReports.get(kpi.id) : undefined;
    k.computed.set(i, computed);
    k.reported.set(i, report?.rag);
    k.counted.set(i, report?.rag ?? computed);
    k.hasData.set(i, report !== undefined || observed);
  }
  const reported: Tally = { green: 0, amber: 0, red: 0, unrated: 0 };
  for (const i of index.kpiKeys.order) if (k.hasData.get(i)) reported[k.counted.get(i)] += 1;
  return summaryOf(index.kpiKeys.order.length, reported);
}

/** Evaluates every metric and KPI in every loaded period. */
export function evaluate(dataset: Dataset): Evaluation {
  const index = indexOf(dataset.catalogue, dataset.periods);
  const evals: PeriodEval[] = [];
  const byPeriod = new Map<string, PeriodEval>();
  // Period by period, in load order: rating reads earlier periods' figures from the index only.
  for (const s of index.slots) {
    const cols = columns(index);
    const summary = ratePeriod(index, s, cols);
    const pe = new PeriodResult(s.data, new PeriodStore(index, s, cols), summary);
    evals.push(pe);
    byPeriod.set(formatPeriod(s.period), pe);
  }
  return { dataset, periods: evals, byPeriod };
}
