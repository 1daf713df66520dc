// Presenter mode through a real meeting: each defect a walk-through found (issue: "presenter mode
// that survives a real meeting"), driven through the real App at the design size.
import { describe, expect, it, vi } from 'vitest';
import { fits, modelOf, renderTui } from './harness.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import type { Agenda } from '../../src/domain/types.js';

/** "item k / N" from the footer, or undefined when it is not shown. */
function position(frame: string): { k: number; n: number } | undefined {
  const m = /item (\d+) \/ (\d+)/.exec(frame);
  return m ? { k: Number(m[1]), n: Number(m[2]) } : undefined;
}

// Periods of lcc-2019-20: 2018/19, 2018/19 Q4, 2019/20 Q1, Q2, Q3 (the meeting's, with its agenda).
const Q2 = 3;

describe('the presenter keeps the meeting', () => {
  it('does not crash when the agenda is shorter after drilling out to another period (2 0 Enter d ] Esc)', async () => {
    const t = renderTui({ period: Q2 });
    await t.waitFor('rated KPIs');
    await t.press('p');
    await t.waitFor(/item 1 \/ \d+/);
    const n = position(t.frame())?.n ?? 0;
    expect(n).toBeGreaterThanOrEqual(20);
    await t.press('2', '0', 'enter');
    await t.waitFor(`item 20 / ${n}`);
    await t.press('d');
    await t.waitFor('Presenting 20/');
    await t.press(']');
    await t.press('escape');
    // Back on the same item of the same meeting (Q2's), not Q3's 17-item agenda.
    await t.waitFor(`item 20 / ${n}`);
    expect(t.frame()).toContain('2019/20 Q2');
    t.unmount();
  });

  it('a reload with a shorter agenda keeps the item where it still is, else clamps; counts follow', async () => {
    const model = modelOf();
    const t = renderTui({ model });
    await t.press('p');
    await t.waitFor('item 1 / 17');
    await t.press('1', '5', 'enter');
    await t.waitFor('item 15 / 17');
    const agenda = model.ev.dataset.agendas[0] as Agenda;
    // The first ten items deleted: item 15 is now item 5.
    const shorter: Agenda = { ...agenda, items: agenda.items.slice(10) };
    const m2 = buildModel({ ...model.ev.dataset, agendas: [shorter] }, [], UNICODE_GLYPHS);
    t.setModel(m2);
    await t.waitFor('item 5 / 7');
    // Only three items left: clamped to the last.
    const m3 = buildModel({ ...model.ev.dataset, agendas: [{ ...agenda, items: agenda.items.slice(0, 3) }] }, [], UNICODE_GLYPHS);
    t.setModel(m3);
    await t.waitFor('item 3 / 3');
    t.unmount();
  });
});

describe('drilling out is a stack', () => {
  it('after d, a view key (1 … 6, Tab) browses; Esc comes back to the same slide', async () => {
    const t = renderTui();
    await t.press('p');
    await t.waitFor('item 1 / 17');
    // The agenda's own numbers: "4" is its first "4." item (the 4th); the register follows.
    await t.press('4', 'enter', ' ');
    await t.waitFor('item 5 / 17');
    await t.press('d');
    await t.waitFor('Presenting 5/17 › Register');
    await t.press('2');
    await t.waitFor('Presenting 5/17 › KPIs');
    await t.press('tab');
    await t.waitFor('Presenting 5/17 › Register');
    await t.press('escape');
    await t.waitFor('item 5 / 17');
    // Esc on a slide does nothing: repeated Esc always lands here.
    await t.press('escape', 'escape');
    await t.waitFor('item 5 / 17');
    t.unmount();
  });

  it('q while drilled returns to the slide; q straight after d too; p returns at once', async () => {
    const t = renderTui();
    await t.press('p');
    await t.waitFor('item 1 / 17');
    await t.press('4', 'enter', ' ', 'd');
    await t.waitFor('› Register');
    await t.press('q');
    await t.waitFor('item 5 / 17');
    expect(t.exited()).toBeUndefined();
    await t.press('d', 'enter', 'j', 'p');
    await t.waitFor('item 5 / 17');
    expect(t.exited()).toBeUndefined();
    t.unmount();
  });

  it('period keys while drilled browse another period; returning restores the meeting period', async () => {
    const t = renderTui();
    await t.press('p');
    await t.waitFor('item 1 / 17');
    await t.press('4', 'enter', ' ', 'd');
    await t.waitFor('Presenting 5/17');
    await t.press('[');
    await t.waitFor('2019/20 Q2');
    await t.press('escape');
    await t.waitFor('item 5 / 17');
    expect(t.frame()).toContain('2019/20 Q3');
    t.unmount();
  });
});

describe('slides, blank and keys', () => {
  it('↓ and j scroll a long slide; the footer says more follows', async () => {
    const t = renderTui();
    await t.press('p');
    // Item 8: the indicators below the desired level (13 more below at 80×24).
    await t.press('5', 'enter', ' ');
    await t.waitFor('item 8 / 17');
    await t.waitFor(/more below/);
    const before = t.frame();
    await t.press('j', 'down', 'j');
    await vi.waitFor(() => expect(t.frame()).not.toBe(before));
    await t.waitFor(/more above/);
    await t.waitFor('item 8 / 17');
    t.unmount();
  });

  it('b, . and w clear everything, the footer too; any key un-blanks without moving', async () => {
    const t = renderTui();
    await t.press('p', ' ', ' ');
    await t.waitFor('item 3 / 17');
    for (const key of ['b', '.', 'w']) {
      await t.press(key);
      await vi.waitFor(() => expect(t.frame()).not.toMatch(/item 3|meeting|\w/));
      await t.press(' ');
      await t.waitFor('item 3 / 17');
    }
    t.unmount();
  });

  it('Enter does not drill (only d does)', async () => {
    const t = renderTui();
    await t.press('p', '4', 'enter', ' ');
    await t.waitFor('item 5 / 17');
    // Keys are read in order: once n has moved on, Enter has been read (and did nothing).
    await t.press('enter', 'n');
    await t.waitFor('item 6 / 17');
    expect(t.frame()).not.toContain('errors');
    t.unmount();
  });

  it('? while presenting lists the presenter keys first; ? then q closes help and leaves presenting only', async () => {
    const t = renderTui();
    await t.press('p');
    await t.waitFor('item 1 / 17');
    await t.press('?');
    await t.waitFor('Presenting');
    expect(t.frame()).toMatch(/b\b.*blank/);
    await t.press('q');
    await t.waitFor('rated KPIs achieving target');
    expect(t.exited()).toBeUndefined();
    t.unmount();
  });

  it('a number goes to the agenda item that carries it, not the slide at that position', async () => {
    // The bundled agenda numbers its items as the published one does: "5." is the 7th item.
    const t = renderTui();
    await t.press('p');
    await t.waitFor('item 1 / 17');
    await t.press('5', 'enter');
    await t.waitFor('item 7 / 17');
    expect(t.frame()).toContain('5. Corporate Strategy');
    // No item is numbered 12: the 12th.
    await t.press('1', '2', 'enter');
    await t.waitFor('item 12 / 17');
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    t.unmount();
  });
});
