import { describe, expect, it } from 'vitest';
import { kpiRows, matchesFilter, redStreak } from '../../src/viewmodel/kpi-rows.js';
import { CELL_OVERHEAD, kpisScreen, layoutColumns, priorityScreen, SORTS, sortRows } from '../../src/viewmodel/kpis-screen.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS, type Glyphs } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import type { ScreenParams, ScreenView } from '../../src/viewmodel/screen.js';
import { sparkline } from '../../src/viewmodel/sparkline.js';
import { lineWidth, plain, textWidth } from '../../src/viewmodel/styled.js';
import { loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

const CATALOGUE = `catalogue:
  id: test
  title: Test
  organisation: Test Council
  data: .
priorities:
  - id: roads
    title: Roads and streets
    kpis:
      - id: potholes
        title: Potholes repaired on time
        directorate: Highways
        unit: percent
        good: high
        target: 90
      - id: lights
        title: Street lights fixed
        directorate: Highways
        unit: days
        good: low
        target: 5
        target_label: "5 days or fewer"
      - id: bins
        title: Bins collected
        directorate: Waste
        unit: count
        good: high
        target: 1000
      - id: survey
        title: Residents satisfied
        unit: percent
        good: high
        target: 60
  - id: care
    title: Caring for people
    kpis:
      - id: reviews
        title: Care reviews
        directorate: Adult Services
        rollup: worst
        metrics:
          - { id: reviews-done, title: Annual reviews done, unit: percent, good: high, target: 80 }
          - { id: reviews-late, title: Overdue reviews, unit: count, good: low, target: 50 }
      - id: visits
        title: Home visits
        unit: count
        good: high
`;

const FILES = {
  'catalogue.yaml': CATALOGUE,
  'q1.yaml': `period: 2019/20 Q1
observations:
  potholes: { value: 80 }
  lights: { value: 6 }
  bins: { value: 1200 }
  survey: { value: 40 }
  reviews-done: { value: 80 }
  reviews-late: { value: 40 }
  visits: { value: 10 }
`,
  'q2.yaml': `period: 2019/20 Q2
observations:
  potholes: { value: 85 }
  lights: { value: 4 }
  reviews-done: { value: 85 }
  reviews-late: { value: 60 }
  visits: { value: 12 }
`,
  'q3.yaml': `period: 2019/20 Q3
observations:
  potholes: { value: 70, flags: [provisional, not_for_publication] }
  lights: { value: 5 }
  bins: { value: 960 }
  survey: { value: 45 }
  reviews-done: { value: 82 }
  reviews-late: { value: 70 }
  visits: { value: 15 }
`,
};

function fixture(glyphs: Glyphs = UNICODE_GLYPHS): Model {
  const loaded = loadTree(FILES);
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, glyphs);
}

const model = fixture();
const ascii = fixture(ASCII_GLYPHS);
const Q3 = 2;

function params(o: Partial<ScreenParams> = {}): ScreenParams {
  return { period: Q3, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20, ...o };
}

/** The table as text: one line per row, cells between bars. */
function tableText(v: ScreenView): string[] {
  const t = v.table;
  if (!t) return [];
  return [t.columns.map((c) => c.label || ' ').join('|'), ...t.rows.map((r) => t.columns.map((c) => r[c.key]).join('|'))];
}

/** Everything the screen draws fits: lines within the width, the table too, the total within the height. */
function expectFits(v: ScreenView, p: ScreenParams) {
  for (const l of [...v.lines, ...(v.after ?? [])]) expect(lineWidth(l)).toBeLessThanOrEqual(p.width);
  const t = v.table;
  const tableLines = t ? t.rows.length + 4 : 0;
  expect(v.lines.length + tableLines + (v.after?.length ?? 0)).toBeLessThanOrEqual(p.height);
  if (t) {
    expect(t.columns.reduce((n, c) => n + c.width, 0) + t.columns.length * CELL_OVERHEAD + 1).toBeLessThanOrEqual(p.width);
    for (const r of t.rows) for (const c of t.columns) expect(textWidth(r[c.key] ?? '')).toBe(c.width);
    for (const c of t.columns) expect(textWidth(c.label)).toBeLessThanOrEqual(c.width);
  }
}

