import { describe, expect, it } from 'vitest';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { entryLines, entryScreen } from '../../src/viewmodel/register-entry.js';
import {
  layoutRegister,
  matchesRegisterFilter,
  movementText,
  REGISTER_SORTS,
  REGISTER_STEPS,
  registerRows,
  registerScreen,
  sortRegister,
} from '../../src/viewmodel/register-screen.js';
import type { ScreenParams, ScreenView } from '../../src/viewmodel/screen.js';
import { lineWidth, plain } from '../../src/viewmodel/styled.js';
import { loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

// Three periods: registers in Q1 and Q3 (none in Q2, so Q3 compares with Q1), an appetite of 10 and
// three custom bands (low ≤ 5, moderate ≤ 12, severe ≤ 25).
const CATALOGUE = `catalogue:
  id: test
  title: Test
  organisation: Test Council
  data: .
risk_bands:
  - { name: low, max: 5 }
  - { name: moderate, max: 12 }
  - { name: severe, max: 25 }
risk_appetite: 10
priorities:
  - id: p
    title: Priority
    kpis:
      - { id: k, title: A KPI, unit: count, good: high, target: 10 }
`;

const Q1 = `period: 2019/20 Q1
observations:
  k: { value: 12 }
register:
  - id: R1
    title: Budget pressure
    type: Financial
    owner: Treasurer
    residual: { impact: 3, likelihood: 4 }
  - id: R2
    title: Cyber attack
    type: Technology
    owner: Head of ICT
    residual: { impact: major, likelihood: likely }
  - id: R3
    title: Winter flooding
    type: Environment
    owner: Highways
    controls: [ "Gully cleaning", "Sandbag stores" ]
    actions: [ "Flood plan review" ]
    residual: { impact: 3, likelihood: 3 }
  - id: O1
    kind: opportunity
    title: Devolution deal
    residual: { impact: 4, likelihood: 2 }
  - id: R5
    title: Retired risk
    residual: 4
`;

const Q2 = `period: 2019/20 Q2
observations:
  k: { value: 13 }
`;

const Q3 = `period: 2019/20 Q3
observations:
  k: { value: 14 }
register:
  - id: R1
    title: Budget pressure
    type: Financial
    owner: Treasurer
    consequences: [ "Services cut" ]
    inherent: 20
    residual: { impact: major, likelihood: likely }
    target: { impact: moderate, likelihood: possible, by: 2021-03-31 }
    direction: "Rising with inflation"
  - id: O1
    kind: opportunity
    title: Devolution deal
    residual: { impact: 4, likelihood: 3 }
  - id: R2
    title: Cyber attack
    type: Technology
    owner: Head of ICT
    residual: { impact: major, likelihood: possible }
  - id: R3
    title: Winter flooding
    type: Environment
    owner: Director of Highways
    controls: [ "Gully cleaning", "Flood wardens" ]
    residual: { impact: 3, likelihood: 3 }
  - id: R4
    title: Supplier failure
    type: Commercial
    owner: Procurement
    residual: 20
`;

function fixture(glyphs = UNICODE_GLYPHS): Model {
  const loaded = loadTree({ 'catalogue.yaml': CATALOGUE, 'q1.yaml': Q1, 'q2.yaml': Q2, 'q3.yaml': Q3 });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, glyphs);
}

const model = fixture();
const Q3I = model.periodLabels.indexOf('2019/20 Q3');
const Q1I = model.periodLabels.indexOf('2019/20 Q1');
const Q2I = model.periodLabels.indexOf('2019/20 Q2');

function params(o: Partial<ScreenParams> = {}): ScreenParams {
  return { period: Q3I, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20, ...o };
}

