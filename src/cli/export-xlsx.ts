// `export --format xlsx`: the workbook that src/viewmodel/export-workbook.ts describes, written
// with exceljs (this module is imported on first use: nothing else needs the library). Cells are typed: a number is a number
// with a number format that shows its decimals as written (`0.00` for 89.10), a date a date, text
// always a string cell. Nothing is ever written as a formula: a text that begins with = + - @ is
// a string like any other, which a spreadsheet shows and never evaluates.

import ExcelJS from 'exceljs';
import type { WorkbookCell, WorkbookDescription, WorkbookSheet } from '../viewmodel/export-workbook.js';

/** The number format that shows `decimals` fixed decimals: 0, 0.0, 0.00 … */
export function numberFormat(decimals: number): string {
  const d = Math.max(0, Math.min(15, Math.trunc(decimals)));
  return d === 0 ? '0' : `0.${'0'.repeat(d)}`;
}

const DATE_FORMAT = 'yyyy-mm-dd';
/** The derived columns' shading (a pale grey), their header's a little darker. */
const DERIVED_FILL = 'FFF2F2F2';
const DERIVED_HEADER_FILL = 'FFD9D9D9';


function setCell(cell: ExcelJS.Cell, c: WorkbookCell): void {
  switch (c.kind) {
    case 'empty':
      return;
    case 'number':
      cell.value = c.value;
      cell.numFmt = numberFormat(c.decimals);
      return;
    case 'date': {
      const [y, m, d] = c.value.split('-').map(Number);
      cell.value = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
      cell.numFmt = DATE_FORMAT;
      return;
    }
    case 'text':
      // A string value is a string cell (a shared string): never a formula, whatever it begins with.
      cell.value = c.value;
      if (c.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      return;
  }
}

function fill(argb: string) {
  return { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } };
}

function addSheet(wb: ExcelJS.Workbook, sheet: WorkbookSheet): void {
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = sheet.columns.map((c) => ({ width: c.width }));
  const header = ws.getRow(1);
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true, ...(c.group === 'derived' ? { italic: true } : {}) };
    if (c.group === 'derived') cell.fill = fill(DERIVED_HEADER_FILL);
  });
  sheet.rows.forEach((row, r) => {
    const xrow = ws.getRow(r + 2);
    row.forEach((c, i) => {
      const cell = xrow.getCell(i + 1);
      setCell(cell, c);
      if (sheet.columns[i]?.group === 'derived') cell.fill = fill(DERIVED_FILL);
    });
  });
  if (sheet.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
}

/** The workbook as the bytes of an .xlsx file. */
export async function workbookBytes(desc: WorkbookDescription): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ragtop';
  wb.lastModifiedBy = 'ragtop';
  wb.title = desc.title;
  wb.subject = desc.subject;
  for (const sheet of desc.sheets) addSheet(wb, sheet);
  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
