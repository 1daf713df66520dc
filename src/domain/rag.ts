// The computed-RAG rule (one rule, used everywhere) and the rollup of several RAGs.
//
// Meets target → green. Misses by no more than the amber tolerance → amber. Otherwise red.
// good: high meets when value ≥ target (≥ min for a band); good: low when value ≤ target (≤ max);
// good: target only inside the band (or equal to the number), the miss being the distance to the
// nearest bound. A relative tolerance is taken of the target (of the nearest bound for a band).
// An unpublished tolerance has no amber: met is green, missed is red, and a reported amber on a
// missed target is the council's judgement, not a mismatch.

import { formatNumber, formatTarget, formatTolerance, formatValue, decimalsOfNumber, visibleDecimals } from './format.js';
import type { Good, Metric, Rag, RatedRag, Rollup, Tolerance, Width } from './types.js';

/**
 * A target reduced to numbers: what a value is compared with. A band made from a point target and
 * its `on_target` width keeps both, to be described as published (`£192.365m ± 2%`).
 */
export type NumericTarget =
  | { readonly kind: 'value'; readonly value: number; readonly strict?: boolean }
  | { readonly kind: 'band'; readonly min: number; readonly max: number; readonly point?: number; readonly within?: Width };

/** The amount a width stands for around `reference`: a share of it, or the amount itself. */
export function widthOf(w: Width, reference: number): number {
  return w.kind === 'relative' ? Math.abs(reference) * w.fraction : w.amount;
}

/** A point target with its `on_target` width: the band of values that meet it. */
export function pointBand(point: number, within: Width): NumericTarget {
  const w = widthOf(within, point);
  return { kind: 'band', min: point - w, max: point + w, point, within };
}

export interface RagResult {
  readonly rag: RatedRag;
  readonly meets: boolean;
  /** How far the value misses the target, in the metric's unit (0 when it meets). */
  readonly gap: number;
  /** The amber tolerance, in the metric's unit. */
  readonly tolerance: number;
  /** The number the gap is measured from: the target, or the band's nearest bound. */
  readonly reference: number;
  /** Which side of the target the value misses on. */
  readonly side: 'short' | 'over' | 'none';
}

const EPS = 1e-9;

function close(a: number, b: number): boolean {
  // A figure that overflowed is close to nothing (|Infinity − b| ≤ 1e-9 × Infinity would hold).
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  // Stryker disable next-line EqualityOperator: a difference of exactly the tolerance is no figure's rounding
  return Math.abs(a - b) <= EPS * Math.max(1, Math.abs(a), Math.abs(b));
}

function toleranceOf(t: Tolerance, reference: number): number {
  return t.kind === 'unpublished' ? 0 : widthOf(t, reference);
}

/** Applies the rule to one value. */
export function computeRag(value: number, good: Good, target: NumericTarget, tol: Tolerance): RagResult {
  let meets: boolean;
  let gap: number;
  let reference: number;
  let side: RagResult['side'];
  if (target.kind === 'value') {
    reference = target.value;
    const t = target.value;
    if (good === 'high') {
      // Stryker disable next-line EqualityOperator: equal figures are close
      meets = target.strict ? value > t && !close(value, t) : value >= t || close(value, t);
      gap = meets ? 0 : t - value;
      side = meets ? 'none' : 'short';
    } else if (good === 'low') {
      // Stryker disable next-line EqualityOperator: equal figures are close
      meets = target.strict ? value < t && !close(value, t) : value <= t || close(value, t);
      gap = meets ? 0 : value - t;
      side = meets ? 'none' : 'over';
    } else {
      meets = close(value, t);
      gap = meets ? 0 : Math.abs(value - t);
      // Stryker disable next-line EqualityOperator: an equal value meets the target
      side = meets ? 'none' : value < t ? 'short' : 'over';
    }
  } else {
    const { min, max } = target;
    // Stryker disable next-line EqualityOperator: equal figures are close
    const below = value < min && !close(value, min);
    // Stryker disable next-line EqualityOperator: equal figures are close
    const above = value > max && !close(value, max);
    if (good === 'high') {
      meets = !below;
      reference = min;
    } else if (good === 'low') {
      meets = !above;
      reference = max;
    } else {
      meets = !below && !above;
      reference = below ? min : max;
    }
    gap = meets ? 0 : below ? min - value : value - max;
    side = meets ? 'none' : below ? 'short' : 'over';
  }
  gap = Math.max(0, gap);
  const tolerance = toleranceOf(tol, reference);
  // A missed target's gap is never within 1e-9 of 0 (it would be close, so met), and a gap of exactly
  // the tolerance is close to it: the unpublished test and `<=` against `<` change nothing.
  // Stryker disable next-line ConditionalExpression,StringLiteral,EqualityOperator
  const rag: RatedRag = meets ? 'green' : tol.kind !== 'unpublished' && (gap <= tolerance || close(gap, tolerance)) ? 'amber' : 'red';
  return { rag, meets, gap, tolerance, reference, side };
}

/**
 * The severity order, worst first: red, amber, green, then unrated (nothing to rate). Written once:
 * every sort or list of RAGs by severity reads it (`compareRag`, `RAGS_BEST_FIRST`).
 */
export const RAGS_WORST_FIRST: readonly [RatedRag, RatedRag, RatedRag, 'unrated'] = ['red', 'amber', 'green', 'unrated'];

/** The rated RAGs best first, then unrated: the order a count of each is written in ("3 green, 1 red"). */
export const RAGS_BEST_FIRST: readonly Rag[] = [...RAGS_WORST_FIRST.slice(0, 3).reverse(), 'unrated'];

const SEVERITY_RANK: Record<Rag, number> = { red: 0, amber: 0, green: 0, unrated: 0 };
for (const [rank, rag] of RAGS_WORST_FIRST.entries()) SEVERITY_RANK[rag] = rank;

