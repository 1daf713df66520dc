// The pre-scan of an .xlsx before exceljs sees it. An .xlsx is a zip of XML parts, and a zip
// says how big its parts are without that being true: a part of a few kilobytes can inflate to
// gigabytes (a zip bomb), and JSZip, under exceljs, inflates every part whole. So the central
// directory is read here, the declared sizes are bounded, and every part is inflated with its
// output capped at its declared size: whatever the file is, this unpacks at most inflatedLimit()
// bytes, one part at a time. The parts that make a workbook refused (macros, links to other
// files) and row numbers no spreadsheet has are found here too.

import { inflateRawSync } from 'node:zlib';
import { errorCode } from '../../domain/guards.js';
import { showText } from '../../domain/text.js';
import { formatBytes } from '../read.js';

/** The most parts (entries) a workbook may have: a real one has a few dozen, one per sheet, image and style part. */
export const MAX_ENTRIES = 2000;

/**
 * The most bytes all the parts of a workbook may unpack to, together: four times the file size
 * limit (--max-file-size; 16 MiB by default). exceljs keeps the whole workbook in memory, about
 * 30 times its XML in the worst case, and reads every sheet, not only the one imported. Measured
 * with this reader (Node 20, a busy 8-core machine), a sheet of the number 1 in every cell (the
 * shortest cells XML has): 15.7 MiB of XML (630,000 cells) took 11 s and 500 MB of RSS; 22.5 MiB
 * 610 MB; 64 MiB (2.56 million cells) 18 s and 1.3 GB. A realistic 3.9 MiB workbook (a figures
 * sheet, a raw-data sheet of 30,000 rows, a 2 MiB image; 14.7 MiB unpacked) took 7 to 9 s and
 * 300 MB. A real quarterly return is well under 1 MiB of XML.
 */
export const inflatedLimit = (maxBytes: number): number => 4 * maxBytes;

/** The last row a spreadsheet has (Excel's, and LibreOffice's since 7.4). */
export const LAST_ROW = 1_048_576;

export type ZipScan = { readonly ok: true } | { readonly ok: false; readonly message: string };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** A part's name as exceljs matches it (a leading `/` dropped), lower-cased: zip names in a workbook ignore case. */
function partName(raw: Buffer): string {
  const name = raw.toString('utf8');
  return (name.startsWith('/') ? name.slice(1) : name).toLowerCase();
}

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressed: number;
  readonly size: number;
  readonly local: number;
}

/** The end of central directory record's offset: the last signature within the comment's reach, as JSZip finds it. */
function findEnd(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= lowest; i--) if (bytes.readUInt32LE(i) === EOCD) return i;
  return -1;
}

type Listing = { readonly ok: true; readonly entries: readonly Entry[]; readonly dataEnd: number } | { readonly ok: false; readonly message: string };

/** The central directory's entries, or why it is not one this reader follows. */
function listEntries(bytes: Buffer, limits: ZipLimits): Listing {
  const fail = (message: string): Listing => ({ ok: false, message });
  const end = findEnd(bytes);
  if (end < 0) return fail('the file is not an .xlsx workbook (it is not a zip archive, which an .xlsx is): open it in a spreadsheet program and save it as an Excel Workbook (.xlsx)');
  if (end >= 20 && bytes.readUInt32LE(end - 20) === ZIP64_LOCATOR) return fail('the workbook is a zip64 archive, which only a workbook far over any limit needs: it is not read');
  const disk = bytes.readUInt16LE(end + 4);
  const cdDisk = bytes.readUInt16LE(end + 6);
  const onDisk = bytes.readUInt16LE(end + 8);
  const count = bytes.readUInt16LE(end + 10);
  const cdSize = bytes.readUInt32LE(end + 12);
  const cdOffset = bytes.readUInt32LE(end + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return fail('the workbook is a zip64 archive, which only a workbook far over any limit needs: it is not read');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) return fail('the workbook is a zip archive split over several files: it is not read');
  if (count > limits.maxEntries) return fail(`the workbook has ${count.toLocaleString('en-GB')} parts, more than the ${limits.maxEntries.toLocaleString('en-GB')} a workbook is allowed: it is not read`);
  // The central directory must end where its end record starts: JSZip shifts every offset when it
  // does not (data before the archive), and this scan must inflate exactly what JSZip will.
  if (cdOffset + cdSize !== end) return fail('the workbook is damaged (its zip directory is not where it says): open it in a spreadsheet program and save it again');
  const entries: Entry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || bytes.readUInt32LE(p) !== CENTRAL) return fail('the workbook is damaged (its zip directory is cut short): open it in a spreadsheet program and save it again');
    const flags = bytes.readUInt16LE(p + 8);
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const size = bytes.readUInt32LE(p + 24);
    const nameLength = bytes.readUInt16LE(p + 28);
    const extraLength = bytes.readUInt16LE(p + 30);
    const commentLength = bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    const next = p + 46 + nameLength + extraLength + commentLength;
    if (next > end) return fail('the workbook is damaged (its zip directory is cut short): open it in a spreadsheet program and save it again');
    if ((flags & 0x41) !== 0 || method === 99) return fail('the workbook is encrypted (saved with a password): remove the password, or save it as an Excel Workbook (.xlsx) without one');
    if (compressed === 0xffffffff || size === 0xffffffff || local === 0xffffffff) return fail('the workbook is a zip64 archive, which only a workbook far over any limit needs: it is not read');
    if (method !== 0 && method !== 8) return fail(`the workbook's parts are compressed in a way an .xlsx does not use (method ${method}): open it in a spreadsheet program and save it again`);
    entries.push({ name: partName(bytes.subarray(p + 46, p + 46 + nameLength)), method, compressed, size, local });
    p = next;
  }
  return { ok: true, entries, dataEnd: cdOffset };
}

