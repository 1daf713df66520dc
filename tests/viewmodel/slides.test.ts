import { describe, expect, it } from 'vitest';
import type { Show } from '../../src/domain/types.js';
import type { AgendaEntry } from '../../src/viewmodel/agenda.js';
import { agendaFor } from '../../src/viewmodel/agenda-build.js';
import { bigParagraph, bigText, hasBigGlyph, splitFigure } from '../../src/viewmodel/bigtext.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import type { ScreenView } from '../../src/viewmodel/screen.js';
import { slidePoints, slideView, type SlideParams } from '../../src/viewmodel/slides.js';
import { lineWidth, plain, textWidth } from '../../src/viewmodel/styled.js';
import { loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;
/** Symbols the views draw that the ASCII set must not show (data text may hold others, like £). */
const DRAWN = /[\u2190-\u21ff\u2500-\u259f\u25a0-\u25ff\u2713\u2717•…·×—▸≠]/;

describe('bigText', () => {
  it('draws figures five rows tall with the bar glyph', () => {
    expect(bigText('27%', UNICODE_GLYPHS, 80)).toMatchInlineSnapshot(`
      [
        "██████  ██████  ██  ██",
        "    ██      ██      ██",
        "██████      ██    ██  ",
        "██          ██  ██    ",
        "██████      ██  ██  ██",
      ]
    `);
  });

  it('draws every figure and sign it knows', () => {
    expect(bigText('0123456789', UNICODE_GLYPHS, 80, { rows: 3 })).toMatchInlineSnapshot(`
      [
        "█▀█ ▄█  ▀▀█ ▀▀█ █ █ █▀▀ █▀▀ ▀▀█ █▀█ █▀█",
        "█ █  █  █▀▀ ▀▀█ ▀▀█ ▀▀█ █▀█   █ █▀█ ▀▀█",
        "▀▀▀ ▀▀▀ ▀▀▀ ▀▀▀   ▀ ▀▀▀ ▀▀▀   ▀ ▀▀▀ ▀▀▀",
      ]
    `);
    expect(bigText('£1,234.5-+/:', UNICODE_GLYPHS, 80, { rows: 3 })).toMatchInlineSnapshot(`
      [
        "▄▀▀ ▄█    ▀▀█ ▀▀█ █ █   █▀▀      ▄    █ ▄",
        "█▀▀  █  ▄ █▀▀ ▀▀█ ▀▀█   ▀▀█ ▀▀▀ ▀█▀ ▄▀  ▄",
        "▀▀▀ ▀▀▀ ▀ ▀▀▀ ▀▀▀   ▀ ▀ ▀▀▀         ▀    ",
      ]
    `);
  });

  it('is three rows of half blocks when five do not fit the width or the rows', () => {
    expect(bigText('89.19%', UNICODE_GLYPHS, 30)).toMatchInlineSnapshot(`
      [
        "█▀█ █▀█   ▄█  █▀█ ▀ █",
        "█▀█ ▀▀█    █  ▀▀█ ▄▀ ",
        "▀▀▀ ▀▀▀ ▀ ▀▀▀ ▀▀▀ ▀ ▀",
      ]
    `);
    expect(bigText('16', UNICODE_GLYPHS, 80, { rows: 4 })).toMatchInlineSnapshot(`
      [
        "▄█  █▀▀",
        " █  █▀█",
        "▀▀▀ ▀▀▀",
      ]
    `);
  });

  it('uses # (five rows) and seven-segment figures (three rows) in ASCII', () => {
    expect(bigText('7.19', ASCII_GLYPHS, 80)).toMatchInlineSnapshot(`
      [
        "######        ##    ######",
        "    ##      ####    ##  ##",
        "    ##        ##    ######",
        "    ##        ##        ##",
        "    ##  ##  ######  ######",
      ]
    `);
    expect(bigText('0123456789', ASCII_GLYPHS, 80, { rows: 3 })).toMatchInlineSnapshot(`
      [
        " _       _   _       _   _   _   _   _ ",
        "| |   |  _|  _| |_| |_  |_    | |_| |_|",
        "|_|   | |_   _|   |  _| |_|   | |_|  _|",
      ]
    `);
    expect(bigText('-4.2%', ASCII_GLYPHS, 80, { rows: 3 })).toMatchInlineSnapshot(`
      [
        "           _  o /",
        " _  |_|    _|  / ",
        "      | . |_  / o",
      ]
    `);
    for (const text of ['£12.5%', '+3/4:5', '0,9 ']) {
      for (const rows of [3, 5]) for (const l of bigText(text, ASCII_GLYPHS, 80, { rows })) expect(l.replace('£', '')).toMatch(ASCII);
    }
  });

  it('writes what has no glyph plainly on the bottom row', () => {
    expect(bigText('7 days', UNICODE_GLYPHS, 80, { rows: 3 })).toMatchInlineSnapshot(`
      [
        "▀▀█        ",
        "  █        ",
        "  ▀    days",
      ]
    `);
  });

  it('falls back to the plain text, cut to the width, when no size fits or nothing is a figure', () => {
    expect(bigText('12345678', UNICODE_GLYPHS, 20)).toEqual(['12345678']);
    expect(bigText('123456789012345678901234567890', UNICODE_GLYPHS, 20)).toEqual(['1234567890123456789…']);
    expect(bigText('no data', UNICODE_GLYPHS, 80)).toEqual(['no data']);
    expect(bigText('16', UNICODE_GLYPHS, 80, { rows: 1 })).toEqual(['16']);
    expect(bigText('123456789012345678901234567890', ASCII_GLYPHS, 20)).toEqual(['12345678901234567...']);
  });

  it('gives lines of one width, within the width', () => {
    for (const g of [UNICODE_GLYPHS, ASCII_GLYPHS]) {
      for (const width of [4, 10, 20, 40, 80]) {
        for (const text of ['0', '27%', '£188.57m', '-19.541', '2,638,886', '7.19 days']) {
          const lines = bigText(text, g, width);
          const w = textWidth(lines[0] ?? '');
          expect(w).toBeLessThanOrEqual(width);
          for (const l of lines) expect(textWidth(l)).toBe(w);
          expect([1, 3, 5]).toContain(lines.length);
        }
      }
    }
  });

  it('knows figures always and letters only when asked', () => {
    expect(hasBigGlyph('7')).toBe(true);
    expect(hasBigGlyph('%')).toBe(true);
    expect(hasBigGlyph('a')).toBe(false);
    expect(hasBigGlyph('a', true)).toBe(true);
    expect(hasBigGlyph('—', true)).toBe(true);
  });
});

describe('splitFigure', () => {
  it.each([
    ['89.19%', '89.19%', ''],
    ['7.19 days', '7.19', 'days'],
    ['£188.57m', '£188.57', 'm'],
    ['-£4.2m', '-£4.2', 'm'],
    ['5.4 per 10,000', '5.4', 'per 10,000'],
    ['2,638,886', '2,638,886', ''],
    ['no data', '', 'no data'],
  ])('%s → %s + %s', (text, figure, rest) => {
    expect(splitFigure(text)).toEqual({ figure, rest });
  });
});

describe('bigParagraph', () => {
  it('draws a title in big letters over as many lines as it needs', () => {
    expect(bigParagraph('6. Urgent Business', UNICODE_GLYPHS, 40, 12)).toMatchInlineSnapshot(`
      {
        "big": true,
        "lines": [
          "█▀▀      █ █ █▀▄ ▄▀▀ █▀▀ █▀▄ ▀█▀",
          "█▀█      █ █ █▀▄ █ █ █▀  █ █  █ ",
          "▀▀▀ ▀    ▀▀▀ ▀ ▀  ▀▀ ▀▀▀ ▀ ▀  ▀ ",
          "",
          "█▀▄ █ █ ▄▀▀ ▀█▀ █▀▄ █▀▀ ▄▀▀ ▄▀▀",
          "█▀▄ █ █  ▀▄  █  █ █ █▀   ▀▄  ▀▄",
          "▀▀  ▀▀▀ ▀▀  ▀▀▀ ▀ ▀ ▀▀▀ ▀▀  ▀▀ ",
        ],
      }
    `);
  });

  it('is five rows tall when that fits', () => {
    const p = bigParagraph('Item 7', ASCII_GLYPHS, 80, 10);
    expect(p.big).toBe(true);
    expect(p.lines).toHaveLength(5);
    for (const l of p.lines) expect(l).toMatch(ASCII);
  });

  it('falls back to plain wrapped text when big letters do not fit or a character has none', () => {
    expect(bigParagraph('2. Disclosure of Pecuniary and Non-Pecuniary Interests', UNICODE_GLYPHS, 40, 8)).toEqual({
      big: false,
      lines: ['2. Disclosure of Pecuniary and', 'Non-Pecuniary Interests'],
    });
    expect(bigParagraph('Café #1', UNICODE_GLYPHS, 80, 20).big).toBe(false);
    const long = bigParagraph('Supercalifragilisticexpialidocious', ASCII_GLYPHS, 10, 2);
    expect(long).toEqual({ big: false, lines: ['Supercalif', 'ragilistic'] });
  });
});

// ---------------------------------------------------------------------------------------------
// Slides

/** A small catalogue: an appetite of 10, registers in Q1 and Q2 (R1 rose; R9 a score alone), commentary. */
const CATALOGUE = `catalogue:
  id: test
  title: Test Strategy
  organisation: Test Council
  data: .
risk_appetite: 10
priorities:
  - id: p1
    title: First priority
    kpis:
      - { id: a, title: Alpha repairs on time, unit: percent, good: high, target: 95 }
      - { id: b, title: Bravo, unit: count, good: high, target: 100 }
`;
const Q1 = `period: 2019/20 Q1
observations:
  a: { value: 96.5 }
  b: { value: 100 }
register:
  - { id: R1, title: Budget pressure, residual: { impact: 3, likelihood: 3 } }
`;
const Q2 = `period: 2019/20 Q2
observations:
  a: { value: 89.19 }
  b: { value: 97 }
commentary:
  a:
    summary: Repairs on time fell to 89.19 per cent.
    issues: [ "First issue with late repairs.", "Second issue." ]
    causes: [ "A cause." ]
    actions: [ "First action on repairs.", "Second action." ]
register:
  - id: R1
    title: Budget pressure
    owner: Treasurer
    consequences: [ "Services cut", "Reserves used", "Audit concern", "A fourth consequence" ]
    actions: [ "Savings plan", "Monthly monitoring" ]
    inherent: { impact: 5, likelihood: 4 }
    residual: { impact: 4, likelihood: 4 }
    target: { impact: 3, likelihood: 3 }
  - { id: R9, title: Score alone, residual: 12 }
`;

function fixture(glyphs = UNICODE_GLYPHS): Model {
  const loaded = loadTree({ 'catalogue.yaml': CATALOGUE, 'q1.yaml': Q1, 'q2.yaml': Q2 });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, glyphs);
}

