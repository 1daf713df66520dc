// Live reload in the app: after a reload without the period on screen, the app says so and names
// the period it shows instead.
import { describe, expect, it, vi } from 'vitest';
import { formatPeriod } from '../../src/domain/period.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { modelOf, renderTui } from './harness.js';

/** The bundled data without the named periods (as after their files were deleted). */
function without(...labels: string[]) {
  const m = modelOf();
  const dataset = m.ev.dataset;
  return buildModel({ ...dataset, periods: dataset.periods.filter((p) => !labels.includes(formatPeriod(p.period))) }, [], UNICODE_GLYPHS);
}

describe('live reload and the period on screen', () => {
  it('says when the period being viewed is no longer in the data, and which one it shows', async () => {
    const t = renderTui();
    await t.waitFor(/2019\/20 Q3/);
    t.setModel(without('2019/20 Q3'));
    await t.waitFor('2019/20 Q3 is no longer in the data; showing 2019/20 Q2');
    // The header shows the period named.
    expect(t.lines()[0]).toContain('2019/20 Q2');
    // The message is a status: the next key clears it.
    await t.press('j');
    await vi.waitFor(() => expect(t.frame()).not.toContain('no longer in the data'));
    expect(t.lines()[0]).toContain('2019/20 Q2');
    t.unmount();
  });

});
