// readSheet: an .xlsx or .csv file as the cells it stores (never as displayed, never evaluated).
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSheet } from '../../../src/load/sheet/read.js';
import type { SheetCell } from '../../../src/load/sheet/table.js';
import { MiB, onlyFinding, readBytes, tempDir, withSheetData, workbookBytes } from './fixtures.js';

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

describe('readSheet: which sheet', () => {
  const book = () =>
    workbookBytes((wb) => {
      const notes = wb.addWorksheet('Notes');
      notes.state = 'hidden';
      notes.getCell('A1').value = 'hidden';
      wb.addWorksheet('Figures').getCell('A1').value = 'figures';
      wb.addWorksheet('Other sheet').getCell('A1').value = 'other';
    });

  it('reads the first visible sheet, or the one named (exactly, else ignoring case)', async () => {
    const bytes = await book();
    const first = await readBytes(dir, 'sheets.xlsx', bytes);
    expect(first.sheets).toEqual(['Notes', 'Figures', 'Other sheet']);
    expect(first.table).toMatchObject({ sheet: 'Figures', rows: [[text('figures')]] });
    expect((await readBytes(dir, 'sheets.xlsx', bytes, { sheet: 'other SHEET' })).table).toMatchObject({ sheet: 'Other sheet', rows: [[text('other')]] });
    expect((await readBytes(dir, 'sheets.xlsx', bytes, { sheet: 'Notes' })).table).toMatchObject({ sheet: 'Notes' });
  });

  it('refuses an unknown sheet, listing the sheets and the nearest name, escaped', async () => {
    const bytes = await book();
    const read = await readBytes(dir, 'sheets.xlsx', bytes, { sheet: 'Figurs' });
    expect(read.sheets).toEqual(['Notes', 'Figures', 'Other sheet']);
    expect(onlyFinding(read).message).toBe('the workbook has no sheet named "Figurs" (did you mean "Figures"?); its sheets are "Notes", "Figures", "Other sheet"');
    const evil = onlyFinding(await readBytes(dir, 'sheets.xlsx', bytes, { sheet: '\x1b[2Jx' }));
    expect(evil.message).toContain('"\\x1b[2Jx"');
  });

  it('refuses --sheet with a CSV', async () => {
    expect(onlyFinding(await readBytes(dir, 'one.csv', 'a,b\n', { sheet: 'Sheet1' })).message).toMatch(/a CSV file has a single sheet/);
  });
});

describe('readSheet: which files', () => {
  it.each([
    ['q2.xlsm', /macro-enabled workbook \(\.xlsm\).*save it as an Excel Workbook \(\.xlsx\) or as CSV UTF-8/],
    ['q2.XLS', /Excel 97-2003 workbook \(\.xls\)/],
    ['q2.xlsb', /binary workbook/],
    ['q2.ods', /OpenDocument/],
    ['q2.txt', /only \.xlsx and \.csv files are imported \(this one is a \.txt file\)/],
    ['q2', /named without an extension/],
  ])('refuses %s by its name, without reading it', async (name, message) => {
    const f = onlyFinding(await readSheet(name, { maxBytes: MiB, cwd: dir }));
    expect(f).toMatchObject({ code: 'READ_ERROR', file: name, line: 0, column: 0 });
    expect(f.message).toMatch(message);
  });

  it('reads an upper-case .XLSX and .CSV', async () => {
    expect((await readBytes(dir, 'UPPER.XLSX', await workbookBytes((wb) => wb.addWorksheet('S').addRow([1])))).findings).toEqual([]);
    expect((await readBytes(dir, 'UPPER.CSV', 'a\n')).findings).toEqual([]);
  });

  it('refuses a missing file, a directory and a FIFO (without waiting for a writer)', async () => {
    expect(onlyFinding(await readSheet('missing.csv', { maxBytes: MiB, cwd: dir })).message).toBe('no such file');
    mkdirSync(path.join(dir, 'folder.xlsx'));
    expect(onlyFinding(await readSheet('folder.xlsx', { maxBytes: MiB, cwd: dir })).message).toBe('this is a directory, not a spreadsheet file');
    expect(spawnSync('mkfifo', [path.join(dir, 'pipe.csv')]).status).toBe(0);
    expect(onlyFinding(await readSheet('pipe.csv', { maxBytes: MiB, cwd: dir })).message).toBe('this is a named pipe (FIFO), not a spreadsheet file');
  });

  it('refuses a file over the size limit', async () => {
    const f = onlyFinding(await readBytes(dir, 'big.csv', 'x'.repeat(2048), { maxBytes: 1024 }));
    expect(f.message).toBe('the file is 2.0 KiB, over the 1.0 KiB limit (raise it with --max-file-size)');
  });

  it('names the file relative to cwd, or absolute outside it, escaped', async () => {
    const sub = path.join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    expect((await readBytes(dir, 'sub/x.csv', 'a\n')).table?.file).toBe(path.join('sub', 'x.csv'));
    expect((await readSheet(path.join(dir, 'sub/x.csv'), { maxBytes: MiB, cwd: sub + '-elsewhere' })).table?.file).toBe(path.join(dir, 'sub/x.csv'));
    expect(onlyFinding(await readSheet('evil\x1b[2J.xlsm', { maxBytes: MiB, cwd: dir })).file).toBe('evil\\x1b[2J.xlsm');
  });
});

