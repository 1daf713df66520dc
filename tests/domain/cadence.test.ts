// Staleness by cadence (issue: checks a publisher can trust). Each case is built from a seed
// report's own words: annual indicators reported at their normal time are not stale, and an
// as-of is read one way for the rule, whatever words surround it.

import { describe, expect, it } from 'vitest';
import { asOfEnd, formatMonth } from '../../src/domain/as-of.js';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

const month = (text: string, f: Parameters<typeof asOfEnd>[1] = 'annual') => {
  const m = asOfEnd(text, f);
  return m === undefined ? undefined : formatMonth(m);
};

describe('asOfEnd: the month an as-of runs to', () => {
  it.each([
    ['2019/20 Q2', 'quarterly', 'Sep 2019'],
    ['2019/20', 'annual', 'Mar 2020'],
    // 002: "0.19% (2017/18)" for school exclusions, an academic year.
    ['2017/18', 'academic_year', 'Aug 2018'],
    ['2017/18', 'annual', 'Mar 2018'],
    // 003: As of Date "2022/23 b Revised", "2022/23 2 Revised" (a footnote mark and a qualifier).
    ['2022/23 b Revised', 'academic_year', 'Aug 2023'],
    ['2022/23 2 Revised', 'academic_year', 'Aug 2023'],
    // 003: "2022-23" for carbon emissions.
    ['2022-23', 'annual', 'Mar 2023'],
    // 003: "2024 b Spring Term", "2023/24 Summer Term", "2024/25 YTD 10.10.24".
    ['2024 b Spring Term', 'quarterly', 'Apr 2024'],
    ['2023/24 Summer Term', 'quarterly', 'Jul 2024'],
    ['2023/24 Autumn Term', 'quarterly', 'Dec 2023'],
    ['2024/25 YTD 10.10.24', 'quarterly', 'Oct 2024'],
    // 002: "Jan to Dec 2019" (sickness), and month-year forms of 004 and 002.
    ['Jan to Dec 2019', 'quarterly', 'Dec 2019'],
    ['April 2019 - March 2020', 'annual', 'Mar 2020'],
    ['Year to end of February 17', 'quarterly', 'Feb 2017'],
    ['April 18', 'annual', 'Apr 2018'],
    ['Full year 2015/16', 'annual', 'Mar 2016'],
    ['Calendar year 2015', 'calendar_year', 'Dec 2015'],
    ['2019-12-31', 'quarterly', 'Dec 2019'],
  ] as const)('%s (%s) runs to %s', (text, f, want) => expect(month(text, f)).toBe(want));

  it.each(['November data (figures reported one month in arrears)', 'TBC', 'latest', '2019/21', '31/02/2020'])('%s is not read', (text) => {
    expect(asOfEnd(text, 'quarterly')).toBeUndefined();
  });
});

function findings(kpi: string, periods: Record<string, string>) {
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(kpi), ...periods });
  return runChecks(ev).filter((f) => f.code === 'STALE' || f.code === 'UNPARSED_AS_OF');
}

const ks2 = (frequency: string, extra = '') => `      - { id: ks2, title: KS2 reading writing maths, unit: percent, good: high, target: 65, frequency: ${frequency}${extra} }\n`;

describe('STALE follows the cadence', () => {
  // 002 (Q3 2019/20): KS2 "(2018/19)" reported in December 2019 is the latest academic year.
  it('an academic-year result reported at its normal time is not stale', () => {
    const f = findings(ks2('academic_year'), { '2019-20-Q3.yaml': 'period: 2019/20 Q3\nobservations:\n  ks2: { value: 65.0, as_of: 2018/19 }\n' });
    expect(f).toEqual([]);
  });

  // 002 (2018/19): "as of 2017/18" reported for the financial year 2018/19 (to March 2019).
  it('the academic year 2017/18 is read as ending in August 2018, not March 2018', () => {
    const f = findings(ks2('academic_year'), { '2018-19.yaml': 'period: 2018/19\nobservations:\n  ks2: { value: 65.0, as_of: 2017/18 }\n' });
    expect(f).toEqual([]);
  });

  it('a year older than the latest that could have been published is stale, and says what was due', () => {
    const f = findings(ks2('academic_year'), { '2019-20-Q3.yaml': 'period: 2019/20 Q3\nobservations:\n  ks2: { value: 65.0, as_of: 2017/18 }\n' });
    expect(f.map((x) => x.code)).toEqual(['STALE']);
    expect(f[0]?.message).toContain('to Aug 2019');
  });

  // 003 (Q2 2024/25): carbon "This is an annual KPI therefore there is no update this quarter. The
  // latest value for 2022-23 is reported": stale by the default lag, not with its published lag.
  it('a publication lag decides when the next year is due', () => {
    const q2 = { '2024-25-Q2.yaml': 'period: 2024/25 Q2\nobservations:\n  co2: { value: 38317, as_of: "2022-23" }\n' };
    const co2 = (extra: string) => `      - { id: co2, title: Carbon, unit: count, good: low, frequency: annual${extra} }\n`;
    expect(findings(co2(''), q2).map((x) => x.code)).toEqual(['STALE']);
    expect(findings(co2(', lag: 9 months'), q2)).toEqual([]);
  });

  it('a metric may override its KPI’s frequency', () => {
    const kpi = `      - id: attainment\n        title: Attainment\n        frequency: quarterly\n        metrics:\n          - { id: a8, title: Attainment 8, unit: score, good: high, target: 46, frequency: academic_year }\n`;
    const f = findings(kpi, { '2019-20-Q3.yaml': 'period: 2019/20 Q3\nobservations:\n  a8: { value: 45.9, as_of: 2018/19 }\n' });
    expect(f).toEqual([]);
  });

  // The old rule saw "2022/23" but not "2022/23 b Revised": both are read now.
  it('an as-of with words after it is read like the bare period', () => {
    const f = findings(ks2('quarterly'), { '2024-25-Q2.yaml': 'period: 2024/25 Q2\nobservations:\n  ks2: { value: 59.0, as_of: "2022/23 b Revised" }\n' });
    expect(f.map((x) => x.code)).toEqual(['STALE']);
  });

  it('a quarterly figure one quarter old is not stale; two quarters old is', () => {
    const at = (asOf: string) => findings(ks2('quarterly'), { '2019-20-Q3.yaml': `period: 2019/20 Q3\nobservations:\n  ks2: { value: 65.0, as_of: ${asOf} }\n` });
    expect(at('2019/20 Q2')).toEqual([]);
    expect(at('2019/20 Q1').map((x) => x.code)).toEqual(['STALE']);
  });

  it('an as-of that cannot be read gets one info line, not silence', () => {
    const f = findings(ks2('quarterly'), { '2019-20-Q3.yaml': 'period: 2019/20 Q3\nobservations:\n  ks2: { value: 65.0, as_of: "November data" }\n' });
    expect(f.map((x) => [x.code, x.severity])).toEqual([['UNPARSED_AS_OF', 'info']]);
  });
});