const entry = (show: Show, title = 'An item', notes?: string): AgendaEntry => ({ index: 0, title, show, ...(notes ? { notes } : {}) });

function view(model: Model, show: Show, width: number, height: number, o: Partial<SlideParams> & { title?: string; notes?: string } = {}): ScreenView {
  const { title, notes, ...rest } = o;
  return slideView(model, entry(show, title, notes), { period: model.ev.periods.length - 1, cursor: 0, filter: '', sortColumn: 0, width, height, ...rest });
}

/** Everything drawn, as text: the lines, the table's heading and rows, the lines after it. */
function drawn(v: ScreenView): string[] {
  const t = v.table;
  return [...v.lines.map(plain), ...(t ? [t.columns.map((c) => c.label).join(' '), ...t.rows.map((r) => t.columns.map((c) => r[c.key] ?? '').join(' '))] : []), ...(v.after ?? []).map(plain)];
}

/** Lines within the width; lines + table (rows + 4) + after within the height; table cells cut to their columns. */
function expectFits(v: ScreenView, width: number, height: number): void {
  for (const l of [...v.lines, ...(v.after ?? [])]) expect(lineWidth(l)).toBeLessThanOrEqual(width);
  const t = v.table;
  if (t) {
    expect(t.columns.reduce((n, c) => n + c.width + 3, 1)).toBeLessThanOrEqual(width);
    for (const r of t.rows) for (const c of t.columns) expect(textWidth(r[c.key] ?? '')).toBe(c.width);
  }
  expect(v.lines.length + (t ? t.rows.length + 4 : 0) + (v.after?.length ?? 0)).toBeLessThanOrEqual(height);
}

