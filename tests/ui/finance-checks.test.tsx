import { describe, expect, it } from 'vitest';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { catalogue, loadTree } from '../helpers.js';
import { fits, renderTui } from './harness.js';

const SIZES = [
  [80, 24],
  [60, 18],
] as const;

/** Q1 without a finance table; Q2 with eight lines, a stated budget total that matches and a forecast total that does not. */
function financeModel(ascii = false): Model {
  const kpi = '      - id: repairs\n        title: Street repairs done on time\n        frequency: quarterly\n        unit: percent\n        good: high\n        target: 90\n';
  const lines = [
    ['Adult Services', '317.674', '322.015'],
    ["Children's Services", '168.452', '175.320'],
    ['Highways and Transport', '96.100', '93.200'],
    ['Public Health', '54.320', '54.320'],
    ['Waste Management', '41.875', '43.002'],
    ['Libraries', '33.210', '31.998'],
    ['Planning', '28.904', '29.500'],
    ['Coroners', '8.333', '8.100'],
  ]
    .map(([area, budget, forecast]) => `    - { area: ${area}, budget: ${budget}, forecast: ${forecast} }\n`)
    .join('');
  const loaded = loadTree({
    'catalogue.yaml': catalogue(kpi),
    '2019-20-Q1.yaml': 'period: 2019/20 Q1\nobservations:\n  repairs: { value: 95 }\n',
    '2019-20-Q2.yaml': `period: 2019/20 Q2\nobservations:\n  repairs: { value: 92 }\nfinance:\n  unit: £m\n  lines:\n${lines}  total: { budget: 748.868, forecast: 760.000 }\n`,
  });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

describe('6: Checks', () => {
  it.each(SIZES)('shows the RATIO_MISMATCH errors first at %i×%i, and fits', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.press('6');
    await t.waitFor('Errors (2)');
    const lines = t.lines();
    expect(lines[1]).toContain('Checks');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('2 errors, 10 warnings, 13 info')).toBeLessThan(at('Errors (2)'));
    expect(at('Errors (2)')).toBeLessThan(at('RATIO_MISMATCH (2)'));
    expect(lines[at('RATIO_MISMATCH (2)') + 1]).toMatch(/▸ 2019-20-Q1\.yaml:18 +health-checks/);
    expect(t.frame()).toContain('more findings below');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    t.unmount();
  });

  it.each(SIZES)('Enter on a finding about a KPI opens the KPI, Esc comes back (%i×%i)', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.press('6');
    await t.waitFor('Errors (2)');
    await t.press('down');
    await t.waitFor(/▸ 2019-20-Q1\.yaml:19/);
    await t.waitFor('Enter opens the KPI');
    await t.press('enter');
    await t.waitFor('Checks › ');
    expect(t.lines()[1]).toMatch(/^Checks › \S/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('escape');
    await t.waitFor('Errors (2)');
    expect(t.lines()[1]?.trim()).toBe('Checks');
    t.unmount();
  });

  it('filters live; Enter on a register finding opens the entry', async () => {
    const t = renderTui();
    await t.press('6', '/', ...'CR10');
    await t.waitFor('1 match "CR10"');
    await t.waitFor('Enter opens register entry CR10');
    await t.press('enter', 'enter');
    await t.waitFor('Checks › ');
    t.unmount();
  });

  it('moving down scrolls the list with markers; the detail follows the cursor', async () => {
    const t = renderTui({ columns: 60, rows: 18 });
    await t.press('6', 'G');
    await t.waitFor('more findings above');
    expect(t.frame()).not.toContain('more findings below');
    expect(fits(t.frame(), 60, 18)).toEqual([]);
    t.unmount();
  });
});

describe('5: Finance', () => {
  it.each(SIZES)('draws the table, the totals and the stated-total lines at %i×%i', async (columns, rows) => {
    const t = renderTui({ columns, rows, model: financeModel() });
    await t.press('5');
    await t.waitFor('Budget monitoring, 2019/20 Q2');
    const f = t.frame();
    expect(f).toContain('Adult Services');
    expect(f).toContain('+4.341');
    expect(f).toMatch(/Total +│ *748\.868 │ *757\.455 │ *\+8\.587/);
    expect(f).toContain('✓ stated budget total 748.868 matches the sum of the lines');
    // Wrapped at 60 columns: a stated total that does not match is never cut short.
    expect(f).toMatch(/✗ stated forecast total 760\.000 ≠ 757\.455, the sum of the\s+lines/);
    expect(t.lines()[1]?.trim()).toBe('Finance');
    expect(fits(f, columns, rows)).toEqual([]);
    t.unmount();
  });

  it('over and under are words and symbols, not colour alone, in the ASCII set too', async () => {
    const t = renderTui({ model: financeModel(true) });
    await t.press('5');
    await t.waitFor('^ over');
    expect(t.frame()).toContain('v under');
    expect(t.frame()).toContain('x stated forecast total');
    t.unmount();
  });

  it('scrolls the rows at 60×18 and keeps the totals row', async () => {
    const t = renderTui({ columns: 60, rows: 18, model: financeModel() });
    await t.press('5', 'G');
    await t.waitFor('more above');
    expect(t.frame()).toMatch(/▸ Coroners/);
    expect(t.frame()).toContain('Total');
    expect(fits(t.frame(), 60, 18)).toEqual([]);
    t.unmount();
  });

  it('says which periods have a finance table when this one has none', async () => {
    const t = renderTui({ model: financeModel(), period: 0 });
    await t.press('5');
    await t.waitFor('No finance table in 2019/20 Q1. Loaded period with one: 2019/20 Q2');
    await t.press(']');
    await t.waitFor('Budget monitoring, 2019/20 Q2');
    t.unmount();
  });

  it.each(SIZES)('on the bundled data says there is no finance table (%i×%i)', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.press('5');
    await t.waitFor('No finance table in 2019/20 Q3.');
    expect(t.frame()).toContain('No loaded period has one.');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    t.unmount();
  });
});
