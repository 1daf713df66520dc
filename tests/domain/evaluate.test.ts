import { describe, expect, it } from 'vitest';
import { catalogue, evaluateTree, metricEval } from '../helpers.js';

const kpi = (id: string, fields: string) => `      - id: ${id}\n        title: ${id}\n${fields
  .trim()
  .split('\n')
  .map((l) => `        ${l.trim()}`)
  .join('\n')}\n`;

describe('cumulative metrics', () => {
  const files = {
    'catalogue.yaml': catalogue(kpi('visits', 'unit: count\ngood: high\ntarget: 1000\ncumulative: true') + kpi('ytd', 'unit: count\ngood: high\ntarget: 1000\ncumulative: year_to_date')),
    'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  visits: { value: 200 }\n  ytd: { value: 200 }\n',
    'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  visits: { value: 240 }\n  ytd: { value: 480 }\n',
    'q3.yaml': 'period: 2019/20 Q3\nobservations:\n  visits: { value: 300, target: 700 }\n  ytd: { value: 700 }\n',
  };
  const ev = evaluateTree(files);
  it('rates the running total in the year against the target pro rata', () => {
    const q2 = metricEval(ev, '2019/20 Q2', 'visits');
    expect(q2.rated).toBe(440);
    expect(q2.target).toEqual({ kind: 'value', value: 500 });
    expect(q2.computed).toBe('red'); // 60 short of 500, tolerance 25
    expect(q2.why).toContain('pro-rata target (2/4 of the year)');
  });
  it('uses an observation target (a published profile) as it is', () => {
    const q3 = metricEval(ev, '2019/20 Q3', 'visits');
    expect(q3.rated).toBe(740);
    expect(q3.target).toEqual({ kind: 'value', value: 700 });
    expect(q3.computed).toBe('green');
  });
  it('year_to_date values are already running totals, rated pro rata', () => {
    expect(metricEval(ev, '2019/20 Q2', 'ytd').rated).toBe(480);
    expect(metricEval(ev, '2019/20 Q2', 'ytd').computed).toBe('amber'); // 20 short of 500, tolerance 25
    expect(metricEval(ev, '2019/20 Q3', 'ytd').computed).toBe('red'); // 50 short of 750, tolerance 37.5
  });
});

describe('targets from benchmarks and year-on-year change', () => {
  const files = {
    'catalogue.yaml': catalogue(
      kpi('cla', 'unit: rate\nper: 10000\ngood: low\ntarget: { benchmark: national }\nbenchmarks: [national]') +
        kpi('complaints', 'unit: count\ngood: low\ntarget: { change: decrease }\nfrequency: quarterly'),
    ),
    'a.yaml': 'period: 2018/19 Q3\nobservations:\n  cla: { value: 6 }\n  complaints: { value: 100 }\n',
    'b.yaml': 'period: 2019/20 Q2\nobservations:\n  cla: { value: 6, benchmarks: { national: 7.0 } }\n  complaints: { value: 80 }\n',
    'c.yaml': 'period: 2019/20 Q3\nobservations:\n  cla: { value: 7.2, benchmarks: { national: 7.0 } }\n  complaints: { value: 100 }\n',
  };
  const ev = evaluateTree(files);
  it('a benchmark target is met against the benchmark in the same observation', () => {
    expect(metricEval(ev, '2019/20 Q2', 'cla').computed).toBe('green');
    expect(metricEval(ev, '2019/20 Q3', 'cla').computed).toBe('amber'); // 0.2 over 7.0, tolerance 0.35
  });
  it('without the benchmark value the metric is unrated, and says why', () => {
    const m = metricEval(ev, '2018/19 Q3', 'cla');
    expect(m.computed).toBe('unrated');
    expect(m.why).toMatch(/national benchmark/);
  });
  it('a year-on-year decrease compares with the same quarter a year earlier', () => {
    const m = metricEval(ev, '2019/20 Q3', 'complaints');
    expect(m.target).toEqual({ kind: 'value', value: 100, strict: true });
    expect(m.computed).toBe('amber'); // equal is not a decrease, but within tolerance
  });
  it('falls back to the previous period when the same quarter last year is missing', () => {
    const m = metricEval(ev, '2019/20 Q2', 'complaints');
    expect(m.target).toEqual({ kind: 'value', value: 100, strict: true });
    expect(m.computed).toBe('green');
  });
  it('with no earlier figure a change target cannot be rated', () => {
    expect(metricEval(ev, '2018/19 Q3', 'complaints').computed).toBe('unrated');
  });
});

