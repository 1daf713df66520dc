import { describe, expect, it, vi } from 'vitest';
import { fits, modelOf, renderTui } from './harness.js';

type Tui = ReturnType<typeof renderTui>;

/** The frame without styles (a styled line is several runs of text). */
// eslint-disable-next-line no-control-regex
const plainFrame = (t: Tui) => t.frame().replace(/\x1b\[[0-9;]*m/g, '');

async function see(t: Tui, text: string | RegExp) {
  await vi.waitFor(
    () => {
      const f = plainFrame(t);
      if (typeof text === 'string' ? !f.includes(text) : !text.test(f)) throw new Error(`frame does not show ${String(text)}:\n${f}`);
    },
    { timeout: 3000, interval: 10 },
  );
}

describe('the heat grid (4)', () => {
  it.each([
    [80, 24],
    [60, 18],
  ])('at %i×%i: draws the grid, moves the cell cursor, toggles, lists a cell and opens an entry', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.waitFor('rated KPIs achieving target');
    await t.press('4');
    await see(t, 'Residual scores · risks · 2019/20 Q3 · no appetite set');
    await see(t, columns >= 71 ? 'Catastrophic  5' : 'Catas. 5');
    await see(t, columns >= 71 ? 'Unlikely 2' : 'Unlik. 2');
    await see(t, '▸ Catastrophic (5) × Rare (1) = 5 Medium: no risks here');
    expect(plainFrame(t)).toMatch(/│\[5 M {2,}\]│/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Arrows and h j k l move the cell cursor; the selected-cell line follows.
    await t.press('down');
    await see(t, '▸ Major (4) × Rare (1) = 4 Low: no risks here');
    await t.press('right', 'l');
    await see(t, '▸ Major (4) × Possible (3) = 12 High: CR2, CR3');
    await t.press('right');
    await see(t, '▸ Major (4) × Likely (4) = 16 High: CR1, CR4, CR10');
    // The ids in the cell: all of them where the row has room to grow (80×24), else CR1 and +2.
    expect(plainFrame(t)).toMatch(columns === 80 ? /\[CR1 CR4 *\]/ : /\[CR1 \+2 *\]/);
    await t.press('j', 'k', 'h', 'l');
    await see(t, '▸ Major (4) × Likely (4) = 16 High: CR1, CR4, CR10');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // i: inherent scores; the ambiguous 20s are listed as not placed.
    await t.press('i');
    await see(t, 'Inherent scores · risks');
    await see(t, 'Not placed: CR1, CR10 — score 20 alone could be 4×5 or 5×4');
    await see(t, '▸ Major (4) × Likely (4) = 16 High: CR2, CR3, CR4');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // t: target scores, none published.
    await t.press('t');
    await see(t, 'No risk has a target score in the 2019/20 Q3 register.');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // o: opportunities (residual again with r); CO2 and CO4 at Outstanding × Possible.
    await t.press('r', 'o');
    await see(t, 'Residual scores · opportunities · 2019/20 Q3');
    await see(t, columns >= 71 ? 'Outstanding   5' : 'Outst. 5');
    await t.press('up', 'left');
    await see(t, '▸ Outstanding (5) × Possible (3) = 15 High: CO2, CO4');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // m: where each entry was last period (no earlier register: not known, so no mark).
    await t.press('o', 'down', 'right', 'm');
    await see(t, 'no earlier register: movement not known');
    await see(t, '▸ Major (4) × Likely (4) = 16 High: CR1, CR4, CR10');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('m');
    await see(t, '▸ Major (4) × Likely (4) = 16 High: CR1, CR4, CR10');

    // Enter lists the cell: CR1 and CR4 (and CR10) share it.
    await t.press('enter');
    await see(t, 'Heat grid › Major × Likely');
    await see(t, 'Major (4) × Likely (4) = 16 High');
    await see(t, '▸ CR1   Reshaping the County Council');
    await see(t, 'CR4   Increase in demand');
    await see(t, 'CR10');
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Enter on an entry opens the register entry screen.
    await t.press('down');
    await see(t, '▸ CR4');
    await t.press('enter');
    await see(t, /(Heat grid|…) › Major × Likely › CR4/);
    expect(fits(t.frame(), columns, rows)).toEqual([]);

    // Esc goes back to the list, then to the grid with its cursor where it was.
    await t.press('escape');
    await see(t, '▸ CR4');
    await t.press('escape');
    await see(t, '▸ Major (4) × Likely (4) = 16 High: CR1, CR4, CR10');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    t.unmount();
  });

  it('says when the period has no register, and names the periods that have one', async () => {
    const t = renderTui({ columns: 80, rows: 24 });
    await t.waitFor('rated KPIs achieving target');
    await t.press('4', '[');
    await see(t, 'No register in 2019/20 Q2.');
    await see(t, 'Periods with a register: 2019/20 Q3');
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    t.unmount();
  });

  it('draws in ASCII only with the ASCII glyphs', async () => {
    const t = renderTui({ columns: 60, rows: 18, model: modelOf('catalogue/lcc-2019-20.yaml', true) });
    await t.waitFor('rated KPIs achieving target');
    await t.press('4');
    await see(t, '> Catastrophic (5) x Rare (1) = 5 Medium: no risks here');
    const body = plainFrame(t).split('\n').slice(2, -1).join('\n');
    expect(body).toMatch(/^[\x20-\x7e\n]*$/);
    expect(fits(t.frame(), 60, 18)).toEqual([]);
    t.unmount();
  });
});
