// Import's matching and reading of a sheet's rows, on SheetTable literals (the readers are tested
// on their own): the header row, each column, each rule for a value, each refusal at its cell.
import { describe, expect, it } from 'vitest';
import type { Catalogue } from '../../../src/domain/types.js';
import type { SheetCell, SheetTable } from '../../../src/load/sheet/table.js';
import { importTable } from '../../../src/load/import/rows.js';
import { parseMapText } from '../../../src/load/import/map-file.js';
import { catalogue, loadTree } from '../../helpers.js';

const KPIS = `      - id: sickness
        title: Days lost to sickness
        unit: days
        good: low
        target: 5
      - id: defects
        title: Carriageway defects repaired on time
        rollup: worst
        metrics:
          - id: defects-4h
            title: Defects repaired within 4 hours
            unit: percent
            good: high
            target: 95
          - id: defects-2d
            title: Defects repaired within 2 days
            unit: percent
            good: high
            target: 95
      - id: twin-a
        title: Twin A
        unit: count
        good: high
        metrics_note_is_not_a_key: x
`.replace('        metrics_note_is_not_a_key: x\n', '');

const CAT_EXTRA = `      - id: twin-b
        title: Shared title
        unit: count
        good: high
      - id: twin-c
        title: Shared title
        unit: count
        good: high
      - id: visits
        title: Library visits
        unit: count
        good: high
        benchmarks: [national]
`;

function loadCatalogue(): Catalogue {
  const loaded = loadTree({ 'catalogue.yaml': catalogue(KPIS + CAT_EXTRA), '2024-25-Q1.yaml': 'period: 2024/25 Q1\n' });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return loaded.dataset.catalogue;
}
const CAT = loadCatalogue();

const t = (value: string): SheetCell => ({ kind: 'text', value, formula: false });
const n = (value: number, more: { percent?: boolean; decimals?: number; formula?: boolean } = {}): SheetCell => ({
  kind: 'number',
  value,
  percent: more.percent ?? false,
  ...(more.decimals !== undefined ? { decimals: more.decimals } : {}),
  formula: more.formula ?? false,
});
const E: SheetCell = { kind: 'empty' };

function sheet(rows: SheetCell[][], name: string | undefined = 'Sheet1'): SheetTable {
  return { file: 'Q3.xlsx', ...(name !== undefined ? { sheet: name } : {}), rows };
}
const where = (r: ReturnType<typeof importTable>) => r.findings.map((f) => `${f.cell ?? '-'} ${f.severity} ${f.code}: ${f.message}`);

describe('the header row', () => {
  it('is found below title lines, case- and spacing-insensitively', () => {
    const r = importTable(sheet([[t('Quarter 3 figures')], [], [t('METRIC  ID'), t('latest_value'), t('Reported-RAG')], [t('sickness'), n(4.5), t('Green')]]), CAT);
    expect(where(r)).toEqual([]);
    expect(r.observations).toMatchObject([{ id: 'sickness', value: { text: '4.5' }, rag: 'green', cell: 'Sheet1!A4' }]);
  });
  it('is refused when none of the first 20 rows names an id or title and a value', () => {
    const r = importTable(sheet([[t('Ref'), t('Latest figure')], [t('sickness'), n(4)]]), CAT);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]?.message).toMatch(/no header row in the first 20 rows/);
  });
  it('reports a column it does not read once, as a note', () => {
    const r = importTable(sheet([[t('Metric id'), t('Value'), t('Owner')], [t('sickness'), n(4), t('HR')], [t('defects-4h'), n(90), t('Roads')]]), CAT);
    expect(r.notes.map((x) => `${x.cell} ${x.message}`)).toEqual(["Sheet1!C1 column 'Owner' is not one ragtop imports: not read"]);
  });
  it('refuses two columns read as one field', () => {
    const r = importTable(sheet([[t('Metric id'), t('Value'), t('Figure')], [t('sickness'), n(4), n(5)]]), CAT);
    expect(where(r)).toEqual(['Sheet1!C1 error DUPLICATE_ID: two columns are read as value: Sheet1!B1 and this one; rename or remove one (or give --map FILE)']);
  });
  it('reads other headers through a --map file', () => {
    const map = parseMapText('columns:\n  "Latest figure": value\n  Ref: metric\n  England: benchmark national\n  Owner: ignore\n', 'map.yaml');
    expect(map.findings).toEqual([]);
    const r = importTable(sheet([[t('Ref'), t('Latest figure'), t('England'), t('Owner')], [t('visits'), n(120), n(100), t('x')]]), CAT, map.map);
    expect(where(r)).toEqual([]);
    expect(r.notes).toEqual([]);
    expect(r.observations[0]).toMatchObject({ id: 'visits', value: { text: '120' }, benchmarks: [['national', { text: '100' }]] });
  });
  it('refuses an unknown field in a --map file with did-you-mean, at file:line:col', () => {
    const map = parseMapText('columns:\n  "Latest figure": valeu\nextra: 1\n', 'map.yaml');
    expect(map.map).toBeUndefined();
    expect(map.findings.map((f) => `${f.line}:${f.column} ${f.code}: ${f.message}`)).toEqual([
      expect.stringMatching(/^2:20 SCHEMA: 'valeu' is not a field import reads \(did you mean 'value'\?\)/),
      "3:1 SCHEMA: unknown key 'extra': a --map file has only columns:",
    ]);
  });
});