/** Worse first: red, amber, green, then unrated. */
export function compareRag(a: Rag, b: Rag): number {
  return SEVERITY_RANK[a] - SEVERITY_RANK[b];
}

export function isRated(r: Rag | undefined): r is RatedRag {
  return r === 'green' || r === 'amber' || r === 'red';
}

/**
 * A reported RAG that contradicts the computed one (the RAG_MISMATCH rule, written once): both
 * given and different; a reported "unrated" against a target that rates the value counts too.
 * Where the amber band is not published, only a RAG on the wrong side of the target contradicts
 * it: a reported amber (or red) on a missed target is the council's judgement.
 */
export function ragMismatch(reported: Rag | undefined, computed: Rag, tol?: Tolerance): boolean {
  if (reported === undefined || !isRated(computed) || reported === computed) return false;
  return !(tol?.kind === 'unpublished' && computed === 'red' && reported === 'amber');
}

/**
 * The rollup of several RAGs. Unrated ones are left out; none rated → unrated.
 * `majority` takes the most frequent; on a tie, the worse of those tied (the cautious reading).
 */
export function rollupRag(rags: readonly Rag[], how: Rollup): Rag {
  let green = 0;
  let amber = 0;
  let red = 0;
  for (const r of rags) {
    if (r === 'green') green += 1;
    else if (r === 'amber') amber += 1;
    else if (r === 'red') red += 1;
  }
  return rollupCounts(green, amber, red, how);
}

/** `rollupRag` from how many of the RAGs are green, amber and red. */
export function rollupCounts(green: number, amber: number, red: number, how: Rollup): Rag {
  if (green + amber + red === 0) return 'unrated';
  switch (how) {
    case 'worst':
      return red > 0 ? 'red' : amber > 0 ? 'amber' : 'green';
    case 'best':
      return green > 0 ? 'green' : amber > 0 ? 'amber' : 'red';
    case 'majority': {
      // The most frequent; on a tie the worse (red, then amber, then green).
      let best: RatedRag = 'red';
      let most = red;
      if (amber > most) {
        best = 'amber';
        most = amber;
      }
      if (green > most) best = 'green';
      return best;
    }
  }
}

type Fmt = Pick<Metric, 'unit' | 'decimals' | 'currency' | 'scale' | 'per'>;

/** A target as numbers, each shown as written (95, not 95.00), whatever the metric's display decimals. */
export function describeTarget(metric: Fmt, t: NumericTarget): string {
  if (t.kind === 'value') return formatTarget(metric, t.value);
  // Stryker disable next-line ConditionalExpression: pointBand sets both or neither
  if (t.point !== undefined && t.within !== undefined) return `${formatTarget(metric, t.point)} ± ${t.within.kind === 'relative' ? formatTolerance(t.within) : formatTarget(metric, t.within.amount)}`;
  return `${formatTarget(metric, t.min)}–${formatTarget(metric, t.max)}`;
}

const GOOD_WORDS: Readonly<Record<Good, string>> = { high: 'high is good', low: 'low is good', target: 'on target is good' };

/** A rated value and what rated it: what `explainRag` describes. */
export interface RatedValue {
  readonly value: number;
  /** The decimals the value was written to. */
  readonly decimals: number;
  readonly good: Good;
  readonly target: NumericTarget;
  readonly tol: Tolerance;
  /** `computeRag` of the above. */
  readonly result: RagResult;
}

/** How `explainRag` words the target and the step to the RAG. */
export interface ExplainWords {
  /** What the target is called: "target", "pro-rata target (2/4 of the year)", "England benchmark". */
  readonly targetWord?: string;
  /** What leads to the RAG: the viewmodel words it with its glyph set ("->" in ASCII). */
  readonly leadsTo?: string;
}

/**
 * The rule behind a RAG in one line, e.g.
 * `89.19% vs target 95% (high is good): 5.81 short, amber tolerance 4.75 → red`.
 */
export function explainRag(metric: Fmt, rated: RatedValue, words: ExplainWords = {}): string {
  const { value, decimals: valueDecimals, good, target, tol, result } = rated;
  const { targetWord = 'target', leadsTo = '→' } = words;
  const d = Math.max(valueDecimals, metric.decimals ?? 0);
  const head = `${formatValue(metric, value, valueDecimals)} vs ${targetWord} ${describeTarget(metric, target)} (${GOOD_WORDS[good]})`;
  if (result.meets) return `${head}: meets ${targetWord} ${leadsTo} green`;
  // A gap that overflows (from -1.7e308 to 1.7e308) has no figure: it is beyond any tolerance.
  if (!Number.isFinite(result.gap)) return `${head}: ${result.side === 'over' ? 'over' : 'short'} by more than can be computed ${leadsTo} ${result.rag}`;
  // Never a gap or a tolerance that is not zero printed as 0.00.
  const gap = formatNumber(result.gap, visibleDecimals(result.gap, Math.max(d, decimalsOfNumber(result.gap, 2))));
  if (tol.kind === 'unpublished') {
    const where = result.side === 'over' ? 'above' : 'below';
    return `${head}: ${gap} ${where} ${targetWord}; the amber band is not published ${leadsTo} ${result.rag}`;
  }
  const tolNumber = formatNumber(result.tolerance, visibleDecimals(result.tolerance, Math.max(d, decimalsOfNumber(result.tolerance, 2))));
  const tolText = tol.kind === 'relative' ? `${tolNumber} (${formatTolerance(tol)})` : tolNumber;
  return `${head}: ${gap} ${result.side === 'over' ? 'over' : 'short'}, amber tolerance ${tolText} ${leadsTo} ${result.rag}`;
}