describe('sparkline', () => {
  const U = UNICODE_GLYPHS.spark;
  it.each([
    [[1, 2, 3], U, '▁▅█'],
    [[3, 2, 1], U, '█▅▁'],
    [[5, 5, 5], U, '▄▄▄'],
    [[7], U, '▄'],
    [[1, undefined, 3], U, '▁ █'],
    [[undefined, undefined], U, '  '],
    [[], U, ''],
    [[0, 25, 50, 75, 100], ASCII_GLYPHS.spark, '_.-=^'],
    [[2, undefined, 2], ASCII_GLYPHS.spark, '- -'],
  ])('%j → %j', (values, ramp, want) => {
    expect(sparkline(values, ramp)).toBe(want);
  });
});

describe('KPI rows', () => {
  const rows = new Map(kpiRows(model, Q3).map((r) => [r.kpiId, r]));
  it.each([
    // id, RAG, value, target, direction, trend, flags, reds in a row
    ['potholes', 'red', '70%', '90%', 'worse', '▆█▁', ['prov', 'NFP'], 3],
    ['lights', 'green', '5 days', '5 days or fewer', 'worse', '█▁▅', [], 0],
    ['bins', 'amber', '960', '1,000', 'worse', '█ ▁', [], 0],
    ['survey', 'red', '45%', '60%', 'better', '▁ █', [], 2],
    ['reviews', 'red', '70', '50', 'worse', '▁▆█', [], 2],
    ['visits', 'unrated', '15', '', 'better', '▁▄█', [], 0],
  ])('%s: %s %s (target %s), %s, %s', (id, rag, value, target, direction, trend, flags, streak) => {
    expect(rows.get(id)).toMatchObject({ rag, value, target, direction, trend, flags, redStreak: streak, hasData: true });
  });

  it('counts reds in a row over loaded periods, skipping periods with nothing reported', () => {
    expect([0, 1, 2].map((p) => redStreak(model.ev.periods, 'potholes', p))).toEqual([1, 2, 3]);
    // survey: red in Q1, not reported in Q2, red in Q3.
    expect([0, 1, 2].map((p) => redStreak(model.ev.periods, 'survey', p))).toEqual([1, 0, 2]);
    expect([0, 1, 2].map((p) => redStreak(model.ev.periods, 'reviews', p))).toEqual([0, 1, 2]);
    expect(redStreak(model.ev.periods, 'lights', 2)).toBe(0);
  });

  it('a KPI with nothing reported shows no data; gaps stay gaps in the sparkline', () => {
    const bins = kpiRows(model, 1).find((r) => r.kpiId === 'bins');
    expect(bins).toMatchObject({ hasData: false, rag: 'unrated', value: 'no data', trend: '▄ ' });
  });

  it('the ASCII set draws the sparkline with ASCII', () => {
    const pot = kpiRows(ascii, Q3).find((r) => r.kpiId === 'potholes');
    expect(pot?.trend).toBe('=^_');
  });
});

describe('filter', () => {
  const rows = kpiRows(model, Q3);
  it.each([
    ['highways', ['potholes', 'lights']],
    ['HIGHWAYS  lights', ['lights']],
    ['overdue', ['reviews']], // a metric's title
    ['bins', ['bins']], // an id
    ['adult', ['reviews']], // a directorate
    ['street xyz', []],
    ['', ['potholes', 'lights', 'bins', 'survey', 'reviews', 'visits']],
  ])('%j matches %j', (filter, ids) => {
    expect(rows.filter((r) => matchesFilter(r, filter)).map((r) => r.kpiId)).toEqual(ids);
  });
});