/** Every line and the table fit the width; lines + table (rows + 4) + after fit the height. */
function fitsView(v: ScreenView, width: number, height: number): void {
  for (const l of [...v.lines, ...(v.after ?? [])]) expect(lineWidth(l)).toBeLessThanOrEqual(width);
  const t = v.table;
  if (t) {
    expect(t.columns.reduce((n, c) => n + c.width + 3, 1)).toBeLessThanOrEqual(width);
    for (const r of t.rows) for (const c of t.columns) expect(lineWidth([{ text: r[c.key] ?? '' }])).toBe(c.width);
  }
  expect(v.lines.length + (t ? t.rows.length + 4 : 0) + (v.after?.length ?? 0)).toBeLessThanOrEqual(height);
}

function column(v: ScreenView, key: string): string[] {
  return (v.table?.rows ?? []).map((r) => (r[key] ?? '').trim());
}

describe('register rows (two registers, Q2 between them has none)', () => {
  const rows = registerRows(model, Q3I);
  const byId = new Map(rows.map((r) => [r.id, r]));

  it.each([
    ['R1', 'up', '↑ worse', true, 1],
    ['R2', 'down', '↓ better', true, 1],
    ['R3', 'level', '→ level', false, 2],
    ['R4', 'new', 'new', true, 1],
    ['O1', 'up', '↑ better', false, 2],
  ])('%s moves %s (%s), above appetite %s, %i register(s) in its band', (id, movement, text, above, inBand) => {
    const r = byId.get(id);
    expect(r?.movement).toBe(movement);
    expect(movementText(r?.movement ?? 'new', r?.kind ?? 'risk', model.glyphs)).toBe(text);
    expect(r?.aboveAppetite).toBe(above);
    expect(r?.periodsInBand).toBe(inBand);
  });

  it('writes movement in ASCII with the ASCII glyphs', () => {
    expect(movementText('up', 'risk', ASCII_GLYPHS)).toBe('^ worse');
    expect(movementText('down', 'risk', ASCII_GLYPHS)).toBe('v better');
    expect(movementText('level', 'opportunity', ASCII_GLYPHS)).toBe('-> level');
  });

  it.each([
    ['cyber', ['R2']],
    ['HIGHWAYS', ['R3']],
    ['opportunity', ['O1']],
    ['financial', ['R1']],
    ['services cut', ['R1']],
    ['flood wardens', ['R3']],
    ['r4', ['R4']],
    ['nothing like this', []],
  ])('the filter %j matches %j', (filter, ids) => {
    expect(rows.filter((r) => matchesRegisterFilter(r, filter)).map((r) => r.id)).toEqual(ids);
  });

  it.each([
    [0, ['R1', 'R2', 'R3', 'R4', 'O1']],
    [1, ['R4', 'R1', 'R2', 'R3', 'O1']],
    [2, ['R1', 'R4', 'R3', 'R2', 'O1']],
    [3, ['R1', 'R2', 'R3', 'R4', 'O1']],
    [4, ['R1', 'R2', 'R3', 'R4', 'O1']],
  ])('sort %i orders risks first: %j', (sortColumn, ids) => {
    expect(sortRegister(rows, sortColumn).map((r) => r.id)).toEqual(ids);
  });

  it('has four sorts', () => {
    expect(REGISTER_SORTS.map((s) => s.label)).toEqual(['published order', 'sorted by residual', 'sorted by movement', 'sorted by id']);
  });
});

