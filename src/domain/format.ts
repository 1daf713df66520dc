// Units and number formatting: how a metric's value reads on a screen or in a hand-out.

import type { Metric, Tolerance, Unit } from './types.js';

/** Decimal places in a number as written (`89.19` → 2, `5` → 0, `1e3` → 0). */
export function decimalsWritten(source: string): number {
  const m = /\.(\d+)(?:[eE][-+]?\d+)?$/.exec(source.trim());
  // Stryker disable next-line OptionalChaining: group 1 is in every match
  return m?.[1]?.length ?? 0;
}

/** Groups thousands with commas: 3629829 → "3,629,829". */
export function groupThousands(text: string): string {
  // Nothing to group in up to three digits before the point (the common case): the text as it is.
  // A shortcut: the grouping below gives the same text for these, so its mutants change nothing.
  // Stryker disable all
  const dot = text.indexOf('.');
  const intLength = dot < 0 ? text.length : dot;
  const sign = text.charCodeAt(0) === 45 ? 1 : 0;
  if (intLength - sign <= 3 && (dot < 0 || text.indexOf('.', dot + 1) < 0)) return text;
  // Stryker restore all
  const [int = '', frac] = text.split('.');
  // Stryker disable next-line MethodExpression: a "-" at either end is never grouped (no \B before the first digit)
  const neg = int.startsWith('-');
  const digits = neg ? int.slice(1) : int;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac === undefined ? '' : `.${frac}`);
}

/**
 * What a number that is not finite shows instead of "Infinity" or "NaN": data never holds one, so
 * it is the result of a sum or ratio that overflowed (or of an undefined one).
 */
export function nonFiniteText(value: number): string {
  return Number.isNaN(value) ? 'n/a' : 'overflow';
}

/** A number to a fixed number of decimals, thousands grouped, no "-0" (from 1e21, in e-notation). */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return nonFiniteText(value);
  const fixed = value.toFixed(Math.max(0, Math.min(decimals, 10)));
  // The two character tests only spare most numbers the expression, which decides alone.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,Regex
  const clean = fixed.charCodeAt(0) === 45 && fixed.charCodeAt(1) === 48 && /^-0(\.0+)?$/.test(fixed) ? fixed.slice(1) : fixed;
  return groupThousands(clean);
}

const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { GBP: '£', EUR: '€', USD: '$' };

export function currencySymbol(code: string): string {
  return CURRENCY_SYMBOLS[code] ?? `${code} `;
}

/** "per 10,000" for a rate's base. */
export function perLabel(per: number): string {
  return `per ${formatNumber(per, 0)}`;
}

export const UNIT_WORDS: Readonly<Record<Unit, string>> = {
  percent: '%',
  count: '',
  days: 'days',
  score: '',
  rate: '',
  currency: '',
  index: '',
  ratio: '',
};

/** A value with its unit, as people read it: `89.19%`, `7.19 days`, `£188.57m`, `5.4 per 10,000`. */
export function formatValue(
  metric: Pick<Metric, 'unit' | 'decimals' | 'currency' | 'scale' | 'per'>,
  value: number,
  writtenDecimals = 0,
): string {
  return formatValueTo(metric, value, metric.decimals ?? writtenDecimals);
}

/** `formatValue` to exactly `decimals` places, whatever the metric's own decimals. */
export function formatValueTo(metric: Pick<Metric, 'unit' | 'currency' | 'scale' | 'per'>, value: number, decimals: number): string {
  const n = formatNumber(value, decimals);
  // No unit after a word: "overflow", not "overflow%".
  if (!Number.isFinite(value)) return n;
  switch (metric.unit) {
    case 'percent':
      return `${n}%`;
    case 'days':
      return `${n} ${Math.abs(value) === 1 ? 'day' : 'days'}`;
    case 'currency':
      // Stryker disable next-line Regex: formatNumber writes a minus only first
      return `${value < 0 ? '-' : ''}${currencySymbol(metric.currency)}${n.replace(/^-/, '')}${metric.scale ?? ''}`;
    case 'rate':
      return metric.per === undefined ? n : `${n} ${perLabel(metric.per)}`;
    case 'count':
    case 'score':
    case 'index':
    case 'ratio':
      return metric.scale === undefined ? n : `${n}${metric.scale}`;
  }
}

/** A difference in the metric's unit: `5.81` for percent points is "5.81 points". */
export function formatGap(metric: Pick<Metric, 'unit' | 'decimals' | 'currency' | 'scale' | 'per'>, gap: number, decimals: number): string {
  if (metric.unit === 'percent' && Number.isFinite(gap)) return `${formatNumber(gap, metric.decimals ?? decimals)} points`;
  return formatValue(metric, gap, decimals);
}

export function formatTolerance(t: Tolerance): string {
  if (t.kind === 'unpublished') return 'not published';
  return t.kind === 'relative' ? `${formatNumber(t.fraction * 100, decimalsOfNumber(t.fraction * 100))}%` : String(t.amount);
}

/** Decimals needed to show a computed number without noise (at most `max`). */
export function decimalsOfNumber(value: number, max = 4): number {
  // Stryker disable next-line EqualityOperator: at d = max the answer is max either way
  for (let d = 0; d < max; d++) {
    // Stryker disable next-line EqualityOperator: a difference of exactly 1e-9 is not a rounding of a written figure
    if (Math.abs(Number(value.toFixed(d)) - value) < 1e-9) return d;
  }
  return max;
}

/**
 * At least `d` decimals, and as many more as a number that is not zero needs not to read as zero
 * (0.0045 at 2 places is 0.0045, not 0.00): the places to its first significant digit and one more, at most 10.
 */
export function visibleDecimals(value: number, d: number): number {
  if (!Number.isFinite(value) || value === 0 || Number(value.toFixed(Math.min(Math.max(d, 0), 10))) !== 0) return d;
  return Math.min(10, Math.max(d, -Math.floor(Math.log10(Math.abs(value))) + 1));
}

/**
 * The decimals a target is shown with: as it was written (the places its number needs, up to 6; a
 * pro-rata share keeps the places its division gives), whatever the metric's display decimals; and
 * never so few that a target that is not zero reads as zero.
 */
export function targetDecimals(value: number): number {
  return Number.isFinite(value) ? visibleDecimals(value, decimalsOfNumber(value, 6)) : 0;
}

/** A target number with its unit, as written (see targetDecimals): 95%, 4.5 days, 0.0005. */
export function formatTarget(metric: Pick<Metric, 'unit' | 'decimals' | 'currency' | 'scale' | 'per'>, value: number): string {
  return formatValueTo(metric, value, targetDecimals(value));
}

/** A count and its noun: `1 finding`, `3 findings` (`many`: the plural when it is not `one` + s). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
