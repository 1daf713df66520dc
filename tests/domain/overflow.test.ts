// Sums, differences and ratios that overflow: never shown as Infinity or NaN, never "matches", and
// always a finding. The rule: a figure the app computes from the data that is not finite is an
// error under the check that computes it (FINANCE_TOTAL, RATIO_MISMATCH, OUT_OF_RANGE), and it
// reads "overflow" wherever it is shown.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate } from '../../src/domain/evaluate.js';
import type { Finding } from '../../src/domain/types.js';
import { financeRows, financeScreen, financeTotalRow, statedTotalLines } from '../../src/viewmodel/finance-screen.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { kpiDetailLines } from '../../src/viewmodel/kpi-detail.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { biggestMoves } from '../../src/viewmodel/overview.js';
import { plain } from '../../src/viewmodel/styled.js';
import { catalogue, loadTree } from '../helpers.js';

const MAX = '1.7976931348623157e308';
const NON_FINITE = /NaN|Infinity/;

function load(kpis: string, period: string, periods: Record<string, string> = {}) {
  const loaded = loadTree({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': period, ...periods });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  const ev = evaluate(loaded.dataset);
  const findings = runChecks(ev);
  return { ev, findings, model: buildModel(loaded.dataset, [...loaded.findings, ...findings], UNICODE_GLYPHS) };
}

const show = (fs: readonly Finding[]) => fs.map((f) => `${f.code} ${f.severity} ${f.line}: ${f.message}`);
const PERCENT = '      - { id: k, title: Repairs, unit: percent, good: high, target: 90 }\n';

function financeOf(lines: string, total = '') {
  return load(PERCENT, `period: 2019/20 Q1\nobservations:\n  k: { value: 95 }\nfinance:\n  unit: £m\n  lines:\n${lines}${total}`);
}

describe('finance sums that overflow', () => {
  const both = `    - { area: A, budget: ${MAX}, forecast: -${MAX} }\n    - { area: B, budget: ${MAX}, forecast: -${MAX} }\n`;

  it('a stated total against lines whose sum overflows is an error, never "matches"', () => {
    const { findings, model } = financeOf(both, `  total: { budget: ${MAX}, forecast: 1 }\n`);
    const fin = model.ev.periods[0]?.data.finance;
    if (!fin) throw new Error('no finance');
    const totals = findings.filter((f) => f.code === 'FINANCE_TOTAL');
    expect(show(totals)).toEqual([
      'FINANCE_TOTAL error 9: stated budget total 1.7976931348623157e+308 cannot be checked: the sum of its 2 lines overflows',
      'FINANCE_TOTAL error 9: stated forecast total 1 cannot be checked: the sum of its 2 lines overflows',
      "FINANCE_TOTAL error 7: the variance of 'A' cannot be computed: forecast − budget overflows",
      "FINANCE_TOTAL error 8: the variance of 'B' cannot be computed: forecast − budget overflows",
    ]);
    const stated = statedTotalLines(fin, UNICODE_GLYPHS).map(plain);
    expect(stated.join('\n')).not.toContain('matches');
    expect(stated).toEqual([
      '✗ stated budget total 1.7976931348623157e+308 cannot be checked: the sum of the lines overflows',
      '✗ stated forecast total 1 cannot be checked: the sum of the lines overflows',
    ]);
    const total = financeTotalRow(fin);
    expect([total.budgetText, total.forecastText, total.varianceText, total.percentText]).toEqual(['overflow', 'overflow', 'overflow', 'overflow']);
    for (const r of financeRows(fin)) {
      // MAX − (−MAX) overflows; the percentage of it too.
      expect([r.budgetText, r.forecastText, r.varianceText, r.percentText]).toEqual(['1.7976931348623157e+308', '-1.7976931348623157e+308', 'overflow', 'overflow']);
    }
    const screen = financeScreen(model, { period: 0, cursor: 0, filter: '', sortColumn: 0, width: 120, height: 30 });
    const text = [...screen.lines, ...(screen.after ?? [])].map(plain).join('\n') + JSON.stringify(screen.table?.rows);
    expect(text).not.toMatch(NON_FINITE);
    expect(text).not.toContain('matches');
  });

  it('with no stated total, a sum that overflows is still an error', () => {
    const { findings } = financeOf(both);
    expect(show(findings.filter((f) => f.code === 'FINANCE_TOTAL'))).toEqual([
      'FINANCE_TOTAL error 5: the budget total cannot be computed: the sum of the 2 lines overflows',
      'FINANCE_TOTAL error 5: the forecast total cannot be computed: the sum of the 2 lines overflows',
      "FINANCE_TOTAL error 7: the variance of 'A' cannot be computed: forecast − budget overflows",
      "FINANCE_TOTAL error 8: the variance of 'B' cannot be computed: forecast − budget overflows",
    ]);
  });

  it('a line whose variance overflows is an error at the line', () => {
    const { findings } = financeOf(`    - { area: A, budget: -${MAX}, forecast: ${MAX} }\n`);
    expect(show(findings.filter((f) => f.code === 'FINANCE_TOTAL'))).toEqual(["FINANCE_TOTAL error 7: the variance of 'A' cannot be computed: forecast − budget overflows"]);
  });

  it('sums that stay finite are unchanged', () => {
    const { findings } = financeOf(`    - { area: A, budget: ${MAX}, forecast: 1 }\n    - { area: B, budget: -${MAX}, forecast: 2 }\n`, `  total: { budget: 0, forecast: 3 }\n`);
    expect(findings.filter((f) => f.code === 'FINANCE_TOTAL')).toEqual([]);
  });
});

describe('ratios that overflow', () => {
  it('1e300/1e-300 does not pass RATIO_MISMATCH: the ratio cannot be computed', () => {
    const { findings } = load(PERCENT, 'period: 2019/20 Q1\nobservations:\n  k: { value: 95, numerator: 1e300, denominator: 1e-300 }\n');
    expect(show(findings.filter((f) => f.code === 'RATIO_MISMATCH'))).toEqual(['RATIO_MISMATCH error 3: the value 95 cannot be checked: 1e+300/1e-300 × 100 overflows']);
  });

  it('the largest double over 1, as a percentage, overflows; the detail says so without a unit', () => {
    const { findings, model } = load(PERCENT, `period: 2019/20 Q1\nobservations:\n  k: { value: ${MAX}, numerator: ${MAX}, denominator: 1 }\n`);
    expect(show(findings.filter((f) => f.code === 'RATIO_MISMATCH' || f.code === 'OUT_OF_RANGE'))).toEqual([
      'RATIO_MISMATCH error 3: the value 1.7976931348623157e+308 cannot be checked: 1.7976931348623157e+308/1 × 100 overflows',
      'OUT_OF_RANGE error 3: 1.7976931348623157e+308% is over 100% (set allow_over_100 where that is legitimate)',
    ]);
    const detail = kpiDetailLines(model, 'k', 0, 100, 40).map(plain).join('\n');
    expect(detail).toContain('Num / denom  1.7976931348623157e+308 / 1 = overflow\n');
    expect(detail).not.toMatch(NON_FINITE);
  });

  it('a jump from the smallest double reads without a factor that overflowed', () => {
    const kpi = '      - { id: k, title: Repairs, unit: count, good: high }\n';
    const { findings } = load(kpi, 'period: 2019/20 Q1\nobservations:\n  k: { value: 5e-324 }\n', { 'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: 1e300 }\n' });
    const jumps = findings.filter((f) => f.code === 'SUSPICIOUS_JUMP');
    expect(jumps).toHaveLength(1);
    expect(jumps[0]?.message).not.toMatch(/overflow×|NaN|Infinity/);
    expect(jumps[0]?.message).toContain('by a factor too large to show');
  });
});

describe('running totals that overflow', () => {
  it('a cumulative metric whose total overflows is not rated, and is an error', () => {
    const kpi = '      - { id: k, title: Spend, unit: count, good: low, target: 100, cumulative: true }\n';
    const { findings, ev } = load(kpi, `period: 2019/20 Q1\nobservations:\n  k: { value: ${MAX} }\n`, { 'q2.yaml': `period: 2019/20 Q2\nobservations:\n  k: { value: ${MAX} }\n` });
    expect(show(findings.filter((f) => f.code === 'OUT_OF_RANGE'))).toEqual(['OUT_OF_RANGE error 3: the running total cannot be computed: it overflows']);
    const me = ev.periods[1]?.metrics.get('k');
    expect(me?.computed).toBe('unrated');
    expect(me?.why).toBe('the running total overflows: it cannot be rated');
  });
});

describe('moves that overflow', () => {
  it('the overview\'s biggest moves read "overflow", with no sign', () => {
    const kpi = '      - { id: k, title: Count, unit: count, good: high, target: 1 }\n      - { id: p, title: Share, unit: percent, good: high, target: 1, allow_negative: true, allow_over_100: true }\n';
    const { ev } = load(kpi, `period: 2019/20 Q1\nobservations:\n  k: { value: -${MAX} }\n  p: { value: -${MAX} }\n`, {
      'q2.yaml': `period: 2019/20 Q2\nobservations:\n  k: { value: ${MAX} }\n  p: { value: ${MAX} }\n`,
    });
    const pe = ev.periods[1];
    if (!pe) throw new Error('no period');
    const moves = biggestMoves(pe, 3);
    expect(moves.better.map((m) => `${m.title} ${m.change}`)).toEqual(['Count overflow', 'Share overflow']);
  });
});

describe('a gap to the target that overflows', () => {
  it('is explained in words, not as a figure', () => {
    const kpi = `      - { id: k, title: Index, unit: index, good: high, target: ${MAX} }\n`;
    const { ev } = load(kpi, `period: 2019/20 Q1\nobservations:\n  k: { value: -${MAX} }\n`);
    const me = ev.periods[0]?.metrics.get('k');
    expect(me?.computed).toBe('red');
    expect(me?.why).toBe('-1.7976931348623157e+308 vs target 1.7976931348623157e+308 (high is good): short by more than can be computed → red');
  });
});
