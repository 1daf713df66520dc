import { describe, expect, it, vi } from 'vitest';
import { loadTree } from '../helpers.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { fits, renderTui } from './harness.js';

const SIZES = [
  [80, 24],
  [60, 18],
] as const;

describe('3: the register', () => {
  it.each(SIZES)('at %i×%i: the table, a live filter, the sort, an entry, its scrolling and the period', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.waitFor('rated KPIs achieving target');
    await t.press('3');
    await t.waitFor('13 risks · 4 opportunities');
    expect(t.lines()[1]).toBe('Register');
    expect(t.frame()).toContain('published order');
    expect(t.frame()).toMatch(/│ ▸ CR1 +│ Reshaping the/);
    expect(t.frame()).toMatch(columns >= 80 ? /│ 16 High +│ n\/a/ : /│ 16 H +│ n\/a/);
    expect(t.frame()).toMatch(/▼ \d+ more below/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // The filter applies as it is typed, over titles, owners and every text of an entry.
    await t.press('/', ...'levy');
    await t.waitFor('filter: levy');
    await t.waitFor('3 of 17 shown');
    // CR1 mentions the levy in its actions, CR5 and CO2 in their titles and controls.
    expect(t.frame()).toMatch(/│ ▸ CR1 /);
    expect(t.frame()).toMatch(/│ {3}CR5 /);
    expect(t.frame()).toMatch(/│ {3}CO2 /);
    expect(t.frame()).not.toMatch(/│ {3}CR2 /);
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('escape');
    // The header starts "published order" with the filter too: wait for the filter to go.
    await vi.waitFor(() => expect(t.frame()).not.toContain('filter: levy'));
    expect(t.frame()).toMatch(/^published order/m);

    // s cycles the sort: residual, highest first (CR1 16 stays first; CR4 16 comes second).
    await t.press('s');
    await t.waitFor('sorted by residual');
    expect(t.frame()).toMatch(/│ {3}CR4 /);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Enter opens the entry under the cursor.
    await t.press('down', 'enter');
    await vi.waitFor(() => expect(t.lines()[1]).toMatch(/^Register › CR4 /));
    await t.waitFor('Residual   16 Major/Likely High');
    expect(t.frame()).toMatch(/▼ \d+ more lines below/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // j and PgDn scroll the document.
    await t.press('j', 'j');
    await t.waitFor(/▲ 3 more lines above/);
    await t.press('pageDown', 'pageDown');
    await t.waitFor('Mitigating actions');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('G');
    await t.waitFor('No history yet');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // [ follows the period: the bundled data has a register only in 2019/20 Q3.
    await t.press('[');
    await t.waitFor('There is no register in 2019/20 Q2.');
    await t.waitFor('CR4 is in the register of 2019/20 Q3');
    expect(t.lines()[0]).toContain('2019/20 Q2');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Esc comes back to the register, which says the same and names the period with one. (The
    // entry's screen says both as well: wait for the register's title, which it does not show.)
    await t.press('escape');
    await vi.waitFor(() => expect(t.lines()[1]).toBe('Register'));
    expect(t.frame()).toContain('There is no register in 2019/20 Q2');
    expect(t.frame()).toContain('2019/20 Q3');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press(']');
    await t.waitFor('13 risks · 4 opportunities');
    t.unmount();
  });

  it.each(SIZES)('at %i×%i: :risk CR13 opens CR13, and Esc comes back', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.waitFor('rated KPIs achieving target');
    await t.press(':', ...'risk CR13', 'enter');
    await t.waitFor('CR13 System leadership');
    await vi.waitFor(() => expect(t.lines()[1]).toMatch(/› CR13 /));
    expect(t.frame()).toContain('Residual   12 Major/Possible High');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('escape');
    await t.waitFor('rated KPIs achieving target');
    t.unmount();
  });

  it('shows movement and appetite from two registers', async () => {
    const loaded = loadTree({
      'catalogue.yaml': `catalogue: { id: t, title: T, organisation: Test Council, data: . }
risk_appetite: 12
priorities:
  - id: p
    title: P
    kpis:
      - { id: k, title: K, unit: count, good: high, target: 1 }
`,
      'q1.yaml': `period: 2019/20 Q1
observations: { k: { value: 1 } }
register:
  - { id: CR1, title: Budget gap, residual: { impact: 3, likelihood: 4 } }
  - { id: CR2, title: Cyber attack, residual: { impact: 4, likelihood: 4 } }
`,
      'q2.yaml': `period: 2019/20 Q2
observations: { k: { value: 1 } }
register:
  - { id: CR1, title: Budget gap, residual: { impact: 4, likelihood: 4 } }
  - { id: CR2, title: Cyber attack, residual: { impact: 3, likelihood: 4 } }
  - { id: CR3, title: Supplier failure, residual: 6 }
`,
    });
    if (!loaded.dataset) throw new Error('fixture did not load');
    const model = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
    const t = renderTui({ columns: 80, rows: 24, model });
    await t.press('3');
    await t.waitFor('3 risks · 0 opportunities · ▲ 1 above appetite 12 · 2019/20 Q2 (vs 2019/20 Q1)');
    expect(t.frame()).toMatch(/│ ▸ CR1 +│ Risk +│ Budget gap +│ 16 High ▲ +│ ↑ worse +│ +2q │/);
    expect(t.frame()).toMatch(/│ {3}CR2 +│ Risk +│ Cyber attack +│ 12 High +│ ↓ better +│ +2q │/);
    expect(t.frame()).toMatch(/│ {3}CR3 +│ Risk +│ Supplier failure +│ 6 Medium +│ new +│ +1q │/);
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    await t.press('enter');
    await t.waitFor('Movement   residual 12 → 16, up (worse) since 2019/20 Q1');
    await t.waitFor('Appetite   ▲ above the appetite of 12');
    t.unmount();
  });
});
