// `ragtop import`'s reader: an .xlsx or .csv file as a SheetTable, or the findings that say why
// not (READ_ERROR, naming the cell where one is concerned). A spreadsheet comes from other
// people: the file is checked before it is opened (a regular file, under the size limit), an
// .xlsx is pre-scanned as a zip (zip.ts) before exceljs sees it, and a sheet's used range is
// bounded. Nothing here throws on bad input, and no text from the file reaches a message raw.

import { statSync } from 'node:fs';
import path from 'node:path';
import { showText } from '../../domain/text.js';
import type { Finding } from '../../domain/types.js';
import { kindOf } from '../entries.js';
import { finding } from '../limits.js';
import { shown } from '../load.js';
import { describeFsError, formatBytes, readBounded } from '../read.js';
import { csvTable } from './csv.js';
import type { SheetTable } from './table.js';
import { loadWorkbook, pickSheet, sheetTable } from './xlsx.js';
import { cellLimit, inflatedLimit, MAX_ENTRIES, scanZip } from './zip.js';

export interface ReadSheetOptions {
  /** The worksheet to read (exact name, else ignoring case); the first visible one by default. */
  readonly sheet?: string;
  /** The largest file read, in bytes (the loader's --max-file-size). */
  readonly maxBytes: number;
  /** The directory the file is named relative to, and shown relative to in findings. */
  readonly cwd: string;
}

export interface SheetRead {
  /** The sheet's cells; undefined when any error finding was raised. */
  readonly table?: SheetTable;
  readonly findings: readonly Finding[];
  /** The workbook's sheet names, in order, when it was opened (none for a CSV). */
  readonly sheets?: readonly string[];
}

/** What each refused extension is, and what to do instead (lower case, with the dot). */
const REFUSED_EXTENSIONS: Readonly<Record<string, string>> = {
  '.xlsm': 'a macro-enabled workbook (.xlsm) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)',
  '.xltm': 'a macro-enabled template (.xltm) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)',
  '.xls': 'an Excel 97-2003 workbook (.xls) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)',
  '.xlsb': 'an Excel binary workbook (.xlsb) is not read: save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)',
  '.ods': 'an OpenDocument spreadsheet (.ods) is not read: save it as an Excel Workbook (.xlsx) or as CSV (.csv)',
};

/** The OLE compound file signature: an .xls of Excel 97-2003, or any workbook saved with a password. */
const OLE_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** A finding about the whole file, or one of its cells. */
function problem(file: string, message: string, where: { cell?: string; line?: number; column?: number } = {}): Finding {
  const f = finding('READ_ERROR', 'error', { file, line: where.line ?? 0, col: where.column ?? 0 }, message);
  return where.cell === undefined ? f : { ...f, cell: where.cell };
}

type Bytes = { readonly ok: true; readonly bytes: Buffer } | { readonly ok: false; readonly message: string };

/** The file's bytes, once it is known to be a regular file under the limit. */
function readFileBytes(file: string, maxBytes: number): Bytes {
  // A FIFO or a device is named without being opened: opening a FIFO waits for a writer.
  let size: number;
  try {
    const st = statSync(file);
    const kind = kindOf(st);
    if (kind !== undefined) return { ok: false, message: `this is ${kind}, not a spreadsheet file` };
    size = st.size;
  } catch (e) {
    return { ok: false, message: describeFsError(e, 'cannot read the file') };
  }
  if (size > maxBytes) return { ok: false, message: `the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit (raise it with --max-file-size)` };
  // Checked again on the open descriptor: the file may have been swapped since.
  const read = readBounded(file, maxBytes);
  if (read.ok) return read;
  switch (read.why) {
    case 'not-regular':
      return { ok: false, message: 'not a regular file (a pipe, socket or device)' };
    case 'too-big':
      return { ok: false, message: `the file is over the ${formatBytes(maxBytes)} limit (raise it with --max-file-size)` };
    case 'missing':
    case 'unreadable':
      return { ok: false, message: describeFsError(read.error, 'cannot read the file') };
  }
}

/** Reads the sheet of an .xlsx or .csv file; every problem is a finding, and then there is no table. */
export async function readSheet(file: string, options: ReadSheetOptions): Promise<SheetRead> {
  const absolute = path.resolve(options.cwd, file);
  const shownAs = showText(shown(absolute, options.cwd), 200);
  const fail = (message: string, where?: { cell?: string; line?: number; column?: number }): SheetRead => ({ findings: [problem(shownAs, message, where)] });
  const ext = path.extname(absolute).toLowerCase();
  const refused = REFUSED_EXTENSIONS[ext];
  if (refused !== undefined) return fail(refused);
  if (ext !== '.xlsx' && ext !== '.csv') {
    return fail(`only .xlsx and .csv files are imported (this one is ${ext === '' ? 'named without an extension' : `a ${showText(ext, 20)} file`}): save the sheet as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)`);
  }
  const read = readFileBytes(absolute, options.maxBytes);
  if (!read.ok) return fail(read.message);
  const bytes = read.bytes;
  if (bytes.subarray(0, OLE_SIGNATURE.length).equals(OLE_SIGNATURE)) {
    return fail('this is an Excel 97-2003 workbook (.xls) or a workbook saved with a password, whatever its name says: remove the password, or save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)');
  }
  if (ext === '.csv') {
    if (options.sheet !== undefined) return fail('--sheet names a worksheet of an .xlsx workbook; a CSV file has a single sheet');
    const csv = csvTable(bytes, shownAs);
    return csv.ok ? { table: csv.value, findings: [] } : fail(csv.message, csv);
  }
  const scan = scanZip(bytes, { maxEntries: MAX_ENTRIES, maxInflated: inflatedLimit(options.maxBytes), maxCells: cellLimit(options.maxBytes) });
  if (!scan.ok) return fail(scan.message);
  const loaded = await loadWorkbook(bytes);
  if (!loaded.ok) return fail(loaded.message);
  const { workbook } = loaded.value;
  const sheets = workbook.worksheets.map((s) => s.name);
  const picked = pickSheet(workbook, options.sheet);
  if (!picked.ok) return { ...fail(picked.message), sheets };
  const table = sheetTable(picked.value, shownAs, loaded.value);
  if (!table.ok) return { ...fail(table.message, table.cell === undefined ? {} : { cell: table.cell }), sheets };
  return { table: table.value, findings: [], sheets };
}