/** The bytes a part inflates to (never more than its declared size and one byte), or what is wrong with it. */
function inflatePart(bytes: Buffer, entry: Entry, dataEnd: number): Buffer | 'bigger' | 'damaged' {
  const at = entry.local;
  if (at + 30 > dataEnd || bytes.readUInt32LE(at) !== LOCAL) return 'damaged';
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  if (start + entry.compressed > dataEnd) return 'damaged';
  const data = bytes.subarray(start, start + entry.compressed);
  if (entry.method === 0) return entry.compressed === entry.size ? data : 'bigger';
  try {
    // One byte more than declared is enough to know it lies; a stream is never inflated further.
    const out = inflateRawSync(data, { maxOutputLength: entry.size + 1 });
    if (out.length > entry.size) return 'bigger';
    return out.length === entry.size ? out : 'damaged';
  } catch (e) {
    return errorCode(e) === 'ERR_BUFFER_TOO_LARGE' ? 'bigger' : 'damaged';
  }
}

export interface ZipLimits {
  readonly maxEntries: number;
  readonly maxInflated: number;
  /** The most cells all its sheets together may hold (cellLimit). */
  readonly maxCells: number;
}


const MACRO_CONTENT_TYPE = /macroenabled/i;

/** The parts exceljs reads as worksheets (its own test, which is not anchored). */
const WORKSHEET_PART = /xl\/worksheets\/sheet\d+\.xml/;

/**
 * The first row number past LAST_ROW that a worksheet's XML names (a `<row r>` or a `<c r>`):
 * exceljs keeps rows in an array indexed by number, and a walk over the rows of a sheet that
 * names row 2,000,000,000 takes minutes, however few rows it has. Only numbers of 7 digits or
 * more are looked at, so this is one pass of a regular expression over the part.
 */
function rowBeyondLast(text: string): string | undefined {
  const pattern = /\sr\s*=\s*["'][A-Za-z$]*(\d{7,})["']/g;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const digits = m[1] ?? '';
    if (Number(digits) > LAST_ROW) return digits;
  }
  return undefined;
}

/**
 * The text with its numeric character references decoded (`&#100;` is `d`, `&#x32;` is `2`), as the
 * XML parser under exceljs reads them: an attribute written `t="&#100;"` or `r="A&#50;000000000"`
 * is the same as `t="d"` and `r="A2000000000"`, and must not pass the checks below for being
 * spelt another way. A reference past the last code point is dropped (the parser refuses it).
 */
function decodeReferences(text: string): string {
  if (!text.includes('&#')) return text;
  return text.replace(/&#(?:x([0-9a-fA-F]{1,8})|([0-9]{1,10}));/g, (_, hex: string | undefined, dec: string | undefined) => {
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
  });
}

/**
 * Why a worksheet part is refused: a row past LAST_ROW, or a cell of type `d` (a date written as
 * ISO text, which Excel reads but never writes): exceljs reads `2024-09-30` there as the number
 * 2024, a wrong figure rather than an error.
 */
