import { describe, expect, it, vi } from 'vitest';
import { fits, renderTui } from './harness.js';

describe('presenter mode (p), over the bundled 19 February 2020 agenda', () => {
  it.each([
    [80, 24],
    [60, 18],
  ])('at %i×%i: p opens the agenda; next, previous, first, last, a number; the index; q returns', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.waitFor('rated KPIs achieving target');
    await t.press('p');
    await t.waitFor('item 1 / 17');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    // No header or breadcrumbs on the audience screen.
    expect(t.frame()).not.toContain('2 errors');
    await t.press(' ', 'n', 'right');
    await t.waitFor('item 4 / 17');
    await t.press('left', 'N');
    await t.waitFor('item 2 / 17');
    await t.press('G');
    await t.waitFor('item 17 / 17');
    await t.press('g');
    await t.waitFor('item 1 / 17');
    await t.press('1', '2');
    await t.waitFor('go to 12');
    await t.press('enter');
    await t.waitFor('item 12 / 17');
    await t.press('i');
    await t.waitFor('Enter goes to an item');
    await t.press('k', 'k', 'enter');
    await t.waitFor('item 10 / 17');
    expect(fits(t.frame(), columns, rows)).toEqual([]);
    await t.press('b');
    // Blank is blank: the footer goes too.
    await vi.waitFor(() => expect(t.lines().filter((l) => l.trim() !== '').length).toBe(0));
    await t.press('b');
    await t.press('q');
    await t.waitFor('rated KPIs achieving target');
    expect(t.exited()).toBeUndefined();
    t.unmount();
  });

  it('q ends the presentation started with p; a second q quits the app', async () => {
    const t = renderTui();
    await t.press('p');
    await t.waitFor('item 1 / 17');
    await t.press('q', 'q');
    await vi.waitFor(() => expect(t.exited()).toMatchObject({ interrupted: false }));
    t.unmount();
  });

  it('listens to the clock only while presenting (the other views are not redrawn every second)', async () => {
    let listeners = 0;
    let time = 0;
    const tick = new Set<() => void>();
    const clock = {
      now: () => time,
      subscribe(l: () => void) {
        listeners += 1;
        tick.add(l);
        return () => {
          listeners -= 1;
          tick.delete(l);
        };
      },
    };
    const t = renderTui({ clock });
    await t.waitFor('rated KPIs achieving target');
    expect(listeners).toBe(0);
    await t.press('p');
    await t.waitFor('item 1 / 17');
    // React subscribes in an effect, just after the frame is drawn.
    await vi.waitFor(() => expect(listeners).toBe(1));
    time = 65_000;
    for (const l of tick) l();
    await t.waitFor('1:05');
    await t.press('q');
    await t.waitFor('rated KPIs achieving target');
    await vi.waitFor(() => expect(listeners).toBe(0));
    t.unmount();
  });
});
