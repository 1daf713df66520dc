import { describe, expect, it, vi } from 'vitest';
import { fits, renderTui } from './harness.js';

describe('the frame', () => {
  it.each([
    [80, 24],
    [60, 18],
    [120, 40],
  ])('fits %i×%i: header, breadcrumbs, body, key hints', async (columns, rows) => {
    const t = renderTui({ columns, rows });
    await t.waitFor('rated KPIs achieving target');
    const f = t.frame();
    expect(f).toContain('2019/20 Q3');
    expect(f).toContain('2 errors');
    expect(t.lines()[1]).toContain('Overview');
    expect(fits(f, columns, rows)).toEqual([]);
    t.unmount();
  });

  it('asks for a bigger terminal below 60×18', async () => {
    const t = renderTui({ columns: 59, rows: 18 });
    await t.waitFor('Enlarge the terminal to at least 60×18 (it is 59×18)');
    t.unmount();
  });

  it('q quits; help opens with ? and closes with any key', async () => {
    const t = renderTui();
    await t.press('?');
    await t.waitFor('Any key closes this help');
    await t.press('x');
    await t.waitFor('rated KPIs achieving target');
    await t.press('q');
    await vi.waitFor(() => expect(t.exited()).toMatchObject({ interrupted: false }));
    t.unmount();
  });

  it('[ and ] change the period everywhere; the header follows', async () => {
    const t = renderTui();
    await t.press('[');
    await t.waitFor('2019/20 Q2');
    await t.press(']', ']');
    await t.waitFor('this is the latest period loaded');
    t.unmount();
  });

  it(': jumps to a KPI and Esc comes back', async () => {
    const t = renderTui();
    await t.press(':', ...'kpi defects-4h', 'enter');
    await t.waitFor('Overview › ');
    await t.press('escape');
    await t.waitFor('rated KPIs achieving target');
    t.unmount();
  });
});