const HEAD: SheetCell[] = [t('Metric id'), t('Metric title'), t('Value'), t('Reported RAG'), t('Note')];

describe('rows matched to metrics', () => {
  it('by id, by exact title, a KPI title for a single-metric KPI; a composite KPI row gives its RAG', () => {
    const r = importTable(
      sheet([
        HEAD,
        [t(' Defects-2D '), E, n(91)],
        [E, t('Defects repaired within 4 hours'), n(96)],
        [E, t('  Days lost to sickness '), n(4)],
        [E, t('Carriageway defects repaired on time'), E, t('A'), t('overall amber')],
        [E, E, E, E, E],
      ]),
      CAT,
    );
    expect(where(r)).toEqual([]);
    expect(r.observations.map((o) => `${o.id} ${o.kind} ${o.value?.text ?? '-'} ${o.rag ?? '-'}`)).toEqual(['sickness metric 4 -', 'defects kpi - amber', 'defects-4h metric 96 -', 'defects-2d metric 91 -']);
  });
  it('refuses an unknown id or title with did-you-mean, an ambiguous title naming both, and a second row for one metric', () => {
    const r = importTable(
      sheet([HEAD, [t('sicknes'), E, n(4)], [E, t('Days lost to sicknes'), n(4)], [E, t('Shared title'), n(1)], [t('defects-4h'), E, n(90)], [E, t('Defects repaired within 4 hours'), n(91)], [E, E, n(3)]]),
      CAT,
    );
    expect(where(r)).toEqual([
      "Sheet1!A2 error UNKNOWN_REF: metric id 'sicknes' is not in catalogue 'test' (did you mean 'sickness'?)",
      "Sheet1!B3 error UNKNOWN_REF: no metric in catalogue 'test' has the title 'Days lost to sicknes' (did you mean 'Days lost to sickness'?)",
      "Sheet1!B4 error SCHEMA: the title 'Shared title' is given by 'twin-b' and 'twin-c': give the metric id instead",
      "Sheet1!B6 error DUPLICATE_ID: a second row for 'defects-4h': Sheet1!A5 gives it too",
      'Sheet1!C7 error SCHEMA: row 7 has figures but no metric id or title',
    ]);
    expect(r.observations.map((o) => o.id)).toEqual(['defects-4h']);
  });
  it("refuses a composite KPI row's figures (only its RAG and note)", () => {
    const r = importTable(sheet([HEAD, [t('defects'), E, n(3), t('red')]]), CAT);
    expect(where(r)).toEqual(["Sheet1!C2 error SCHEMA: 'defects' is a composite KPI: its row may give only its overall reported RAG and a note; value belong on each of its metrics' rows"]);
  });
});

const FULL: SheetCell[] = [t('Metric id'), t('Value'), t('Numerator'), t('Denominator'), t('As of'), t('RAG'), t('Target override'), t('Flags'), t('Note')];

