import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  formatPeriod,
  parsePeriod,
  precedingPeriod,
  previousOf,
  sameQuarterLastYear,
  type Period,
} from '../../src/domain/period.js';

describe('parsePeriod', () => {
  it.each([
    ['2019/20 Q3', { fy: 2019, q: 3 }],
    ['2019/20', { fy: 2019 }],
    ['1999/00', { fy: 1999 }],
    ['2024/25 q1', { fy: 2024, q: 1 }],
    ['  2019/20  Q4 ', { fy: 2019, q: 4 }],
  ])('%s', (text, want) => expect(parsePeriod(text)).toEqual(want));

  it.each(['2019/21 Q3', '2019/20 Q5', 'Q3 2019/20', '2019-20', '2019/20Q3', '19/20', ''])('refuses %j', (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });

  it('formats back to the written form', () => {
    expect(formatPeriod({ fy: 2019, q: 3 })).toBe('2019/20 Q3');
    expect(formatPeriod({ fy: 1999 })).toBe('1999/00');
  });
});

describe('ordering and neighbours', () => {
  const p = (t: string) => parsePeriod(t) as Period;
  it('sorts by start date, a quarter before the year that contains it', () => {
    const sorted = ['2019/20', '2019/20 Q2', '2018/19 Q4', '2019/20 Q1', '2018/19'].map(p).sort(comparePeriods).map(formatPeriod);
    expect(sorted).toEqual(['2018/19', '2018/19 Q4', '2019/20 Q1', '2019/20', '2019/20 Q2']);
  });
  it('knows the preceding quarter and the same quarter last year', () => {
    expect(formatPeriod(precedingPeriod(p('2019/20 Q1')))).toBe('2018/19 Q4');
    expect(formatPeriod(precedingPeriod(p('2019/20 Q3')))).toBe('2019/20 Q2');
    expect(formatPeriod(sameQuarterLastYear(p('2019/20 Q3')))).toBe('2018/19 Q3');
    expect(formatPeriod(sameQuarterLastYear(p('2019/20')))).toBe('2018/19');
  });
  it('previousOf picks the loaded period that ended last before this one starts', () => {
    const loaded = ['2018/19', '2018/19 Q4', '2019/20 Q1', '2019/20 Q2', '2019/20 Q3'].map((t) => ({ period: p(t) }));
    const prev = (t: string) => {
      const found = previousOf(loaded, p(t));
      return found ? formatPeriod(found.period) : undefined;
    };
    expect(prev('2019/20 Q3')).toBe('2019/20 Q2');
    expect(prev('2019/20 Q1')).toBe('2018/19 Q4'); // a quarter prefers a quarter on a tie
    expect(prev('2019/20')).toBe('2018/19'); // a year prefers a year
    expect(prev('2018/19')).toBeUndefined();
  });
});
