// The objects callers read, made from a period's columns and its rating record when first read
// (see evaluate.ts): one MetricEval or KpiEval per metric or KPI and period, kept once made, and
// the row view the checks read without making any.

import { formatPeriod, type Period } from './period.js';
import { computeRag, explainRag, type NumericTarget, type RagResult } from './rag.js';
import type { Good, Kpi, Metric, Observation, PeriodData, Rag, Target, Tolerance } from './types.js';
import type { KpiEval, MetricEval, PeriodEval, Summary, TargetSource, Travel } from './evaluate.js';
import { rateMetric, type Rating, type Unrated } from './rate-metric.js';
import { LazyMap } from './lazy-map.js';
import type { Slot, MetricContext, Index, Columns } from './evaluate-index.js';
import { itemAt, pushAll } from './arrays.js';

/** What a MetricResult is made from: the metric's context, the period, its rating and travel. */
export interface MetricParts {
  readonly context: MetricContext;
  readonly slot: Slot;
  readonly obs: Observation | undefined;
  readonly rating: Rating;
  /** For a year-on-year target: the period whose figure is the target. */
  readonly prior: Period | undefined;
  readonly travel: Travel | undefined;
}

/** Why a figure has no computed RAG, in words (see `Unrated`). */
function unratedWhy(why: Unrated, spec: Target | undefined, period: Period): string {
  switch (why) {
    case 'no figure':
      return `no figure reported for ${formatPeriod(period)}`;
    case 'no value':
      return 'no value given';
    case 'overflow':
      return 'the running total overflows: it cannot be rated';
    case 'no target':
      return 'no target (a context indicator)';
    case 'no benchmark':
      return spec?.kind === 'benchmark' ? `target is the ${spec.name} benchmark, which is not given for ${formatPeriod(period)}` : 'no usable target';
    case 'no earlier figure':
      return spec?.kind === 'change' ? `target is a year-on-year ${spec.direction}, and no earlier figure is loaded` : 'no usable target';
    case 'no usable target':
      return 'no usable target';
  }
}

/**
 * One metric in one period. The fields are plain data from its rating record. `result` is the
 * rule's result for the kept inputs (the value, the sense of better, the target, the tolerance),
 * worked out when first read and kept: kept for every object made it would add about a tenth of a
 * kilobyte to each (tens of megabytes over a large data set's periods), and only a figure's detail
 * reads it. `why` puts the record and the result into words when read; the words are not kept, as
 * they would outweigh the rest of the object.
 */
export class MetricResult implements MetricEval {
  // Declared only: the constructor sets every field once, in this order.
  declare readonly metric: Metric;
  declare readonly kpi: Kpi;
  declare readonly period: Period;
  declare readonly obs: Observation | undefined;
  declare readonly rated: number | undefined;
  declare readonly ratedDecimals: number;
  declare readonly target: NumericTarget | undefined;
  declare readonly targetSource: TargetSource | undefined;
  declare readonly targetLabel: string | undefined;
  declare readonly computed: Rag;
  declare readonly reported: Rag | undefined;
  declare readonly counted: Rag;
  declare readonly mismatch: boolean;
  declare readonly travel: Travel | undefined;
  // What the result and the words need, from the rating (the target is not resolved again).
  #result: RagResult | undefined;
  readonly #good: Good | undefined;
  readonly #spec: Target | undefined;
  readonly #unrated: Unrated | undefined;
  readonly #tol: Tolerance;
  readonly #prior: Period | undefined;

  constructor(parts: MetricParts) {
    const { context, rating: r } = parts;
    this.metric = context.metric;
    this.kpi = context.kpi;
    this.period = parts.slot.period;
    this.obs = parts.obs;
    this.rated = r.rated;
    this.ratedDecimals = r.ratedDecimals;
    this.target = r.target;
    this.targetSource = r.targetSource;
    this.targetLabel = r.targetLabel;
    this.computed = r.computed;
    this.reported = r.reported;
    this.counted = r.counted;
    this.mismatch = r.mismatch;
    this.travel = parts.travel;
    this.#good = r.good;
    this.#spec = r.spec;
    this.#unrated = r.unrated;
    this.#tol = context.tol;
    this.#prior = parts.prior;
  }

