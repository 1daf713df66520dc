// Columns that inform: titles that still tell rows apart, values never cut while there is room,
// the flags kept at 80 columns.
import { describe, expect, it } from 'vitest';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { kpiRows } from '../../src/viewmodel/kpi-rows.js';
import { kpisScreen, layoutColumns, priorityScreen } from '../../src/viewmodel/kpis-screen.js';
import { distinctTitles } from '../../src/viewmodel/labels.js';
import { overviewScreen } from '../../src/viewmodel/overview-screen.js';
import { plain, textWidth } from '../../src/viewmodel/styled.js';
import { modelOf } from '../ui/harness.js';

const params = (width: number, height: number, period: number) => ({ period, cursor: 0, filter: '', sortColumn: 0, width, height });

describe('distinctTitles', () => {
  const safety = ['4 hours (emergency)', '2 working days (urgent)', '7 working days (non-urgent)', '20 working days (non-urgent)'].map((s) => ({ title: `Safety carriageway defects repaired within ${s}` }));

  it('keeps titles that fit, and cuts at the end where that keeps them apart', () => {
    expect(distinctTitles([{ title: 'Live' }, { title: 'Work' }], 10, '…')).toEqual(['Live', 'Work']);
    expect(distinctTitles([{ title: 'Percentage of recycling' }, { title: 'Average days' }], 12, '…')).toEqual(['Percentage …', 'Average days']);
  });

  it('cuts titles that would read alike in the middle, keeping the end that tells them apart', () => {
    for (const w of [18, 22, 30, 40]) {
      const cut = distinctTitles(safety, w, '…');
      expect(new Set(cut).size, `at ${w}: ${cut.join(' | ')}`).toBe(4);
      for (const c of cut) expect(textWidth(c)).toBeLessThanOrEqual(w);
    }
  });

  it("uses the catalogue's short title when the title does not fit", () => {
    expect(distinctTitles([{ title: 'Number of visits to libraries (physical and virtual)', short: 'Library visits' }], 20, '…')).toEqual(['Library visits']);
    expect(distinctTitles([{ title: 'Library visits', short: 'Visits' }], 20, '…')).toEqual(['Library visits']);
  });
});

describe('on the bundled reports', () => {
  const lcc = modelOf('catalogue/lcc-2019-20.yaml');
  const q3 = lcc.periodLabels.indexOf('2019/20 Q3');

  it('the overview at 80×24 shows each priority distinctly', () => {
    const text = overviewScreen(lcc, params(80, 24, q3)).lines.map(plain);
    const from = text.indexOf('By priority') + 1;
    const block = text.slice(from, text.indexOf('', from));
    const labels = block.map((l) => l.slice(0, 32).trim());
    expect(labels.length).toBe(lcc.priorities.length);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('the KPI table at 120 columns shows the four carriageway KPIs distinctly', () => {
    const v = priorityScreen(lcc, 'live', params(120, 40, q3));
    const titles = (v.table?.rows ?? []).map((r) => (r['title'] ?? '').trim()).filter((t) => t.startsWith('Safety'));
    expect(titles).toHaveLength(4);
    expect(new Set(titles).size).toBe(4);
  });

  it.each(['lcc-2016-17', 'lcc-2019-20', 'lcc-2024-25'])('%s: at 140 columns no value is cut', (id) => {
    const model = modelOf(`catalogue/${id}.yaml`);
    for (let p = 0; p < model.periodLabels.length; p++) {
      const rows = kpiRows(model, p);
      for (const priority of model.priorities) {
        const v = priorityScreen(model, priority.id, params(140, 200, p));
        for (const [i, cells] of (v.table?.rows ?? []).entries()) {
          const target = v.targets[i];
          const row = rows.find((r) => target?.kind === 'kpi' && r.kpiId === target.id);
          expect(cells['value']?.trim(), `${id} ${model.periodLabels[p]} ${row?.kpiId}`).toBe(row?.value);
        }
      }
    }
  });

  it('the Flags column is there at 80 columns', () => {
    const live = kpiRows(lcc, q3).filter((r) => r.priorityId === 'live');
    expect(layoutColumns(live, 80, UNICODE_GLYPHS).map((c) => c.key)).toContain('flags');
    const v = kpisScreen(lcc, { ...params(80, 24, q3), filter: 'recycling' });
    expect(v.table?.columns.map((c) => c.label)).toContain('Flags');
  });
});