const SIZES: ReadonlyArray<readonly [number, number]> = [
  [60, 18],
  [80, 24],
  [160, 48],
  [200, 60],
  [40, 10],
];

/** Every kind of slide, on the model that has what it shows. */
const KINDS: ReadonlyArray<readonly [string, () => Model, Show]> = [
  ['overview', () => modelOf(), { kind: 'overview' }],
  ['priority', () => modelOf(), { kind: 'priority', id: 'live' }],
  ['kpi', () => modelOf(), { kind: 'kpi', id: 'defects-4h' }],
  ['kpi (composite)', () => modelOf('catalogue/lcc-2024-25.yaml'), { kind: 'kpi', id: 'road-condition' }],
  ['register', () => modelOf(), { kind: 'register' }],
  ['risk', () => modelOf(), { kind: 'risk', id: 'CR13' }],
  ['heatgrid', () => modelOf(), { kind: 'heatgrid' }],
  ['exceptions', () => modelOf(), { kind: 'exceptions' }],
  ['finance', () => modelOf('catalogue/lcc-2016-17.yaml'), { kind: 'finance' }],
  ['text', () => modelOf(), { kind: 'text' }],
  ['register, none in the period', () => modelOf('catalogue/lcc-2024-25.yaml'), { kind: 'register' }],
  ['heatgrid, none in the period', () => modelOf('catalogue/lcc-2024-25.yaml'), { kind: 'heatgrid' }],
  ['finance, none in the period', () => modelOf(), { kind: 'finance' }],
  ['risk, fixture', () => fixture(), { kind: 'risk', id: 'R1' }],
  ['heatgrid, fixture', () => fixture(), { kind: 'heatgrid' }],
];

