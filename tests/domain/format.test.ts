// How figures read on a screen and in a hand-out: grouping, decimals, units, tolerances and the
// words that stand for a number that is not one.
import { describe, expect, it } from 'vitest';
import {
  currencySymbol,
  decimalsOfNumber,
  decimalsWritten,
  formatGap,
  formatNumber,
  formatTarget,
  formatTolerance,
  formatValue,
  formatValueTo,
  groupThousands,
  nonFiniteText,
  perLabel,
  plural,
  targetDecimals,
  visibleDecimals,
} from '../../src/domain/format.js';

const GBP = { currency: 'GBP' };

describe('thousands', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['-999', '-999'],
    ['1000', '1,000'],
    ['-1000', '-1,000'],
    ['-100', '-100'],
    ['1234567.891', '1,234,567.891'],
    ['999.12345', '999.12345'],
    ['-999.5', '-999.5'],
    ['12345.6', '12,345.6'],
    ['3629829', '3,629,829'],
  ])('%s reads %s', (text, want) => expect(groupThousands(text)).toBe(want));

  it('the places a number is written to, in any notation', () => {
    expect(decimalsWritten(' 2.5 ')).toBe(1);
    expect(decimalsWritten('1.50e+3')).toBe(2);
    expect(decimalsWritten('1.25E-10')).toBe(2);
    expect(decimalsWritten('1.25e10')).toBe(2);
    expect(decimalsWritten('125')).toBe(0);
  });

  it('formatNumber rounds to the places asked, groups, and never shows "-0"', () => {
    expect(formatNumber(1234.5678, 2)).toBe('1,234.57');
    expect(formatNumber(-1234.5, 0)).toBe('-1,235');
    expect(formatNumber(-0.04, 1)).toBe('0.0');
    expect(formatNumber(-0.4, 0)).toBe('0');
    expect(formatNumber(-0.05, 1)).toBe('-0.1');
    expect(formatNumber(-10, 0)).toBe('-10');
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(0.5, -3)).toBe('1');
    expect(formatNumber(1 / 3, 14)).toBe('0.3333333333');
  });

  it('a sum that overflowed reads "overflow", an undefined one "n/a", in every unit', () => {
    expect(nonFiniteText(Infinity)).toBe('overflow');
    expect(nonFiniteText(-Infinity)).toBe('overflow');
    expect(nonFiniteText(NaN)).toBe('n/a');
    expect(formatNumber(Infinity, 2)).toBe('overflow');
    expect(formatNumber(NaN, 2)).toBe('n/a');
    for (const unit of ['percent', 'days', 'currency', 'rate', 'count'] as const) {
      expect(formatValue({ ...GBP, unit, per: 1000, scale: 'm' }, Infinity, 1)).toBe('overflow');
    }
  });
});

describe('units', () => {
  it('currency: its symbol, or its code and a space', () => {
    expect(currencySymbol('GBP')).toBe('£');
    expect(currencySymbol('EUR')).toBe('€');
    expect(currencySymbol('USD')).toBe('$');
    expect(currencySymbol('CHF')).toBe('CHF ');
    expect(formatValue({ unit: 'currency', currency: 'EUR' }, 1500, 0)).toBe('€1,500');
    expect(formatValue({ unit: 'currency', currency: 'GBP' }, 0, 0)).toBe('£0');
    expect(formatValue({ unit: 'currency', currency: 'CHF', scale: 'k' }, -2.5, 1)).toBe('-CHF 2.5k');
  });

  it('one day, not one days; any other number of days', () => {
    expect(formatValue({ ...GBP, unit: 'days' }, 1, 0)).toBe('1 day');
    expect(formatValue({ ...GBP, unit: 'days' }, -1, 0)).toBe('-1 day');
    expect(formatValue({ ...GBP, unit: 'days' }, 2, 0)).toBe('2 days');
    expect(formatValue({ ...GBP, unit: 'days' }, 0, 0)).toBe('0 days');
  });

  it('a rate with no base is the number alone; counts, scores, indices and ratios take their scale', () => {
    expect(perLabel(100000)).toBe('per 100,000');
    expect(formatValue({ ...GBP, unit: 'rate' }, 5.4, 1)).toBe('5.4');
    expect(formatValue({ ...GBP, unit: 'count', scale: 'k' }, 12.5, 1)).toBe('12.5k');
    expect(formatValue({ ...GBP, unit: 'score' }, 7, 0)).toBe('7');
    expect(formatValue({ ...GBP, unit: 'index', scale: 'bn' }, 1.2, 1)).toBe('1.2bn');
    expect(formatValue({ ...GBP, unit: 'ratio' }, 0.75, 2)).toBe('0.75');
  });

  it("the metric's own decimals win over the places written; formatValueTo takes the places given", () => {
    expect(formatValue({ ...GBP, unit: 'count', decimals: 0 }, 12.6, 2)).toBe('13');
    expect(formatValue({ ...GBP, unit: 'count' }, 12.6)).toBe('13');
    expect(formatValueTo({ ...GBP, unit: 'percent' }, 12.345, 1)).toBe('12.3%');
  });

  it('a difference in percent is in points, to the metric decimals; in other units, the unit', () => {
    expect(formatGap({ ...GBP, unit: 'percent' }, 5.814, 2)).toBe('5.81 points');
    expect(formatGap({ ...GBP, unit: 'percent', decimals: 1 }, 5.814, 2)).toBe('5.8 points');
    expect(formatGap({ ...GBP, unit: 'days' }, 3, 0)).toBe('3 days');
    expect(formatGap({ ...GBP, unit: 'percent' }, Infinity, 2)).toBe('overflow');
  });
});

