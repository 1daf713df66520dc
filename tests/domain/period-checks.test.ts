// The checks of a whole period and of the register, word for word and at their edges: a figure
// that is due but missing, a red KPI with no commentary, a reported KPI RAG, a relative tolerance
// of a 0 target, and the register's scores.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

function found(codes: readonly string[], kpis: string, periods: Record<string, string>, extra = ''): string[] {
  return runChecks(evaluateTree({ 'catalogue.yaml': catalogue(kpis, extra), ...periods }))
    .filter((f) => codes.includes(f.code))
    .map((f) => `${f.file}:${f.line} ${f.code} ${f.id}: ${f.message}`);
}

const metric = (id: string, fields: string) => `      - { id: ${id}, title: ${id}, ${fields} }\n`;
const file = (period: string, body = '') => `period: ${period}\n${body}`;

describe('a figure that is due but missing', () => {
  const annual = metric('a', 'unit: count, good: high, frequency: annual');
  const quarters = { 'q1.yaml': file('2019/20 Q1'), 'q2.yaml': file('2019/20 Q2'), 'q4.yaml': file('2019/20 Q4') };

  it('an annual figure: in the year file, else in Q4, else in the quarter it is reported in', () => {
    expect(found(['MISSING_VALUE'], annual, quarters)).toEqual(['q4.yaml:1 MISSING_VALUE a: annual metric has no figure for 2019/20 (due in 2019/20 Q4)']);
    expect(found(['MISSING_VALUE'], annual, { ...quarters, 'y.yaml': file('2019/20') })).toEqual(['y.yaml:1 MISSING_VALUE a: annual metric has no figure for 2019/20']);
    expect(found(['MISSING_VALUE'], metric('a', 'unit: count, good: high, frequency: annual, reported_in: Q2'), quarters)).toEqual([
      'q2.yaml:1 MISSING_VALUE a: annual metric has no figure for 2019/20 (due in 2019/20 Q2)',
    ]);
    expect(found(['MISSING_VALUE'], annual, { 'q1.yaml': file('2019/20 Q1'), 'q2.yaml': file('2019/20 Q2') })).toEqual([]);
  });

  it('given in any file of the year, it is not missing; a biennial one may be given the year before', () => {
    expect(found(['MISSING_VALUE'], annual, { ...quarters, 'q1.yaml': file('2019/20 Q1', 'observations:\n  a: { value: 1 }\n') })).toEqual([]);
    const biennial = metric('b', 'unit: count, good: high, frequency: biennial');
    const years = { 'y1.yaml': file('2018/19', 'observations:\n  b: { value: 1 }\n'), 'y2.yaml': file('2019/20'), 'y3.yaml': file('2020/21') };
    expect(found(['MISSING_VALUE'], biennial, years)).toEqual(['y3.yaml:1 MISSING_VALUE b: biennial metric has no figure for 2020/21']);
    expect(found(['MISSING_VALUE'], annual.replace(', frequency: annual', ', frequency: calendar_year'), { 'y.yaml': file('2019/20') })).toEqual([
      'y.yaml:1 MISSING_VALUE a: calendar year metric has no figure for 2019/20',
    ]);
  });

  it('nothing is due in a file that holds only what a report quotes', () => {
    expect(found(['MISSING_VALUE'], annual, { 'y.yaml': file('2019/20', 'partial: true\n') })).toEqual([]);
    expect(found(['MISSING_VALUE'], metric('q', 'unit: count, good: high'), { 'q1.yaml': file('2019/20 Q1', 'summary_only: true\n'), 'q2.yaml': file('2019/20 Q2') })).toEqual([
      'q2.yaml:1 MISSING_VALUE q: quarterly metric has no observation for 2019/20 Q2',
    ]);
  });
});

