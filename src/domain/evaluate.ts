// Everything derivable, computed once at load: each metric's rated value, target, computed and
// reported RAG and the rule behind it, direction of travel, each KPI's rollup, each period's summary.

import { comparePeriods, endMonth, formatPeriod, precedingPeriod, previousOf, sameQuarterLastYear, samePeriod, startMonth, type Period } from './period.js';
import { computeRag, explainRag, isRated, rollupRag, type NumericTarget, type RagResult } from './rag.js';
import type { Catalogue, Dataset, Kpi, Metric, Observation, PeriodData, Rag, SummaryFigure, Target, Unit } from './types.js';

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

interface Seen {
  readonly period: Period;
  readonly obs: Observation;
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

function roundTo(v: number, d: number): number {
  return Number(v.toFixed(Math.min(d, 10)));
}

function distanceTo(v: number, t: NumericTarget): number {
  if (t.kind === 'value') return Math.abs(v - t.value);
  return v < t.min ? t.min - v : v > t.max ? v - t.max : 0;
}

function travelOf(metric: Metric, period: Period, obs: Observation | undefined, history: readonly Seen[], target: NumericTarget | undefined): Travel | undefined {
  if (obs?.value == null) return undefined;
  // Only figures for periods that ended before this one started.
  const earlier = history.filter((h) => h.obs.value !== null && endMonth(h.period) <= startMonth(period));
  const lastYear = sameQuarterLastYear(period);
  const sameLastYear = earlier.find((h) => samePeriod(h.period, lastYear));
  let against: Seen | undefined;
  if (metric.cumulative || metric.yearToDate) against = sameLastYear;
  else if (metric.target?.kind === 'change') against = sameLastYear ?? previousOf(earlier, period);
  else {
    // A quarter's count is not comparable with a year's: only intensive units compare across spans.
    const comparable = earlier.filter((h) => INTENSIVE.has(metric.unit) || (h.period.q === undefined) === (period.q === undefined));
    against = previousOf(comparable, period);
  }
  if (against?.obs.value == null) return undefined;
  const comparison: Travel['comparison'] = samePeriod(against.period, precedingPeriod(period))
    ? 'previous period'
    : samePeriod(against.period, lastYear)
      ? 'same quarter last year'
      : 'earlier period';
  const from = against.obs.value;
  const to = obs.value;
  const d = Math.max(against.obs.written?.decimals ?? 0, obs.written?.decimals ?? 0, metric.decimals ?? 0);
  const a = roundTo(from, d);
  const b = roundTo(to, d);
  const move = b > a ? 'up' : b < a ? 'down' : 'level';
  let direction: Direction | undefined;
  if (move === 'level') direction = 'same';
  else if (metric.target?.kind === 'change') direction = (move === 'down') === (metric.target.direction === 'decrease') ? 'better' : 'worse';
  else if (metric.good === 'high') direction = move === 'up' ? 'better' : 'worse';
  else if (metric.good === 'low') direction = move === 'down' ? 'better' : 'worse';
  else if (target !== undefined) {
    const da = distanceTo(a, target);
    const db = distanceTo(b, target);
    direction = db < da ? 'better' : db > da ? 'worse' : 'same';
  }
  return { move, ...(direction ? { direction } : {}), from, to, against: against.period, comparison };
}

function evaluateMetric(catalogue: Catalogue, kpi: Kpi, metric: Metric, data: PeriodData, history: readonly Seen[]): MetricEval {
  const period = data.period;
  const obs = data.observations.get(metric.id);
  const reported = obs?.rag;
  const tol = metric.amber ?? catalogue.amber;
  const base = { metric, kpi, period, ...(obs ? { obs } : {}), ...(reported ? { reported } : {}) };
  const targetLabel = obs?.targetLabel ?? metric.targetLabel;
  const finish = (partial: Omit<MetricEval, keyof typeof base | 'counted' | 'mismatch' | 'travel' | 'targetLabel'>): MetricEval => {
    const counted: Rag = reported ?? partial.computed;
    // Reported "unrated" against a target that rates the value is a mismatch too.
    const mismatch = reported !== undefined && isRated(partial.computed) && reported !== partial.computed;
    const travel = travelOf(metric, period, obs, history, partial.target);
    return { ...base, ...partial, ...(targetLabel ? { targetLabel } : {}), counted, mismatch, ...(travel ? { travel } : {}) };
  };

  if (obs === undefined) return finish({ ratedDecimals: 0, computed: 'unrated', why: `no figure reported for ${formatPeriod(period)}` });
  if (obs.value === null) return finish({ ratedDecimals: 0, computed: 'unrated', why: 'no value given' });

  let rated = obs.value;
  let ratedDecimals = obs.written?.decimals ?? 0;
  let proRata = 1;
  if (metric.cumulative && period.q !== undefined) {
    const q = period.q;
    const sameYear = history.filter((h) => h.period.fy === period.fy && h.period.q !== undefined && h.period.q < q && h.obs.value !== null);
    for (const h of sameYear) {
      rated += h.obs.value ?? 0;
      ratedDecimals = Math.max(ratedDecimals, h.obs.written?.decimals ?? 0);
    }
    proRata = q / 4;
  } else if (metric.yearToDate && period.q !== undefined) {
    proRata = period.q / 4;
  }

  const spec = obs.target ?? metric.target;
  if (spec === undefined) {
    return finish({ rated, ratedDecimals, computed: 'unrated', why: 'no target (a context indicator)' });
  }
  let target: NumericTarget | undefined;
  let targetSource: MetricEval['targetSource'];
  let targetWord = 'target';
  if (spec.kind === 'benchmark') {
    const b = obs.benchmarks[spec.name];
    if (b === undefined) return finish({ rated, ratedDecimals, computed: 'unrated', why: `target is the ${spec.name} benchmark, which is not given for ${formatPeriod(period)}` });
    target = { kind: 'value', value: b };
    targetSource = 'benchmark';
    targetWord = `${spec.name} benchmark`;
  } else if (spec.kind === 'change') {
    const lastYear = sameQuarterLastYear(period);
    const prior = history.find((h) => samePeriod(h.period, lastYear) && h.obs.value !== null) ?? previousOf(history.filter((h) => h.obs.value !== null && comparePeriods(h.period, period) < 0), period);
    if (prior?.obs.value == null) return finish({ rated: obs.value, ratedDecimals, computed: 'unrated', why: `target is a year-on-year ${spec.direction}, and no earlier figure is loaded` });
    rated = obs.value;
    target = { kind: 'value', value: prior.obs.value, strict: true };
    targetSource = 'change';
    targetWord = `${formatPeriod(prior.period)} (${spec.direction} wanted)`;
  } else {
    target = numericTarget(spec);
    targetSource = obs.target !== undefined ? 'observation' : 'catalogue';
    if (target && proRata !== 1 && obs.target === undefined) {
      target = scaleTarget(target, proRata);
      targetSource = 'pro rata';
      targetWord = `pro-rata target (${proRata * 4}/4 of the year)`;
    }
  }
  if (target === undefined) return finish({ rated, ratedDecimals, computed: 'unrated', why: 'no usable target' });
  const good = spec.kind === 'change' ? (spec.direction === 'decrease' ? 'low' : 'high') : metric.good;
  const result = computeRag(rated, good, target, tol);
  const why = explainRag(metric, rated, ratedDecimals, good, target, tol, result, targetWord);
  return finish({ rated, ratedDecimals, target, ...(targetSource ? { targetSource } : {}), result, computed: result.rag, why });
}

function summarise(kpis: Iterable<KpiEval>): Summary {
  let kpi = 0;
  let green = 0;
  let amber = 0;
  let red = 0;
  let unrated = 0;
  for (const k of kpis) {
    if (!k.hasData) continue;
    kpi += 1;
    if (k.counted === 'green') green += 1;
    else if (k.counted === 'amber') amber += 1;
    else if (k.counted === 'red') red += 1;
    else unrated += 1;
  }
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

/** Evaluates every metric and KPI in every loaded period. */
export function evaluate(dataset: Dataset): Evaluation {
  const { catalogue, periods } = dataset;
  const history = new Map<string, Seen[]>();
  for (const p of periods) {
    for (const [id, obs] of p.observations) {
      let list = history.get(id);
      if (!list) history.set(id, (list = []));
      list.push({ period: p.period, obs });
    }
  }
  const evals: PeriodEval[] = [];
  const byPeriod = new Map<string, PeriodEval>();
  for (const data of periods) {
    const kpis = new Map<string, KpiEval>();
    const metrics = new Map<string, MetricEval>();
    for (const priority of catalogue.priorities) {
      for (const kpi of priority.kpis) {
        const ms = kpi.metrics.map((m) => evaluateMetric(catalogue, kpi, m, data, history.get(m.id) ?? []));
        for (const m of ms) metrics.set(m.metric.id, m);
        const report = kpi.composite ? data.kpiReports.get(kpi.id) : undefined;
        const computed = rollupRag(
          ms.map((m) => m.counted),
          kpi.rollup,
        );
        const reported = report?.rag;
        const hasData = report !== undefined || ms.some((m) => m.obs !== undefined);
        kpis.set(kpi.id, { kpi, metrics: ms, computed, ...(reported ? { reported } : {}), counted: reported ?? computed, hasData });
      }
    }
    const pe: PeriodEval = { data, kpis, metrics, summary: summarise(kpis.values()) };
    evals.push(pe);
    byPeriod.set(formatPeriod(data.period), pe);
  }
  return { dataset, periods: evals, byPeriod };
}
