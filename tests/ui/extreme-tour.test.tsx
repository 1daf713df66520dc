// Extreme numbers everywhere (the largest doubles, the smallest, sums and ratios that overflow):
// every view, the KPI details, and every slide draw within the terminal, and no frame shows
// "NaN" or "Infinity".
import { describe, expect, it } from 'vitest';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate } from '../../src/domain/evaluate.js';
import { catalogue, loadTree } from '../helpers.js';
import { fits, renderTui } from './harness.js';

const MAX = '1.7976931348623157e308';

function extremeModel() {
  const kpis = [
    '      - { id: k1, title: Largest percent, unit: percent, good: high, target: 90 }',
    '      - { id: k2, title: Running total, unit: count, good: low, target: 100, cumulative: true }',
    `      - { id: k3, title: Money, unit: currency, currency: GBP, scale: m, good: high, target: ${MAX} }`,
    '      - { id: k4, title: Tiny, unit: score, good: target, target: 5e-324 }',
    '      - { id: k5, title: Negative, unit: index, good: low, target: -1e300 }',
  ].join('\n');
  const finance = `finance:\n  unit: £m\n  lines:\n    - { area: A, budget: ${MAX}, forecast: -${MAX} }\n    - { area: B, budget: ${MAX}, forecast: ${MAX} }\n    - { area: C, budget: 1e-300, forecast: 1e300 }\n  total: { budget: ${MAX}, forecast: 0 }\n`;
  const period = (p: string, v: string) =>
    `period: ${p}\nobservations:\n  k1: { value: ${v}, numerator: ${v}, denominator: 1e-300 }\n  k2: { value: ${MAX} }\n  k3: { value: -${MAX} }\n  k4: { value: 5e-324 }\n  k5: { value: -${MAX} }\n${finance}register:\n  - { id: CR1, title: Risk, inherent: 25, residual: 20 }\n`;
  const agenda = [
    'meeting: Extreme',
    'date: 2019-11-20',
    'period: 2019/20 Q2',
    'items:',
    '  - { title: Overview, show: overview }',
    ...['k1', 'k2', 'k3', 'k4', 'k5'].map((k) => `  - { title: KPI ${k}, show: "kpi:${k}" }`),
    '  - { title: Priority, show: "priority:p" }',
    '  - { title: Exceptions, show: exceptions }',
    '  - { title: Register, show: register }',
    '  - { title: Grid, show: heatgrid }',
    '  - { title: Money, show: finance }',
  ].join('\n');
  const loaded = loadTree({
    'catalogue.yaml': catalogue(`${kpis}\n`),
    'q1.yaml': period('2019/20 Q1', '5e-324'),
    'q2.yaml': period('2019/20 Q2', MAX),
    'agenda-2019-20-Q2.yaml': `${agenda}\n`,
  });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  const findings = [...loaded.findings, ...runChecks(evaluate(loaded.dataset))];
  return { model: buildModel(loaded.dataset, findings, UNICODE_GLYPHS), findings };
}

describe('extreme numbers on every screen', () => {
  const { model, findings } = extremeModel();

  it('are findings where sums and ratios overflow', () => {
    const codes = new Set(findings.map((f) => f.code));
    for (const c of ['FINANCE_TOTAL', 'RATIO_MISMATCH', 'OUT_OF_RANGE']) expect(codes).toContain(c);
  });

  it.each([
    [80, 24],
    [60, 18],
  ])('at %i×%i: views, details and slides draw, without NaN or Infinity', async (columns, rows) => {
    const t = renderTui({ model, columns, rows });
    const check = () => {
      expect(t.frame()).not.toMatch(/NaN|Infinity/);
      expect(fits(t.frame(), columns, rows)).toEqual([]);
    };
    await t.waitFor('rated KPIs achieving target');
    check();
    await t.press('2');
    await t.waitFor('▸ Priority');
    await t.press('enter');
    await t.waitFor('Largest percent');
    check();
    for (let i = 0; i < 5; i++) {
      await t.press('enter');
      await t.waitFor(/Frequency/);
      check();
      await t.press('G');
      await t.waitFor(/value/);
      check();
      await t.press('escape');
      await t.waitFor('▸');
      await t.press('j');
    }
    for (const [key, text] of [
      ['3', 'Register'],
      ['4', 'Heat grid'],
      ['5', 'Budget monitoring'],
      ['6', 'RATIO_MISMATCH'],
    ] as const) {
      await t.press(key);
      await t.waitFor(text);
      check();
    }
    await t.press('p');
    await t.waitFor('item 1 / 11');
    for (let i = 2; i <= 11; i++) {
      await t.press('n');
      await t.waitFor(`item ${i} / 11`);
      check();
    }
    t.unmount();
    // Twenty-odd screens, each waited for: more than the default five seconds on a busy machine.
  }, 30_000);
});
