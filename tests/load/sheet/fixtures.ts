// Spreadsheets for the reader's tests, built by the tests themselves: workbooks written by exceljs,
// and zips crafted with jszip where a workbook must be one no spreadsheet program would write.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll } from 'vitest';
import { readSheet, type ReadSheetOptions, type SheetRead } from '../../../src/load/sheet/read.js';

/** A temporary directory for this test file, removed when its tests are done. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-sheet-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export const MiB = 1024 * 1024;

/** A workbook's bytes, as exceljs writes it; `fill` adds the sheets and cells. */
export async function workbookBytes(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Writes `bytes` as `name` in `dir` and reads it (cwd: dir). */
export async function readBytes(dir: string, name: string, bytes: Buffer | string, options: Partial<ReadSheetOptions> = {}): Promise<SheetRead> {
  writeFileSync(path.join(dir, name), bytes);
  return readSheet(name, { maxBytes: 4 * MiB, cwd: dir, ...options });
}

/** The zip of a workbook exceljs wrote, to be changed part by part before it is written again. */
export async function workbookZip(fill: (wb: ExcelJS.Workbook) => void = (wb) => wb.addWorksheet('Sheet1').getCell('A1').value = 1): Promise<JSZip> {
  return JSZip.loadAsync(await workbookBytes(fill));
}

export async function zipBytes(zip: JSZip, compression: 'DEFLATE' | 'STORE' = 'DEFLATE'): Promise<Buffer> {
  return zip.generateAsync({ type: 'nodebuffer', compression });
}

/** The first worksheet's XML with its `<sheetData>` replaced (cells written as a program might). */
export async function withSheetData(sheetData: string, extra = '', dimension?: string): Promise<Buffer> {
  const zip = await workbookZip();
  const name = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(name)?.async('string');
  if (xml === undefined) throw new Error('exceljs wrote no sheet1.xml');
  let changed = xml.replace(/<sheetData>[\s\S]*<\/sheetData>|<sheetData\/>/, `<sheetData>${sheetData}</sheetData>${extra}`);
  if (dimension !== undefined) changed = changed.replace(/<dimension ref="[^"]*"\/>/, `<dimension ref="${dimension}"/>`);
  if (dimension !== undefined && !changed.includes(`<dimension ref="${dimension}"/>`)) throw new Error('exceljs wrote no <dimension>');
  zip.file(name, changed);
  return zipBytes(zip);
}

/** The one finding of a read that failed (the test fails when there is not exactly one). */
export function onlyFinding(read: SheetRead) {
  if (read.table !== undefined || read.findings.length !== 1) throw new Error(`expected one finding, got ${JSON.stringify(read.findings)} and ${read.table ? 'a table' : 'no table'}`);
  const f = read.findings[0];
  if (f === undefined) throw new Error('no finding');
  return f;
}

/** The offset of the end of central directory record (the last one). */
export function endRecord(bytes: Buffer): number {
  const at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0) throw new Error('not a zip');
  return at;
}

/** Calls `patch` with the offsets of the central directory and local headers of the part `name`. */
export function patchEntry(bytes: Buffer, name: string, patch: (buf: Buffer, at: { central: number; local: number }) => void): Buffer {
  const out = Buffer.from(bytes);
  const end = endRecord(out);
  let p = out.readUInt32LE(end + 16);
  for (let i = 0; i < out.readUInt16LE(end + 10); i++) {
    const nameLength = out.readUInt16LE(p + 28);
    if (out.subarray(p + 46, p + 46 + nameLength).toString('utf8') === name) {
      patch(out, { central: p, local: out.readUInt32LE(p + 42) });
      return out;
    }
    p += 46 + nameLength + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  throw new Error(`no part ${name}`);
}