describe('sort', () => {
  const rows = kpiRows(model, Q3);
  it.each([
    [0, ['potholes', 'lights', 'bins', 'survey', 'reviews', 'visits']],
    // Red first, the longest run of reds first; then amber, green, unrated.
    [1, ['potholes', 'survey', 'reviews', 'bins', 'lights', 'visits']],
    // Worse first, then better; ties in catalogue order.
    [2, ['potholes', 'lights', 'bins', 'reviews', 'survey', 'visits']],
    [3, ['bins', 'reviews', 'visits', 'potholes', 'survey', 'lights']],
    [SORTS.length, ['potholes', 'lights', 'bins', 'survey', 'reviews', 'visits']],
  ])('sort %i', (column, ids) => {
    expect(sortRows(rows, column).map((r) => r.kpiId)).toEqual(ids);
  });
});

describe('columns', () => {
  const bundled = modelOf();
  const live = kpiRows(bundled, 4).filter((r) => r.priorityId === 'live');
  it.each([
    [120, ['rag', 'title', 'value', 'target', 'travel', 'trend', 'flags']],
    [80, ['rag', 'title', 'value', 'target', 'travel', 'flags']],
    [70, ['rag', 'title', 'value', 'target', 'flags']],
    [60, ['rag', 'title', 'value', 'target']],
  ])('at %i columns: %j, the title at least 18 wide', (width, keys) => {
    const cols = layoutColumns(live, width, UNICODE_GLYPHS);
    expect(cols.map((c) => c.key)).toEqual(keys);
    expect(cols.reduce((n, c) => n + c.width, 0) + cols.length * CELL_OVERHEAD + 1).toBeLessThanOrEqual(width);
    expect(cols.find((c) => c.key === 'title')?.width).toBeGreaterThanOrEqual(18);
  });
});

describe('screen kpis', () => {
  it('lists the priorities with their RAG counts; Enter opens a priority', () => {
    const v = kpisScreen(model, params({ cursor: 1 }));
    expect(v.lines.map(plain)).toMatchInlineSnapshot(`
      [
        "2 priorities · 6 KPIs · 2019/20 Q3",
        "KPIs reported, by RAG: ✓ Green  ! Amber  ✗ Red  – Unrated",
        "  Roads and streets                        ✓  1 !  1 ✗  2 –  0  ✓✓✓✓!!!!✗✗✗✗✗✗✗✗",
        "▸ Caring for people                        ✓  0 !  0 ✗  1 –  1  ✗✗✗✗✗✗✗✗––––––––",
        "Enter: the priority's KPI table · /: find KPIs in every priority",
      ]
    `);
    expect(v.targets).toEqual([
      { kind: 'priority', id: 'roads' },
      { kind: 'priority', id: 'care' },
    ]);
    expect(v.size).toBe(2);
    expect(v.sortColumns).toBe(0);
    expect(v.title).toBe('KPIs');
  });

  it('with a filter: one flat table of the matching KPIs of every priority; Enter opens a KPI', () => {
    const p = params({ filter: 'r', sortColumn: 1 });
    const v = kpisScreen(model, p);
    expect(plain(v.lines[0] ?? [])).toBe('sorted by RAG (red first) · 4 of 6 KPIs in all priorities · filter: r');
    expect(plain(v.lines[1] ?? [])).toBe('✓ Green 1  ! Amber 0  ✗ Red 3  – Unrated 0');
    expect(tableText(v)).toMatchInlineSnapshot(`
      [
        "RAG|KPI|Value|Target|Travel|Flags",
        "▸ ✗ Red* |Potholes repaired on ti…|   70%|90%   |▼ worse |3×red p…",
        "  ✗ Red  |Residents satisfied     |   45%|60%   |▲ better|2×red   ",
        "  ✗ Red  |Care reviews            |    70|50    |▼ worse |2×red   ",
        "  ✓ Green|Street lights fixed     |5 days|5 day…|▼ worse |        ",
      ]
    `);
    expect(v.targets).toEqual(['potholes', 'survey', 'reviews', 'lights'].map((id) => ({ kind: 'kpi', id })));
    expect(v.table?.rowTokens).toEqual(['rag.red', 'rag.red', 'rag.red', 'rag.green']);
    expect(v.table?.cursorRow).toBe(0);
    expect(v.sortColumns).toBe(SORTS.length);
    expectFits(v, p);
  });

  it('says so when nothing matches', () => {
    const v = kpisScreen(model, params({ filter: 'zebra' }));
    expect(v.table).toBeUndefined();
    expect(v.size).toBe(0);
    expect(v.lines.map(plain)).toContain('No KPI matches "zebra" (Esc clears the filter)');
  });
});

