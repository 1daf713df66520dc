// The app keeps recent views (by screen and parameters) and the view models keep each list's
// sorted rows: moving through many cursor positions and periods still draws what a fresh app
// draws, and the screens underneath keep their titles and cursors.

import { describe, expect, it } from 'vitest';
import { fits, renderTui } from './harness.js';

describe('views kept between keys', () => {
  it('more views than the app keeps: each frame is what a fresh app draws there', async () => {
    const t = renderTui({ columns: 80, rows: 24 });
    await t.press('2', 'enter');
    await t.waitFor('catalogue order · 16 KPIs');
    // Up and down the table in three periods: more than 64 views.
    for (const step of ['[', '[', ']']) {
      await t.press(...Array<string>(15).fill('j'));
      await t.waitFor('▲ ');
      await t.press(...Array<string>(15).fill('k'));
      await t.press(step);
    }
    await t.press(...Array<string>(7).fill('j'));
    await t.waitFor(/│ ▸ /);
    const here = t.frame();
    expect(fits(here, 80, 24)).toEqual([]);

    // A fresh app at the same place draws the same frame.
    const fresh = renderTui({ columns: 80, rows: 24 });
    await fresh.press('2', 'enter');
    await fresh.waitFor('catalogue order · 16 KPIs');
    await fresh.press('[', ...Array<string>(7).fill('j'));
    await fresh.waitFor(/◂ 2019\/20 Q2 ▸/);
    await fresh.waitFor(here.split('\n').find((l) => l.includes('▸ ') && l.includes('│')) ?? '▸');
    expect(fresh.frame()).toBe(here);
    fresh.unmount();

    // Into a KPI and back: the breadcrumbs name the priority; the cursor is where it was.
    await t.press('enter');
    await t.waitFor('KPIs › Lancashire will be the place to live › ');
    await t.press('escape');
    await t.waitFor('catalogue order · 16 KPIs');
    expect(t.frame()).toBe(here);
    t.unmount();
  });
});
