// Rating one metric in one period: the one rule that gives the value rated, the target it was
// rated against (and where that came from), the RAGs, the mismatch, why it is unrated where it is,
// and the direction of travel. evaluate.ts keeps the record's RAGs and travel in a period's
// columns; evaluate-objects.ts makes the objects callers read from the same function (nothing is
// worked out backwards from the columns, and nothing there applies a rule again).

import { computeRag, pointBand, ragMismatch, type NumericTarget, type RagResult } from './rag.js';
import { same, figureAt, firstWithFigure, previousWithFigure, numericTarget, goodOf, type Slot, type Index, type ResolvedTarget } from './evaluate-index.js';
import type { Direction, TargetSource, Travel } from './evaluate.js';
import type { Good, Metric, Observation, Rag, Target, Unit } from './types.js';
import { itemAt } from './arrays.js';

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

/** The direction of travel of metric `c` in period `s` (rated against `target`), against the figure it compares with. */
export function travelOf(index: Index, s: Slot, c: number, target: NumericTarget | undefined): TravelAt | undefined {
  const { metric } = itemAt(index.contexts, c);
  const obs = figureAt(index.obs, s.at, c);
  if (obs === undefined) return undefined;
  // Only figures for periods that ended before this one started.
  let j: number;
  if (metric.cumulative || metric.yearToDate) j = firstWithFigure(index.obs, s.lastYear, c);
  else if (metric.target?.kind === 'change') {
    j = firstWithFigure(index.obs, s.lastYear, c);
    if (j < 0) j = previousWithFigure(index, s, c);
  } else {
    // A quarter's count is not comparable with a year's: only intensive units compare across spans.
    j = previousWithFigure(index, s, c, INTENSIVE.has(metric.unit) ? undefined : s.year);
  }
  const before = figureAt(index.obs, j, c);
  if (before === undefined) return undefined;
  const against = itemAt(index.slots, j).period;
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
 * Why a figure has no computed RAG: nothing reported, a value not given, a running total that
 * overflows, no target (a context indicator), a benchmark not given for the period, no earlier
 * figure for a year-on-year target, or (never met in practice) a target that gives no number.
 */
export type Unrated = 'no figure' | 'no value' | 'overflow' | 'no target' | 'no benchmark' | 'no earlier figure' | 'no usable target';

/**
 * What rating one metric in one period gives: the value rated, the target it was rated against
 * (where that came from, and the label that describes it), the rule's result, the computed,
 * reported and counted RAGs and whether they disagree, or why there is no computed RAG. Every
 * reader of a figure starts from this record; `rateMetric` is the one place it is made.
 */
export interface Rating {
  /** The value rated: the observation's value, or the running total in the year for a cumulative metric. */
  readonly rated: number | undefined;
  readonly ratedDecimals: number;
  /** The target as written that applies: the observation's own, else the catalogue's. */
  readonly spec: Target | undefined;
  /** The sense of better the value was rated with (a year-on-year target's own). */
  readonly good: Good | undefined;
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
  /** `computeRag` of the value against the target, where both are. */
  readonly result: RagResult | undefined;
  readonly computed: Rag;
  /** Why `computed` is unrated, where it is. */
  readonly unrated: Unrated | undefined;
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


/**
 * Target resolution, written once: a benchmark's figure for the period; a year-on-year change's
 * earlier figure (the same quarter last year, else the previous period); an observation's own
 * target; the catalogue's, as a pro-rata share of the year's for a running total in a quarter.
 */
function resolveTarget(index: Index, s: Slot, c: number, spec: Target): ResolvedTarget | Unrated {
  const mc = itemAt(index.contexts, c);
  const obs = index.obs[s.at]?.[c];
  if (spec.kind === 'benchmark') {
    const b = obs?.benchmarks[spec.name];
    return b === undefined ? 'no benchmark' : { target: { kind: 'value', value: b }, source: 'benchmark' };
  }
  if (spec.kind === 'change') {
    let j = firstWithFigure(index.obs, s.lastYear, c);
    if (j < 0) j = previousWithFigure(index, s, c);
    const before = figureAt(index.obs, j, c);
    // Strict: a value equal to the earlier one is no increase (or decrease).
    return before === undefined ? 'no earlier figure' : { target: { kind: 'value', value: before.value, strict: true }, source: 'change', prior: j };
  }
  if (obs?.target !== undefined) {
    const own = numericTarget(spec);
    return own === undefined ? 'no usable target' : { target: own, source: 'observation' };
  }
  // The catalogue's, resolved once per metric (evaluate-index.ts): a share of it in quarters 1–3
  // for a running total, else as it stands.
  const q = s.period.q;
  return (q === undefined ? undefined : mc.proRata[q]) ?? mc.catalogueTarget ?? 'no usable target';
}

/** Rates metric `c` in loaded period `s`: the rule, written once. */
export function rateMetric(index: Index, s: Slot, c: number): Rating {
  const { metric, tol } = itemAt(index.contexts, c);
  const obs = index.obs[s.at]?.[c];
  let rated: number | undefined;
  let ratedDecimals = 0;
  let spec: Target | undefined;
  let good: Good | undefined;
  let target: NumericTarget | undefined;
  let source: TargetSource | undefined;
  let prior: number | undefined;
  let result: RagResult | undefined;
  let unrated: Unrated | undefined;
  rate: {
    if (obs === undefined || obs.value === null) {
      unrated = obs === undefined ? 'no figure' : 'no value';
      break rate;
    }
    rated = obs.value;
    ratedDecimals = obs.decimals;
    if (metric.cumulative && s.period.q !== undefined) {
      for (const j of s.earlierQuarters) {
        const h = figureAt(index.obs, j, c);
        if (h === undefined) continue;
        rated += h.value;
        ratedDecimals = Math.max(ratedDecimals, h.decimals);
      }
      // A running total that overflows is not rated (the checks say so: OUT_OF_RANGE).
      if (!Number.isFinite(rated)) {
        unrated = 'overflow';
        break rate;
      }
    }
    spec = obs.target ?? metric.target;
    if (spec === undefined) {
      unrated = 'no target';
      break rate;
    }
    // A year-on-year change rates this period's own value against the earlier one.
    if (spec.kind === 'change') rated = obs.value;
    const resolved = resolveTarget(index, s, c, spec);
    if (typeof resolved === 'string') {
      unrated = resolved;
      break rate;
    }
    good = goodOf(metric, spec);
    let t = resolved.target;
    // A point target met within a published width (`on_target`) is the band of values that meet it.
    if (t.kind === 'value' && !t.strict && metric.onTarget !== undefined && good === 'target') t = pointBand(t.value, metric.onTarget);
    target = t;
    source = resolved.source;
    prior = resolved.prior;
    result = computeRag(rated, good, t, tol);
  }
  const computed: Rag = result?.rag ?? 'unrated';
  const reported = obs?.rag;
  // One shape for every record (each field present, undefined where there is none): the loop
  // over a large catalogue makes hundreds of thousands of them.
  return {
    rated,
    ratedDecimals,
    spec,
    good,
    target,
    targetSource: source,
    targetLabel: labelOf(metric, obs, source),
    prior,
    result,
    computed,
    unrated,
    reported,
    counted: reported ?? computed,
    mismatch: ragMismatch(reported, computed, tol),
  };
}