  get result(): RagResult | undefined {
    const { rated, target } = this;
    const good = this.#good;
    // The rating gave a result exactly where it found all three (see rateMetric).
    if (rated === undefined || target === undefined || good === undefined) return undefined;
    return (this.#result ??= computeRag(rated, good, target, this.#tol));
  }

  get why(): string {
    return this.explain();
  }

  /** The rule behind the RAG in one line, `leadsTo` joining the comparison to the RAG ("→", "->"). */
  explain(leadsTo = '→'): string {
    const { metric, period, rated, target } = this;
    const spec = this.#spec;
    const good = this.#good;
    const result = this.result;
    if (rated === undefined || spec === undefined || target === undefined || good === undefined || result === undefined) {
      return unratedWhy(this.#unrated ?? 'no usable target', spec, period);
    }
    let targetWord = 'target';
    if (spec.kind === 'benchmark') targetWord = `${spec.name} benchmark`;
    else if (spec.kind === 'change') targetWord = `${this.#prior ? formatPeriod(this.#prior) : ''} (${spec.direction} wanted)`;
    else if (this.targetSource === 'pro rata') targetWord = `pro-rata target (${period.q ?? 4}/4 of the year)`;
    return explainRag(metric, { value: rated, decimals: this.ratedDecimals, good, target, tol: this.#tol, result }, { targetWord, leadsTo });
  }
}

/** One period's results: its columns, and the objects made from them so far. */
export class PeriodStore implements PeriodRows {
  readonly #index: Index;
  readonly #slot: Slot;
  readonly #cols: Columns;
  readonly #obs: ReadonlyArray<Observation | undefined>;
  #metricKept: Array<MetricEval | undefined> | undefined;
  #kpiKept: Array<KpiEval | undefined> | undefined;

  constructor(index: Index, slot: Slot, cols: Columns) {
    this.#index = index;
    this.#slot = slot;
    this.#cols = cols;
    this.#obs = itemAt(index.obs, slot.at);
  }

  get index(): Index {
    return this.#index;
  }

  /** The evaluation of metric `c`: the one kept, else a new one (kept when `keep`). */
  metric(c: number, keep: boolean): MetricEval {
    const kept = this.#metricKept?.[c];
    if (kept !== undefined) return kept;
    const made = this.#makeMetric(c);
    if (keep) (this.#metricKept ??= new Array<MetricEval | undefined>(this.#index.contexts.length))[c] = made;
    return made;
  }

  /** The evaluation of KPI `k`: the one kept, else a new one, kept with its metrics. */
  kpi(k: number): KpiEval {
    const kept = this.#kpiKept?.[k];
    if (kept !== undefined) return kept;
    const made = this.#makeKpi(k);
    (this.#kpiKept ??= new Array<KpiEval | undefined>(this.#index.kpis.length))[k] = made;
    return made;
  }

  // The PeriodRows reader: the results by position, without making evaluation objects.

  get metricOrder(): readonly number[] {
    return this.#index.metricKeys.order;
  }

  get kpiOrder(): readonly number[] {
    return this.#index.kpiKeys.order;
  }

  metricOf(c: number): Metric {
    return itemAt(this.#index.contexts, c).metric;
  }

  obs(c: number): Observation | undefined {
    return this.#obs[c];
  }

  computed(c: number): Rag {
    return this.#cols.metrics.computed.get(c);
  }

  counted(c: number): Rag {
    return this.#cols.metrics.counted.get(c);
  }

  mismatch(c: number): boolean {
    return this.#cols.metrics.mismatch.get(c);
  }

  travelFrom(c: number): number | undefined {
    const m = this.#cols.metrics;
    return m.move.get(c) === undefined ? undefined : m.from[c];
  }

  rated(c: number): number | undefined {
    const m = this.#cols.metrics;
    return m.isRated.get(c) ? m.rated[c] : undefined;
  }

  travel(c: number): Travel | undefined {
    const m = this.#cols.metrics;
    const move = m.move.get(c);
    const to = this.#obs[c]?.value;
    if (move === undefined || to == null) return undefined;
    const against = itemAt(this.#index.slots, itemAt(m.against, c)).period;
    const from = itemAt(m.from, c);
    const direction = m.direction.get(c);
    const comparison = m.comparison.get(c);
    return direction ? { move, direction, from, to, against, comparison } : { move, from, to, against, comparison };
  }

  why(c: number): string {
    return this.metric(c, false).why;
  }

  kpiOf(k: number): Kpi {
    return itemAt(this.#index.kpis, k).kpi;
  }

  kpiComputed(k: number): Rag {
    return this.#cols.kpis.computed.get(k);
  }

  kpiCounted(k: number): Rag {
    return this.#cols.kpis.counted.get(k);
  }

  kpiFirst(k: number): number {
    return itemAt(this.#index.kpis, k).first;
  }

  kpiSize(k: number): number {
    return itemAt(this.#index.kpis, k).count;
  }

  #makeMetric(c: number): MetricEval {
    // Rated again by the same rule that filled the columns (nothing is worked out backwards).
    const rating = rateMetric(this.#index, this.#slot, c);
    const prior = rating.prior === undefined ? undefined : itemAt(this.#index.slots, rating.prior).period;
    return new MetricResult({ context: itemAt(this.#index.contexts, c), slot: this.#slot, obs: this.#obs[c], rating, prior, travel: this.travel(c) });
  }

  #makeKpi(k: number): KpiEval {
    const { kpi, first, count } = itemAt(this.#index.kpis, k);
    const metrics: MetricEval[] = [];
    for (let c = first; c < first + count; c++) metrics.push(this.metric(c, true));
    const cols = this.#cols.kpis;
    const computed = cols.computed.get(k);
    const reported = cols.reported.get(k);
    const hasData = cols.hasData.get(k);
    return reported ? { kpi, metrics, computed, reported, counted: cols.counted.get(k), hasData } : { kpi, metrics, computed, counted: cols.counted.get(k), hasData };
  }
}

export class PeriodResult implements PeriodEval {
  readonly data: PeriodData;
  readonly kpis: ReadonlyMap<string, KpiEval>;
  readonly metrics: ReadonlyMap<string, MetricEval>;
  readonly summary: Summary;
  readonly #store: PeriodStore;

  constructor(data: PeriodData, store: PeriodStore, summary: Summary) {
    this.data = data;
    this.kpis = new LazyMap(store.index.kpiKeys, (k) => store.kpi(k));
    this.metrics = new LazyMap(store.index.metricKeys, (c) => store.metric(c, true));
    this.summary = summary;
    this.#store = store;
  }

  static rows(pe: PeriodEval): PeriodRows {
    return pe instanceof PeriodResult ? pe.#store : new ObjectRows(pe);
  }
}

/**
 * One period's results by position, for a pass over all of them (the checks) that makes no
 * evaluation objects: positions `metricOrder` in `metrics` order, KPIs `kpiOrder` in `kpis` order,
 * and each KPI's metrics at positions kpiFirst(k) … kpiFirst(k) + kpiSize(k) - 1.
 */
export interface PeriodRows {
  readonly metricOrder: readonly number[];
  readonly kpiOrder: readonly number[];
  metricOf(c: number): Metric;
  obs(c: number): Observation | undefined;
  computed(c: number): Rag;
  counted(c: number): Rag;
  mismatch(c: number): boolean;
  /** The earlier value the direction of travel compares with, when there is one. */
  travelFrom(c: number): number | undefined;
  travel(c: number): Travel | undefined;
  /** The figure rated (a cumulative metric's running total), when there is one. */
  rated(c: number): number | undefined;
  why(c: number): string;
  kpiOf(k: number): Kpi;
  kpiComputed(k: number): Rag;
  kpiCounted(k: number): Rag;
  kpiFirst(k: number): number;
  kpiSize(k: number): number;
}

/** PeriodRows over evaluation objects (a PeriodEval made elsewhere). */
export class ObjectRows implements PeriodRows {
  readonly metricOrder: readonly number[];
  readonly kpiOrder: readonly number[];
  readonly #metrics: MetricEval[];
  readonly #kpis: KpiEval[];
  readonly #first: number[] = [];

  constructor(pe: PeriodEval) {
    this.#metrics = [...pe.metrics.values()];
    this.#kpis = [...pe.kpis.values()];
    this.metricOrder = this.#metrics.map((_, i) => i);
    this.kpiOrder = this.#kpis.map((_, i) => i);
    for (const k of this.#kpis) {
      this.#first.push(this.#metrics.length);
      pushAll(this.#metrics, k.metrics);
    }
  }

  #m(c: number): MetricEval {
    return itemAt(this.#metrics, c);
  }

  #k(k: number): KpiEval {
    return itemAt(this.#kpis, k);
  }

  metricOf(c: number): Metric {
    return this.#m(c).metric;
  }
  obs(c: number): Observation | undefined {
    return this.#m(c).obs;
  }
  computed(c: number): Rag {
    return this.#m(c).computed;
  }
  counted(c: number): Rag {
    return this.#m(c).counted;
  }
  mismatch(c: number): boolean {
    return this.#m(c).mismatch;
  }
  travelFrom(c: number): number | undefined {
    return this.#m(c).travel?.from;
  }
  rated(c: number): number | undefined {
    return this.#m(c).rated;
  }
  travel(c: number): Travel | undefined {
    return this.#m(c).travel;
  }
  why(c: number): string {
    return this.#m(c).why;
  }
  kpiOf(k: number): Kpi {
    return this.#k(k).kpi;
  }
  kpiComputed(k: number): Rag {
    return this.#k(k).computed;
  }
  kpiCounted(k: number): Rag {
    return this.#k(k).counted;
  }
  kpiFirst(k: number): number {
    return itemAt(this.#first, k);
  }
  kpiSize(k: number): number {
    return this.#k(k).metrics.length;
  }
}

/** A period's results by position for one pass over all of them; makes no evaluation objects. */
export function periodRows(pe: PeriodEval): PeriodRows {
  return PeriodResult.rows(pe);
}

