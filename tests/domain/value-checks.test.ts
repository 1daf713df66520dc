// The checks of each figure, word for word: a value out of range for its unit, a ratio against its
// numerator and denominator, and a jump from the previous figure.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

const metric = (id: string, fields: string) => `      - { id: ${id}, title: ${id}, ${fields} }\n`;

function found(code: string, kpis: string, ...periods: string[]): string[] {
  const files: Record<string, string> = { 'catalogue.yaml': catalogue(kpis) };
  periods.forEach((p, i) => (files[`p${i}.yaml`] = p));
  return runChecks(evaluateTree(files))
    .filter((f) => f.code === code)
    .map((f) => `${f.severity} ${f.id}: ${f.message}`);
}

const q = (n: number, obs: string) => `period: 2019/20 Q${n}\nobservations:\n${obs}`;

describe('a value out of range for its unit', () => {
  it('over 100%: an error, or a note where the metric allows it; 100% itself is fine', () => {
    const kpis = metric('a', 'unit: percent, good: high') + metric('b', 'unit: percent, good: high, allow_over_100: true');
    expect(found('OUT_OF_RANGE', kpis, q(1, '  a: { value: 100 }\n  b: { value: 104.5 }\n'))).toEqual([
      'info b: 104.5% is over 100% (allowed for this metric: allow_over_100)',
    ]);
  });

  it('below zero: a percentage, a count or a number of days cannot be; other units can', () => {
    const kpis =
      metric('p', 'unit: percent, good: high') +
      metric('c', 'unit: count, good: high') +
      metric('d', 'unit: days, good: low') +
      metric('s', 'unit: score, good: high') +
      metric('v', 'unit: count, good: high, allow_negative: true');
    expect(found('OUT_OF_RANGE', kpis, q(1, '  p: { value: -5 }\n  c: { value: -3 }\n  d: { value: -1.5 }\n  s: { value: -2 }\n  v: { value: -7 }\n'))).toEqual([
      'error p: a percentage cannot be negative (-5; set allow_negative where that is legitimate)',
      'error c: a count cannot be negative (-3; set allow_negative where that is legitimate)',
      'error d: a number of days cannot be negative (-1.5; set allow_negative where that is legitimate)',
      'info v: negative count -7 (allowed for this metric: allow_negative)',
    ]);
  });
});

describe('a ratio against its numerator and denominator', () => {
  it('a count is the plain ratio; a rate is per its base; a percentage per hundred', () => {
    const kpis = metric('c', 'unit: count, good: high') + metric('r', 'unit: rate, per: 1000, good: low') + metric('p', 'unit: percent, good: high');
    const obs = '  c: { value: 6, numerator: 9, denominator: 2 }\n  r: { value: 4.5, numerator: 9, denominator: 2000 }\n  p: { value: 45.0, numerator: 9, denominator: 20 }\n';
    expect(found('RATIO_MISMATCH', kpis, q(1, obs))).toEqual(['error c: value 6 ≠ 9/2 = 4.50']);
    expect(found('RATIO_MISMATCH', kpis, q(1, obs.replace('value: 4.5,', 'value: 4.6,')))).toEqual(['error c: value 6 ≠ 9/2 = 4.50', 'error r: value 4.6 ≠ 9/2000 × 1000 = 4.50']);
  });

  it('a denominator of 0, and a ratio that overflows, cannot be checked', () => {
    const kpis = metric('c', 'unit: count, good: high') + metric('p', 'unit: percent, good: high');
    expect(found('RATIO_MISMATCH', kpis, q(1, '  c: { value: 5, numerator: 9, denominator: 0 }\n  p: { value: 5, numerator: 1e308, denominator: 1e-10 }\n'))).toEqual([
      'error c: denominator is 0, so the value 5 cannot be numerator/denominator',
      'error p: the value 5 cannot be checked: 1e+308/1e-10 × 100 overflows',
    ]);
  });

  it('a numerator alone is no ratio', () => {
    expect(found('RATIO_MISMATCH', metric('c', 'unit: count, good: high'), q(1, '  c: { value: 5, numerator: 9 }\n'))).toEqual([]);
  });
});

