import { describe, expect, it } from 'vitest';
import { computeRag, explainRag, rollupRag, type NumericTarget } from '../../src/domain/rag.js';
import type { Good, Rag, Rollup, Tolerance } from '../../src/domain/types.js';

const rel = (pct: number): Tolerance => ({ kind: 'relative', fraction: pct / 100, text: `${pct}%` });
const abs = (n: number): Tolerance => ({ kind: 'absolute', amount: n, text: String(n) });
const val = (value: number): NumericTarget => ({ kind: 'value', value });
const band = (min: number, max: number): NumericTarget => ({ kind: 'band', min, max });

describe('computeRag: the one rule', () => {
  const cases: Array<[string, number, Good, NumericTarget, Tolerance, Rag]> = [
    // good: high, target 95, 5% relative → tolerance 4.75, amber down to 90.25 inclusive
    ['high: above target', 96, 'high', val(95), rel(5), 'green'],
    ['high: exactly on target', 95, 'high', val(95), rel(5), 'green'],
    ['high: just short', 94.99, 'high', val(95), rel(5), 'amber'],
    ['high: exactly on the tolerance', 90.25, 'high', val(95), rel(5), 'amber'],
    ['high: just past the tolerance', 90.24, 'high', val(95), rel(5), 'red'],
    ['high: the report example 89.19 vs 95', 89.19, 'high', val(95), rel(5), 'red'],
    // good: low, target 5 days, absolute tolerance 1 day
    ['low: under target', 4, 'low', val(5), abs(1), 'green'],
    ['low: on target', 5, 'low', val(5), abs(1), 'green'],
    ['low: on the absolute tolerance', 6, 'low', val(5), abs(1), 'amber'],
    ['low: past the absolute tolerance', 6.01, 'low', val(5), abs(1), 'red'],
    ['low: relative tolerance of the target', 5.25, 'low', val(5), rel(5), 'amber'],
    ['low: 7.19 days vs 5', 7.19, 'low', val(5), rel(5), 'red'],
    // good: target with a number: only equal meets
    ['target: equal', 10, 'target', val(10), rel(5), 'green'],
    ['target: a little over', 10.4, 'target', val(10), rel(5), 'amber'],
    ['target: a little under', 9.5, 'target', val(10), rel(5), 'amber'],
    ['target: far under', 9.4, 'target', val(10), rel(5), 'red'],
    // bands
    ['band high: inside', 99, 'high', band(98.8, 99.2), rel(5), 'green'],
    ['band high: above the band is better still', 99.9, 'high', band(98.8, 99.2), rel(5), 'green'],
    ['band high: below min, within tolerance of min', 94, 'high', band(98.8, 99.2), rel(5), 'amber'],
    ['band high: below min, past tolerance (4.94 of 98.8)', 93.8, 'high', band(98.8, 99.2), rel(5), 'red'],
    ['band low: below the band is better', 1, 'low', band(8, 10), rel(5), 'green'],
    ['band low: above max within tolerance', 10.5, 'low', band(8, 10), rel(5), 'amber'],
    ['band low: above max past tolerance', 10.51, 'low', band(8, 10), rel(5), 'red'],
    ['band target: inside', 9, 'target', band(8, 10), rel(5), 'green'],
    ['band target: on the lower bound', 8, 'target', band(8, 10), rel(5), 'green'],
    ['band target: under, tolerance of the nearest bound (0.4)', 7.6, 'target', band(8, 10), rel(5), 'amber'],
    ['band target: under, past tolerance', 7.59, 'target', band(8, 10), rel(5), 'red'],
    ['band target: over, tolerance of max (0.5)', 10.5, 'target', band(8, 10), rel(5), 'amber'],
    ['band target: over, past tolerance', 10.51, 'target', band(8, 10), rel(5), 'red'],
    // zero tolerance: any miss is red
    ['zero tolerance: a miss is red', 94.99, 'high', val(95), abs(0), 'red'],
    ['relative tolerance of a zero target is zero', 0.1, 'low', val(0), rel(5), 'red'],
    // strict targets (year-on-year change): equal is not a decrease
    ['strict: equal is not met', 10, 'low', { kind: 'value', value: 10, strict: true }, rel(5), 'amber'],
    ['strict: lower meets', 9.9, 'low', { kind: 'value', value: 10, strict: true }, rel(5), 'green'],
  ];
  it.each(cases)('%s', (_name, value, good, target, tol, want) => {
    expect(computeRag(value, good, target, tol).rag).toBe(want);
  });

  it('reports the gap, the tolerance in the unit, and the side', () => {
    const r = computeRag(89.19, 'high', val(95), rel(5));
    expect(r.gap).toBeCloseTo(5.81, 10);
    expect(r.tolerance).toBeCloseTo(4.75, 10);
    expect(r.side).toBe('short');
    expect(computeRag(7.19, 'low', val(5), rel(5)).side).toBe('over');
  });
});

describe('explainRag', () => {
  const pct = { unit: 'percent' as const, currency: 'GBP' };
  it('says the rule behind a red in one line', () => {
    const r = computeRag(89.19, 'high', val(95), rel(5));
    expect(explainRag(pct, { value: 89.19, decimals: 2, good: 'high', target: val(95), tol: rel(5), result: r })).toBe('89.19% vs target 95% (high is good): 5.81 short, amber tolerance 4.75 (5%) → red');
  });
  it('says when a value meets its target', () => {
    const r = computeRag(96, 'high', val(95), rel(5));
    expect(explainRag(pct, { value: 96, decimals: 0, good: 'high', target: val(95), tol: rel(5), result: r })).toBe('96% vs target 95% (high is good): meets target → green');
  });
  it('describes bands and low-is-good misses', () => {
    const days = { unit: 'days' as const, currency: 'GBP' };
    const r = computeRag(10.5, 'low', band(8, 10), abs(1));
    expect(explainRag(days, { value: 10.5, decimals: 1, good: 'low', target: band(8, 10), tol: abs(1), result: r })).toBe('10.5 days vs target 8 days–10 days (low is good): 0.5 over, amber tolerance 1.0 → amber');
  });
});

describe('rollupRag', () => {
  const cases: Array<[Rollup, Rag[], Rag]> = [
    ['worst', ['green', 'amber', 'red'], 'red'],
    ['worst', ['green', 'amber'], 'amber'],
    ['worst', ['green', 'unrated'], 'green'],
    ['best', ['red', 'amber'], 'amber'],
    ['best', ['red', 'green', 'unrated'], 'green'],
    ['majority', ['green', 'green', 'red'], 'green'],
    ['majority', ['green', 'red'], 'red'],
    ['majority', ['green', 'amber', 'amber', 'red', 'red'], 'red'],
    ['majority', ['amber', 'amber', 'red'], 'amber'],
    ['worst', ['unrated', 'unrated'], 'unrated'],
    ['best', [], 'unrated'],
  ];
  it.each(cases)('%s of %j is %s', (how, rags, want) => {
    expect(rollupRag(rags, how)).toBe(want);
  });
});
