// What a claim finding says, word for word: the claim quoted, the figures compared and where they
// come from. (tests/domain/claims.test.ts holds which claims are found.)
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

const kpi = (id: string) => `      - { id: ${id}, title: ${id}, unit: percent, good: high, target: 50 }\n`;

function said(list: string, obs = '', kpis = kpi('m')): string[] {
  const head = obs === '' ? 'summary_only: true\n' : `observations:\n${obs}`;
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(kpis), '2023-24-Q3.yaml': `period: 2023/24 Q3\n${head}claims:\n${list}` });
  return runChecks(ev).map((f) => `${f.line} ${f.id}: ${f.message}`);
}

const c = (figure: string, value: number, says = `${figure} ${value}`) => `  - { says: "${says}", figure: ${figure}, value: ${value} }\n`;

describe('claims against each other', () => {
  it('the same figure twice: both numbers and the first claim', () => {
    expect(said(c('rated_count', 41, 'There are 41 rated KPIs') + c('rated_count', 42, 'of the 42 rated'))).toEqual([
      '5 rated_count: "of the 42 rated": rated_count is 42 here but 41 in "There are 41 rated KPIs" (line 4)',
    ]);
  });

  it('a count below zero or not whole; zero is a count', () => {
    expect(said(c('red_count', -1) + c('green_count', 0) + c('amber_count', 2.5))).toEqual([
      '4 red_count: "red_count -1": red_count -1 is not a whole number of KPIs',
      '6 amber_count: "amber_count 2.5": amber_count 2.5 is not a whole number of KPIs',
    ]);
  });

  it('parts that do not add up to their total, each part named', () => {
    expect(said(c('rated_count', 41) + c('green_count', 23) + c('amber_count', 10) + c('red_count', 9))).toEqual([
      '4 rated_count: "rated_count 41": rated_count 41 ≠ green_count 23 + amber_count 10 + red_count 9 = 42, claimed alongside it',
    ]);
  });

  it('a count above the KPIs claimed in all; the percentage and kpi_count itself are not counts of it', () => {
    expect(said(c('kpi_count', 10) + c('red_count', 11) + c('percent_achieving', 50) + c('green_count', 10))).toEqual([
      '5 red_count: "red_count 11": red_count 11 is more than the 10 KPIs claimed in all (kpi_count)',
    ]);
  });

  it('green of rated against the percentage: the percentage they give', () => {
    expect(said(c('percent_achieving', 80) + c('rated_count', 4) + c('green_count', 3))).toEqual([
      '4 percent_achieving: "percent_achieving 80": 3 green of 4 rated is 75.0%, not 80%, by the counts claimed alongside it',
    ]);
    expect(said(c('percent_achieving', 75) + c('rated_count', 4) + c('green_count', 3))).toEqual([]);
    // No rated KPIs: no percentage of them to hold it against.
    expect(said(c('percent_achieving', 80) + c('rated_count', 0) + c('green_count', 0))).toEqual([]);
  });

  it('a percentage of the rated count alone: the nearest whole numbers of it', () => {
    expect(said(c('percent_achieving', 54.8) + c('rated_count', 41))).toEqual([
      '4 percent_achieving: "percent_achieving 54.8": no whole number of the 41 rated KPIs claimed is 54.8% (22/41 = 53.7%, 23/41 = 56.1%)',
    ]);
    // 0% and 100% are whole numbers of any count.
    expect(said(c('percent_achieving', 0) + c('rated_count', 7))).toEqual([]);
    expect(said(c('percent_achieving', 100) + c('rated_count', 7))).toEqual([]);
    expect(said(c('percent_achieving', 14.3) + c('rated_count', 7))).toEqual([]);
    // A rated count that is no count cannot be a base.
    expect(said(c('percent_achieving', 54.8) + c('rated_count', 0))).toEqual([]);
  });

  it('a percentage with no base: no count up to the KPIs claimed gives it', () => {
    expect(said(c('kpi_count', 3) + c('percent_achieving', 25))).toEqual([
      '5 percent_achieving: "percent_achieving 25": no whole number of KPIs out of any count up to 3 is 25%',
    ]);
    expect(said(c('kpi_count', 4) + c('percent_achieving', 25))).toEqual([]);
    expect(said(c('kpi_count', 3) + c('percent_achieving', 100))).toEqual([]);
    expect(said(c('kpi_count', 3) + c('percent_achieving', 0))).toEqual([]);
    expect(said(c('kpi_count', 3) + c('percent_achieving', 66.7))).toEqual([]);
  });
});

describe('claims against the data', () => {
  it('a count: the number in the claim and in the data', () => {
    expect(said(c('rated_count', 2), '  m: { value: 60 }\n')).toEqual(['5 rated_count: "rated_count 2": rated_count is 2 in the claim but 1 in the data']);
  });
  it('the percentage: to a place at least, with the counts behind it', () => {
    expect(said(c('percent_achieving', 50), '  m: { value: 60 }\n')).toEqual([
      '5 percent_achieving: "percent_achieving 50": percent_achieving is 50 in the claim but 100.0 in the data (1 green of 1 rated KPIs)',
    ]);
  });
});