describe('a jump from the previous figure', () => {
  const count = metric('k', 'unit: count, good: high');
  it('more than 5× up or under 1/5 down is a likely typo; 5× itself is not', () => {
    expect(found('SUSPICIOUS_JUMP', count, q(1, '  k: { value: 100 }\n'), q(2, '  k: { value: 500 }\n'))).toEqual([]);
    expect(found('SUSPICIOUS_JUMP', count, q(1, '  k: { value: 100 }\n'), q(2, '  k: { value: 20 }\n'))).toEqual([]);
    expect(found('SUSPICIOUS_JUMP', count, q(1, '  k: { value: 100 }\n'), q(2, '  k: { value: 501 }\n'))).toEqual([
      'warning k: value moved from 100 (2019/20 Q1) to 501, 5.0×: a likely typo',
    ]);
    expect(found('SUSPICIOUS_JUMP', count, q(1, '  k: { value: 100 }\n'), q(2, '  k: { value: 19 }\n'))).toEqual([
      'warning k: value moved from 100 (2019/20 Q1) to 19, 1/5.3: a likely typo',
    ]);
    expect(found('SUSPICIOUS_JUMP', count, q(1, '  k: { value: 100 }\n'), q(2, '  k: { value: 0 }\n'))).toEqual(['warning k: value moved from 100 (2019/20 Q1) to 0, to zero: a likely typo']);
    expect(found('SUSPICIOUS_JUMP', count, q(1, '  k: { value: 0 }\n'), q(2, '  k: { value: 100 }\n'))).toEqual([]);
  });

  it('not when its targets moved alike; said with the targets when they did not', () => {
    const targeted = (t1: string, t2: string) => [q(1, `  k: { value: 100, target: ${t1} }\n`), q(2, `  k: { value: 1000, target: ${t2} }\n`)];
    expect(found('SUSPICIOUS_JUMP', count, ...targeted('100', '1000'))).toEqual([]);
    expect(found('SUSPICIOUS_JUMP', count, ...targeted('{ min: 80, max: 120 }', '{ min: 900, max: 1100 }'))).toEqual([]);
    expect(found('SUSPICIOUS_JUMP', count, ...targeted('100', '150'))).toEqual([
      'warning k: value moved from 100 (2019/20 Q1) to 1,000, 10.0×, while its target moved from 100 to 150 (1.5×): a likely typo',
    ]);
    expect(found('SUSPICIOUS_JUMP', count, ...targeted('{ min: 80, max: 120 }', '{ min: 100, max: 200 }'))).toEqual([
      'warning k: value moved from 100 (2019/20 Q1) to 1,000, 10.0×, while its target moved from 100 to 150 (1.5×): a likely typo',
    ]);
    // A target of 0 gives no ratio of targets: the values' ratio alone.
    expect(found('SUSPICIOUS_JUMP', count, ...targeted('0', '1000'))).toEqual(['warning k: value moved from 100 (2019/20 Q1) to 1,000, 10.0×: a likely typo']);
  });

  it('a figure that can be negative: against 5 × its usual size, the mean of the earlier ones or its target', () => {
    const variance = metric('v', 'unit: currency, good: high, allow_negative: true');
    const v = (n: number, value: number, target = '') => q(n, `  v: { value: ${value}${target} }\n`);
    // Earlier figures 2 and -4: a usual size of 3; a move of 15 is not over 15, one of 16 is.
    expect(found('SUSPICIOUS_JUMP', variance, v(1, 2), v(2, -4), v(3, 11))).toEqual([]);
    expect(found('SUSPICIOUS_JUMP', variance, v(1, 2), v(2, -4), v(3, 12))).toEqual([
      'warning v: value moved from -4 (2019/20 Q2) to 12, by 16: over 5 × 3.00, the usual size of its figures (the mean of the earlier ones, or its target\'s where larger; it can be negative, so its ratio is not used): a likely typo',
    ]);
    // A target of ±10 makes the usual size 10.
    expect(found('SUSPICIOUS_JUMP', variance, v(1, 2), v(2, -4), v(3, 12, ', target: { min: -10, max: 5 }'))).toEqual([]);
    // One earlier figure: its size.
    expect(found('SUSPICIOUS_JUMP', variance, v(1, -4), v(2, 15))).toEqual([]);
    expect(found('SUSPICIOUS_JUMP', variance, v(1, -4), v(2, 1000))).toEqual([
      "warning v: value moved from -4 (2019/20 Q1) to 1,000, by 1,004: over 5 × 4.00, the usual size of its figures (the mean of the earlier ones, or its target's where larger; it can be negative, so its ratio is not used): a likely typo",
    ]);
  });
});
