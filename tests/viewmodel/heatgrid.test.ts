import { describe, expect, it } from 'vitest';
import { ASCII_GLYPHS, UNICODE_GLYPHS, type Glyphs } from '../../src/viewmodel/glyphs.js';
import {
  ASCII_MARKS,
  cellAt,
  cellKey,
  cellOfKey,
  gridLayout,
  gridLines,
  indexOf,
  marksOf,
  packIds,
  UNICODE_MARKS,
  type CellKey,
  type GridItem,
  type GridMarks,
} from '../../src/viewmodel/heatgrid.js';
import { cellScreen, entriesIn, gridData, heatGridScreen, unplaced } from '../../src/viewmodel/heatgrid-screen.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { bandLabel } from '../../src/viewmodel/register.js';
import { DEFAULT_GRID, type GridOptions, type ScreenParams, type ScreenView } from '../../src/viewmodel/screen.js';
import { lineWidth, plain, seg } from '../../src/viewmodel/styled.js';
import { loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

// ---------------------------------------------------------------------------------------------
// A register the code has not seen: two periods (and one without a register before them), an
// appetite of 12, the default bands; entries by words (any case), by numbers, with and without a
// stated score, a score alone (placed where one cell gives it, listed where two do or none),
// targets, and every movement (up, down, level, new).

const CATALOGUE = `catalogue:
  id: test
  title: Test
  organisation: Test Council
  data: .
risk_appetite: 12
priorities:
  - id: p
    title: Priority
    kpis:
      - { id: k, title: A KPI, unit: count, good: high, target: 10 }
`;
const Q4 = `period: 2018/19 Q4
observations:
  k: { value: 11 }
`;
const Q1 = `period: 2019/20 Q1
observations:
  k: { value: 12 }
register:
  - { id: R1, title: Budget pressure, residual: { impact: major, likelihood: possible }, inherent: { impact: 5, likelihood: 4 }, target: { impact: 2, likelihood: 3 } }
  - { id: R2, title: Cyber attack, residual: { impact: 2, likelihood: 2 } }
  - { id: R3, title: Winter flooding, residual: { impact: 3, likelihood: 3 }, target: { impact: 2, likelihood: 2 } }
  - { id: O1, kind: opportunity, title: Devolution deal, residual: { impact: 3, likelihood: 3 } }
`;
const Q2 = `period: 2019/20 Q2
observations:
  k: { value: 13 }
register:
  - { id: R1, title: Budget pressure, residual: { impact: major, likelihood: likely, score: 16 }, inherent: 20, target: { impact: minor, likelihood: possible } }
  - { id: R2, title: Cyber attack, residual: { impact: 1, likelihood: 2 }, inherent: 25 }
  - { id: R3, title: Winter flooding, residual: 9, inherent: { impact: CATASTROPHIC, likelihood: Certain }, target: { impact: 2, likelihood: 2 } }
  - { id: R4, title: Pay award, residual: { impact: 5, likelihood: 3 }, inherent: 7, target: { impact: 3, likelihood: 4, by: 2021-03-31 } }
  - { id: R5, title: Supplier failure, owner: Procurement, residual: { impact: major, likelihood: almost certain, score: 20 } }
  - { id: O1, kind: opportunity, title: Devolution deal, residual: { impact: outstanding, likelihood: possible }, target: { impact: 5, likelihood: 4 } }
  - { id: O2, kind: opportunity, title: Solar farms, residual: 12 }
`;
const Q3 = `period: 2019/20 Q3
observations:
  k: { value: 14 }
register:
  - { id: R1, title: Budget pressure, residual: { impact: 4, likelihood: 4 } }
`;

function fixture(glyphs: Glyphs = UNICODE_GLYPHS): Model {
  const loaded = loadTree({ 'catalogue.yaml': CATALOGUE, '2018-19-Q4.yaml': Q4, '2019-20-Q1.yaml': Q1, '2019-20-Q2.yaml': Q2, '2019-20-Q3.yaml': Q3 });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  expect(loaded.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return buildModel(loaded.dataset, loaded.findings, glyphs);
}

const periodOf = (model: Model, label: string) => model.periodLabels.indexOf(label);

function params(o: Omit<Partial<ScreenParams>, 'grid'> & { grid?: Partial<GridOptions> } = {}): ScreenParams {
  return { period: 0, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20, ...o, grid: { ...DEFAULT_GRID, ...o.grid } };
}

const text = (v: ScreenView) => v.lines.map(plain);
/** The key of the cell at impact × likelihood. */
const at = (impact: number, likelihood: number): CellKey => cellKey({ impact, likelihood });

/** Every line within the width, the view within the height. */
function expectFits(v: ScreenView, width: number, height: number) {
  expect(v.lines.length).toBeLessThanOrEqual(height);
  for (const l of v.lines) expect(lineWidth(l), plain(l)).toBeLessThanOrEqual(width);
}

/** The ids the grid shows in a cell: the selected-cell line with the cursor on it. */
function idsAt(model: Model, p: ScreenParams, impact: number, likelihood: number): string[] {
  // Wide enough that the selected-cell line is never cut.
  const line = text(heatGridScreen(model, { ...p, width: 240, height: 60, cursor: indexOf({ impact, likelihood }) })).find((l) => /^[▸>] /.test(l)) ?? '';
  const ids = line.split(': ').slice(1).join(': ');
  return /^no (risks|opportunities) here$/.test(ids) ? [] : ids.split(', ').map((x) => x.replace(/[↑↓→*^v=]$/, ''));
}

// ---------------------------------------------------------------------------------------------

describe('cells and the cursor', () => {
  it('numbers cells from the top left (catastrophic × rare) row by row', () => {
    expect(cellAt(0)).toEqual({ impact: 5, likelihood: 1 });
    expect(cellAt(4)).toEqual({ impact: 5, likelihood: 5 });
    expect(cellAt(8)).toEqual({ impact: 4, likelihood: 4 });
    expect(cellAt(24)).toEqual({ impact: 1, likelihood: 5 });
    for (let i = 0; i < 25; i++) expect(indexOf(cellAt(i))).toBe(i);
    expect(cellKey({ impact: 4, likelihood: 3 })).toBe('4,3');
    for (let i = 0; i < 25; i++) expect(cellOfKey(cellKey(cellAt(i)))).toEqual(cellAt(i));
    expect(cellOfKey(cellKey({ impact: 6, likelihood: 1 }))).toBeUndefined();
    expect(cellOfKey(cellKey({ impact: 0, likelihood: 3 }))).toBeUndefined();
  });

  it('lays out full words from 71 columns and abbreviations below', () => {
    expect(gridLayout(80)).toEqual({ label: 15, cell: 11, full: true });
    expect(gridLayout(71)).toEqual({ label: 15, cell: 10, full: true });
    expect(gridLayout(70)).toEqual({ label: 8, cell: 11, full: false });
    expect(gridLayout(60)).toEqual({ label: 8, cell: 9, full: false });
    expect(gridLayout(200).cell).toBe(16);
  });

  it('packs ids, ending with +N when they do not all fit', () => {
    const words = ['CR2', 'CR3', 'CR5', 'CR6', 'CR7'].map((id) => ({ segs: [seg(id)], width: id.length }));
    const show = (w: number, n: number) => packIds(words, w, n).map((l) => l.map((x) => plain(x.segs)).join(' '));
    expect(show(9, 1)).toEqual(['CR2 +4']);
    expect(show(9, 2)).toEqual(['CR2 CR3', 'CR5 +2']);
    expect(show(20, 1)).toEqual(['CR2 CR3 CR5 CR6 CR7']);
    expect(show(2, 1)).toEqual(['+5']);
    expect(show(9, 0)).toEqual([]);
  });

  it('picks the ASCII marks for the ASCII glyphs', () => {
    expect(marksOf(ASCII_GLYPHS)).toBe(ASCII_MARKS);
    expect(marksOf(UNICODE_GLYPHS)).toBe(UNICODE_MARKS);
  });
});

describe('gridLines', () => {
  const model = modelOf();
  const band = (score: number) => bandLabel(model, score);
  const items: GridItem[] = [
    { id: 'CR1', cell: { impact: 4, likelihood: 4 }, movement: 'up', better: false },
    { id: 'CR4', cell: { impact: 4, likelihood: 4 }, movement: 'level' },
    ...['CR2', 'CR3', 'CR5', 'CR6', 'CR7'].map((id): GridItem => ({ id, cell: { impact: 4, likelihood: 3 }, movement: 'down', better: true })),
    { id: 'CR9', cell: { impact: 5, likelihood: 5 }, movement: 'new' },
  ];
  const draw = (width: number, marks: GridMarks, movement = false) =>
    gridLines(items, { kind: 'risk', appetite: 12, band, cursor: indexOf({ impact: 4, likelihood: 4 }), movement, marks, width, rowLines: 2, borders: true }).map(plain);

  it('draws the key at 80 columns (Unicode): words on both axes, bands, appetite boundary, cursor', () => {
    expect(draw(80, UNICODE_MARKS)).toMatchInlineSnapshot(`
      [
        "Likelihood →      Rare 1    Unlikely 2  Possible 3   Likely 4    Certain 5  ",
        "               ┌───────────┬───────────┬───────────┬───────────┬───────────┐",
        "Catastrophic  5│ 5 M       │ 10 M      ┃ 15 H !    │ 20 C !    │ 25 C !    │",
        "(impact)       │           │           ┃           │           │ CR9       │",
        "Major         4│ 4 L       │ 8 M       │ 12 H      ┃[16 H !   ]│ 20 C !    │",
        "               │           │           │ CR2 +4    ┃[CR1 CR4  ]│           │",
        "Moderate      3│ 3 L       │ 6 M       │ 9 M       │ 12 H      ┃ 15 H !    │",
        "               │           │           │           │           ┃           │",
        "Minor         2│ 2 L       │ 4 L       │ 6 M       │ 8 M       │ 10 M      │",
        "               │           │           │           │           │           │",
        "Insignificant 1│ 1 L       │ 2 L       │ 3 L       │ 4 L       │ 5 M       │",
        "               │           │           │           │           │           │",
        "               └───────────┴───────────┴───────────┴───────────┴───────────┘",
      ]
    `);
  });

  it('draws it at 60 columns with abbreviated labels and movement marks (Unicode)', () => {
    expect(draw(60, UNICODE_MARKS, true)).toMatchInlineSnapshot(`
      [
        "Lik. →    Rare 1   Unlik. 2   Poss. 3  Likely 4   Cert. 5  ",
        "        ┌─────────┬─────────┬─────────┬─────────┬─────────┐",
        "Catas. 5│ 5 M     │ 10 M    ┃ 15 H !  │ 20 C !  │ 25 C !  │",
        "(imp.)  │         │         ┃         │         │ CR9*    │",
        "Major  4│ 4 L     │ 8 M     │ 12 H    ┃[16 H ! ]│ 20 C !  │",
        "        │         │         │ CR2↓ +4 ┃[CR1↑ +1]│         │",
        "Mod.   3│ 3 L     │ 6 M     │ 9 M     │ 12 H    ┃ 15 H !  │",
        "        │         │         │         │         ┃         │",
        "Minor  2│ 2 L     │ 4 L     │ 6 M     │ 8 M     │ 10 M    │",
        "        │         │         │         │         │         │",
        "Insig. 1│ 1 L     │ 2 L     │ 3 L     │ 4 L     │ 5 M     │",
        "        │         │         │         │         │         │",
        "        └─────────┴─────────┴─────────┴─────────┴─────────┘",
      ]
    `);
  });

  it('draws it in ASCII only at 80 and 60 columns', () => {
    const wide = draw(80, ASCII_MARKS, true);
    const narrow = draw(60, ASCII_MARKS, true);
    expect(wide).toMatchInlineSnapshot(`
      [
        "Likelihood ->     Rare 1    Unlikely 2  Possible 3   Likely 4    Certain 5  ",
        "               +-----------+-----------+-----------+-----------+-----------+",
        "Catastrophic  5| 5 M       | 10 M      # 15 H !    | 20 C !    | 25 C !    |",
        "(impact)       |           |           #           |           | CR9*      |",
        "Major         4| 4 L       | 8 M       | 12 H      #[16 H !   ]| 20 C !    |",
        "               |           |           | CR2v +4   #[CR1^ CR4=]|           |",
        "Moderate      3| 3 L       | 6 M       | 9 M       | 12 H      # 15 H !    |",
        "               |           |           |           |           #           |",
        "Minor         2| 2 L       | 4 L       | 6 M       | 8 M       | 10 M      |",
        "               |           |           |           |           |           |",
        "Insignificant 1| 1 L       | 2 L       | 3 L       | 4 L       | 5 M       |",
        "               |           |           |           |           |           |",
        "               +-----------+-----------+-----------+-----------+-----------+",
      ]
    `);
    expect(narrow).toMatchInlineSnapshot(`
      [
        "Lik. ->   Rare 1   Unlik. 2   Poss. 3  Likely 4   Cert. 5  ",
        "        +---------+---------+---------+---------+---------+",
        "Catas. 5| 5 M     | 10 M    # 15 H !  | 20 C !  | 25 C !  |",
        "(imp.)  |         |         #         |         | CR9*    |",
        "Major  4| 4 L     | 8 M     | 12 H    #[16 H ! ]| 20 C !  |",
        "        |         |         | CR2v +4 #[CR1^ +1]|         |",
        "Mod.   3| 3 L     | 6 M     | 9 M     | 12 H    # 15 H !  |",
        "        |         |         |         |         #         |",
        "Minor  2| 2 L     | 4 L     | 6 M     | 8 M     | 10 M    |",
        "        |         |         |         |         |         |",
        "Insig. 1| 1 L     | 2 L     | 3 L     | 4 L     | 5 M     |",
        "        |         |         |         |         |         |",
        "        +---------+---------+---------+---------+---------+",
      ]
    `);
    for (const l of [...wide, ...narrow]) expect(l).toMatch(/^[\x20-\x7e]*$/);
  });

  it('uses band words where they fit, and no boundary for opportunities (a green palette)', () => {
    const lines = gridLines(items, { kind: 'opportunity', appetite: 12, band, cursor: -1, movement: false, marks: UNICODE_MARKS, width: 100, rowLines: 2, borders: false });
    expect(plain(lines[1] ?? [])).toBe('Outstanding   5│ 5 Medium      │ 10 Medium     │ 15 High       │ 20 Critical   │ 25 Critical   │');
    expect(lines.map(plain).join('\n')).not.toMatch(/[┃!]/);
    const tokens = new Set(lines.flatMap((l) => l.map((s) => s.token)));
    for (const t of ['rag.green', 'better', 'info', 'text.muted']) expect(tokens.has(t as never)).toBe(true);
    for (const t of ['band.low', 'band.medium', 'band.high', 'band.critical']) expect(tokens.has(t as never)).toBe(false);
  });

  it('draws risks in the band tokens and the cursor cell in focus', () => {
    const lines = gridLines(items, { kind: 'risk', appetite: 12, band, cursor: 8, movement: false, marks: UNICODE_MARKS, width: 80, rowLines: 2, borders: false });
    const tokens = new Set(lines.flatMap((l) => l.map((s) => s.token)));
    for (const t of ['band.low', 'band.medium', 'band.high', 'band.critical', 'focus']) expect(tokens.has(t as never)).toBe(true);
    const cursorCell = (lines[3] ?? []).filter((s) => s.token === 'focus').map((s) => s.text).join('');
    expect(cursorCell).toBe('[16 H !   ]');
  });

  it('gives each row its own number of lines', () => {
    const lines = gridLines(items, { kind: 'risk', band, cursor: -1, movement: false, marks: UNICODE_MARKS, width: 60, rowLines: [2, 3, 2, 2, 2], borders: false }).map(plain);
    expect(lines).toHaveLength(1 + 11);
    expect(lines.slice(3, 6)).toEqual([
      'Major  4│ 4 L     │ 8 M     │ 12 H    │ 16 H    │ 20 C    │',
      '        │         │         │ CR2 CR3 │ CR1 CR4 │         │',
      '        │         │         │ CR5 +2  │         │         │',
    ]);
  });

  it('fits every width from 40 to 140 columns', () => {
    for (let width = 40; width <= 140; width += 3) {
      for (const marks of [UNICODE_MARKS, ASCII_MARKS]) {
        const lines = gridLines(items, { kind: 'risk', appetite: 12, band, cursor: 8, movement: true, marks, width, rowLines: 3, borders: true });
        expect(lines).toHaveLength(1 + 2 + 15);
        for (const l of lines) expect(lineWidth(l), `${width}: ${plain(l)}`).toBeLessThanOrEqual(width);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('the bundled 2019/20 register', () => {
  const model = modelOf();
  const q3 = periodOf(model, '2019/20 Q3');
  const register = model.ev.periods[q3]?.data.register ?? [];

  it('places every entry at its published residual impact × likelihood, risks and opportunities', () => {
    expect(register.length).toBeGreaterThanOrEqual(17);
    for (const kind of ['risk', 'opportunity'] as const) {
      const p = params({ period: q3, grid: { kind } });
      for (const e of register.filter((x) => x.kind === kind)) {
        const { impact, likelihood } = e.residual ?? {};
        if (impact === undefined || likelihood === undefined) throw new Error(`${e.id} has no published residual cell`);
        expect(idsAt(model, p, impact, likelihood), e.id).toContain(e.id);
        const cell = cellScreen(model, cellKey({ impact, likelihood }), p);
        expect(cell.targets, e.id).toContainEqual({ kind: 'risk', id: e.id });
      }
      // Nothing is placed twice or left out.
      const placed = Array.from({ length: 25 }, (_, i) => idsAt(model, p, cellAt(i).impact, cellAt(i).likelihood)).flat();
      expect(placed.sort()).toEqual(register.filter((x) => x.kind === kind).map((x) => x.id).sort());
    }
  });

  it('shows CR1 at Major × Likely and CO2 at Outstanding × Possible', () => {
    const risks = text(heatGridScreen(model, params({ period: q3, cursor: indexOf({ impact: 4, likelihood: 4 }) })));
    expect(risks).toContain('▸ Major (4) × Likely (4) = 16 High: CR1, CR4, CR10');
    expect(risks[0]).toBe('Residual scores · risks · 2019/20 Q3 · no appetite set');
    const opps = text(heatGridScreen(model, params({ period: q3, cursor: indexOf({ impact: 5, likelihood: 3 }), grid: { kind: 'opportunity' } })));
    expect(opps).toContain('▸ Outstanding (5) × Possible (3) = 15 High: CO2, CO4');
    expect(opps[0]).toBe('Residual scores · opportunities · 2019/20 Q3');
    expect(opps.some((l) => l.startsWith('Outstanding   5│'))).toBe(true);
  });

  it('lists the inherent scores given only as ambiguous numbers as not placed, with the reason', () => {
    const risks = heatGridScreen(model, params({ period: q3, grid: { assessment: 'inherent' } }));
    expect(text(risks)).toContain('Not placed: CR1, CR10 — score 20 alone could be 4×5 or 5×4 (impact × likelihood)');
    const opps = heatGridScreen(model, params({ period: q3, grid: { assessment: 'inherent', kind: 'opportunity' } }));
    // 80 columns: the reason without its last words, never cut.
    expect(text(opps)).toContain('Not placed: CO1, CO2, CO3, CO4 — score 12 alone could be 3×4 or 4×3');
    // The unambiguous ones are placed: 16 only as 4×4, 25 only as 5×5.
    const p = params({ period: q3, grid: { assessment: 'inherent' } });
    expect(idsAt(model, p, 5, 5)).toEqual(['CR9']);
    expect(idsAt(model, p, 4, 4)).toEqual(['CR2', 'CR3', 'CR4', 'CR5', 'CR6', 'CR7', 'CR8', 'CR11', 'CR12', 'CR13']);
    // At 60 columns the reason is shortened, not cut.
    expect(text(heatGridScreen(model, { ...p, width: 60, height: 14 }))).toContain('Not placed: CR1, CR10 — score 20 alone could be 4×5 or 5×4');
    expect(unplaced(gridData(model, q3, 'risk', 'inherent'), 'inherent')).toEqual([{ reason: 'score 20 alone could be 4×5 or 5×4 (impact × likelihood)', ids: ['CR1', 'CR10'] }]);
  });

  it('says when no entry has a target score', () => {
    const v = heatGridScreen(model, params({ period: q3, grid: { assessment: 'target' } }));
    expect(text(v)).toContain('No risk has a target score in the 2019/20 Q3 register.');
  });

  it('says when the period has no register, and names the periods that have one', () => {
    const v = heatGridScreen(model, params({ period: periodOf(model, '2019/20 Q2') }));
    expect(text(v)).toEqual(['Residual scores · risks · 2019/20 Q2 · no appetite set', 'No register in 2019/20 Q2.', 'Periods with a register: 2019/20 Q3 (change period with [ and ]).']);
    expect(v.size).toBe(0);
  });

  it('gives every cell a target and fits at every size', () => {
    const v = heatGridScreen(model, params({ period: q3 }));
    expect(v.size).toBe(25);
    expect(v.targets).toHaveLength(25);
    expect(v.targets[0]).toEqual({ kind: 'cell', id: '5,1' });
    expect(v.targets[8]).toEqual({ kind: 'cell', id: '4,4' });
    expect(v.targets[24]).toEqual({ kind: 'cell', id: '1,5' });
    for (const ascii of [false, true]) {
      const m = modelOf('catalogue/lcc-2019-20.yaml', ascii);
      for (const [width, height] of [[80, 20], [60, 14], [61, 13], [72, 16], [100, 30], [140, 45]] as const) {
        for (const assessment of ['inherent', 'residual', 'target'] as const) {
          for (const kind of ['risk', 'opportunity'] as const) {
            for (const movement of [false, true]) {
              for (const cursor of [0, 8, 24]) {
                const view = heatGridScreen(m, params({ period: q3, width, height, cursor, grid: { assessment, kind, movement } }));
                expectFits(view, width, height);
                if (ascii) for (const l of text(view)) expect(l).toMatch(/^[\x20-\x7e]*$/);
              }
            }
          }
        }
      }
    }
  });

  it('lists one cell: CR1, CR4 and CR10 at Major × Likely, each opening its entry', () => {
    const v = cellScreen(model, at(4, 4), params({ period: q3 }));
    expect(v.title).toBe('Major × Likely');
    expect(text(v)[0]).toBe('Major (4) × Likely (4) = 16 High');
    expect(text(v)[2]).toBe('▸ CR1   Reshaping the County Council');
    expect(v.targets).toEqual([
      { kind: 'risk', id: 'CR1' },
      { kind: 'risk', id: 'CR4' },
      { kind: 'risk', id: 'CR10' },
    ]);
    expect(cellScreen(model, at(5, 3), params({ period: q3, grid: { kind: 'opportunity' } })).targets).toEqual([
      { kind: 'risk', id: 'CO2' },
      { kind: 'risk', id: 'CO4' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

describe('a register it has not seen', () => {
  const model = fixture();
  const q2 = periodOf(model, '2019/20 Q2');

  // Where each entry belongs, worked out by hand from the file above (undefined: not placed).
  const EXPECTED: Readonly<Record<GridOptions['assessment'], Readonly<Record<string, CellKey | undefined>>>> = {
    residual: { R1: at(4, 4), R2: at(1, 2), R3: at(3, 3), R4: at(5, 3), R5: at(4, 5), O1: at(5, 3), O2: undefined },
    inherent: { R1: undefined, R2: at(5, 5), R3: at(5, 5), R4: undefined, R5: undefined, O1: undefined, O2: undefined },
    target: { R1: at(2, 3), R2: undefined, R3: at(2, 2), R4: at(3, 4), R5: undefined, O1: at(5, 4), O2: undefined },
  };

  it.each(['residual', 'inherent', 'target'] as const)('places every entry in the right cell by %s score', (assessment) => {
    for (const kind of ['risk', 'opportunity'] as const) {
      const p = params({ period: q2, grid: { assessment, kind } });
      const data = gridData(model, q2, kind, assessment);
      const want = Object.entries(EXPECTED[assessment]).filter(([id]) => (kind === 'risk' ? id.startsWith('R') : id.startsWith('O')));
      for (const [id, where] of want) {
        if (where === undefined) {
          expect(data.entries.find((e) => e.view.entry.id === id)?.placement?.placed ?? false, id).toBe(false);
          continue;
        }
        const cell = cellOfKey(where);
        if (!cell) throw new Error(where);
        expect(entriesIn(data, cell).map((e) => e.view.entry.id), `${assessment} ${id}`).toContain(id);
        expect(idsAt(model, p, cell.impact, cell.likelihood), `${assessment} ${id}`).toContain(id);
        expect(cellScreen(model, where, p).targets).toContainEqual({ kind: 'risk', id });
      }
    }
  });

  it('lists the entries it cannot place, by reason, in every toggle', () => {
    const notes = (grid: Partial<GridOptions>) => text(heatGridScreen(model, params({ period: q2, height: 30, grid }))).filter((l) => /^(Not placed| {12}\S)/.test(l));
    expect(notes({ assessment: 'inherent' })).toEqual([
      'Not placed: R1 — score 20 alone could be 4×5 or 5×4 (impact × likelihood)',
      '            R4 — score 7 is not impact × likelihood on the 5×5 scales',
      '            R5 — no inherent score',
    ]);
    expect(notes({ assessment: 'target' })).toEqual(['Not placed: R2, R5 — no target score']);
    expect(notes({ assessment: 'residual' })).toEqual([]);
    expect(notes({ kind: 'opportunity' })).toEqual(['Not placed: O2 — score 12 alone could be 3×4 or 4×3 (impact × likelihood)']);
    // With room for one line only, it still names every entry left out.
    const short = text(heatGridScreen(model, params({ period: q2, width: 60, height: 14, grid: { assessment: 'inherent' } })));
    expect(short.at(-1)).toBe('Not placed: R1, R4, R5 (3 reasons; more rows list them)');
  });

  it('shows where each entry was last period: up, down, level, new', () => {
    const p = params({ period: q2, height: 30, grid: { movement: true } });
    const at = (impact: number, likelihood: number) => text(heatGridScreen(model, { ...p, cursor: indexOf({ impact, likelihood }) })).find((l) => l.startsWith('▸ '));
    expect(at(4, 4)).toBe('▸ Major (4) × Likely (4) = 16 High, above appetite 12: R1↑');
    expect(at(1, 2)).toBe('▸ Insignificant (1) × Unlikely (2) = 2 Low: R2↓');
    expect(at(3, 3)).toBe('▸ Moderate (3) × Possible (3) = 9 Medium: R3→');
    expect(at(5, 3)).toBe('▸ Catastrophic (5) × Possible (3) = 15 High, above appetite 12: R4*');
    const v = text(heatGridScreen(model, p));
    expect(v).toContain('since 2019/20 Q1: ↑ up  ↓ down  → level  * new · [ ] cursor');
    // The list of a cell says where the entry was.
    const cell = text(cellScreen(model, cellKey({ impact: 4, likelihood: 4 }), p));
    expect(cell[2]).toMatch(/^▸ R1 {2}Budget pressure +↑ was 12 Major\/Possible$/);
    // By target score: R1 went 2×3 → 2×3 (level), R4 is new.
    const t = params({ period: q2, height: 30, grid: { movement: true, assessment: 'target' } });
    expect(text(heatGridScreen(model, { ...t, cursor: indexOf({ impact: 2, likelihood: 3 }) }))).toContain('▸ Minor (2) × Possible (3) = 6 Medium: R1→');
  });

  it('draws the appetite boundary for risks: a heavy rule, ! on cells above 12 and the header', () => {
    const v = text(heatGridScreen(model, params({ period: q2 })));
    expect(v[0]).toBe('Residual scores · risks · 2019/20 Q2 · ┃! above appetite 12');
    // Impact 4: 12 is within appetite, 16 beyond it; the rule falls between.
    expect(v.find((l) => l.startsWith('Major'))).toBe('Major         4│ 4 L       │ 8 M       │ 12 H      ┃ 16 H !    │ 20 C !    │');
    expect(v.find((l) => l.startsWith('Minor'))).not.toMatch(/[┃!]/);
    const o = text(heatGridScreen(model, params({ period: q2, grid: { kind: 'opportunity' } })));
    expect(o.join('\n')).not.toMatch(/[┃!]/);
  });

  it('says so when a period has no register or no entries of the kind', () => {
    const none = text(heatGridScreen(model, params({ period: periodOf(model, '2018/19 Q4') })));
    expect(none).toContain('No register in 2018/19 Q4.');
    expect(none).toEqual([
      'Residual scores · risks · 2018/19 Q4 · ┃! above appetite 12',
      'No register in 2018/19 Q4.',
      'Periods with a register: 2019/20 Q1, 2019/20 Q2, 2019/20 Q3 (change period with',
      '[ and ]).',
    ]);
    const q3 = periodOf(model, '2019/20 Q3');
    expect(text(heatGridScreen(model, params({ period: q3, grid: { kind: 'opportunity' } })))).toContain('No opportunities in the 2019/20 Q3 register.');
    expect(text(cellScreen(model, at(4, 4), params({ period: periodOf(model, '2018/19 Q4') })))).toContain('No register in 2018/19 Q4.');
  });

  it('filters and windows a cell list, and explains an empty cell', () => {
    const many = fixtureWithMany();
    const p = params({ period: 0, height: 8, width: 60 });
    const v = cellScreen(many, at(3, 3), p);
    expect(v.size).toBe(12);
    expect(text(v)[2]).toBe('▸ M1   Risk number 1');
    expect(text(v).at(-1)).toBe('▼ 8 more below');
    expectFits(v, 60, 8);
    const down = cellScreen(many, at(3, 3), { ...p, cursor: 6 });
    expect(text(down)[2]).toBe('▲ 4 more above');
    expect(text(down)).toContain('▸ M7   Risk number 7');
    expectFits(down, 60, 8);
    const filtered = cellScreen(many, at(3, 3), { ...p, filter: 'number 1' });
    expect(filtered.targets.map((t) => t?.id)).toEqual(['M1', 'M10', 'M11', 'M12']);
    expect(text(filtered)[1]).toMatch(/^filter "number 1": 4 of 12 · Residual scores/);
    const empty = cellScreen(many, at(1, 1), p);
    expect(empty.size).toBe(0);
    expect(text(empty).slice(2).join(' ')).toBe('No risks are placed in this cell (residual scores); Esc goes back to the grid.');
    expect(cellScreen(many, at(6, 1), p).lines.map(plain)).toEqual(['No such cell on the grid: 6,1']);
  });

  it('names the cell screen by the kind shown', () => {
    expect(cellScreen(model, at(5, 3), params({ period: q2, grid: { kind: 'opportunity' } })).title).toBe('Outstanding × Possible');
    expect(cellScreen(model, at(5, 3), params({ period: q2 })).title).toBe('Catastrophic × Possible');
    expect(cellScreen(fixture(ASCII_GLYPHS), at(5, 3), params({ period: q2 })).title).toBe('Catastrophic x Possible');
  });
});

function fixtureWithMany(): Model {
  const entries = Array.from({ length: 12 }, (_, i) => `  - { id: M${i + 1}, title: Risk number ${i + 1}, residual: { impact: 3, likelihood: 3 } }`).join('\n');
  const loaded = loadTree({ 'catalogue.yaml': CATALOGUE, '2019-20-Q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: 1 }\nregister:\n${entries}\n` });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
}