describe('values', () => {
  it('multiplies a percentage cell of a percent metric by 100 on its digits, and says so per column', () => {
    const r = importTable(sheet([FULL, [t('defects-4h'), n(0.449, { percent: true })], [t('defects-2d'), n(0.9, { percent: true, decimals: 1 })]]), CAT);
    expect(where(r)).toEqual([]);
    expect(r.observations.map((o) => o.value?.text)).toEqual(['44.9', '90.0']);
    expect(r.notes.map((x) => `${x.cell} ${x.message}`)).toEqual(['Sheet1!B1 column B: 2 percentage cells of a percent metric multiplied by 100 (a cell shown as 44.9% holds 0.449): Sheet1!B2, Sheet1!B3']);
  });
  it('refuses a percentage for a metric that is not a percent one, and in a numerator', () => {
    const r = importTable(sheet([FULL, [t('sickness'), n(0.4, { percent: true })], [t('visits'), t('12%')], [t('defects-4h'), n(50), n(0.5, { percent: true })]]), CAT);
    expect(where(r)).toEqual([
      "Sheet1!B2 error SCHEMA: the value is formatted as a percentage (it holds 0.4), but the metric's unit is days, not percent: write the number itself, without the percentage format",
      "Sheet1!B3 error SCHEMA: the value is written as a percentage ('12%'), but the metric's unit is count, not percent: write the number itself, without the percentage format",
      'Sheet1!C4 error SCHEMA: the numerator is formatted as a percentage (it holds 0.5), but a numerator or denominator is a count: write the number itself, without the percentage format',
    ]);
  });
  it('reads CSV text: 44.9% for a percent metric, decimals kept, thousands separators dropped', () => {
    const csv = (rows: string[][]) => sheet(rows.map((row) => row.map(t)), undefined);
    const r = importTable(csv([['id', 'value', 'numerator', 'denominator'], ['defects-4h', '44.9%', '', ''], ['defects-2d', '89.10', '1,234', '2,000'], ['visits', '2,910,912', '', '']]), CAT);
    expect(where(r)).toEqual([]);
    expect(r.observations.map((o) => [o.id, o.value?.text, o.numerator?.text, o.denominator?.text])).toEqual([
      ['defects-4h', '44.9', undefined, undefined],
      ['defects-2d', '89.10', '1234', '2000'],
      ['visits', '2910912', undefined, undefined],
    ]);
  });
  it('writes a fixed-decimals cell with its decimals where the value needs no more', () => {
    const r = importTable(sheet([FULL, [t('sickness'), n(4.5, { decimals: 2 })], [t('visits'), n(1.2345, { decimals: 2 })]]), CAT);
    expect(r.observations.map((o) => o.value?.text)).toEqual(['4.50', '1.2345']);
  });
  it('refuses text that is not a number, formula errors and uncalculated formulas, at their cells, all of them', () => {
    const r = importTable(
      sheet([FULL, [t('sickness'), t('n/a')], [t('visits'), { kind: 'error', value: '#DIV/0!', formula: true }], [t('defects-4h'), { kind: 'uncalculated' }], [t('defects-2d'), { kind: 'date', value: '2024-01-01', formula: false }]]),
      CAT,
    );
    expect(where(r)).toEqual([
      "Sheet1!B2 error SCHEMA: the value must be a number, not the text 'n/a'",
      'Sheet1!B3 error SCHEMA: the cell holds the error #DIV/0! (a formula that failed): fix it in the spreadsheet',
      'Sheet1!B4 error SCHEMA: the cell holds a formula with no calculated value (the file was never recalculated): open it in a spreadsheet program and save it',
      'Sheet1!B5 error SCHEMA: the value must be a number, not the date 2024-01-01',
    ]);
  });
  it('reads a formula by its cached value, dates as dates, RAG words and letters, flags, a band target, notes as text', () => {
    const r = importTable(
      sheet([
        FULL,
        [t('defects-4h'), n(0.95, { percent: true, formula: true }), n(95), n(100), { kind: 'date', value: '2024-06-30', formula: false }, t('GREEN'), t('94.5-99'), t('Provisional; revised'), t('=cmd|\' /C calc\'!A0')],
        [t('sickness'), n(4), E, E, t('Jan to Dec 2024'), t('r'), n(4.5), t('break in series'), t('no: yes # x')],
      ]),
      CAT,
    );
    expect(where(r)).toEqual([]);
    expect(r.observations).toMatchObject([
      { id: 'sickness', asOf: 'Jan to Dec 2024', rag: 'red', target: { kind: 'value', value: { text: '4.5' } }, flags: ['break_in_series'], note: 'no: yes # x' },
      { id: 'defects-4h', value: { text: '95' }, numerator: { text: '95' }, asOf: '2024-06-30', rag: 'green', target: { kind: 'band', min: { text: '94.5' }, max: { text: '99' } }, flags: ['provisional', 'revised'], note: "=cmd|' /C calc'!A0" },
    ]);
  });
  it('refuses a bad RAG word and an unknown flag with did-you-mean', () => {
    const r = importTable(sheet([FULL, [t('sickness'), n(4), E, E, E, t('purple'), E, t('provisonal')]]), CAT);
    expect(where(r)).toEqual([
      "Sheet1!F2 error SCHEMA: the reported RAG must be green, amber, red or unrated (or G, A, R, U), not 'purple'",
      "Sheet1!H2 error SCHEMA: flags must be among provisional, estimated, revised, break_in_series, not_for_publication; not 'provisonal' (did you mean 'provisional'?)",
    ]);
  });
  it('removes control characters from text with a warning at the cell, and folds line breaks', () => {
    const r = importTable(sheet([FULL, [t('sickness'), n(4), E, E, E, E, E, E, t('bad\u001b[31mred\nnext line')]]), CAT);
    expect(where(r)).toEqual(['Sheet1!I2 warning CONTROL_CHARS: control or invisible characters removed from the text']);
    expect(r.observations[0]?.note).toBe('badred next line');
  });
  it('skips a row that names a metric but gives nothing, with a note', () => {
    const r = importTable(sheet([FULL, [t('sickness')], [t('visits'), n(3)]]), CAT);
    expect(r.observations.map((o) => o.id)).toEqual(['visits']);
    expect(r.notes.map((x) => x.message)).toEqual(["'sickness' has no figure in its row: not imported"]);
  });
});