describe('screen priority', () => {
  it("shows the priority's KPI table, titled with the priority", () => {
    const v = priorityScreen(model, 'roads', params({ cursor: 2, width: 120 }));
    expect(v.title).toBe('Roads and streets');
    expect(plain(v.lines[0] ?? [])).toBe('catalogue order · 4 KPIs');
    expect(v.table?.rows.map((r) => r['title']?.trim())).toEqual(['Potholes repaired on time', 'Street lights fixed', 'Bins collected', 'Residents satisfied']);
    expect(v.table?.rows.map((r) => r['rag']?.slice(0, 1))).toEqual([' ', ' ', '▸', ' ']);
    expect(v.table?.cursorRow).toBe(2);
    expect(v.targets[2]).toEqual({ kind: 'kpi', id: 'bins' });
  });

  it('filters within the priority', () => {
    const v = priorityScreen(model, 'roads', params({ filter: 'highways' }));
    expect(plain(v.lines[0] ?? [])).toBe('catalogue order · 2 of 4 KPIs in this priority · filter: highways');
    expect(v.size).toBe(2);
  });

  it('an unknown priority says so', () => {
    expect(plain(priorityScreen(model, 'nope', params()).lines[0] ?? [])).toBe('No priority "nope" in this catalogue');
  });

  it('uses ASCII marks with the ASCII set', () => {
    const v = priorityScreen(ascii, 'roads', params({ width: 120 }));
    expect(v.table?.rows[0]).toMatchObject({ rag: '> x Red* ' });
    expect(v.table?.rows[0]?.['flags']?.trim()).toBe('3xred prov NFP');
    expect(plain(v.lines[0] ?? [])).toBe('catalogue order - 4 KPIs');
  });

  it('windows long tables around the cursor, with ▲/▼ lines', () => {
    const bundled = modelOf();
    const p = { period: 4, cursor: 8, filter: '', sortColumn: 0, width: 80, height: 14 };
    const v = priorityScreen(bundled, 'live', p);
    // 14 lines: 2 header lines, ▲ line, 6 rows + 4 table lines, ▼ line.
    expect(v.table?.rows).toHaveLength(6);
    expect(v.table).toMatchObject({ above: true, below: true, cursorRow: 3 });
    expect(plain(v.lines[2] ?? [])).toBe('▲ 5 more above');
    expect(plain(v.after?.[0] ?? [])).toBe('▼ 5 more below');
    expectFits(v, p);
  });

  it('shortens a long priority title', () => {
    const bundled = modelOf();
    expect(priorityScreen(bundled, 'responsible', params({ period: 4 })).title).toBe('Lancashire will be the place where ever…');
  });
});

describe('everything fits', () => {
  const bundled = modelOf();
  const composites = modelOf('catalogue/lcc-2024-25.yaml', true);
  const sizes = [
    [120, 36],
    [80, 20],
    [60, 14],
    [60, 6],
    [60, 1],
  ] as const;
  it.each(sizes)('at %i×%i, every screen, cursor, sort and filter', (width, height) => {
    for (const m of [bundled, composites, model]) {
      for (const period of [0, m.ev.periods.length - 1]) {
        for (const cursor of [-1, 0, 3, 100]) {
          for (const sortColumn of [0, 1, 2, 3]) {
            for (const filter of ['', 'percent', 'x']) {
              const p = { period, cursor, filter, sortColumn, width, height };
              expectFits(kpisScreen(m, p), p);
              for (const pr of m.priorities) expectFits(priorityScreen(m, pr.id, p), p);
            }
          }
        }
      }
    }
  });
});
