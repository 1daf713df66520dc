// An .xlsx workbook's sheet as a SheetTable, read with exceljs. The bytes have passed the zip
// pre-scan (zip.ts) before exceljs sees them; exceljs is loaded on first use only (it is large,
// and only `import` needs it).

import type { ValueType, Workbook, Worksheet } from 'exceljs';
import { isMapping } from '../../domain/guards.js';
import { showText } from '../../domain/text.js';
import { suggest } from '../issues.js';
import { toSheetCell } from './cells.js';
import { MAX_COLUMNS, MAX_ROWS } from './limits.js';
import { cellAddress, columnLetters, type SheetCell, type SheetTable } from './table.js';


/**
 * The worksheet parts exceljs is told to skip: only the cells (`sheetData`) are needed, and some
 * of these make exceljs do work in proportion to a range the file names, however few cells it
 * has: a data validation or a merge over A1:XFD1048576 is expanded cell by cell (billions), and
 * `<cols>` makes a column object for each column up to `max`. Hyperlinks are skipped too: a
 * hyperlink cell's value is then its text, which is all that is read of it.
 */
const IGNORED_PARTS = [
  'sheetPr',
  'dimension',
  'sheetViews',
  'sheetFormatPr',
  'cols',
  'autoFilter',
  'mergeCells',
  'rowBreaks',
  'hyperlinks',
  'pageMargins',
  'dataValidations',
  'pageSetup',
  'headerFooter',
  'printOptions',
  'picture',
  'drawing',
  'sheetProtection',
  'tableParts',
  'conditionalFormatting',
  'extLst',
];

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string; readonly cell?: string };

/** A loaded workbook, and exceljs's number for a text cell (its enum, known once exceljs is loaded). */
export interface Loaded {
  readonly workbook: Workbook;
  readonly textType: ValueType;
}

/** Loads the workbook; a library error is a message (its text made safe to show). */
export async function loadWorkbook(bytes: Buffer): Promise<Outcome<Loaded>> {
  const ExcelJS = (await import('exceljs')).default;
  const workbook = new ExcelJS.Workbook();
  // exceljs expands each defined name's range cell by cell as it loads (a name over
  // $A$1:$XFD$1048576 is 17 billion cells); the import reads no names, so they are not kept.
  Object.defineProperty(workbook.definedNames, 'model', { configurable: true, get: () => [], set: () => undefined });
  try {
    // exceljs's types want an ArrayBuffer (JSZip reads either): a copy, of at most --max-file-size.
    await workbook.xlsx.load(new Uint8Array(bytes).buffer, { ignoreNodes: IGNORED_PARTS });
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `the workbook cannot be read (${showText(why, 120)}); open it in a spreadsheet program and save it again as .xlsx` };
  }
  return { ok: true, value: { workbook, textType: ExcelJS.ValueType.String } };
}

/** The worksheet to read: the one named (exactly, else ignoring case), or the first visible one. */
export function pickSheet(workbook: Workbook, name: string | undefined): Outcome<Worksheet> {
  const sheets = workbook.worksheets;
  if (sheets.length === 0) return { ok: false, message: 'the workbook has no worksheet' };
  if (name === undefined) {
    // The first sheet as the user sees the tabs: a hidden sheet (a lookup list) is not it.
    const first = sheets.find((s) => s.state === 'visible' || s.state === undefined) ?? sheets[0];
    return first === undefined ? { ok: false, message: 'the workbook has no worksheet' } : { ok: true, value: first };
  }
  const exact = sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (exact) return { ok: true, value: exact };
  const names = sheets.map((s) => s.name);
  const near = suggest(name, names);
  const listed = names.slice(0, 20).map((n) => `"${showText(n, 40)}"`).join(', ');
  return {
    ok: false,
    message: `the workbook has no sheet named "${showText(name, 40)}"${near === undefined ? '' : ` (did you mean "${showText(near, 40)}"?)`}; its sheets are ${listed}${names.length > 20 ? ` and ${names.length - 20} more` : ''}`,
  };
}

const plural = (n: number, word: string): string => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/** The worksheet's cells as a table, or why not (a used range over the limits). */
export function sheetTable(sheet: Worksheet, file: string, book: Loaded): Outcome<SheetTable> {
  const date1904 = book.workbook.properties.date1904;
  const found: { row: number; col: number; cell: SheetCell }[] = [];
  let lastRow = 0;
  let lastCol = 0;
  let farthest: { row: number; col: number } | undefined;
  let lostText: { row: number; col: number } | undefined;
  // Only the cells the file holds are visited (exceljs keeps rows and cells in sparse arrays).
  sheet.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      // A shared-text cell whose text the workbook does not hold keeps the index as its value:
      // a number that is not in the file.
      if (cell.type === book.textType && typeof cell.value !== 'string' && !isMapping(cell.value)) lostText ??= { row: rowNumber - 1, col: colNumber - 1 };
      const value = toSheetCell(cell.value, { numFmt: cell.numFmt, date1904 });
      if (value.kind === 'empty') return;
      lastRow = Math.max(lastRow, rowNumber);
      lastCol = Math.max(lastCol, colNumber);
      if (rowNumber > MAX_ROWS || colNumber > MAX_COLUMNS) farthest ??= { row: rowNumber - 1, col: colNumber - 1 };
      else found.push({ row: rowNumber - 1, col: colNumber - 1, cell: value });
    });
  });
  const table = { file, sheet: sheet.name };
  if (lostText !== undefined) {
    return { ok: false, message: 'the cell refers to text the workbook does not hold (the file is damaged): open it in a spreadsheet program and save it again', cell: cellAddress(table, lostText.row, lostText.col) };
  }
  if (farthest !== undefined) {
    const size = `${plural(lastRow, 'row')} and ${plural(lastCol, 'column')} (to ${columnLetters(lastCol - 1)}${lastRow})`;
    return {
      ok: false,
      message: `the sheet uses ${size}; at most ${MAX_ROWS.toLocaleString('en-GB')} rows and ${MAX_COLUMNS} columns are read: delete what lies beyond the figures`,
      cell: cellAddress(table, farthest.row, farthest.col),
    };
  }
  const rows: SheetCell[][] = Array.from({ length: lastRow }, () => []);
  for (const f of found) {
    const row = rows[f.row];
    if (row === undefined) continue;
    while (row.length < f.col) row.push({ kind: 'empty' });
    row[f.col] = f.cell;
  }
  return { ok: true, value: { ...table, rows } };
}
