// readSheet: an .xlsx or .csv file as the cells it stores (never as displayed, never evaluated).
import { describe, expect, it } from 'vitest';
import type { SheetCell } from '../../../src/load/sheet/table.js';
import { onlyFinding, readBytes, tempDir, withSheetData, workbookBytes } from './fixtures.js';

const dir = tempDir();

const num = (value: number, extra: Partial<Extract<SheetCell, { kind: 'number' }>> = {}): SheetCell => ({ kind: 'number', value, percent: false, formula: false, ...extra });
const text = (value: string, formula = false): SheetCell => ({ kind: 'text', value, formula });

describe('readSheet on an .xlsx', () => {
  it('reads the cells a workbook exported by exceljs holds, as stored', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Q2 figures');
      ws.getCell('A1').value = 'Metric';
      ws.getCell('B1').value = 0.449;
      ws.getCell('B1').numFmt = '0.0%';
      ws.getCell('C1').value = 12.5;
      ws.getCell('C1').numFmt = '0.00';
      ws.getCell('D1').value = new Date(Date.UTC(2024, 8, 30));
      ws.getCell('D1').numFmt = 'dd/mm/yyyy';
      ws.getCell('E1').value = { formula: 'B1*2', result: 0.898 };
      ws.getCell('F1').value = { richText: [{ text: 'Rich ' }, { text: 'text', font: { bold: true } }] };
      ws.getCell('G1').value = { text: 'the source', hyperlink: 'https://example.org/' };
      ws.getCell('H1').value = '=SUM(A1)';
      ws.getCell('A2').value = true;
      ws.getCell('C3').value = 7;
    });
    const read = await readBytes(dir, 'export.xlsx', bytes);
    expect(read.findings).toEqual([]);
    expect(read.sheets).toEqual(['Q2 figures']);
    expect(read.table).toEqual({
      file: 'export.xlsx',
      sheet: 'Q2 figures',
      rows: [
        [
          text('Metric'),
          num(0.449, { percent: true, decimals: 1 }),
          num(12.5, { decimals: 2 }),
          { kind: 'date', value: '2024-09-30', formula: false },
          num(0.898, { formula: true }),
          text('Rich text'),
          text('the source'),
          text('=SUM(A1)'),
        ],
        [{ kind: 'boolean', value: true, formula: false }],
        [{ kind: 'empty' }, { kind: 'empty' }, num(7)],
      ],
    });
  });

  it('reads a formula with no cached value as uncalculated, and error values as errors', async () => {
    const bytes = await withSheetData(
      '<row r="1"><c r="A1"><f>1/0</f></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C1" t="e"><v>#N/A</v></c>' +
        '<c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="E1" t="b"><f>TRUE()</f><v>1</v></c></row>',
    );
    const read = await readBytes(dir, 'formulas.xlsx', bytes);
    expect(read.findings).toEqual([]);
    expect(read.table?.rows).toEqual([
      [
        { kind: 'uncalculated' },
        { kind: 'error', value: '#DIV/0!', formula: true },
        { kind: 'error', value: '#N/A', formula: false },
        text('ab', true),
        { kind: 'boolean', value: true, formula: true },
      ],
    ]);
  });
});

describe('readSheet on a .csv', () => {
  it('reads every field as text, rows of any length, a BOM dropped', async () => {
    const read = await readBytes(dir, 'q2.csv', '\ufeffmetric,value\nM1,44.9%\n"M,2","=1+1",,x\n\nM3\n');
    expect(read.findings).toEqual([]);
    expect(read.table).toEqual({
      file: 'q2.csv',
      rows: [[text('metric'), text('value')], [text('M1'), text('44.9%')], [text('M,2'), text('=1+1'), { kind: 'empty' }, text('x')], [], [text('M3')]],
    });
  });

  it('refuses an unclosed quote with the cell it opens in', async () => {
    const f = onlyFinding(await readBytes(dir, 'quote.csv', 'a,b\n1,"2\n3,4\n'));
    expect(f).toMatchObject({ code: 'READ_ERROR', severity: 'error', file: 'quote.csv', cell: 'B2', line: 0, column: 0 });
    expect(f.message).toMatch(/not closed/);
  });
});