describe('slideView: every kind fits, at every size, in both glyph sets', () => {
  for (const [name, make, show] of KINDS) {
    it(name, () => {
      const unicode = make();
      const ascii = buildModel(unicode.ev.dataset, unicode.findings, ASCII_GLYPHS);
      for (const model of [unicode, ascii]) {
        for (const [w, h] of SIZES) {
          const v = view(model, show, w, h, { title: 'Corporate Risk and Opportunity Register Quarter 3 2019/20', meeting: 'Cabinet Committee on Performance Improvement' });
          expectFits(v, w, h);
          expect(v.lines.length).toBeGreaterThan(0);
          expect(v.size).toBeGreaterThanOrEqual(1);
          if (model === ascii) for (const l of drawn(v)) expect(l).not.toMatch(DRAWN);
        }
      }
    });
  }

  it('every item of the bundled agenda and of generated agendas fits, scrolled to the end too', () => {
    for (const [model, generated] of [
      [modelOf(), false],
      [{ ...modelOf(), ev: { ...modelOf().ev, dataset: { ...modelOf().ev.dataset, agendas: [] } } }, true],
      [modelOf('catalogue/lcc-2016-17.yaml'), true],
    ] as const) {
      const period = model.ev.periods.length - 1;
      const agenda = agendaFor(model, period);
      expect(agenda.generated).toBe(generated);
      for (const item of agenda.items) {
        for (const [w, h] of SIZES) {
          const p = { period, cursor: 0, filter: '', sortColumn: 0, width: w, height: h, meeting: agenda.meeting };
          const v = slideView(model, item, p);
          expectFits(v, w, h);
          expectFits(slideView(model, item, { ...p, cursor: v.size - 1 }), w, h);
        }
      }
    }
  });
});

