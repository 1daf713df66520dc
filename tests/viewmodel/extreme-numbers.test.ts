// Any number, finite or not, gives bounded work and a bounded, honest picture: charts, sparklines,
// big figures and number formatting are fed arbitrary doubles (NaN, ±Infinity, -0, the largest and
// smallest doubles, huge ranges) and must return within the size asked for, never showing "NaN"
// or "Infinity" as a figure. (A chart of 1.7976931348623157e308 against a target of 90 once spun
// for ever scaling its y axis, and a key press hung the app.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalsOfNumber, formatGap, formatNumber, formatValue } from '../../src/domain/format.js';
import type { Metric, Unit } from '../../src/domain/types.js';
import { bigText, splitFigure } from '../../src/viewmodel/bigtext.js';
import { trendChart, type ChartPoint } from '../../src/viewmodel/chart.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { sparkline } from '../../src/viewmodel/sparkline.js';
import { lineWidth, plain, textWidth } from '../../src/viewmodel/styled.js';

const MAX = Number.MAX_VALUE;
const SPECIAL = [MAX, -MAX, 5e-324, -5e-324, 1e-300, -1e-300, 1e300, -1e300, Number.NaN, Infinity, -Infinity, -0, 0, 90, 100, 1e21, 9.999e20, 2 ** 53 + 1];
/** Arbitrary doubles, NaN and ±Infinity included, with the extreme ones drawn often. */
const anyDouble = fc.oneof(fc.constantFrom(...SPECIAL), fc.double({ noNaN: false }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
const glyphs = fc.constantFrom(UNICODE_GLYPHS, ASCII_GLYPHS);
const RUNS = 400;
/** The same cases every run in npm test (random exploration belongs to npm run fuzz). */
const SEED = 20_261_203;
/** A non-finite number shown as one. */
const NON_FINITE = /NaN|Infinity/;

const point = (value: number | null, i = 0): ChartPoint => ({ label: `2024/25 Q${(i % 4) + 1}`, value });

function checkChart(points: readonly ChartPoint[], target: number | undefined, width: number, height: number, g = UNICODE_GLYPHS) {
  const lines = trendChart(points, target, { width, height, glyphs: g });
  // The plot gets at least two rows, plus the period labels and the legend.
  expect(lines.length).toBeLessThanOrEqual(Math.max(4, height));
  for (const l of lines) expect(lineWidth(l)).toBeLessThanOrEqual(Math.max(1, width));
  const text = lines.map(plain).join('\n');
  expect(text).not.toMatch(NON_FINITE);
  return lines.map(plain);
}

describe('the trend chart with extreme numbers', () => {
  it('draws the largest double against a target of 90, labelled with finite numbers', () => {
    const lines = checkChart([point(MAX)], 90, 60, 12);
    expect(lines.join('\n')).toContain('target 90');
    // The value's row is labelled near 1.8e308 and the target's scale starts at 0.
    expect(lines.join('\n')).toMatch(/1\.8e308/);
  });

  it.each<[string, Array<number | null>, number | undefined]>([
    ['the largest double, no target', [MAX], undefined],
    ['both ends of the doubles', [-MAX, MAX], undefined],
    ['both ends and a target', [-MAX, 0, MAX], 50],
    ['the smallest double', [5e-324], undefined],
    ['the smallest double against 0', [5e-324, 0], 0],
    ['a huge range', [1e-300, 1e300], undefined],
    ['a tiny range', [1e-300, 2e-300], 1.5e-300],
    ['non-finite values only', [Number.NaN, Infinity, -Infinity], undefined],
    ['a non-finite target', [1, 2, 3], Infinity],
    ['-0 and 0', [-0, 0], -0],
    ['a target at the largest double', [1], MAX],
  ])('%s', (_, values, target) => {
    for (const [w, h] of [
      [80, 14],
      [20, 6],
      [1, 1],
    ] as const) {
      checkChart(
        values.map((v, i) => point(v, i)),
        target,
        w,
        h,
      );
    }
  });

  it('any values and target, any size: bounded lines, no NaN or Infinity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(anyDouble, { freq: 5 }), { minLength: 0, maxLength: 10 }),
        fc.option(anyDouble, { freq: 2 }),
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 40 }),
        glyphs,
        (values, target, width, height, g) => {
          checkChart(
            values.map((v, i) => point(v, i)),
            target ?? undefined,
            width,
            height,
            g,
          );
        },
      ),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('sparklines with extreme numbers', () => {
  it.each<[Array<number | undefined>, string]>([
    [[-MAX, 0, MAX], '▁▅█'],
    [[0, 5e-324], '▁█'],
    [[Number.NaN, 1, Infinity, 2, -Infinity], ' ▁ █ '],
  ])('%j → %s', (values, expected) => {
    expect(sparkline(values, UNICODE_GLYPHS.spark)).toBe(expected);
  });

  it('one character of the ramp (or a space) per value', () => {
    fc.assert(
      fc.property(fc.array(fc.option(anyDouble, { nil: undefined }), { maxLength: 40 }), glyphs, (values, g) => {
        const s = sparkline(values, g.spark);
        const chars = [...s];
        expect(chars).toHaveLength(values.length);
        for (const [i, c] of chars.entries()) {
          const v = values[i];
          if (v === undefined || !Number.isFinite(v)) expect(c).toBe(' ');
          else expect([...g.spark]).toContain(c);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

const UNITS: readonly Unit[] = ['percent', 'count', 'days', 'score', 'rate', 'currency', 'index', 'ratio'];
const metricArb = fc.record({
  unit: fc.constantFrom(...UNITS),
  currency: fc.constantFrom('GBP', 'EUR', 'XYZ'),
  scale: fc.option(fc.constantFrom('m', 'bn', 'k'), { nil: undefined }),
  per: fc.option(fc.constantFrom(1000, 10000, 1e300), { nil: undefined }),
  decimals: fc.option(fc.integer({ min: 0, max: 6 }), { nil: undefined }),
}) as fc.Arbitrary<Pick<Metric, 'unit' | 'decimals' | 'currency' | 'scale' | 'per'>>;

describe('number formatting with extreme numbers', () => {
  it('formatNumber: a finite figure of bounded length, or an honest word', () => {
    fc.assert(
      fc.property(anyDouble, fc.integer({ min: -5, max: 40 }), (v, d) => {
        const s = formatNumber(v, d);
        expect(s).not.toMatch(NON_FINITE);
        expect(s.length).toBeLessThanOrEqual(40);
        if (Number.isFinite(v)) expect(s).toMatch(/^-?\d/);
        else expect(s).toBe(Number.isNaN(v) ? 'n/a' : 'overflow');
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('formatValue and formatGap: bounded, no NaN or Infinity', () => {
    fc.assert(
      fc.property(metricArb, anyDouble, fc.integer({ min: 0, max: 12 }), (metric, v, d) => {
        for (const s of [formatValue(metric, v, d), formatGap(metric, v, d)]) {
          expect(s).not.toMatch(NON_FINITE);
          expect(s.length).toBeLessThanOrEqual(80);
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('decimalsOfNumber: within 0 and max', () => {
    fc.assert(
      fc.property(anyDouble, fc.integer({ min: 0, max: 12 }), (v, max) => {
        const d = decimalsOfNumber(v, max);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(max);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('big figures with extreme numbers', () => {
  it('a formatted value drawn big fits the width and at most the rows asked for', () => {
    fc.assert(
      fc.property(metricArb, anyDouble, glyphs, fc.integer({ min: 0, max: 200 }), fc.constantFrom(1, 2, 3, 4, 5), (metric, v, g, width, rows) => {
        const { figure, rest } = splitFigure(formatValue(metric, v, 2));
        expect(`${figure} ${rest}`).not.toMatch(NON_FINITE);
        const lines = bigText(figure, g, width, { rows });
        expect(lines.length).toBeLessThanOrEqual(Math.max(1, rows));
        for (const l of lines) expect(textWidth(l)).toBeLessThanOrEqual(width);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});

describe('small figures on the chart axis', () => {
  it('figures below a thousandth are labelled in e-notation, not all as 0', () => {
    const lines = checkChart([point(0.0001, 0), point(0.0002, 1)], undefined, 50, 8);
    expect(lines.some((l) => /^ *2(\.0)?e-4 ┤/.test(l))).toBe(true);
    expect(lines.some((l) => /^ *1(\.0)?e-4 ┤/.test(l))).toBe(true);
  });
});