describe('tolerances and targets', () => {
  it('a tolerance reads as published', () => {
    expect(formatTolerance({ kind: 'relative', fraction: 0.1, text: '10%' })).toBe('10%');
    expect(formatTolerance({ kind: 'relative', fraction: 0.025, text: '2.5%' })).toBe('2.5%');
    expect(formatTolerance({ kind: 'absolute', amount: 3, text: '3' })).toBe('3');
    expect(formatTolerance({ kind: 'unpublished', text: 'unpublished' })).toBe('not published');
  });

  it('decimals of a computed number: as few as show it, at most the limit', () => {
    expect(decimalsOfNumber(5)).toBe(0);
    expect(decimalsOfNumber(2.5)).toBe(1);
    expect(decimalsOfNumber(0.125)).toBe(3);
    expect(decimalsOfNumber(1 / 3)).toBe(4);
    expect(decimalsOfNumber(1 / 3, 6)).toBe(6);
    expect(decimalsOfNumber(0.1 + 0.2)).toBe(1);
  });

  it('a figure that is not zero never reads as zero', () => {
    expect(visibleDecimals(0.0045, 2)).toBe(4);
    expect(visibleDecimals(-0.0045, 2)).toBe(4);
    expect(visibleDecimals(0.05, 1)).toBe(1);
    expect(visibleDecimals(0.04, 1)).toBe(3);
    expect(visibleDecimals(0.5, 0)).toBe(0);
    expect(visibleDecimals(0.4, 0)).toBe(2);
    expect(visibleDecimals(0, 2)).toBe(2);
    expect(visibleDecimals(1e-15, 2)).toBe(10);
    expect(visibleDecimals(Infinity, 2)).toBe(2);
    expect(visibleDecimals(0.000123, -1)).toBe(5);
  });

  it('a target reads as written, up to six places', () => {
    expect(targetDecimals(95)).toBe(0);
    expect(targetDecimals(4.5)).toBe(1);
    expect(targetDecimals(1 / 3)).toBe(6);
    // Under six places: to its first significant digit (the seventh) and one more.
    expect(targetDecimals(0.0000005)).toBe(8);
    expect(targetDecimals(NaN)).toBe(0);
    expect(formatTarget({ ...GBP, unit: 'percent', decimals: 2 }, 95)).toBe('95%');
    expect(formatTarget({ ...GBP, unit: 'days', decimals: 0 }, 4.5)).toBe('4.5 days');
    expect(formatTarget({ ...GBP, unit: 'count' }, 0.0005)).toBe('0.0005');
  });
});

describe('plural', () => {
  it('one, many, and an irregular plural', () => {
    expect(plural(1, 'finding')).toBe('1 finding');
    expect(plural(0, 'finding')).toBe('0 findings');
    expect(plural(2, 'finding')).toBe('2 findings');
    expect(plural(3, 'entry', 'entries')).toBe('3 entries');
    expect(plural(1, 'entry', 'entries')).toBe('1 entry');
  });
});
