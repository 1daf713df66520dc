// Rating one metric in one period: the one rule that gives the value rated, the target it was
// rated against (and where that came from), the RAGs and the direction of travel. evaluate.ts
// packs the record into a period's arrays; evaluate-objects.ts makes the objects callers read
// from the same function (nothing is worked out backwards from the arrays).

import { computeRag, pointBand, ragMismatch, type NumericTarget } from './rag.js';
import { same, figureAt, firstWithFigure, previousWithFigure, numericTarget, scaleTarget, goodOf, type Slot, type ObsTable, type MetricContext } from './evaluate-index.js';
import type { Direction, TargetSource, Travel } from './evaluate.js';
import type { Metric, Observation, Rag, Unit } from './types.js';

/** Units whose values compare across spans of different length (a quarter against a year). */
const INTENSIVE: ReadonlySet<Unit> = new Set<Unit>(['percent', 'days', 'score', 'rate', 'index', 'ratio']);

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

/** A direction of travel and where it was found: the loaded period (index) compared with. */
export interface TravelAt extends Omit<Travel, 'direction'> {
  readonly direction: Direction | undefined;
  readonly at: number;
}

/** The direction of travel of metric `c` in period `s`, against the figure it compares with. */
export function travelOf(metric: Metric, table: ObsTable, slots: readonly Slot[], s: Slot, obs: Observation | undefined, target: NumericTarget | undefined, c: number): TravelAt | undefined {
  if (obs?.value == null) return undefined;
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
  if (j < 0) return undefined;
  const before = figureAt(table, j, c) as Observation;
  if (before.value == null) return undefined;
  const against = (slots[j] as Slot).period;
  const comparison: Travel['comparison'] = same(against, s.preceding) ? 'previous period' : same(against, s.yearAgo) ? 'same quarter last year' : 'earlier period';
  const from = before.value;
  const to = obs.value;
  const d = Math.max(before.decimals, obs.decimals, metric.decimals ?? 0);
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
  return { move, direction, from, to, against, comparison, at: j };
}

/**
 * What rating one metric in one period gives: the value rated, the target it was rated against
 * (where that came from, and the label that describes it), the computed, reported and counted
 * RAGs. Every reader of a figure starts from this record; `rateMetric` is the one place it is made.
 */
export interface Rating {
  /** The value rated: the observation's value, or the running total in the year for a cumulative metric. */
  readonly rated: number | undefined;
  readonly ratedDecimals: number;
  readonly target: NumericTarget | undefined;
  readonly targetSource: TargetSource | undefined;
  /**
   * The published label of the target used, only where it describes that target: an observation's
   * label (of its own target, or of the catalogue's that period); the catalogue's label where the
   * catalogue's target was used as it stands or there is no numeric target (never for an
   * observation's own target, a benchmark, a year-on-year change or a pro-rata share of the year's).
   */
  readonly targetLabel: string | undefined;
  /** For a year-on-year target: the loaded period (its index) whose figure is the target. */
  readonly prior: number | undefined;
  readonly computed: Rag;
  readonly reported: Rag | undefined;
  /** The RAG that counts: the reported one where given, else the computed one. */
  readonly counted: Rag;
  /** The reported RAG contradicts the computed one (`ragMismatch`). */
  readonly mismatch: boolean;
}

/** The published label of the target used (see `Rating.targetLabel`). */
function labelOf(metric: Metric, obs: Observation | undefined, source: TargetSource | undefined): string | undefined {
  if (source === 'pro rata' || source === 'benchmark' || source === 'change') return undefined;
  if (obs?.targetLabel) return obs.targetLabel;
  if (source === 'observation' || obs?.target !== undefined) return undefined;
  return metric.targetLabel || undefined;
}

/** Rates metric `c` (context `mc`, observation `obs`) in loaded period `s`: the rule, written once. */
export function rateMetric(mc: MetricContext, table: ObsTable, slots: readonly Slot[], s: Slot, c: number, obs: Observation | undefined): Rating {
  const { metric, tol } = mc;
  let rated: number | undefined;
  let ratedDecimals = 0;
  let target: NumericTarget | undefined;
  let source: TargetSource | undefined;
  let prior: number | undefined;
  let computed: Rag = 'unrated';
  rate: {
    if (obs === undefined || obs.value === null) break rate;
    rated = obs.value;
    ratedDecimals = obs.decimals;
    let proRata = 1;
    const q = s.period.q;
    if (metric.cumulative && q !== undefined) {
      for (const j of s.earlierQuarters) {
        const h = figureAt(table, j, c);
        if (h === undefined) continue;
        rated += h.value ?? 0;
        ratedDecimals = Math.max(ratedDecimals, h.decimals);
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
    let src: TargetSource;
    if (spec.kind === 'benchmark') {
      const b = obs.benchmarks[spec.name];
      if (b === undefined) break rate;
      t = { kind: 'value', value: b };
      src = 'benchmark';
    } else if (spec.kind === 'change') {
      rated = obs.value;
      let j = firstWithFigure(table, s.lastYear, c);
      if (j < 0) j = previousWithFigure(table, slots, s, c);
      const before = j < 0 ? undefined : figureAt(table, j, c);
      if (before?.value == null) break rate;
      t = { kind: 'value', value: before.value, strict: true };
      src = 'change';
      prior = j;
    } else {
      const own = obs.target !== undefined;
      t = own ? numericTarget(spec) : mc.target;
      src = own ? 'observation' : 'catalogue';
      if (t && proRata !== 1 && !own) {
        t = mc.proRata[q as number] ?? scaleTarget(t, proRata);
        src = 'pro rata';
      }
    }
    if (t === undefined) break rate;
    // A point target met within a published width (`on_target`) is the band of values that meet it.
    if (t.kind === 'value' && !t.strict && metric.onTarget !== undefined && goodOf(metric, spec) === 'target') t = pointBand(t.value, metric.onTarget);
    target = t;
    source = src;
    computed = computeRag(rated, goodOf(metric, spec), t, tol).rag;
  }
  const reported = obs?.rag;
  // One shape for every record (each field present, undefined where there is none): the loop
  // over a large catalogue makes hundreds of thousands of them.
  return {
    rated,
    ratedDecimals,
    target,
    targetSource: target === undefined ? undefined : source,
    targetLabel: labelOf(metric, obs, source),
    prior,
    computed,
    reported,
    counted: reported ?? computed,
    mismatch: ragMismatch(reported, computed, tol),
  };
}