describe('readSheet on a .csv: encodings, delimiters, limits', () => {
  it('takes a semicolon or tab when the first line has more of them than commas (outside quotes)', async () => {
    expect((await readBytes(dir, 'semi.csv', 'metric;value\nM1;44,9\n')).table?.rows).toEqual([[text('metric'), text('value')], [text('M1'), text('44,9')]]);
    expect((await readBytes(dir, 'tab.csv', 'metric\tvalue\tnote\nM1\t3\ta, b\n')).table?.rows[1]).toEqual([text('M1'), text('3'), text('a, b')]);
    expect((await readBytes(dir, 'tie.csv', '"a;b;c",x\n1;2,3\n')).table?.rows).toEqual([[text('a;b;c'), text('x')], [text('1;2'), text('3')]]);
  });

  it('refuses invalid UTF-8 with its line and column, and UTF-16', async () => {
    const f = onlyFinding(await readBytes(dir, 'latin1.csv', Buffer.from([0x61, 0x0a, 0x62, 0x2c, 0xa3, 0x35, 0x0a])));
    expect(f).toMatchObject({ line: 2, column: 3 });
    expect(f.message).toMatch(/not valid UTF-8 \(byte 0xa3 at offset 4\); save it as "CSV UTF-8"/);
    expect(onlyFinding(await readBytes(dir, 'utf16.csv', Buffer.from('\ufeffa,b\n', 'utf16le'))).message).toMatch(/UTF-16 encoded/);
  });

  it('keeps a control character in a cell (the matcher decides), never in a message', async () => {
    expect((await readBytes(dir, 'ctl.csv', 'a\x1b[31m,b\n')).table?.rows).toEqual([[text('a\x1b[31m'), text('b')]]);
  });

  it('refuses more than 10,000 rows or 256 columns', async () => {
    const long = onlyFinding(await readBytes(dir, 'long.csv', 'a\n'.repeat(10_001)));
    expect(long.cell).toBe('A10001');
    expect(long.message).toBe('the file has more than 10,000 rows; at most that many are read');
    expect((await readBytes(dir, 'long-ok.csv', 'a\n'.repeat(10_000))).table?.rows.length).toBe(10_000);
    const wide = onlyFinding(await readBytes(dir, 'wide.csv', `a\n${'x,'.repeat(256)}x\n`));
    expect(wide.cell).toBe('IW2');
    expect(wide.message).toBe('row 2 has 257 columns; at most 256 are read');
  });
});
