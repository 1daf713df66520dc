// A cell's value and number format as a SheetCell: numbers as stored, with what the format says
// (a percentage, fixed decimals); dates as days; formulas by their cached result.
import { describe, expect, it } from 'vitest';
import { toSheetCell } from '../../../src/load/sheet/cells.js';
import { formatSections, isTimeOnlyFormat, numberLook } from '../../../src/load/sheet/numfmt.js';

const ctx = (numFmt?: string, date1904 = false) => ({ numFmt, date1904 });

describe('numberLook', () => {
  it.each([
    ['0', 3, { percent: false, decimals: 0 }],
    ['0.00', 3, { percent: false, decimals: 2 }],
    ['#,##0.0', 3, { percent: false, decimals: 1 }],
    ['0.0%', 0.5, { percent: true, decimals: 1 }],
    ['0%', 0.5, { percent: true, decimals: 0 }],
    ['[Red]0.00%', 0.5, { percent: true, decimals: 2 }],
    ['"£"#,##0.00', 3, { percent: false, decimals: 2 }],
    ['[$£-809]#,##0', 3, { percent: false, decimals: 0 }],
    ['_(* #,##0.00_);_(* (#,##0.00);_(* "-"??_)', 3, { percent: false, decimals: 2 }],
    ['0.0;(0.00)', -3, { percent: false, decimals: 2 }],
    ['0.0;(0.00)', 3, { percent: false, decimals: 1 }],
    ['0.0"%"', 3, { percent: false, decimals: 1 }],
    ['0.0\\%', 3, { percent: false, decimals: 1 }],
    ['General', 3, { percent: false }],
    ['0.0#', 3, { percent: false }],
    ['0.00E+00', 3, { percent: false }],
    ['# ?/?', 3, { percent: false }],
    ['0.0#%', 0.5, { percent: true }],
  ])('%s (value %d)', (format, value, look) => {
    expect(numberLook(format, value)).toEqual(look);
  });

  it('keeps a quoted ; inside its section', () => {
    expect(formatSections('0.0" ; "%;-0')).toEqual(['0.0%', '-0']);
  });

  it('tells a time or a duration from a date', () => {
    expect(['h:mm', 'hh:mm:ss AM/PM', 'mm:ss', '[h]:mm', '[mm]'].map(isTimeOnlyFormat)).toEqual([true, true, true, true, true]);
    expect(['dd/mm/yyyy', 'd-mmm-yy', 'mmm-yy', 'mmmm', 'dd/mm/yyyy hh:mm', 'yyyy-mm-dd'].map(isTimeOnlyFormat)).toEqual([false, false, false, false, false, false]);
  });
});

describe('toSheetCell', () => {
  it('reads numbers, text, booleans and errors as stored', () => {
    expect(toSheetCell(0.449, ctx('0.0%'))).toEqual({ kind: 'number', value: 0.449, percent: true, decimals: 1, formula: false });
    expect(toSheetCell(12, ctx())).toEqual({ kind: 'number', value: 12, percent: false, formula: false });
    expect(toSheetCell('=1+1', ctx())).toEqual({ kind: 'text', value: '=1+1', formula: false });
    expect(toSheetCell('\x1b[31mred', ctx())).toEqual({ kind: 'text', value: '\x1b[31mred', formula: false });
    expect(toSheetCell(false, ctx())).toEqual({ kind: 'boolean', value: false, formula: false });
    expect(toSheetCell({ error: '#REF!' }, ctx())).toEqual({ kind: 'error', value: '#REF!', formula: false });
    expect(toSheetCell(null, ctx())).toEqual({ kind: 'empty' });
  });

  it('reads a date as its day; a date with a time keeps its day; a time of day is its number', () => {
    expect(toSheetCell(new Date(Date.UTC(2024, 8, 30)), ctx('dd/mm/yyyy'))).toEqual({ kind: 'date', value: '2024-09-30', formula: false });
    expect(toSheetCell(new Date(Date.UTC(2024, 8, 30, 17, 45)), ctx('dd/mm/yyyy hh:mm'))).toEqual({ kind: 'date', value: '2024-09-30', formula: false });
    // 12:00 is half a day: serial 0.5 (exceljs made it 1899-12-30T12:00Z).
    expect(toSheetCell(new Date(Date.UTC(1899, 11, 30, 12)), ctx('h:mm'))).toEqual({ kind: 'number', value: 0.5, percent: false, formula: false });
    expect(toSheetCell(new Date(Date.UTC(1904, 0, 1, 6)), ctx('h:mm', true))).toEqual({ kind: 'number', value: 0.25, percent: false, formula: false });
    // A date no spreadsheet shows (Excel shows ######).
    expect(toSheetCell(new Date(Number.NaN), ctx('dd/mm/yyyy'))).toEqual({ kind: 'error', value: '######', formula: false });
    expect(toSheetCell(new Date(Date.UTC(12000, 0, 1)), ctx('dd/mm/yyyy'))).toEqual({ kind: 'error', value: '######', formula: false });
  });

  it('reads a formula by its cached result, and one with none as uncalculated', () => {
    expect(toSheetCell({ formula: 'A1/B1', result: 0.5 }, ctx('0%'))).toEqual({ kind: 'number', value: 0.5, percent: true, decimals: 0, formula: true });
    expect(toSheetCell({ sharedFormula: 'A1', result: 'x' }, ctx())).toEqual({ kind: 'text', value: 'x', formula: true });
    expect(toSheetCell({ formula: 'TODAY()', result: new Date(Date.UTC(2025, 0, 2)) }, ctx('d/m/yy'))).toEqual({ kind: 'date', value: '2025-01-02', formula: true });
    expect(toSheetCell({ formula: '1/0', result: { error: '#DIV/0!' } }, ctx())).toEqual({ kind: 'error', value: '#DIV/0!', formula: true });
    expect(toSheetCell({ formula: 'A1' }, ctx())).toEqual({ kind: 'uncalculated' });
    expect(toSheetCell({ sharedFormula: undefined, result: 2 }, ctx())).toMatchObject({ kind: 'number', value: 2, formula: true });
  });

  it('reads rich text and a hyperlink as their text', () => {
    expect(toSheetCell({ richText: [{ text: 'a' }, { text: 'b', font: {} }] }, ctx())).toEqual({ kind: 'text', value: 'ab', formula: false });
    expect(toSheetCell({ text: 'site', hyperlink: 'https://x.org' }, ctx())).toEqual({ kind: 'text', value: 'site', formula: false });
    expect(toSheetCell({ text: { richText: [{ text: 'rich link' }] }, hyperlink: 'https://x.org' }, ctx())).toEqual({ kind: 'text', value: 'rich link', formula: false });
  });

  it('never guesses at a shape it does not know', () => {
    expect(toSheetCell({ something: 1 }, ctx())).toEqual({ kind: 'error', value: '#VALUE!', formula: false });
  });
});