describe('slide content', () => {
  const model = modelOf();
  const q3 = model.periodLabels.indexOf('2019/20 Q3');
  const has = (v: ScreenView, s: string) => drawn(v).some((l) => l.includes(s));
  /** Big text appears on the slide as consecutive lines (each one somewhere in its line). */
  const hasBig = (v: ScreenView, lines: readonly string[]) => {
    const all = drawn(v);
    return all.some((_, i) => lines.every((b, k) => (all[i + k] ?? '').includes(b.trimEnd())));
  };

  it('overview: the share on target in big figures, the count under it, counts by priority, new reds', () => {
    for (const [w, h] of [
      [60, 18],
      [80, 24],
    ] as const) {
      const v = view(model, { kind: 'overview' }, w, h, { period: q3 });
      expect(hasBig(v, bigText('27%', UNICODE_GLYPHS, w))).toBe(true);
      expect(has(v, '9 of 33 rated KPIs achieving target')).toBe(true);
      expect(has(v, '✗ 14 red')).toBe(true);
      // The priorities all start "Lancashire will be the place": what tells them apart shows.
      expect(has(v, '…live')).toBe(true);
      expect(has(v, '…where everyone')).toBe(true);
      expect(has(v, 'new reds since 2019/20 Q2')).toBe(true);
    }
  });

  it('kpi: the figure big with its RAG, target and travel, a chart, three commentary points', () => {
    const v = view(model, { kind: 'kpi', id: 'defects-4h' }, 80, 24, { period: q3 });
    expect(hasBig(v, bigText('89.19%', UNICODE_GLYPHS, 80))).toBe(true);
    expect(has(v, '✗ Red')).toBe(true);
    expect(has(v, 'Target 95%')).toBe(true);
    expect(has(v, '▼ worse than 2019/20 Q2')).toBe(true);
    expect(drawn(v).filter((l) => l.includes('┤')).length).toBeGreaterThanOrEqual(4);
    const bullets = drawn(v).filter((l) => l.startsWith('• '));
    expect(bullets).toHaveLength(3);
    expect(bullets[0]).toMatch(/^• Emergency repairs within 4 hours fell/);
  });

  it('kpi: a bigger chart on a bigger screen', () => {
    const rows = (w: number, h: number) => drawn(view(model, { kind: 'kpi', id: 'defects-4h' }, w, h, { period: q3 })).filter((l) => l.includes('┤')).length;
    expect(rows(160, 48)).toBeGreaterThan(rows(80, 24));
    expect(rows(80, 24)).toBeGreaterThan(rows(60, 18));
  });

  it('kpi: the three most important points: the summary, then an issue and an action', () => {
    const m = fixture();
    expect(slidePoints(m, 1, 'a')).toEqual(['Repairs on time fell to 89.19 per cent.', 'First issue with late repairs.', 'First action on repairs.']);
    const v = view(m, { kind: 'kpi', id: 'a' }, 80, 24);
    expect(drawn(v).filter((l) => l.startsWith('• '))).toEqual(['• Repairs on time fell to 89.19 per cent.', '• First issue with late repairs.', '• First action on repairs.']);
    expect(has(v, 'Second issue')).toBe(false);
  });

  it('kpi: a metric id shows that metric of its KPI', () => {
    const m = modelOf('catalogue/lcc-2024-25.yaml');
    const kpi = m.kpis.get('road-condition')?.kpi;
    const metric = kpi?.metrics[1];
    expect(metric).toBeDefined();
    const v = view(m, { kind: 'kpi', id: metric?.id ?? '' }, 100, 30, { title: kpi?.title ?? '' });
    expect(has(v, metric?.title ?? '?')).toBe(true);
  });

  it('priority: its counts, then its KPIs red, then amber, then green', () => {
    const v = view(model, { kind: 'priority', id: 'live' }, 80, 24, { period: q3, title: '5. Lancashire will be the place to live' });
    const rags = drawn(v).flatMap((l) => (/^(✗ Red|! Amber|✓ Green|– Unrated) /.exec(l)?.[1] ? [l.slice(0, 3)] : []));
    expect(rags.join('')).toMatch(/^(✗ R)+(! A)+(✓ G)+(– U)*$/);
    expect(has(v, '89.19%')).toBe(true);
    expect(has(v, 'target 95%')).toBe(true);
  });

  it('exceptions: reds before ambers, under their priorities; scrolled with the cursor when long', () => {
    const v = view(model, { kind: 'exceptions' }, 80, 24, { period: q3, title: 'Indicators below the desired level' });
    const lines = drawn(v);
    const firstAmber = lines.findIndex((l) => l.includes('! Amber '));
    const lastRed = lines.map((l) => l.includes('✗ Red ')).lastIndexOf(true);
    expect(lastRed).toBeLessThan(firstAmber === -1 ? Infinity : firstAmber);
    expect(has(v, 'Lancashire will be the place to live')).toBe(true);
    expect(v.size).toBeGreaterThan(1);
    expect(has(v, 'more below')).toBe(true);
    const end = view(model, { kind: 'exceptions' }, 80, 24, { period: q3, cursor: v.size - 1, title: 'Indicators below the desired level' });
    expect(has(end, 'more above')).toBe(true);
    expect(has(end, 'more below')).toBe(false);
    // On a big screen everything is in view, the counts big.
    const big = view(model, { kind: 'exceptions' }, 160, 48, { period: q3 });
    expect(big.size).toBe(1);
    expect(hasBig(big, bigText('14', UNICODE_GLYPHS, 160))).toBe(true);
  });

  it('register: the register table, all rows on a big screen, windowed on a small one', () => {
    const big = view(model, { kind: 'register' }, 160, 48, { period: q3 });
    expect(big.table?.rows).toHaveLength(17);
    expect(big.table?.cursorRow).toBe(-1);
    const small = view(model, { kind: 'register' }, 60, 18, { period: q3 });
    expect(small.table?.rows.length).toBeLessThan(17);
    expect(small.size).toBeGreaterThan(1);
    expect(drawn(small).some((l) => l.includes('more below'))).toBe(true);
  });

  it('risk: one entry with its three scores big, their bands, movement, appetite, consequences and actions', () => {
    const m = fixture();
    const v = view(m, { kind: 'risk', id: 'R1' }, 80, 24, { title: 'R1 Budget pressure' });
    for (const s of ['Inherent', 'Residual', 'Target', 'Critical', 'High', 'Medium', 'Major × Likely', '↑ worse since 2019/20 Q1 (was 9)', 'above the appetite of 10', 'Owner: Treasurer']) {
      expect(has(v, s)).toBe(true);
    }
    expect(hasBig(v, bigText('20', UNICODE_GLYPHS, 20))).toBe(true);
    expect(has(v, '• Services cut')).toBe(true);
    expect(has(v, '• Audit concern')).toBe(true);
    expect(has(v, 'A fourth consequence')).toBe(false);
    expect(has(v, '• Savings plan')).toBe(true);
    expect(has(view(m, { kind: 'risk', id: 'NOPE' }, 80, 24), 'NOPE is not in the 2019/20 Q2 register')).toBe(true);
  });

  it('heatgrid: the residual risks placed, entries a score cannot place named, movement shown', () => {
    const m = fixture();
    const v = view(m, { kind: 'heatgrid' }, 80, 24);
    expect(has(v, 'Not placed: R9')).toBe(true);
    expect(has(v, 'R1↑')).toBe(true);
    expect(has(v, '┃')).toBe(true);
    const bundled = view(model, { kind: 'heatgrid' }, 160, 48, { period: q3 });
    for (const id of ['CR1', 'CR4', 'CR10', 'CR13']) expect(has(bundled, id)).toBe(true);
    expect(bundled.lines.length).toBeGreaterThan(view(model, { kind: 'heatgrid' }, 80, 24, { period: q3 }).lines.length);
  });

  it('finance: the table with its total and no cursor, the variance big when there is room', () => {
    const m = modelOf('catalogue/lcc-2016-17.yaml');
    const v = view(m, { kind: 'finance' }, 80, 24, { title: 'Budget monitoring' });
    expect(v.table?.cursorRow).toBe(-1);
    expect(v.table?.rows.map((r) => (r['area'] ?? '').trim())).toContain('Total');
    expect(drawn(v).some((l) => l.includes('▸'))).toBe(false);
    expect(has(v, 'under budget')).toBe(true);
    expect(hasBig(v, bigText('-19.541', UNICODE_GLYPHS, 80, { rows: 3 }))).toBe(true);
    expect(has(view(model, { kind: 'finance' }, 80, 24), 'No finance table in 2019/20 Q3')).toBe(true);
  });

  it('text: the title alone, large and centred; speaker notes are never drawn', () => {
    const v = view(model, { kind: 'text' }, 80, 24, { title: '6. Urgent Business', notes: 'SECRET speaker note' });
    const lines = drawn(v);
    expect(hasBig(v, bigParagraph('6. Urgent Business', UNICODE_GLYPHS, 72, 22).lines)).toBe(true);
    expect(lines.some((l) => l.includes('Urgent'))).toBe(false);
    // Centred: the big block starts as far from the left as it ends from the right (within one).
    const block = lines.filter((l) => l.trim() !== '');
    const left = Math.min(...block.map((l) => l.length - l.trimStart().length));
    const right = 80 - Math.max(...block.map((l) => textWidth(l.trimEnd())));
    expect(Math.abs(left - right)).toBeLessThanOrEqual(1);
    // Narrow: the plain title, centred.
    expect(drawn(view(model, { kind: 'text' }, 40, 10, { title: '2. Disclosure of Pecuniary and Non-Pecuniary Interests' })).some((l) => l.includes('Disclosure'))).toBe(true);
  });

  it('no slide draws its speaker notes', () => {
    const agenda = agendaFor(model, q3);
    for (const item of agenda.items) {
      if (!item.notes) continue;
      const v = slideView(model, item, { period: q3, cursor: 0, filter: '', sortColumn: 0, width: 160, height: 48, meeting: agenda.meeting });
      expect(drawn(v).join('\n')).not.toContain(item.notes.slice(0, 40));
    }
  });

  it('says what is missing rather than drawing nothing', () => {
    expect(has(view(model, { kind: 'kpi', id: 'nope' }, 80, 24), "No KPI 'nope' in the catalogue.")).toBe(true);
    expect(has(view(model, { kind: 'priority', id: 'nope' }, 80, 24), "No priority 'nope' in the catalogue.")).toBe(true);
    const m = modelOf('catalogue/lcc-2024-25.yaml');
    expect(has(view(m, { kind: 'register' }, 80, 24), 'There is no register in 2024/25 Q2')).toBe(true);
  });
});

