import { describe, expect, it } from 'vitest';
import type { Finance } from '../../src/domain/types.js';
import { financeRows, financeScreen, financeTotalRow, noFinanceMessage, statedTotalLines } from '../../src/viewmodel/finance-screen.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import type { ScreenParams } from '../../src/viewmodel/screen.js';
import { lineWidth, plain } from '../../src/viewmodel/styled.js';
import { catalogue, loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

const KPI = `      - id: repairs
        title: Street repairs done on time
        frequency: quarterly
        unit: percent
        good: high
        target: 90
`;

const LINES = `    - { area: Adult Services, budget: 317.674, forecast: 322.015 }
    - { area: Children's Services, budget: 168.452, forecast: 175.320 }
    - { area: Highways and Transport, budget: 96.100, forecast: 93.200 }
    - { area: Public Health, budget: 54.320, forecast: 54.320 }
    - { area: Waste Management, budget: 41.875, forecast: 43.002 }
    - { area: Libraries, budget: 33.210, forecast: 31.998 }
    - { area: Planning, budget: 28.904, forecast: 29.500 }
    - { area: Economic Development, budget: 25.117, forecast: 24.870 }
    - { area: Corporate Services, budget: 19.650, forecast: 20.125 }
    - { area: Legal Services, budget: 12.480, forecast: 12.480 }
    - { area: Coroners, budget: 8.333, forecast: 8.100 }
    - { area: Emergency Planning, budget: 6.905, forecast: 7.049 }
`;

function modelFrom(files: Readonly<Record<string, string>>, ascii = false): Model {
  const loaded = loadTree({ 'catalogue.yaml': catalogue(KPI), ...files });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

/** Q1 has no finance table; Q2 has twelve lines and a stated total that matches. */
function financeModel(ascii = false): Model {
  return modelFrom(
    {
      '2019-20-Q1.yaml': 'period: 2019/20 Q1\nobservations:\n  repairs: { value: 95 }\n',
      '2019-20-Q2.yaml': `period: 2019/20 Q2\nobservations:\n  repairs: { value: 92 }\nfinance:\n  unit: £m\n  lines:\n${LINES}  total: { budget: 813.020, forecast: 821.979 }\n`,
    },
    ascii,
  );
}

const mismatchModel = () =>
  modelFrom({
    '2019-20-Q1.yaml': `period: 2019/20 Q1
finance:
  unit: £m
  lines:
    - { area: Adult Services, budget: 100.50, forecast: 95.00 }
    - { area: Highways, budget: 200.25, forecast: 210.00 }
  total: { budget: 300.50, forecast: 305.00 }
`,
  });

const params = (o: Partial<ScreenParams> = {}): ScreenParams => ({ period: 1, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20, ...o });

function finance(m: Model, period: number): Finance {
  const f = m.ev.periods[period]?.data.finance;
  if (!f) throw new Error('no finance');
  return f;
}

/** The screen as text: lines, the table's cells, the lines after. */
function text(m: Model, p: ScreenParams): string[] {
  const v = financeScreen(m, p);
  const t = v.table;
  const rows = t ? [t.columns.map((c) => c.label.padEnd(c.width)).join('|'), ...t.rows.map((r) => t.columns.map((c) => r[c.key] ?? '').join('|'))] : [];
  return [...v.lines.map(plain), ...rows, ...(v.after ?? []).map(plain)];
}

/** Lines the screen takes when drawn: the table adds a border per column and a space each side. */
function drawn(m: Model, p: ScreenParams): { height: number; widest: number } {
  const v = financeScreen(m, p);
  const tableW = v.table ? v.table.columns.reduce((n, c) => n + c.width + 3, 1) : 0;
  const tableH = v.table ? v.table.rows.length + 4 : 0;
  const all = [...v.lines, ...(v.after ?? [])];
  return { height: all.length + tableH, widest: Math.max(tableW, ...all.map(lineWidth)) };
}

describe('finance rows', () => {
  const m = financeModel();
  const rows = financeRows(finance(m, 1));

  it.each([
    ['Adult Services', '317.674', '322.015', '+4.341', '+1.4%', 'over'],
    ['Highways and Transport', '96.100', '93.200', '-2.900', '-3.0%', 'under'],
    ['Public Health', '54.320', '54.320', '0.000', '0.0%', 'on'],
    ['Coroners', '8.333', '8.100', '-0.233', '-2.8%', 'under'],
  ])('%s: budget %s, forecast %s, variance %s (%s), %s', (area, budget, forecast, variance, percent, over) => {
    const r = rows.find((x) => x.area === area);
    expect(r).toMatchObject({ budgetText: budget, forecastText: forecast, varianceText: variance, percentText: percent, over });
  });

  it('totals are computed from the lines, to the decimals written', () => {
    expect(financeTotalRow(finance(m, 1))).toMatchObject({ budgetText: '813.020', forecastText: '821.979', varianceText: '+8.959', percentText: '+1.1%', over: 'over' });
  });

  it('a zero budget has no percentage', () => {
    const f: Finance = { unit: '£k', lines: [{ area: 'New', budget: { value: 0, decimals: 0, loc: finance(m, 1).loc }, forecast: { value: 12, decimals: 0, loc: finance(m, 1).loc }, loc: finance(m, 1).loc }], loc: finance(m, 1).loc };
    expect(financeRows(f)[0]).toMatchObject({ varianceText: '+12', percentText: 'n/a', over: 'over' });
  });
});

describe('the stated total', () => {
  it('says when it matches the sum of the lines', () => {
    expect(statedTotalLines(finance(financeModel(), 1), UNICODE_GLYPHS).map(plain)).toEqual([
      '✓ stated budget total 813.020 matches the sum of the lines',
      '✓ stated forecast total 821.979 matches the sum of the lines',
    ]);
  });

  it('says when it does not, with the sum (the FINANCE_TOTAL rule), in the ASCII set too', () => {
    const m = mismatchModel();
    expect(statedTotalLines(finance(m, 0), ASCII_GLYPHS).map(plain)).toEqual([
      'x stated budget total 300.50 ≠ 300.75, the sum of the lines',
      '+ stated forecast total 305.00 matches the sum of the lines',
    ]);
    expect(m.findings.filter((f) => f.code === 'FINANCE_TOTAL').map((f) => f.id)).toEqual(['total.budget']);
  });
});

describe('the finance screen', () => {
  it('draws the table, the totals row and the stated total at 80 columns', () => {
    expect(text(financeModel(), params({ height: 24 }))).toMatchInlineSnapshot(`
      [
        "Budget monitoring, 2019/20 Q2 · £m",
        "Area                      |Budget |Forecast|Variance|Var %|       ",
        "▸ Adult Services          |317.674| 322.015|  +4.341|+1.4%|▲ over ",
        "  Children's Services     |168.452| 175.320|  +6.868|+4.1%|▲ over ",
        "  Highways and Transport  | 96.100|  93.200|  -2.900|-3.0%|▼ under",
        "  Public Health           | 54.320|  54.320|   0.000| 0.0%|= on   ",
        "  Waste Management        | 41.875|  43.002|  +1.127|+2.7%|▲ over ",
        "  Libraries               | 33.210|  31.998|  -1.212|-3.6%|▼ under",
        "  Planning                | 28.904|  29.500|  +0.596|+2.1%|▲ over ",
        "  Economic Development    | 25.117|  24.870|  -0.247|-1.0%|▼ under",
        "  Corporate Services      | 19.650|  20.125|  +0.475|+2.4%|▲ over ",
        "  Legal Services          | 12.480|  12.480|   0.000| 0.0%|= on   ",
        "  Coroners                |  8.333|   8.100|  -0.233|-2.8%|▼ under",
        "  Emergency Planning      |  6.905|   7.049|  +0.144|+2.1%|▲ over ",
        "  Total                   |813.020| 821.979|  +8.959|+1.1%|▲ over ",
        "✓ stated budget total 813.020 matches the sum of the lines",
        "✓ stated forecast total 821.979 matches the sum of the lines",
      ]
    `);
  });

  it('at 60 columns puts the over/under symbol beside the percentage, with a legend', () => {
    const lines = text(financeModel(), params({ width: 60, height: 14, cursor: 11 }));
    expect(lines).toMatchInlineSnapshot(`
      [
        "Budget monitoring, 2019/20 Q2 · £m · ▲ over ▼ under = on",
        "Area          |Budget |Forecast|Variance|Var %  ",
        "  Corporate S…| 19.650|  20.125|  +0.475|+2.4% ▲",
        "  Legal Servi…| 12.480|  12.480|   0.000| 0.0% =",
        "  Coroners    |  8.333|   8.100|  -0.233|-2.8% ▼",
        "▸ Emergency P…|  6.905|   7.049|  +0.144|+2.1% ▲",
        "  Total       |813.020| 821.979|  +8.959|+1.1% ▲",
        "▲ 8 more above",
        "Emergency Planning: +0.144 (+2.1%) ▲ over budget",
        "✓ stated budget total 813.020 matches the sum of the lines",
        "✓ stated forecast total 821.979 matches the sum of the lines",
      ]
    `);
  });

  it.each([
    [80, 20],
    [80, 24],
    [60, 14],
    [60, 18],
    [120, 40],
    [60, 9],
  ])('fits %i×%i, windowing the rows with markers', (width, height) => {
    const m = financeModel();
    for (const cursor of [0, 5, 11]) {
      const p = params({ width, height, cursor });
      const d = drawn(m, p);
      expect(d.height).toBeLessThanOrEqual(height);
      expect(d.widest).toBeLessThanOrEqual(width);
      const v = financeScreen(m, p);
      if (v.table?.above) expect(text(m, p).join('\n')).toContain('more above');
      if (v.table?.below) expect(text(m, p).join('\n')).toContain('more below');
      expect(v.table?.rows[v.table.cursorRow]?.['area']).toMatch(/^▸ /);
    }
  });

  it('windows at 60×14: the cursor row stays in view, the totals row stays at the bottom', () => {
    const m = financeModel();
    const v = financeScreen(m, params({ width: 60, height: 14, cursor: 8 }));
    expect(v.table?.rows.length).toBeLessThan(13);
    expect(v.table?.rows[v.table.cursorRow]?.['area']).toContain('Corporate S');
    expect(v.table?.rows[v.table.rows.length - 1]?.['area']).toContain('Total');
    expect(v.size).toBe(12);
    expect(v.targets.every((t) => t === undefined)).toBe(true);
  });

  it('shows a mismatching stated total as an error line', () => {
    const v = financeScreen(mismatchModel(), params({ period: 0 }));
    expect((v.after ?? []).map(plain)).toContain('✗ stated budget total 300.50 ≠ 300.75, the sum of the lines');
    expect(v.after?.[0]?.[1]?.token).toBe('error');
  });

  it('filters areas and sorts by variance', () => {
    const m = financeModel();
    const filtered = financeScreen(m, params({ filter: 'SERVICES' }));
    expect(filtered.size).toBe(4);
    expect(plain(filtered.lines[0] ?? [])).toContain('4 of 12 areas match "SERVICES"');
    expect(filtered.table?.rows[filtered.table.rows.length - 1]?.['area']).toContain('Total, all 12');
    const sorted = financeScreen(m, params({ sortColumn: 1, height: 30 }));
    expect(sorted.table?.rows.slice(0, 2).map((r) => r['area']?.trim())).toEqual(['▸ Children\'s Services', 'Adult Services']);
    expect(plain(sorted.lines[0] ?? [])).toContain('sorted by variance');
    expect(sorted.sortColumns).toBe(5);
  });

  it('says when the period has no finance table, and which periods have one', () => {
    const m = financeModel();
    expect(noFinanceMessage(m, 0)).toBe('No finance table in 2019/20 Q1. Loaded period with one: 2019/20 Q2 ([ ] change the period).');
    const v = financeScreen(m, params({ period: 0 }));
    expect(v.table).toBeUndefined();
    expect(v.size).toBe(0);
  });

  it('on the bundled data (no finance anywhere) says no loaded period has one', () => {
    const m = modelOf();
    const last = m.ev.periods.length - 1;
    const v = financeScreen(m, params({ period: last, width: 60 }));
    expect(v.lines.map(plain).join(' ')).toBe('No finance table in 2019/20 Q3. No loaded period has one.');
  });
});
