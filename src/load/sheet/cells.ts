// One exceljs cell value as a SheetCell. exceljs hands over what the file stores: a number, a
// string, a boolean, `{ error }`, `{ richText }`, `{ text, hyperlink }`, `{ formula | sharedFormula,
// result }`, and a Date (in UTC) where the number format is a date format. The values come from
// an untrusted file, so each shape is checked here rather than trusted to the library's types.

import { isMapping } from '../../domain/guards.js';
import type { SheetCell } from './table.js';
import { isTimeOnlyFormat, numberLook } from './numfmt.js';

const EMPTY: SheetCell = { kind: 'empty' };

/** What Excel shows for a date it cannot show (before 1900 or after 9999): a cell, not a date. */
export const BAD_DATE = '######';

/** The text of a rich-text value (`{ richText: [{ text }] }`), or undefined when it is not one. */
function richTextOf(v: unknown): string | undefined {
  if (!isMapping(v) || !Array.isArray(v.richText)) return undefined;
  return v.richText.map((run: unknown) => (isMapping(run) && typeof run.text === 'string' ? run.text : '')).join('');
}

/** yyyy-mm-dd of a UTC date, or undefined when it is out of the years a spreadsheet shows. */
function isoDay(d: Date): string | undefined {
  const t = d.getTime();
  if (Number.isNaN(t)) return undefined;
  const y = d.getUTCFullYear();
  if (y < 1900 || y > 9999) return undefined;
  return d.toISOString().slice(0, 10);
}

/** The serial number (days since 1899-12-30, or 1904-01-01) exceljs made a date of. */
function serialOf(d: Date, date1904: boolean): number {
  return d.getTime() / 86_400_000 + 25569 - (date1904 ? 1462 : 0);
}

interface Context {
  /** The cell's number format code (`0.0%`, `dd/mm/yyyy`), when it has one. */
  readonly numFmt: string | undefined;
  readonly date1904: boolean;
}

/** A plain (not formula) value or a formula's cached result as a SheetCell. */
function valueCell(v: unknown, formula: boolean, ctx: Context): SheetCell {
  if (v === null || v === undefined) return formula ? { kind: 'uncalculated' } : EMPTY;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', value: '#NUM!', formula };
    const look = numberLook(ctx.numFmt, v);
    return { kind: 'number', value: v, percent: look.percent, ...(look.decimals === undefined ? {} : { decimals: look.decimals }), formula };
  }
  if (typeof v === 'string') return { kind: 'text', value: v, formula };
  if (typeof v === 'boolean') return { kind: 'boolean', value: v, formula };
  if (v instanceof Date) {
    // A time of day or a duration (`h:mm`, `[h]:mm`) is a fraction of a day: the number stored.
    if (isTimeOnlyFormat(ctx.numFmt)) {
      const serial = serialOf(v, ctx.date1904);
      if (Number.isFinite(serial)) return { kind: 'number', value: serial, percent: false, formula };
    }
    // A date with a time keeps its day: a figure's "as of" is a day, and the day is what the cell shows first.
    const day = isoDay(v);
    return day === undefined ? { kind: 'error', value: BAD_DATE, formula } : { kind: 'date', value: day, formula };
  }
  if (isMapping(v)) {
    if (typeof v.error === 'string') return { kind: 'error', value: v.error, formula };
    const rich = richTextOf(v);
    if (rich !== undefined) return { kind: 'text', value: rich, formula };
  }
  // An object exceljs has no name for: refused by the matcher as an error value, never guessed at.
  return { kind: 'error', value: '#VALUE!', formula };
}

/** One cell's value (exceljs's `cell.value`) as a SheetCell. */
export function toSheetCell(value: unknown, ctx: Context): SheetCell {
  if (isMapping(value)) {
    if ('formula' in value || 'sharedFormula' in value) return valueCell(value.result, true, ctx);
    if (typeof value.hyperlink === 'string' && 'text' in value) {
      // Its text: a string, or rich text; the link target is not the cell's value.
      const text = typeof value.text === 'string' ? value.text : richTextOf(value.text);
      return text === undefined ? EMPTY : { kind: 'text', value: text, formula: false };
    }
  }
  return valueCell(value, false, ctx);
}
