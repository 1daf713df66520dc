// A KPI whose figure is the largest double: its detail opens and draws (keys 2, Enter, Enter), and
// q still quits. Scaling its chart once spun for ever and the app stopped answering keys.
import { describe, expect, it, vi } from 'vitest';
import { fits, modelOf, renderTui } from './harness.js';

const EXTREME = 'tests/fixtures/extreme-number/catalogue.yaml';

describe('a KPI of 1.7976931348623157e308', () => {
  it('loads with OUT_OF_RANGE, opens its detail with its chart, and q quits', async () => {
    const model = modelOf(EXTREME);
    expect(model.findings.some((f) => f.code === 'OUT_OF_RANGE' && f.severity === 'error')).toBe(true);
    const t = renderTui({ model, columns: 80, rows: 24 });
    await t.waitFor('rated KPIs achieving target');
    await t.press('2');
    await t.waitFor('▸ Place to live');
    await t.press('enter');
    await t.waitFor('│ Street repairs do'); // the row (its title is cut to leave room for the value and its findings)
    await t.press('enter');
    await t.waitFor('› Street repairs done on time');
    await t.waitFor('Value        1.7976931348623157e+308%');
    await t.press('G');
    // The chart: an axis in e-notation, the target's legend, and no Infinity or NaN anywhere.
    await t.waitFor(/target 90%/);
    expect(t.frame()).toMatch(/\de308 ┤/);
    expect(t.frame()).not.toMatch(/NaN|Infinity/);
    expect(fits(t.frame(), 80, 24)).toEqual([]);
    await t.press('q');
    await vi.waitFor(() => expect(t.exited()).toBeDefined());
    t.unmount();
  });
});
