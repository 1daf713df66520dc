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

import { endMonth, formatPeriod, precedingPeriod, sameQuarterLastYear, startMonth, type Period } from './period.js';
import { computeRag, explainRag, isRated, rollupCounts, type NumericTarget, type RagResult } from './rag.js';
import type { Catalogue, Dataset, Good, Kpi, Metric, Observation, PeriodData, Rag, SummaryFigure, Target, Tolerance, Unit } from './types.js';

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
// The loaded periods, indexed once.

/** One loaded period and where its comparators are among the loaded periods (indexes into them). */
interface Slot {
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

function same(a: Period, b: Period): boolean {
  return a.fy === b.fy && a.q === b.q;
}

function slotsOf(periods: readonly PeriodData[]): Slot[] {
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
type ObsTable = ReadonlyArray<ReadonlyArray<Observation | undefined>>;

/** A figure (an observation with a value) of metric `c` in loaded period `j`. */
function figureAt(table: ObsTable, j: number, c: number): Observation | undefined {
  const o = (table[j] as ReadonlyArray<Observation | undefined>)[c];
  return o === undefined || o.value === null ? undefined : o;
}

/** The index of the first loaded period, among `list`, that has a figure for metric `c`; -1 if none. */
function firstWithFigure(table: ObsTable, list: readonly number[], c: number): number {
  for (const j of list) if (figureAt(table, j, c) !== undefined) return j;
  return -1;
}

/** `previousOf` over the periods with a figure (and, when `year` is given, of that kind only). */
function previousWithFigure(table: ObsTable, slots: readonly Slot[], s: Slot, c: number, year?: boolean): number {
  for (const j of s.before) {
    if (year !== undefined && (slots[j] as Slot).year !== year) continue;
    if (figureAt(table, j, c) !== undefined) return j;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------
// The catalogue, indexed once.

/** What is worked out once per metric, whatever the period. */
interface MetricContext {
  readonly metric: Metric;
  readonly kpi: Kpi;
  readonly tol: Tolerance;
  /** The catalogue target as numbers, and scaled pro rata by quarter (index 1–3). */
  readonly target: NumericTarget | undefined;
  readonly proRata: ReadonlyArray<NumericTarget | undefined>;
}

interface KpiContext {
  readonly kpi: Kpi;
  /** Its metrics are contexts[first] … contexts[first + count - 1]. */
  readonly first: number;
  readonly count: number;
}

/** Keys in catalogue order; a key written twice keeps its first place and its last value (as a Map does). */
interface Keyed {
  readonly ids: readonly string[];
  /** For each of `ids`, the position of its value. */
  readonly order: readonly number[];
  readonly at: ReadonlyMap<string, number>;
}

interface Index {
  readonly slots: readonly Slot[];
  readonly contexts: readonly MetricContext[];
  readonly kpis: readonly KpiContext[];
  readonly metricKeys: Keyed;
  readonly kpiKeys: Keyed;
}

function keyed(ids: readonly string[]): Keyed {
  const at = new Map<string, number>();
  const unique: string[] = [];
  for (const [i, id] of ids.entries()) {
    if (!at.has(id)) unique.push(id);
    at.set(id, i);
  }
  return { ids: unique, order: unique.map((id) => at.get(id) as number), at };
}

function numericTarget(t: Target | undefined): NumericTarget | undefined {
  if (t === undefined) return undefined;
  if (t.kind === 'value') return { kind: 'value', value: t.value };
  if (t.kind === 'band') return { kind: 'band', min: t.min, max: t.max };
  return undefined;
}

function scaleTarget(t: NumericTarget, f: number): NumericTarget {
  return t.kind === 'value' ? { kind: 'value', value: t.value * f } : { kind: 'band', min: t.min * f, max: t.max * f };
}

function indexOf(catalogue: Catalogue, periods: readonly PeriodData[]): Index {
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
// Rating one metric in one period, into the period's arrays.

const RAGS: readonly Rag[] = ['unrated', 'green', 'amber', 'red'];
const RAG_CODE: Readonly<Record<Rag, number>> = { unrated: 0, green: 1, amber: 2, red: 3 };
const SOURCES: ReadonlyArray<MetricEval['targetSource']> = [undefined, 'catalogue', 'observation', 'pro rata', 'benchmark', 'change'];
const SOURCE_CODE: Readonly<Record<NonNullable<MetricEval['targetSource']>, number>> = { catalogue: 1, observation: 2, 'pro rata': 3, benchmark: 4, change: 5 };
const MOVES: ReadonlyArray<Travel['move'] | undefined> = [undefined, 'up', 'down', 'level'];
const MOVE_CODE: Readonly<Record<Travel['move'], number>> = { up: 1, down: 2, level: 3 };
const DIRECTIONS: ReadonlyArray<Direction | undefined> = [undefined, 'better', 'worse', 'same'];
const DIRECTION_CODE: Readonly<Record<Direction, number>> = { better: 1, worse: 2, same: 3 };
const COMPARISONS: ReadonlyArray<Travel['comparison']> = ['previous period', 'same quarter last year', 'earlier period'];

// Bits of a metric's code.
const COMPUTED_MASK = 0b11; // computed RAG
const COUNTED_SHIFT = 2; // counted RAG (2 bits)
const SOURCE_SHIFT = 4; // target source (3 bits)
const RATED_BIT = 1 << 7; // a value was rated
const MOVE_SHIFT = 8; // travel (2 bits; 0 = none)
const DIRECTION_SHIFT = 10; // its direction (2 bits; 0 = none)
const COMPARISON_SHIFT = 12; // its comparison (2 bits)

/** A period's results, a few numbers per metric and KPI (positions as in the index). */
interface Columns {
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

function columns(metrics: number, kpis: number, periods: number): Columns {
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

/** The target as written for this observation: its own, else the catalogue's. */
function specOf(metric: Metric, obs: Observation | undefined): Target | undefined {
  return obs?.target ?? metric.target;
}

function goodOf(metric: Metric, spec: Target): Good {
  return spec.kind === 'change' ? (spec.direction === 'decrease' ? 'low' : 'high') : metric.good;
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

// ---------------------------------------------------------------------------------------------
// The objects callers read, made from a period's arrays.

/**
 * One metric in one period. The fields are plain data; `why` and `result` are worked out when read
 * (from the fields, the amber tolerance and, for a year-on-year target, the period compared with).
 */
class MetricResult implements MetricEval {
  // Declared only: the constructor sets every field once, in this order.
  declare readonly metric: Metric;
  declare readonly kpi: Kpi;
  declare readonly period: Period;
  declare readonly obs: Observation | undefined;
  declare readonly rated: number | undefined;
  declare readonly ratedDecimals: number;
  declare readonly target: NumericTarget | undefined;
  declare readonly targetSource: MetricEval['targetSource'];
  declare readonly targetLabel: string | undefined;
  declare readonly computed: Rag;
  declare readonly reported: Rag | undefined;
  declare readonly counted: Rag;
  declare readonly mismatch: boolean;
  declare readonly travel: Travel | undefined;
  readonly #tol: Tolerance;
  readonly #prior: Period | undefined;

  constructor(
    metric: Metric,
    kpi: Kpi,
    period: Period,
    obs: Observation | undefined,
    rated: number | undefined,
    ratedDecimals: number,
    target: NumericTarget | undefined,
    targetSource: MetricEval['targetSource'],
    computed: Rag,
    tol: Tolerance,
    prior: Period | undefined,
    travel: Travel | undefined,
  ) {
    const reported = obs?.rag;
    const label = obs?.targetLabel ?? metric.targetLabel;
    this.metric = metric;
    this.kpi = kpi;
    this.period = period;
    this.obs = obs;
    this.rated = rated;
    this.ratedDecimals = ratedDecimals;
    this.target = target;
    this.targetSource = targetSource;
    this.targetLabel = label ? label : undefined;
    this.computed = computed;
    this.reported = reported;
    this.counted = reported ?? computed;
    // Reported "unrated" against a target that rates the value is a mismatch too.
    this.mismatch = reported !== undefined && isRated(computed) && reported !== computed;
    this.travel = travel;
    this.#tol = tol;
    this.#prior = prior;
  }

  get result(): RagResult | undefined {
    const spec = specOf(this.metric, this.obs);
    if (this.target === undefined || this.rated === undefined || spec === undefined) return undefined;
    return computeRag(this.rated, goodOf(this.metric, spec), this.target, this.#tol);
  }

  get why(): string {
    const { metric, obs, period } = this;
    if (obs === undefined) return `no figure reported for ${formatPeriod(period)}`;
    if (obs.value === null) return 'no value given';
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
    return explainRag(metric, rated, this.ratedDecimals, good, target, this.#tol, result, targetWord);
  }
}

/** One period's results: its arrays, and the objects made from them so far. */
class PeriodStore implements PeriodRows {
  readonly #index: Index;
  readonly #slot: Slot;
  readonly #cols: Columns;
  #metricKept: Array<MetricEval | undefined> | undefined;
  #kpiKept: Array<KpiEval | undefined> | undefined;

  constructor(index: Index, slot: Slot, cols: Columns) {
    this.#index = index;
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
    const reported = this.#cols.obs[c]?.rag;
    const computed = this.computed(c);
    return reported !== undefined && isRated(computed) && reported !== computed;
  }

  travelFrom(c: number): number | undefined {
    return ((this.#cols.code[c] as number) >> MOVE_SHIFT) & 3 ? this.#cols.from[c] : undefined;
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
    const mc = this.#index.contexts[c] as MetricContext;
    const slots = this.#index.slots;
    const s = this.#slot;
    const cols = this.#cols;
    const metric = mc.metric;
    const obs = cols.obs[c];
    const code = cols.code[c] as number;
    const sourceCode = (code >> SOURCE_SHIFT) & 7;
    let target: NumericTarget | undefined;
    let prior: Slot | undefined;
    switch (sourceCode) {
      case 0:
        break;
      case SOURCE_CODE.catalogue:
        target = mc.target;
        break;
      case SOURCE_CODE['pro rata']:
        target = mc.proRata[s.period.q ?? 4] ?? (mc.target && scaleTarget(mc.target, (s.period.q ?? 4) / 4));
        break;
      case SOURCE_CODE.observation:
        target = numericTarget(obs?.target);
        break;
      case SOURCE_CODE.benchmark: {
        const spec = specOf(metric, obs);
        target = spec?.kind === 'benchmark' ? { kind: 'value', value: obs?.benchmarks[spec.name] as number } : undefined;
        break;
      }
      case SOURCE_CODE.change:
        prior = slots[cols.prior[c] as number] as Slot;
        target = { kind: 'value', value: prior.data.observations.get(metric.id)?.value as number, strict: true };
        break;
    }
    const rated = code & RATED_BIT ? cols.rated[c] : undefined;
    return new MetricResult(metric, mc.kpi, s.period, obs, rated, cols.decimals[c] as number, target, SOURCES[sourceCode], RAGS[code & COMPUTED_MASK] as Rag, mc.tol, prior?.period, this.travel(c));
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

/** A read-only Map over a period's metric or KPI evaluations, each made when first read. */
class LazyMap<V> implements ReadonlyMap<string, V> {
  readonly #keys: Keyed;
  readonly #at: (position: number) => V;

  constructor(keys: Keyed, at: (position: number) => V) {
    this.#keys = keys;
    this.#at = at;
  }

  get size(): number {
    return this.#keys.ids.length;
  }

  get(key: string): V | undefined {
    const i = this.#keys.at.get(key);
    return i === undefined ? undefined : this.#at(i);
  }

  has(key: string): boolean {
    return this.#keys.at.has(key);
  }

  forEach(callbackfn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    const { ids, order } = this.#keys;
    for (let i = 0; i < ids.length; i++) callbackfn.call(thisArg, this.#at(order[i] as number), ids[i] as string, this);
  }

  *entries(): MapIterator<[string, V]> {
    const { ids, order } = this.#keys;
    for (let i = 0; i < ids.length; i++) yield [ids[i] as string, this.#at(order[i] as number)];
    return undefined;
  }

  *keys(): MapIterator<string> {
    yield* this.#keys.ids;
    return undefined;
  }

  *values(): MapIterator<V> {
    const { order } = this.#keys;
    for (let i = 0; i < order.length; i++) yield this.#at(order[i] as number);
    return undefined;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  get [Symbol.toStringTag](): string {
    return 'Map';
  }
}

class PeriodResult implements PeriodEval {
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
  why(c: number): string;
  kpiOf(k: number): Kpi;
  kpiComputed(k: number): Rag;
  kpiCounted(k: number): Rag;
  kpiFirst(k: number): number;
  kpiSize(k: number): number;
}

/** PeriodRows over evaluation objects (a PeriodEval made elsewhere). */
class ObjectRows implements PeriodRows {
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
      this.#metrics.push(...k.metrics);
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