describe('a red KPI with no commentary', () => {
  const composite = `      - id: k\n        title: K\n        rollup: worst\n        metrics:\n${['m1', 'm2', 'm3'].map((m) => `          - { id: ${m}, title: ${m}, unit: count, good: high, target: 10 }\n`).join('')}`;
  it('is found at its first red figure; commentary on the KPI or on any of its metrics will do', () => {
    const obs = 'observations:\n  m1: { value: 20 }\n  m2: { value: 5 }\n  m3: { value: 1 }\n';
    expect(found(['NO_COMMENTARY'], composite, { 'q.yaml': file('2019/20 Q1', obs) })).toEqual(['q.yaml:4 NO_COMMENTARY k: KPI is red in 2019/20 Q1 and the period has no commentary for it']);
    expect(found(['NO_COMMENTARY'], composite, { 'q.yaml': file('2019/20 Q1', `${obs}commentary:\n  m3: Worse.\n`) })).toEqual([]);
    expect(found(['NO_COMMENTARY'], composite, { 'q.yaml': file('2019/20 Q1', `${obs}commentary:\n  k: Worse.\n`) })).toEqual([]);
  });
  it('at the KPI report when there is one; not at all in a file that only quotes a report', () => {
    const obs = 'observations:\n  k: { rag: red }\n  m1: { value: 20 }\n';
    expect(found(['NO_COMMENTARY'], composite, { 'q.yaml': file('2019/20 Q1', obs) })).toEqual(['q.yaml:3 NO_COMMENTARY k: KPI is red in 2019/20 Q1 and the period has no commentary for it']);
    expect(found(['NO_COMMENTARY'], composite, { 'q.yaml': file('2019/20 Q1', `partial: true\n${obs}`) })).toEqual([]);
  });
  it('a reported KPI RAG against its metrics rolled up', () => {
    expect(found(['RAG_MISMATCH'], composite, { 'q.yaml': file('2019/20 Q1', 'observations:\n  k: { rag: green }\n  m1: { value: 20 }\n  m2: { value: 5 }\n') })).toEqual([
      'q.yaml:3 RAG_MISMATCH k: reported green for the KPI but its metrics roll up (worst) to red',
    ]);
    expect(found(['RAG_MISMATCH'], composite, { 'q.yaml': file('2019/20 Q1', 'observations:\n  k: { rag: red }\n  m1: { value: 20 }\n  m2: { value: 5 }\n') })).toEqual([]);
    expect(found(['RAG_MISMATCH'], composite, { 'q.yaml': file('2019/20 Q1', 'observations:\n  k: { rag: unrated }\n  m1: { value: 20 }\n  m2: { value: 5 }\n') })).toEqual([]);
    expect(found(['RAG_MISMATCH'], composite, { 'q.yaml': file('2019/20 Q1', 'observations:\n  k: { rag: green }\n') })).toEqual([]);
  });
});

describe('a relative tolerance of a 0 target', () => {
  it('in the catalogue: a 0 value, or a band with a 0 end; an absolute tolerance is fine', () => {
    const kpis =
      metric('v', 'unit: count, good: low, target: 0') +
      metric('b', 'unit: count, good: low, target: { min: 0, max: 3 }') +
      metric('c', 'unit: count, good: low, target: { min: -3, max: 0 }') +
      metric('d', 'unit: count, good: low, target: { min: 1, max: 3 }') +
      metric('e', 'unit: count, good: low, target: 0, amber: 2');
    expect(found(['TOLERANCE_CONFIG'], kpis, { 'q.yaml': file('2019/20 Q1') }).map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
      'catalogue.yaml:10 TOLERANCE_CONFIG v:',
      'catalogue.yaml:11 TOLERANCE_CONFIG b:',
      'catalogue.yaml:12 TOLERANCE_CONFIG c:',
    ]);
  });
  it("an on_target width; and an observation's own 0 target, at the first one", () => {
    const kpis = metric('w', 'unit: count, good: target, target: 0, amber: 2, on_target: 5%') + metric('o', 'unit: count, good: low, target: 5');
    const periods = { 'q1.yaml': file('2019/20 Q1', 'observations:\n  o: { value: 1 }\n'), 'q2.yaml': file('2019/20 Q2', 'observations:\n  o:\n    value: 1\n    target: 0\n') };
    expect(found(['TOLERANCE_CONFIG'], kpis, periods)).toEqual([
      "catalogue.yaml:10 TOLERANCE_CONFIG w: a relative on_target width (5%) of a 0 target is 0, so any miss is red: give an absolute one in the metric's unit (amber: 0.5)",
      "q2.yaml:5 TOLERANCE_CONFIG o: a relative amber tolerance (5%) of a 0 target is 0, so any miss is red: give an absolute one in the metric's unit (amber: 0.5)",
    ]);
  });
});

