// The objects callers read, made from a period's arrays when first read (see evaluate.ts): one
// MetricEval or KpiEval per metric or KPI and period, kept once made, and the row view the checks
// read without making any.

import { formatPeriod, type Period } from './period.js';
import { computeRag, explainRag, ragMismatch, type NumericTarget, type RagResult } from './rag.js';
import type { Kpi, Metric, Observation, PeriodData, Rag, Tolerance } from './types.js';
import type { KpiEval, MetricEval, PeriodEval, Summary, TargetSource, Travel } from './evaluate.js';
import { rateMetric, type Rating } from './rate-metric.js';
import { LazyMap } from './lazy-map.js';
import { RAGS, MOVES, DIRECTIONS, COMPARISONS, COMPUTED_MASK, COUNTED_SHIFT, RATED_BIT, MOVE_SHIFT, DIRECTION_SHIFT, COMPARISON_SHIFT, specOf, goodOf, type Slot, type MetricContext, type KpiContext, type Index, type Columns, type ObsTable } from './evaluate-index.js';
import { pushAll } from './arrays.js';


/**
 * One metric in one period. The fields are plain data; `why` and `result` are worked out when read
 * (from the fields, the amber tolerance and, for a year-on-year target, the period compared with).
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
  readonly #tol: Tolerance;
  readonly #prior: Period | undefined;

  constructor(mc: MetricContext, period: Period, obs: Observation | undefined, r: Rating, prior: Period | undefined, travel: Travel | undefined) {
    this.metric = mc.metric;
    this.kpi = mc.kpi;
    this.period = period;
    this.obs = obs;
    this.rated = r.rated;
    this.ratedDecimals = r.ratedDecimals;
    this.target = r.target;
    this.targetSource = r.targetSource;
    this.targetLabel = r.targetLabel;
    this.computed = r.computed;
    this.reported = r.reported;
    this.counted = r.counted;
    this.mismatch = r.mismatch;
    this.travel = travel;
    this.#tol = mc.tol;
    this.#prior = prior;
  }

  get result(): RagResult | undefined {
    const spec = specOf(this.metric, this.obs);
    if (this.target === undefined || this.rated === undefined || spec === undefined) return undefined;
    return computeRag(this.rated, goodOf(this.metric, spec), this.target, this.#tol);
  }

  get why(): string {
    return this.explain();
  }

  /** The rule behind the RAG in one line, `leadsTo` joining the comparison to the RAG ("→", "->"). */
  explain(leadsTo = '→'): string {
    const { metric, obs, period } = this;
    if (obs === undefined) return `no figure reported for ${formatPeriod(period)}`;
    if (obs.value === null) return 'no value given';
    if (this.rated !== undefined && !Number.isFinite(this.rated)) return 'the running total overflows: it cannot be rated';
    const spec = specOf(metric, obs);
    if (spec === undefined) return 'no target (a context indicator)';
    const target = this.target;
    const rated = this.rated;
    if (target === undefined || rated === undefined) {
      if (spec.kind === 'benchmark') return `target is the ${spec.name} benchmark, which is not given for ${formatPeriod(period)}`;
      if (spec.kind === 'change') return `target is a year-on-year ${spec.direction}, and no earlier figure is loaded`;
      return 'no usable target';
    }
    let targetWord = 'target';
    if (spec.kind === 'benchmark') targetWord = `${spec.name} benchmark`;
    else if (spec.kind === 'change') targetWord = `${this.#prior ? formatPeriod(this.#prior) : ''} (${spec.direction} wanted)`;
    else if (this.targetSource === 'pro rata') targetWord = `pro-rata target (${period.q ?? 4}/4 of the year)`;
    const good = goodOf(metric, spec);
    const result = computeRag(rated, good, target, this.#tol);
    return explainRag(metric, rated, this.ratedDecimals, good, target, this.#tol, result, targetWord, leadsTo);
  }
}

/** One period's results: its arrays, and the objects made from them so far. */
export class PeriodStore implements PeriodRows {
  readonly #index: Index;
  readonly #table: ObsTable;
  readonly #slot: Slot;
  readonly #cols: Columns;
  #metricKept: Array<MetricEval | undefined> | undefined;
  #kpiKept: Array<KpiEval | undefined> | undefined;

  constructor(index: Index, table: ObsTable, slot: Slot, cols: Columns) {
    this.#index = index;
    this.#table = table;
    this.#slot = slot;
    this.#cols = cols;
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
    return (this.#index.contexts[c] as MetricContext).metric;
  }

  obs(c: number): Observation | undefined {
    return this.#cols.obs[c];
  }

  computed(c: number): Rag {
    return RAGS[(this.#cols.code[c] as number) & COMPUTED_MASK] as Rag;
  }

  counted(c: number): Rag {
    return RAGS[((this.#cols.code[c] as number) >> COUNTED_SHIFT) & 3] as Rag;
  }

  mismatch(c: number): boolean {
    return ragMismatch(this.#cols.obs[c]?.rag, this.computed(c), (this.#index.contexts[c] as MetricContext).tol);
  }

  travelFrom(c: number): number | undefined {
    return ((this.#cols.code[c] as number) >> MOVE_SHIFT) & 3 ? this.#cols.from[c] : undefined;
  }

  rated(c: number): number | undefined {
    return (this.#cols.code[c] as number) & RATED_BIT ? this.#cols.rated[c] : undefined;
  }

  travel(c: number): Travel | undefined {
    const cols = this.#cols;
    const code = cols.code[c] as number;
    const move = MOVES[(code >> MOVE_SHIFT) & 3];
    const to = cols.obs[c]?.value;
    if (move === undefined || to == null) return undefined;
    const against = (this.#index.slots[cols.against[c] as number] as Slot).period;
    const from = cols.from[c] as number;
    const direction = DIRECTIONS[(code >> DIRECTION_SHIFT) & 3];
    const comparison = COMPARISONS[(code >> COMPARISON_SHIFT) & 3] as Travel['comparison'];
    return direction ? { move, direction, from, to, against, comparison } : { move, from, to, against, comparison };
  }

  why(c: number): string {
    return this.metric(c, false).why;
  }

  kpiOf(k: number): Kpi {
    return (this.#index.kpis[k] as KpiContext).kpi;
  }

  kpiComputed(k: number): Rag {
    return RAGS[(this.#cols.kpiCode[k] as number) & 3] as Rag;
  }

  kpiCounted(k: number): Rag {
    const kpi = this.kpiOf(k);
    return (kpi.composite ? this.#slot.data.kpiReports.get(kpi.id)?.rag : undefined) ?? this.kpiComputed(k);
  }

  kpiFirst(k: number): number {
    return (this.#index.kpis[k] as KpiContext).first;
  }

  kpiSize(k: number): number {
    return (this.#index.kpis[k] as KpiContext).count;
  }

  #makeMetric(c: number): MetricEval {
    // Rated again by the same rule that filled the arrays (nothing is worked out backwards).
    const mc = this.#index.contexts[c] as MetricContext;
    const obs = this.#cols.obs[c];
    const r = rateMetric(mc, this.#table, this.#index.slots, this.#slot, c, obs);
    const prior = r.prior === undefined ? undefined : (this.#index.slots[r.prior] as Slot).period;
    return new MetricResult(mc, this.#slot.period, obs, r, prior, this.travel(c));
  }

  #makeKpi(k: number): KpiEval {
    const kc = this.#index.kpis[k] as KpiContext;
    const kpi = kc.kpi;
    const metrics: MetricEval[] = [];
    for (let c = kc.first; c < kc.first + kc.count; c++) metrics.push(this.metric(c, true));
    const code = this.#cols.kpiCode[k] as number;
    const computed = RAGS[code & 3] as Rag;
    const hasData = (code & 4) !== 0;
    const reported = kpi.composite ? this.#slot.data.kpiReports.get(kpi.id)?.rag : undefined;
    return reported ? { kpi, metrics, computed, reported, counted: reported, hasData } : { kpi, metrics, computed, counted: computed, hasData };
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
    return this.#metrics[c] as MetricEval;
  }

  #k(k: number): KpiEval {
    return this.#kpis[k] as KpiEval;
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
    return this.#first[k] as number;
  }
  kpiSize(k: number): number {
    return this.#k(k).metrics.length;
  }
}

/** A period's results by position for one pass over all of them; makes no evaluation objects. */
export function periodRows(pe: PeriodEval): PeriodRows {
  return PeriodResult.rows(pe);
}