function worksheetProblem(xml: Buffer): string | undefined {
  const text = decodeReferences(xml.toString('latin1'));
  const row = rowBeyondLast(text);
  if (row !== undefined) return `a sheet names row ${showText(row, 20)}, past the last row a spreadsheet has (${LAST_ROW.toLocaleString('en-GB')}): the file is damaged or was not made by a spreadsheet program`;
  if (/<(?:\w+:)?c\s[^>]*\bt\s*=\s*["']d["']/.test(text)) {
    return 'a sheet holds dates written as text (cells of type "d"), which are not read: open the workbook in a spreadsheet program and save it again, which writes them as dates';
  }
  return undefined;
}

/**
 * The most cells the sheets of a workbook may hold, all sheets together (exceljs reads every
 * sheet, not only the one imported). exceljs's time and memory grow with cells, not bytes: about
 * 5 µs and 0.5 KB a cell after 0.8 s of start-up (docs/benchmarks.md, section H: 333,000 cells
 * took 2.2-2.5 s and 320 MB, 656,000 took 4.1 s and 459 MB on a busy 2-core machine). A quarter's
 * figures are a few hundred cells; a return with a raw-data sheet of 32,000 rows is 230,000.
 */
const MAX_CELLS = 350_000;
/** The cell limit for a --max-file-size: 350,000 at the default 4 MiB, raised with it as the unpacked size is. */
export const cellLimit = (maxBytes: number): number => Math.max(1, Math.round((MAX_CELLS * maxBytes) / (4 * 1024 * 1024)));

/** The cells a worksheet's XML holds: its `<c` elements (one pass, no allocation). */
function cellCount(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf('<c'); i >= 0; i = xml.indexOf('<c', i + 2)) {
    const next = xml[i + 2];
    // `<c ` or `<c>` or `<c/>`, never `<col`, `<cols`, `<cfRule`…
    if (next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d) n += 1;
  }
  return n;
}

/** Checks an .xlsx's zip before it is opened: every reason to refuse it is one sentence. */
export function scanZip(bytes: Buffer, limits: ZipLimits): ZipScan {
  const listing = listEntries(bytes, limits);
  if (!listing.ok) return listing;
  const { entries, dataEnd } = listing;
  const fail = (message: string): ZipScan => ({ ok: false, message });
  // Refusals by name first: they need nothing inflated.
  if (entries.some((e) => e.name.endsWith('vbaproject.bin'))) return fail('the workbook holds macros (a VBA project): save it as an Excel Workbook (.xlsx), which has none, or as CSV UTF-8 (.csv)');
  if (entries.some((e) => e.name.startsWith('xl/externallinks/'))) return fail('the workbook links to other workbooks (external links), so its figures may come from files not given: break the links (Data → Edit Links) and save it again');
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) return fail('the file is a zip archive but not an .xlsx workbook (it has no xl/workbook.xml): open it in a spreadsheet program and save it as an Excel Workbook (.xlsx)');
  const declared = entries.reduce((sum, e) => sum + e.size, 0);
  if (declared > limits.maxInflated) {
    return fail(`the workbook's parts hold ${formatBytes(declared)} when unpacked, over the ${formatBytes(limits.maxInflated)} a workbook is allowed: it is not read`);
  }
  let cells = 0;
  for (const entry of entries) {
    const out = inflatePart(bytes, entry, dataEnd);
    if (out === 'bigger') return fail('the workbook is a zip bomb (a part unpacks to more than its declared size): it is not read');
    if (out === 'damaged') return fail('the workbook is damaged (a part cannot be unpacked): open it in a spreadsheet program and save it again');
    if (entry.name === '[content_types].xml' && MACRO_CONTENT_TYPE.test(out.toString('utf8'))) {
      return fail('the workbook is macro-enabled (its content types say so): save it as an Excel Workbook (.xlsx) or as CSV UTF-8 (.csv)');
    }
    if (WORKSHEET_PART.test(entry.name)) {
      const why = worksheetProblem(out);
      if (why !== undefined) return fail(why);
      cells += cellCount(out);
      if (cells > limits.maxCells) {
        return fail(`the workbook's sheets hold more than ${limits.maxCells.toLocaleString('en-GB')} cells, more than a workbook of figures is allowed (--max-file-size raises it): copy the sheet of figures into a workbook of its own, or save it as CSV`);
      }
    }
  }
  return { ok: true };
}