describe('what a new user gets wrong (walk-through findings)', () => {
  it('a sheet whose figures are in a column not read is refused, not imported as RAGs alone; the note says how to read it', () => {
    const r = importTable(sheet([[t('Metric name'), t('Q2 actual'), t('Status')], [t('Days lost to sickness'), n(4), t('Green')]]), CAT);
    expect(where(r)).toEqual([
      `Sheet1!A1 error SCHEMA: the header row has no column of figures (Value, latest value, figure, actual, result, outturn); not read: 'Q2 actual': rename the column, or give --map FILE naming it (columns: { "Q2 actual": value })`,
    ]);
    expect(r.notes.map((x) => x.message)).toEqual([`column 'Q2 actual' is not one ragtop imports: not read; if it holds the value, give --map FILE with \`"Q2 actual": value\``]);
  });
  it('with a --map file that names no column of figures, the RAGs alone are what the user asked for', () => {
    const map = parseMapText('columns:\n  Status: rag\n', 'map.yaml');
    const r = importTable(sheet([[t('Metric name'), t('Status')], [t('Days lost to sickness'), t('Green')]]), CAT, map.map);
    expect(where(r)).toEqual([]);
    expect(r.observations.map((o) => [o.id, o.rag])).toEqual([['sickness', 'green']]);
  });
  it('a CSV row wider than its header (an unquoted comma) is refused at the first extra field, saying why', () => {
    const csv: SheetTable = { file: 'q2.csv', rows: [[t('Metric name'), t('Value')], [t('Days lost'), t(' to sickness'), t('4')]] };
    expect(where(importTable(csv, CAT))).toEqual(['C2 error SCHEMA: row 2 has 3 fields but the header has 2: a text with a comma in it must be in double quotes ("Waste re-used, recycled …")']);
    // In a workbook, cells to the right of the table are simply not read.
    const xlsx = importTable(sheet([[t('Metric name'), t('Value')], [t('Days lost to sickness'), n(4), t('aside')]]), CAT);
    expect(where(xlsx)).toEqual([]);
  });
});

describe('a percentage typed as a fraction', () => {
  it('is a note at its cell (imported as written) where high is good and the target is 5 or more', () => {
    const r = importTable(sheet([[t('Metric id'), t('Value')], [t('defects-4h'), n(0.646)], [t('defects-2d'), n(0.646, { percent: true, decimals: 1 })], [t('sickness'), n(0.5)]]), CAT);
    expect(where(r)).toEqual([]);
    expect(r.notes.map((x) => `${x.cell} ${x.message}`)).toEqual([
      'Sheet1!B2 defects-4h: 0.646 for a percentage written 0–100 (target 95): if the cell means 64.6%, write 64.6 or format the cell as a percentage',
      expect.stringContaining('Sheet1!B1 column B: a percentage cell of a percent metric multiplied by 100') as unknown,
    ]);
    expect(r.observations.map((o) => [o.id, o.value?.text])).toEqual([['sickness', '0.5'], ['defects-4h', '0.646'], ['defects-2d', '64.6']]);
  });
});