describe("the register's scores", () => {
  const reg = (entries: string) => ({ 'q.yaml': file('2019/20 Q1', `register:\n${entries}`) });
  const codes = ['SCORE_MISMATCH', 'AMBIGUOUS_SCORE', 'RESIDUAL_ABOVE_INHERENT'];
  const none = metric('n', 'unit: count, good: high');
  it('each assessment by its name; a stated score against impact × likelihood', () => {
    expect(found(codes, none, reg('  - id: R1\n    title: R\n    inherent: { impact: 2, likelihood: 3, score: 5 }\n    target: { impact: 1, likelihood: 2, score: 3 }\n'))).toEqual([
      'q.yaml:5 SCORE_MISMATCH R1: inherent score 5 ≠ impact 2 × likelihood 3 = 6',
      'q.yaml:6 SCORE_MISMATCH R1: target score 3 ≠ impact 1 × likelihood 2 = 2',
    ]);
  });
  it('a score alone that no cell gives; one with several cells is placed by none', () => {
    expect(found(codes, none, reg('  - id: R1\n    title: R\n    residual: 7\n  - id: R2\n    title: R\n    residual: 12\n  - id: R3\n    title: R\n    residual: 25\n'))).toEqual([
      'q.yaml:5 SCORE_MISMATCH R1: residual score 7 is not impact × likelihood on the 5×5 scales',
      'q.yaml:8 AMBIGUOUS_SCORE R2: residual score 12 alone could be 3×4 or 4×3 (impact × likelihood): it cannot be placed on the grid',
    ]);
  });
  it('a residual above the inherent score: a risk only, and only when above', () => {
    const e = (kind: string, inherent: number, residual: number) => `  - id: ${kind[0]}1\n    kind: ${kind}\n    title: E\n    inherent: ${inherent}\n    residual: ${residual}\n`;
    expect(found(codes, none, reg(e('risk', 16, 16) + e('opportunity', 9, 16)))).toEqual([]);
    expect(found(codes, none, reg(e('risk', 16, 25)))).toEqual(['q.yaml:7 RESIDUAL_ABOVE_INHERENT r1: residual score 25 is above the inherent score 16: controls should not raise a risk\'s score']);
  });
});

describe('a reported RAG against the rule, explained', () => {
  const rag = (fields: string, obs: string) => found(['RAG_MISMATCH'], metric('m', fields), { 'q.yaml': file('2019/20 Q1', `observations:\n  m: ${obs}\n`) });
  it('with no amber band published: how far above or below the target', () => {
    expect(rag('unit: days, good: low, target: 5, amber: unpublished', '{ value: 7, rag: green }')).toEqual([
      'q.yaml:3 RAG_MISMATCH m: reported green but the target gives red: 7 days vs target 5 days (low is good): 2 above target; the amber band is not published → red',
    ]);
    expect(rag('unit: count, good: high, target: 5, amber: unpublished', '{ value: 3, rag: green }')).toEqual([
      'q.yaml:3 RAG_MISMATCH m: reported green but the target gives red: 3 vs target 5 (high is good): 2 below target; the amber band is not published → red',
    ]);
  });
  it('the gap to the places the figure is written to', () => {
    expect(rag('unit: percent, good: high, target: 95', '{ value: 91.00, rag: green }')).toEqual([
      'q.yaml:3 RAG_MISMATCH m: reported green but the target gives amber: 91.00% vs target 95% (high is good): 4.00 short, amber tolerance 4.75 (5%) → amber',
    ]);
  });
  it('a gap too large to compute', () => {
    expect(rag('unit: count, good: high, target: 1.7e308', '{ value: -1.7e308, rag: green }')).toEqual([
      'q.yaml:3 RAG_MISMATCH m: reported green but the target gives red: -1.7e+308 vs target 1.7e+308 (high is good): short by more than can be computed → red',
    ]);
  });
});