describe('the register view', () => {
  it('heads the table with the counts, the appetite and the period compared with', () => {
    const v = registerScreen(model, params());
    expect(plain(v.lines[0] ?? [])).toBe('4 risks · 1 opportunity · ▲ 3 above appetite 10 · 2019/20 Q3 (vs 2019/20 Q1)');
    expect(plain(v.lines[1] ?? [])).toBe('published order · risks first · L=Low M=Moderate S=Severe');
    expect(v.size).toBe(5);
    expect(v.targets).toEqual(['R1', 'R2', 'R3', 'R4', 'O1'].map((id) => ({ kind: 'risk', id })));
    expect(v.sortColumns).toBe(4);
    fitsView(v, 80, 20);
  });

  it('shows scores through the custom bands, the appetite marker and the movement', () => {
    const v = registerScreen(model, params({ width: 120 }));
    expect(v.table?.columns.map((c) => c.label)).toEqual(['Id', 'Title', 'Type', 'Owner', 'Inherent', 'Residual', 'Target', 'Move', 'In band']);
    expect(column(v, 'id')).toEqual(['▸ R1', 'R2', 'R3', 'R4', 'O1']);
    expect(column(v, 'rag')).toEqual(['16 Severe ▲', '12 Moderate ▲', '9 Moderate', '20 Severe ▲', '12 Moderate']);
    expect(column(v, 'target')).toEqual(['9 Moderate', '', '', '', '']);
    expect(column(v, 'movement')).toEqual(['↑ worse', '↓ better', '→ level', 'new', '↑ better']);
    expect(column(v, 'inBand')).toEqual(['1q', '1q', '2q', '1q', '2q']);
    // Three bands spread over the four band tokens.
    expect(v.table?.rowTokens).toEqual(['band.critical', 'band.high', 'band.high', 'band.critical', 'band.high']);
    fitsView(v, 120, 20);
  });

  it('abbreviates the scores at 80 columns here (the band words are long), with a legend', () => {
    const v = registerScreen(model, params());
    expect(v.table?.columns.map((c) => c.label)).toEqual(['Id', 'Title', 'Inh', 'Res', 'Tgt', 'Move', 'Held']);
    expect(column(v, 'rag')).toEqual(['16 S ▲', '12 M ▲', '9 M', '20 S ▲', '12 M']);
    expect(column(v, 'inherent')).toEqual(['20 S', '', '', '', '']);
    fitsView(v, 80, 20);
  });

  it('filters and sorts, and says when nothing matches', () => {
    const v = registerScreen(model, params({ filter: 'highways', sortColumn: 1 }));
    expect(plain(v.lines[1] ?? [])).toBe('sorted by residual · 1 of 5 shown · filter: highways · L=Low M=Moderate S=Severe');
    expect(v.targets).toEqual([{ kind: 'risk', id: 'R3' }]);
    const none = registerScreen(model, params({ filter: 'zzz' }));
    expect(none.size).toBe(0);
    expect(plain(none.lines[2] ?? [])).toContain('No entry matches "zzz"');
  });

  it('says there is no register in a period without one, naming those with one', () => {
    const v = registerScreen(model, params({ period: Q2I }));
    expect(v.lines.map(plain).join(' ')).toBe('There is no register in 2019/20 Q2. Loaded periods with one: 2019/20 Q1, 2019/20 Q3 ([ ] change the period).');
    expect(v.size).toBe(0);
  });

  it('compares the first register with nothing: movement is not known (n/a), not "new"', () => {
    const v = registerScreen(model, params({ period: Q1I, width: 100 }));
    expect(plain(v.lines[0] ?? [])).toContain('2019/20 Q1 (first register loaded)');
    expect(new Set(column(v, 'movement'))).toEqual(new Set(['n/a']));
  });

  describe('with the bundled register (13 risks, 4 opportunities in 2019/20 Q3, no appetite)', () => {
    const m = modelOf();
    const last = m.periodLabels.length - 1;

    it.each([
      [80, 20, false],
      [60, 14, true],
      [120, 40, false],
    ])('at %i×%i fits, windows its rows and keeps id, title, residual and movement', (width, height, short) => {
      for (const cursor of [0, 8, 16]) {
        const v = registerScreen(m, { period: last, cursor, filter: '', sortColumn: 0, width, height });
        fitsView(v, width, height);
        const keys = v.table?.columns.map((c) => c.key) ?? [];
        expect(keys).toEqual(expect.arrayContaining(['id', 'title', 'rag', 'movement']));
        expect(v.table?.rows.some((r) => (r['id'] ?? '').includes(`▸ ${v.targets[cursor]?.id ?? '?'}`))).toBe(true);
        expect(layoutRegister(m, registerRows(m, last), width).short).toBe(short);
      }
      expect(plain(registerScreen(m, { period: last, cursor: 0, filter: '', sortColumn: 0, width, height }).lines[0] ?? [])).toMatch(/^13 risks · 4 opportunities/);
    });

    it('drops columns in the documented order', () => {
      expect(REGISTER_STEPS).toEqual(['kind', 'direction', 'owner', 'type', 'short', 'target', 'inherent', 'inBand']);
      const wide = registerScreen(m, { period: last, cursor: 0, filter: '', sortColumn: 0, width: 160, height: 30 });
      expect(wide.table?.columns.map((c) => c.key)).toEqual(['id', 'kind', 'title', 'type', 'owner', 'inherent', 'rag', 'movement', 'inBand', 'direction']);
      const at80 = registerScreen(m, { period: last, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 30 });
      expect(at80.table?.columns.map((c) => c.key)).toEqual(['id', 'title', 'inherent', 'rag', 'movement', 'inBand']);
      expect(column(at80, 'rag').slice(0, 2)).toEqual(['16 High', '12 High']);
      const at60 = registerScreen(m, { period: last, cursor: 0, filter: '', sortColumn: 0, width: 60, height: 30 });
      expect(column(at60, 'rag').slice(0, 2)).toEqual(['16 H', '12 H']);
    });

    it('windows the rows with markers', () => {
      const v = registerScreen(m, { period: last, cursor: 16, filter: '', sortColumn: 0, width: 60, height: 14 });
      expect(plain(v.lines[2] ?? [])).toMatch(/^▲ \d+ more above$/);
      expect(column(v, 'id').at(-1)).toBe('▸ CO4');
    });

    it('names the one period with a register when another is shown', () => {
      const q2 = m.periodLabels.indexOf('2019/20 Q2');
      const v = registerScreen(m, { period: q2, cursor: 0, filter: '', sortColumn: 0, width: 60, height: 14 });
      expect(v.lines.map(plain).join(' ')).toContain('There is no register in 2019/20 Q2. Loaded period with one: 2019/20 Q3');
      fitsView(v, 60, 14);
    });
  });
});

