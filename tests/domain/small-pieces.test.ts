// The small pieces every rule leans on: list helpers that take any number of items, the period
// arithmetic, and a period's evaluations read as a Map.
import { describe, expect, it } from 'vitest';
import { maxOf, minOf, pushAll } from '../../src/domain/arrays.js';
import {
  comparePeriods,
  endMonth,
  financialYear,
  formatPeriod,
  parseIsoDate,
  parsePeriod,
  periodFileStem,
  precedingPeriod,
  previousOf,
  sameQuarterLastYear,
  samePeriod,
  startMonth,
  type Period,
} from '../../src/domain/period.js';
import { catalogue, evaluateTree } from '../helpers.js';

describe('list helpers', () => {
  it('maxOf and minOf agree with Math.max and Math.min, for none, one, many and NaN', () => {
    for (const xs of [[], [3], [3, -7, 12, 0], [-1, -2], [1, NaN, 2]]) {
      expect(maxOf(xs)).toBe(Math.max(...xs));
      expect(minOf(xs)).toBe(Math.min(...xs));
    }
  });
  it('they take more items than one call can spread', () => {
    const many = Array.from({ length: 300_000 }, (_, i) => i - 150_000);
    expect(maxOf(many)).toBe(149_999);
    expect(minOf(many)).toBe(-150_000);
  });
  it('pushAll appends in order and returns the new length', () => {
    const into = [1];
    expect(pushAll(into, new Set([2, 3]))).toBe(3);
    expect(into).toEqual([1, 2, 3]);
    expect(pushAll(into, [])).toBe(3);
  });
});

describe('periods', () => {
  const p = (t: string) => parsePeriod(t) as Period;
  it('file stems', () => {
    expect(periodFileStem(p('2019/20 Q3'))).toBe('2019-20-Q3');
    expect(periodFileStem(p('2019/20'))).toBe('2019-20');
    expect(periodFileStem(p('2009/10'))).toBe('2009-10');
    expect(periodFileStem(p('1999/00 Q1'))).toBe('1999-00-Q1');
  });
  it('labels: a two-digit end year, and the same label however often it is asked', () => {
    expect(formatPeriod({ fy: 2009 })).toBe('2009/10');
    expect(formatPeriod({ fy: 2009, q: 2 })).toBe('2009/10 Q2');
    expect(formatPeriod({ fy: 2009, q: 2 })).toBe('2009/10 Q2');
    expect(formatPeriod({ fy: 2009 })).toBe('2009/10');
  });
  it('a quarter spans three months from April, July, October or January; a year twelve from April', () => {
    expect(startMonth(p('2019/20'))).toBe(2019 * 12 + 3);
    expect(endMonth(p('2019/20'))).toBe(2020 * 12 + 3);
    expect(startMonth(p('2019/20 Q4'))).toBe(2020 * 12);
    expect(endMonth(p('2019/20 Q4'))).toBe(2020 * 12 + 3);
    expect(endMonth(p('2019/20 Q1')) - startMonth(p('2019/20 Q1'))).toBe(3);
  });
  it('same period, ordering, the year of a quarter', () => {
    expect(samePeriod(p('2019/20 Q3'), p('2019/20 Q3'))).toBe(true);
    expect(samePeriod(p('2019/20 Q3'), p('2019/20'))).toBe(false);
    expect(samePeriod(p('2019/20'), p('2018/19'))).toBe(false);
    expect(comparePeriods(p('2019/20 Q1'), p('2019/20'))).toBeLessThan(0);
    expect(comparePeriods(p('2019/20'), p('2019/20 Q1'))).toBeGreaterThan(0);
    expect(comparePeriods(p('2019/20 Q2'), p('2019/20'))).toBeGreaterThan(0);
    expect(comparePeriods(p('2019/20 Q2'), p('2019/20 Q2'))).toBe(0);
    expect(financialYear(p('2019/20 Q3'))).toEqual({ fy: 2019 });
    // A year has no quarter at all (not one that is undefined).
    expect(precedingPeriod(p('2019/20'))).toStrictEqual({ fy: 2018 });
    expect(parsePeriod('2019/20')).toStrictEqual({ fy: 2019 });
    expect(sameQuarterLastYear(p('2019/20'))).toStrictEqual({ fy: 2018 });
    expect(precedingPeriod(p('2019/20 Q2'))).toEqual({ fy: 2019, q: 1 });
  });
  it('previousOf: a period that ends after this one starts is not before it, even when loaded', () => {
    const loaded = ['2019/20', '2019/20 Q1', '2019/20 Q2'].map((t) => ({ period: p(t) }));
    expect(previousOf(loaded, p('2019/20 Q3'))?.period).toEqual(p('2019/20 Q2'));
    expect(previousOf(loaded, p('2020/21 Q1'))?.period).toEqual(p('2019/20'));
    expect(previousOf(loaded, p('2019/20 Q2'))?.period).toEqual(p('2019/20 Q1'));
    // Two that end together: the one of this period's kind, whichever is listed first.
    const both = ['2019/20 Q4', '2019/20'].map((t) => ({ period: p(t) }));
    expect(previousOf(both, p('2020/21 Q1'))?.period).toEqual(p('2019/20 Q4'));
    expect(previousOf([...both].reverse(), p('2020/21 Q1'))?.period).toEqual(p('2019/20 Q4'));
    expect(previousOf(both, p('2020/21'))?.period).toEqual(p('2019/20'));
    expect(previousOf([...both].reverse(), p('2020/21'))?.period).toEqual(p('2019/20'));
  });
  it('ISO dates: real ones only', () => {
    expect(parseIsoDate('2024-02-29')).toEqual({ y: 2024, m: 2, d: 29 });
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2024-12-31')).toEqual({ y: 2024, m: 12, d: 31 });
    expect(parseIsoDate('2024-01-01')).toEqual({ y: 2024, m: 1, d: 1 });
    for (const bad of ['2024-13-01', '2024-00-10', '2024-04-31', '2024-04-00', '2024-4-01', ' 2024-04-01', '2024-04-01x']) expect(parseIsoDate(bad)).toBeUndefined();
  });
});

