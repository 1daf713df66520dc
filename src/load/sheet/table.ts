// A spreadsheet's cells as `ragtop import` reads them, whatever the file was (.xlsx or .csv): the
// reader (read.ts) makes a SheetTable, the rows are matched to metrics elsewhere. Pure types.

/** One cell, as the file stores it (never as displayed, never evaluated). */
export type SheetCell =
  | { readonly kind: 'empty' }
  /**
   * A number as stored. `percent`: an .xlsx cell formatted as a percentage (it holds a fraction,
   * 0.449 shown as 44.9%). `decimals`: the fixed decimals its number format shows (`0.00` → 2),
   * where it has such a format. `formula`: the value is a formula's cached result.
   */
  | { readonly kind: 'number'; readonly value: number; readonly percent: boolean; readonly decimals?: number; readonly formula: boolean }
  /** Text, exactly as stored (a CSV field is always text). */
  | { readonly kind: 'text'; readonly value: string; readonly formula: boolean }
  /** A date cell, as yyyy-mm-dd. */
  | { readonly kind: 'date'; readonly value: string; readonly formula: boolean }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly formula: boolean }
  /** An error value such as `#DIV/0!` (a formula's cached result, or typed in). */
  | { readonly kind: 'error'; readonly value: string; readonly formula: boolean }
  /** A formula the file holds no cached value for (never calculated by a spreadsheet program). */
  | { readonly kind: 'uncalculated' };

export interface SheetTable {
  /** The file as named in findings (relative to the working directory where it is under it). */
  readonly file: string;
  /** The worksheet's name; undefined for a CSV. */
  readonly sheet?: string;
  /** Row 0 is the sheet's row 1; a row may be shorter than others (missing cells are empty). */
  readonly rows: readonly (readonly SheetCell[])[];
}

/** A column's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A cell's address as findings name it: `Sheet1!C12` (quoted as Excel does when needed), or `C12` in a CSV. */
export function cellAddress(table: Pick<SheetTable, 'sheet'>, row: number, col: number): string {
  const a1 = `${columnLetters(col)}${row + 1}`;
  if (table.sheet === undefined) return a1;
  const plain = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(table.sheet);
  return `${plain ? table.sheet : `'${table.sheet.replace(/'/g, "''")}'`}!${a1}`;
}
