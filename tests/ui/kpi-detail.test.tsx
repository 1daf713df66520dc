import { describe, expect, it } from 'vitest';
import { fits, modelOf, renderTui } from './harness.js';

describe('the KPI detail screen', () => {
  it.each([
    [80, 24],
    [60, 18],
  ])('at %i×%i: opens with :kpi, scrolls, follows the period, Esc goes back', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.waitFor('rated KPIs achieving target');
    await t.press(':', ...'kpi defects-4h', 'enter');
    await t.waitFor('Overview › Safety carriageway defects');
    await t.waitFor('Priority');
    expect(t.frame()).toContain('Value        89.19%');
    expect(t.frame()).toMatch(/▼ \d+ more lines below/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // j scrolls a line: the why line comes into view and the top line goes under the marker.
    await t.press('j', 'j');
    await t.waitFor('▲ 3 more lines above');
    await t.waitFor('Why          89.19% vs target 95% (high is good)');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // PgDn reaches the chart: the target line, the legend and the period labels.
    await t.press('pageDown');
    await t.waitFor('╌╌ target 95%');
    await t.waitFor('Q3');
    expect(t.frame()).toMatch(/(2018\/19|18\/19) Q4/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // G goes to the end: the commentary.
    await t.press('G');
    await t.waitFor('Processes are being reviewed');
    expect(t.frame()).not.toMatch(/more lines? below/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // [ changes the period and the detail follows.
    await t.press('g', '[');
    await t.waitFor('Value        91.46%');
    expect(t.lines()[0]).toContain('2019/20 Q2');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    await t.press('escape');
    await t.waitFor('rated KPIs achieving target');
    t.unmount();
  });

  it('opens a composite from the 2024/25 catalogue with its rollup', async () => {
    const t = renderTui({ columns: 80, rows: 24, model: modelOf('catalogue/lcc-2024-25.yaml') });
    await t.waitFor('rated KPIs achieving target');
    await t.press(':', ...'kpi school-places', 'enter');
    await t.waitFor('Rollup       worst of 2 metrics → ✓ Green');
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    t.unmount();
  });

  it('opens with Enter from the overview', async () => {
    const t = renderTui({ columns: 80, rows: 24 });
    await t.waitFor('rated KPIs achieving target');
    // The first selectable item on the overview is a KPI below the desired level.
    await t.press('enter');
    await t.waitFor(/Overview › .+/);
    await t.waitFor('Frequency');
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    t.unmount();
  });

  it('the detail and the Checks view lead to each other: c shows the KPI\'s findings, Enter comes back to the figure', async () => {
    const t = renderTui({ columns: 100, rows: 30 });
    await t.waitFor('rated KPIs achieving target');
    await t.press(':', ...'kpi rosebud-loans', 'enter');
    await t.waitFor('2 findings of check on this KPI (c: in the Checks view)');
    await t.press('c');
    await t.waitFor('NARRATIVE_ARITHMETIC');
    // Only this KPI's findings: not the other findings of the period.
    expect(t.frame()).toContain('rosebud-loans');
    expect(t.frame()).not.toContain('AMBIGUOUS_SCORE');
    // Esc goes back to the detail; from the Checks view, Enter opens the figure.
    await t.press('escape');
    await t.waitFor('2 findings of check on this KPI');
    await t.press('c');
    await t.waitFor('NARRATIVE_ARITHMETIC');
    await t.press('enter');
    await t.waitFor('2 findings of check on this KPI');
    expect(t.frame()).toContain('7 + 6 = 13');
  });
});