describe("a period's evaluations, read as a Map", () => {
  const kpi = (id: string) => `      - id: ${id}\n        title: ${id}\n        unit: count\n        good: high\n        target: 10\n`;
  const ev = evaluateTree({
    'catalogue.yaml': catalogue(kpi('b') + kpi('a') + kpi('c')),
    'q.yaml': 'period: 2019/20 Q1\nobservations:\n  a: { value: 5 }\n  b: { value: 20 }\n  c: { value: 10 }\n',
  });
  const metrics = ev.periods[0]!.metrics;
  it('keys in catalogue order, with each value its own metric, however it is read', () => {
    expect(metrics.size).toBe(3);
    expect([...metrics.keys()]).toEqual(['b', 'a', 'c']);
    expect([...metrics.values()].map((m) => m.metric.id)).toEqual(['b', 'a', 'c']);
    expect([...metrics.entries()].map(([k, m]) => `${k}=${m.metric.id}:${m.computed}`)).toEqual(['b=b:green', 'a=a:red', 'c=c:green']);
    expect([...metrics].map(([k, m]) => `${k}=${m.metric.id}`)).toEqual(['b=b', 'a=a', 'c=c']);
    const seen: string[] = [];
    const self = { tag: 'this' };
    metrics.forEach(function (this: typeof self, m, k, map) {
      seen.push(`${k}=${m.metric.id} ${this.tag} ${map === metrics}`);
    }, self);
    expect(seen).toEqual(['b=b this true', 'a=a this true', 'c=c this true']);
  });
  it('get and has: a metric of the catalogue, and nothing else', () => {
    expect(metrics.get('a')?.metric.id).toBe('a');
    expect(metrics.has('a')).toBe(true);
    expect(metrics.get('zz')).toBeUndefined();
    expect(metrics.has('zz')).toBe(false);
    expect(Object.prototype.toString.call(metrics)).toBe('[object Map]');
  });
});
