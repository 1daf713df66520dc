import { describe, expect, it, vi } from 'vitest';
import { fits, modelOf, renderTui } from './harness.js';

const SIZES = [
  [80, 24],
  [60, 18],
] as const;

describe('2: KPIs', () => {
  it.each(SIZES)('at %i×%i: priorities → KPI table → live filter → a KPI, and back', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.press('2');
    await t.waitFor('5 priorities · 45 KPIs · 2019/20 Q3');
    expect(t.frame()).toContain('▸ Lancashire will be the place to live');
    expect(t.lines()[1]).toBe('KPIs');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    await t.press('enter');
    await t.waitFor('catalogue order · 16 KPIs');
    expect(t.lines()[1]).toBe('KPIs › Lancashire will be the place to live');
    expect(t.frame()).toMatch(/│ ▸ ✗ Red +│ Safety.*4 hours/);
    expect(t.frame()).toContain('▼ ');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // The filter applies as it is typed.
    await t.press('/', ...'defe');
    await t.waitFor('/defe█');
    await t.waitFor('filter: defe');
    await t.press(...'cts');
    await t.waitFor('4 of 16 KPIs');
    expect(t.frame()).not.toContain('Average number');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Enter keeps the filter; the next Enter opens the KPI under the cursor.
    await t.press('enter');
    await t.waitFor('Enter open');
    expect(t.frame()).toContain('4 of 16 KPIs');
    await t.press('down', 'enter');
    // The breadcrumbs grow by the KPI (at 60 columns they drop from the left to fit).
    await vi.waitFor(() => expect(t.lines()[1]).toMatch(/^(KPIs › Lancashire will be the place to live|…) › /));
    if (columns >= 80) expect(t.lines()[1]).toMatch(/^KPIs › Lancashire will be the place to live › /);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Esc comes back to the filtered table, cursor where it was.
    await t.press('escape');
    await t.waitFor('4 of 16 KPIs');
    expect(t.frame()).toMatch(/│ ▸ ! Amber/);
    t.unmount();
  });

  it.each(SIZES)('at %i×%i: s cycles the sort, named in the header', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.press('2', 'enter');
    await t.waitFor('catalogue order · 16 KPIs');
    await t.press('s');
    await t.waitFor('sorted by RAG');
    // Red first: the longest run of reds at the top.
    expect(t.frame()).toMatch(/│ ▸ ✗ Red +│ Percentage/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('s');
    await t.waitFor('sorted by travel');
    expect(t.frame()).toMatch(/│ ▸ .+│ Safety.*4 hours/);
    await t.press('s');
    await t.waitFor('sorted by title');
    await t.press('s');
    await t.waitFor('catalogue order · 16 KPIs');
    t.unmount();
  });

  it.each(SIZES)('at %i×%i: / on the priorities searches every priority; Esc clears it', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.press('2', '/', ...'defects');
    await t.waitFor('4 of 45 KPIs');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('enter');
    await t.waitFor('Enter open');
    await t.press('enter');
    await t.waitFor(/^KPIs › /m);
    expect(t.lines()[1]).not.toBe('KPIs');
    await t.press('escape');
    await t.waitFor('4 of 45 KPIs');
    await t.press('escape');
    await t.waitFor('5 priorities · 45 KPIs');
    t.unmount();
  });

  it('s on the list of priorities says there is nothing to sort', async () => {
    const t = renderTui();
    await t.press('2', 's');
    await t.waitFor('nothing to sort here');
    t.unmount();
  });

  it('shows the flags and runs of reds at 120 and 80 columns, the trend at 120 only, neither at 60', async () => {
    const big = renderTui({ columns: 120, rows: 40 });
    await big.press('2', 'enter');
    await big.waitFor('Flags');
    expect(big.frame()).toContain('Trend');
    expect(big.frame()).toContain('4×red');
    big.unmount();
    const wide = renderTui({ columns: 80, rows: 24 });
    await wide.press('2', 'enter');
    await wide.waitFor('Flags');
    expect(wide.frame()).toContain('4×red');
    expect(wide.frame()).not.toContain('Trend');
    expect(wide.frame()).toMatch(/▲ better|▼ worse/);
    wide.unmount();
    const narrow = renderTui({ columns: 60, rows: 18 });
    await narrow.press('2', 'enter');
    await narrow.waitFor('catalogue order · 16 KPIs');
    expect(narrow.frame()).not.toContain('Trend');
    expect(narrow.frame()).toContain('Target');
    narrow.unmount();
  });

  it('the ASCII glyph set draws ASCII marks, composites show a value', async () => {
    const t = renderTui({ columns: 80, rows: 24, model: modelOf('catalogue/lcc-2024-25.yaml', true) });
    await t.press('2');
    await t.waitFor('> Delivering Better Services');
    await t.press('enter');
    await t.waitFor('catalogue order - 10 KPIs');
    expect(t.frame()).toMatch(/\| > \+ Green/);
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    t.unmount();
  });
});