describe('reported and computed RAG, rollup and summary', () => {
  const files = {
    'catalogue.yaml': catalogue(
      kpi('single', 'unit: percent\ngood: high\ntarget: 95') +
        `      - id: combo\n        title: Combo\n        rollup: worst\n        metrics:\n          - { id: m1, title: M1, unit: percent, good: high, target: 90 }\n          - { id: m2, title: M2, unit: percent, good: high, target: 90 }\n` +
        kpi('context', 'unit: count\ngood: high') +
        kpi('absent', 'unit: count\ngood: high\ntarget: 5'),
    ),
    'q.yaml': 'period: 2019/20 Q3\nobservations:\n  single: { value: 89.19, rag: amber }\n  m1: { value: 95 }\n  m2: { value: 87 }\n  combo: { rag: green }\n  context: { value: 12 }\n',
  };
  const ev = evaluateTree(files);
  const pe = ev.byPeriod.get('2019/20 Q3');
  it('the reported RAG counts, and a difference is a mismatch', () => {
    const m = metricEval(ev, '2019/20 Q3', 'single');
    expect(m.computed).toBe('red');
    expect(m.reported).toBe('amber');
    expect(m.counted).toBe('amber');
    expect(m.mismatch).toBe(true);
  });
  it('a composite rolls up its metrics, and a published KPI RAG counts', () => {
    const k = pe?.kpis.get('combo');
    expect(k?.computed).toBe('amber');
    expect(k?.reported).toBe('green');
    expect(k?.counted).toBe('green');
  });
  it('counts every KPI of the catalogue, and (a composite is one) those reported this period', () => {
    expect(pe?.summary).toEqual({
      kpi_count: 4,
      reported_count: 3,
      rated_count: 2,
      unrated_count: 1,
      green_count: 1,
      amber_count: 1,
      red_count: 0,
      percent_achieving: 50,
    });
  });
});

describe('direction of travel, in performance terms', () => {
  const files = {
    'catalogue.yaml': catalogue(kpi('up-good', 'unit: percent\ngood: high\ntarget: 50') + kpi('up-bad', 'unit: days\ngood: low\ntarget: 5') + kpi('count', 'unit: count\ngood: high') + kpi('on', 'unit: score\ngood: target\ntarget: 10')),
    'y.yaml': 'period: 2018/19\nobservations:\n  up-good: { value: 40 }\n  up-bad: { value: 4 }\n  count: { value: 4000 }\n  on: { value: 8 }\n',
    'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  up-good: { value: 45.0 }\n  up-bad: { value: 6 }\n  count: { value: 1000 }\n  on: { value: 11 }\n',
    'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  up-good: { value: 45 }\n  up-bad: { value: 5 }\n  count: { value: 1200 }\n  on: { value: 13 }\n',
  };
  const ev = evaluateTree(files);
  it('up is better when high is good, worse when low is good', () => {
    expect(metricEval(ev, '2019/20 Q1', 'up-good').travel).toMatchObject({ move: 'up', direction: 'better', from: 40, to: 45 });
    expect(metricEval(ev, '2019/20 Q1', 'up-bad').travel).toMatchObject({ move: 'up', direction: 'worse' });
    expect(metricEval(ev, '2019/20 Q2', 'up-bad').travel).toMatchObject({ move: 'down', direction: 'better', comparison: 'previous period' });
  });
  it('equal at the precision written is the same', () => {
    expect(metricEval(ev, '2019/20 Q2', 'up-good').travel).toMatchObject({ move: 'level', direction: 'same' });
  });
  it('a quarter count is not compared with a year count', () => {
    expect(metricEval(ev, '2019/20 Q1', 'count').travel).toBeUndefined();
    expect(metricEval(ev, '2019/20 Q2', 'count').travel).toMatchObject({ direction: 'better' });
  });
  it('on target is good: moving away from the target is worse', () => {
    expect(metricEval(ev, '2019/20 Q2', 'on').travel).toMatchObject({ move: 'up', direction: 'worse' });
  });
});

describe('register movement against the previous register', () => {
  const reg = (cr1: number, cr2?: number) =>
    `register:\n  - { id: CR1, title: One, residual: ${cr1} }\n${cr2 === undefined ? '' : `  - { id: CR2, title: Two, residual: ${cr2} }\n`}`;
  const ev = evaluateTree({
    'catalogue.yaml': catalogue('      - { id: k, title: K, unit: count, good: high }\n'),
    'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: 1 }\n${reg(12)}`,
    'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: 1 }\n',
    'q3.yaml': `period: 2019/20 Q3\nobservations:\n  k: { value: 1 }\n${reg(16, 9)}`,
  });
  it('skips periods without a register and marks new entries', async () => {
    const { registerMovements } = await import('../../src/domain/risk.js');
    const periods = ev.dataset.periods;
    const q3 = periods[2]!;
    expect(Object.fromEntries(registerMovements(periods, q3))).toEqual({ CR1: 'up', CR2: 'new' });
  });
});

describe('a reported "unrated" against a target that rates the value', () => {
  const ev = evaluateTree({
    'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high, target: 90 }\n'),
    'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 50, rag: unrated }\n',
  });
  it('is a mismatch, and the reported RAG still counts', () => {
    const m = metricEval(ev, '2019/20 Q1', 'k');
    expect([m.reported, m.computed, m.counted, m.mismatch]).toEqual(['unrated', 'red', 'unrated', true]);
  });
});
