// A CSV file as a SheetTable: strict UTF-8 (a BOM dropped), every field text, rows of any
// length. Parsed by csv-parse; what it refuses is one message with the cell it happened in.

import { parse } from 'csv-parse/sync';
import { errorCode, isMapping } from '../../domain/guards.js';
import { showText } from '../../domain/text.js';
import { firstInvalidUtf8, lineColOfByte, unicodeEncoding } from '../read.js';
import { cellAddress, type SheetCell, type SheetTable } from './table.js';
import { MAX_COLUMNS, MAX_ROWS } from './limits.js';

/** A CSV problem: a message, and where (a cell, or a line and column of the file). */
export type CsvOutcome = { readonly ok: true; readonly value: SheetTable } | { readonly ok: false; readonly message: string; readonly cell?: string; readonly line?: number; readonly column?: number };

/**
 * The delimiter: a comma, unless the first line has more semicolons (Excel's CSV where the
 * decimal separator is a comma) or more tabs (text copied from a sheet) than commas, outside
 * quotes. A tie is a comma, the format's own delimiter.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

/** The file's bytes as text, or why they are not UTF-8 text. */
function decode(bytes: Buffer): { ok: true; value: string } | { ok: false; message: string; line?: number; column?: number } {
  const encoding = unicodeEncoding(bytes);
  if (encoding) return { ok: false, message: `the file is ${encoding} encoded; save it as "CSV UTF-8"` };
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const p = lineColOfByte(bytes, bad);
    return {
      ok: false,
      message: `the file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}); save it as "CSV UTF-8"`,
      line: p.line,
      column: p.col,
    };
  }
  const text = bytes.toString('utf8');
  return { ok: true, value: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** What csv-parse's error says, as a sentence and a place. */
function csvError(e: unknown): { message: string; cell?: string; line?: number } {
  const code = errorCode(e);
  const info = isMapping(e) ? e : {};
  const row = typeof info.records === 'number' ? info.records : undefined;
  const col = typeof info.index === 'number' ? info.index : undefined;
  const line = typeof info.lines === 'number' ? info.lines : undefined;
  const cell = row !== undefined && col !== undefined ? cellAddress({}, row, col) : undefined;
  const where = { ...(cell === undefined ? {} : { cell }), ...(cell === undefined && line !== undefined ? { line } : {}) };
  if (code === 'CSV_QUOTE_NOT_CLOSED') return { message: 'a quoted field is not closed (its closing " is missing)', ...where };
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return { message: 'a quoted field has text after its closing " (write a quote inside a quoted field as "")', ...where };
  const why = e instanceof Error ? e.message : String(e);
  return { message: `the file is not valid CSV (${showText(why, 120)})`, ...where };
}

/** Reads CSV bytes as a table of text cells (an empty field is an empty cell). */
export function csvTable(bytes: Buffer, file: string): CsvOutcome {
  const decoded = decode(bytes);
  if (!decoded.ok) return decoded;
  const text = decoded.value;
  let records: unknown;
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      // A quote inside an unquoted field (`5" tall`) is text, as spreadsheet programs read it.
      relax_quotes: true,
      // Stop reading one past the limit: the rest is not needed to refuse the file.
      to: MAX_ROWS + 1,
    });
  } catch (e) {
    return { ok: false, ...csvError(e) };
  }
  if (!Array.isArray(records)) return { ok: false, message: 'the file is not valid CSV' };
  if (records.length > MAX_ROWS) return { ok: false, message: `the file has more than ${MAX_ROWS.toLocaleString('en-GB')} rows; at most that many are read`, cell: cellAddress({}, MAX_ROWS, 0) };
  const rows: SheetCell[][] = [];
  for (const [r, record] of records.entries()) {
    const fields: unknown[] = Array.isArray(record) ? record : [];
    if (fields.length > MAX_COLUMNS) {
      return { ok: false, message: `row ${r + 1} has ${fields.length.toLocaleString('en-GB')} columns; at most ${MAX_COLUMNS} are read`, cell: cellAddress({}, r, MAX_COLUMNS) };
    }
    const cells: SheetCell[] = fields.map((f) => (typeof f === 'string' && f !== '' ? { kind: 'text', value: f, formula: false } : { kind: 'empty' }));
    // Trailing empty fields (`a,b,,`) hold nothing: the row ends at its last field with text.
    while (cells.length > 0 && cells[cells.length - 1]?.kind === 'empty') cells.pop();
    rows.push(cells);
  }
  while (rows.length > 0 && rows[rows.length - 1]?.length === 0) rows.pop();
  return { ok: true, value: { file, rows } };
}