describe('the register entry screen', () => {
  const doc = (id: string, period = Q3I, width = 80) => entryLines(model, id, period, width, 20).map(plain);

  it('shows the three assessments with words and bands, appetite and movement', () => {
    const lines = doc('R1');
    expect(lines[0]).toBe('R1 Budget pressure');
    expect(lines).toContain('Inherent   20 (score only: 4×5 or 5×4) Severe');
    expect(lines).toContain('Residual   16 Major/Likely Severe');
    expect(lines).toContain('Target     9 Moderate/Possible Moderate by 2021-03-31');
    expect(lines).toContain('Appetite   ▲ above the appetite of 10');
    expect(lines).toContain('Movement   residual 12 → 16, up (worse) since 2019/20 Q1');
    expect(lines).toContain('In band    Severe for 1 register running');
    expect(lines).toContain('Direction  Rising with inflation');
    expect(lines).toContain('Mitigating actions');
  });

  it('lists what moved since the previous register', () => {
    const lines = doc('R3');
    const at = lines.indexOf('What moved since 2019/20 Q1');
    expect(lines.slice(at + 1)).toEqual(['• Owner: Highways → Director of Highways', '• New control: Flood wardens', '• Control removed: Sandbag stores', '• Mitigating action removed: Flood plan review']);
    expect(lines).toContain('Movement   residual 9 → 9, level since 2019/20 Q1');
    expect(lines).toContain('Appetite   within the appetite of 10');
  });

  it('says an opportunity going up is better, and calls its actions maximising', () => {
    const lines = doc('O1');
    expect(lines).toContain('Movement   residual 8 → 12, up (better) since 2019/20 Q1');
    expect(lines).toContain('Appetite   applies to risks only');
    expect(lines).toContain('Maximising actions');
    expect(lines).toContain('• Residual: 8 Major/Unlikely → 12 Major/Possible');
  });

  it('says when an entry is new this period', () => {
    const lines = doc('R4');
    expect(lines).toContain('Movement   new this period (not in the 2019/20 Q1 register)');
    expect(lines).toContain('New this period: not in the 2019/20 Q1 register.');
  });

  it('charts the residual score over the registers (with the target line)', () => {
    const lines = doc('R1');
    const at = lines.indexOf('Residual score by register');
    const chart = lines.slice(at + 1);
    expect(chart.some((l) => l.includes('╌╌ target 9 Moderate by 2021-03-31'))).toBe(true);
    expect(chart.some((l) => l.includes('2019/20 Q1') && l.includes('2019/20 Q3'))).toBe(true);
    expect(chart).toContain('Residual by register: 2019/20 Q1 12 · 2019/20 Q3 16');
  });

  it('has no history yet with one register', () => {
    const lines = doc('R1', Q1I);
    expect(lines.join(' ')).toContain('No history yet: the 2019/20 Q1 register is the only one loaded up to this period.');
    expect(lines.some((l) => l.startsWith('What moved'))).toBe(false);
  });

  it('follows the period: no register, not in the register, unknown id', () => {
    expect(doc('R1', Q2I)).toContain('There is no register in 2019/20 Q2.');
    expect(doc('R5', Q3I)).toContain('R5 is not in the 2019/20 Q3 register.');
    expect(doc('R5', Q3I).join(' ')).toContain('R5 is in the register of 2019/20 Q1');
    expect(doc('NOPE')).toEqual(["No register entry 'NOPE' in any loaded period."]);
  });

  it('scrolls: the cursor is the offset, with markers, every window fitting', () => {
    for (const [width, height] of [
      [80, 20],
      [60, 14],
    ] as const) {
      const first = entryScreen(model, 'R1', params({ width, height }));
      expect(first.title).toBe('R1 Budget pressure');
      for (let cursor = 0; cursor < first.size; cursor++) {
        const v = entryScreen(model, 'R1', params({ width, height, cursor }));
        fitsView(v, width, height);
        if (cursor > 0) expect(plain(v.lines[0] ?? [])).toMatch(/^▲ \d+ more lines? above/);
      }
    }
  });

  it('reads the bundled CR1 and CO2', () => {
    const m = modelOf();
    const last = m.periodLabels.length - 1;
    const cr1 = entryLines(m, 'CR1', last, 80, 20).map(plain);
    expect(cr1).toContain('Inherent   20 (score only: 4×5 or 5×4) Critical');
    expect(cr1).toContain('Residual   16 Major/Likely High');
    expect(cr1).toContain('Target     not published');
    expect(cr1).toContain('Movement   not known: no earlier register is loaded');
    const co2 = entryLines(m, 'CO2', last, 80, 20).map(plain);
    expect(co2).toContain('Residual   15 Outstanding/Possible High');
    expect(co2).toContain('Maximising actions');
  });

  it('writes ASCII with the ASCII glyphs', () => {
    const a = fixture(ASCII_GLYPHS);
    const lines = entryLines(a, 'R1', Q3I, 80, 20).map(plain);
    expect(lines).toContain('Inherent   20 (score only: 4x5 or 5x4) Severe');
    expect(lines).toContain('Movement   residual 12 -> 16, up (worse) since 2019/20 Q1');
    expect(lines).toContain('Appetite   ^ above the appetite of 10');
    const v = registerScreen(a, params());
    expect(column(v, 'movement')).toEqual(['^ worse', 'v better', '-> level', 'new', '^ better']);
    expect(column(v, 'id')[0]).toBe('> R1');
    // eslint-disable-next-line no-control-regex
    for (const l of [...lines, ...v.lines.map(plain), ...(v.table?.rows ?? []).flatMap((r) => Object.values(r))]) expect(l).toMatch(/^[\x00-\x7f]*$/);
  });
});
