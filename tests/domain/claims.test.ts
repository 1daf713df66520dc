// Claims checked for inner consistency (issue: checks a publisher can trust). The headline of the
// Q3 2023/24 executive summary (000): "54.8% of rated KPIs were achieving or exceeding their target
// for quarter 3. There are 41 rated KPIs in Q3, with one, economic impact index, still in
// development and unrated." No n/41 rounds to 54.8% (22/41 = 53.7%, 23/41 = 56.1%).

import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

const kpi = '      - { id: m, title: A KPI, unit: percent, good: high, target: 50 }\n';

function claims(list: string, head = 'summary_only: true\n', obs = '') {
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(kpi), '2023-24-Q3.yaml': `period: 2023/24 Q3\n${head}${obs}claims:\n${list}` });
  return runChecks(ev);
}

const c = (figure: string, value: number, says = `${figure} ${value}`) => `  - { says: "${says}", figure: ${figure}, value: ${value} }\n`;

describe('claims against each other', () => {
  it('"54.8% of 41 rated" is an error, whatever the data says, at the percentage', () => {
    const f = claims(c('kpi_count', 42) + c('percent_achieving', 54.8, '54.8% of rated KPIs were achieving') + c('rated_count', 41) + c('unrated_count', 1));
    expect(f.map((x) => [x.code, x.severity, x.id])).toEqual([['CLAIM_MISMATCH', 'error', 'percent_achieving']]);
    expect(f[0]?.message).toContain('22/41 = 53.7%, 23/41 = 56.1%');
    expect(f[0]?.line).toBe(5);
  });

  it('54.8% of 42 is consistent (23/42 = 54.76%), and so is the percentage with no base of its own up to 42', () => {
    expect(claims(c('percent_achieving', 54.8) + c('rated_count', 42))).toEqual([]);
    expect(claims(c('kpi_count', 42) + c('percent_achieving', 54.8))).toEqual([]);
  });

  it('rounding is to the precision written: 56% is 23/41 (56.1%); 55% is no n/41 (53.7%, 56.1%)', () => {
    expect(claims(c('percent_achieving', 56) + c('rated_count', 41))).toEqual([]);
    expect(claims(c('percent_achieving', 55) + c('rated_count', 41)).map((x) => x.code)).toEqual(['CLAIM_MISMATCH']);
  });

  it('counts that do not add up are an error', () => {
    const f = claims(c('reported_count', 42) + c('rated_count', 40) + c('unrated_count', 1));
    expect(f.map((x) => [x.code, x.id])).toEqual([['CLAIM_MISMATCH', 'reported_count']]);
    const g = claims(c('rated_count', 41) + c('green_count', 23) + c('amber_count', 10) + c('red_count', 9));
    expect(g.map((x) => x.id)).toEqual(['rated_count']);
  });

  it('green of rated against the percentage claimed beside them', () => {
    expect(claims(c('percent_achieving', 54.8) + c('rated_count', 42) + c('green_count', 23))).toEqual([]);
    expect(claims(c('percent_achieving', 54.8) + c('rated_count', 42) + c('green_count', 22)).map((x) => x.code)).toEqual(['CLAIM_MISMATCH']);
  });

  it('a count above the KPIs claimed in all, or not whole, is an error', () => {
    expect(claims(c('kpi_count', 42) + c('rated_count', 43)).map((x) => x.id)).toEqual(['rated_count']);
    expect(claims(c('rated_count', 41.5)).map((x) => x.id)).toEqual(['rated_count']);
  });
});

describe('summary_only periods', () => {
  it('hold counts without values: their claims are not held against the (absent) data, and nothing is missing', () => {
    const f = claims(c('kpi_count', 42) + c('rated_count', 41) + c('unrated_count', 1) + c('reported_count', 42));
    expect(f).toEqual([]);
  });

  it('a period that is not summary_only still has its claims held against the data', () => {
    const f = claims(c('kpi_count', 42), '', 'observations:\n  m: { value: 60 }\n');
    expect(f.map((x) => x.code)).toEqual(['CLAIM_MISMATCH']);
  });
});

describe('the same figure claimed twice', () => {
  it('must be the same number, to the precision of each', () => {
    expect(claims(c('rated_count', 41, 'There are 41 rated KPIs') + c('rated_count', 42, 'of the 42 rated KPIs')).map((x) => [x.code, x.line])).toEqual([['CLAIM_MISMATCH', 5]]);
    expect(claims(c('percent_achieving', 54.8) + c('percent_achieving', 55))).toEqual([]);
  });
});
