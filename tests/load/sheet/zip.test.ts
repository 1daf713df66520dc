// The zip pre-scan: an .xlsx that is not what it says is refused before exceljs sees it, with a
// sentence saying why, and the work on any file is bounded (no part is inflated past its size).
import { describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { cellLimit, inflatedLimit, MAX_ENTRIES, scanZip } from '../../../src/load/sheet/zip.js';
import { endRecord, MiB, onlyFinding, patchEntry, readBytes, tempDir, withSheetData, workbookBytes, workbookZip, zipBytes } from './fixtures.js';

const dir = tempDir();
const LIMITS = { maxEntries: MAX_ENTRIES, maxInflated: inflatedLimit(4 * MiB), maxCells: cellLimit(4 * MiB) };

async function refusal(bytes: Buffer, name = 'book.xlsx'): Promise<string> {
  const f = onlyFinding(await readBytes(dir, name, bytes));
  expect(f).toMatchObject({ code: 'READ_ERROR', severity: 'error', file: name, line: 0, column: 0 });
  return f.message;
}

describe('the zip pre-scan of an .xlsx', () => {
  it('passes a workbook exceljs wrote', async () => {
    expect(scanZip(await workbookBytes((wb) => wb.addWorksheet('S').addRow([1, 'a'])), LIMITS)).toEqual({ ok: true });
  });

  it('refuses a file that is not a zip, and a zip that is not a workbook', async () => {
    expect(await refusal(Buffer.from('metric,value\nM1,3\n'))).toMatch(/not a zip archive.*save it as an Excel Workbook/);
    const JSZip = (await import('jszip')).default;
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    expect(await refusal(await zipBytes(zip))).toMatch(/no xl\/workbook\.xml/);
  });

  it('refuses macros: a VBA project part, or a macro-enabled content type', async () => {
    const zip = await workbookZip();
    zip.file('xl/vbaProject.bin', Buffer.from([1, 2, 3]));
    expect(await refusal(await zipBytes(zip))).toMatch(/holds macros/);
    const typed = await workbookZip();
    const types = (await typed.file('[Content_Types].xml')?.async('string')) ?? '';
    typed.file('[Content_Types].xml', types.replace('spreadsheetml.sheet.main+xml', 'ms-excel.sheet.macroEnabled.main+xml'));
    expect(await refusal(await zipBytes(typed))).toMatch(/macro-enabled/);
  });

  it('refuses a workbook with external links', async () => {
    const zip = await workbookZip();
    zip.file('xl/externalLinks/externalLink1.xml', '<externalLink/>');
    expect(await refusal(await zipBytes(zip))).toMatch(/links to other workbooks/);
  });

  it('refuses a zip bomb whose directory lies about a part size, without inflating past it', async () => {
    const zip = await workbookZip();
    zip.file('xl/media/zeros.bin', Buffer.alloc(50 * MiB));
    // Both headers say 1 KiB: only inflating the part shows it is 50 MiB.
    const lying = patchEntry(await zipBytes(zip), 'xl/media/zeros.bin', (b, at) => {
      b.writeUInt32LE(1024, at.central + 24);
      b.writeUInt32LE(1024, at.local + 22);
    });
    const before = process.memoryUsage().rss;
    expect(await refusal(lying)).toMatch(/zip bomb/);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * MiB);
  });

  it('refuses a workbook whose parts declare more than the limit unpacked', async () => {
    const zip = await workbookZip();
    zip.file('xl/media/zeros.bin', Buffer.alloc(17 * MiB));
    expect(await refusal(await zipBytes(zip))).toMatch(/hold 17\.\d MiB when unpacked, over the 16\.0 MiB/);
    // --max-file-size raises it.
    expect((await readBytes(dir, 'big.xlsx', await zipBytes(zip), { maxBytes: 8 * MiB })).findings).toEqual([]);
  });

  it('refuses more parts than a workbook has', async () => {
    const zip = await workbookZip();
    for (let i = 0; i < MAX_ENTRIES; i++) zip.file(`xl/media/p${i}.txt`, '');
    expect(await refusal(await zipBytes(zip, 'STORE'))).toMatch(/parts, more than the 2,000/);
  });

  it('refuses an encrypted part, a zip64 archive, and a compression method an .xlsx does not use', async () => {
    const bytes = await workbookBytes((wb) => wb.addWorksheet('S').addRow([1]));
    expect(await refusal(patchEntry(bytes, 'xl/workbook.xml', (b, at) => b.writeUInt16LE(b.readUInt16LE(at.central + 8) | 1, at.central + 8)))).toMatch(/encrypted/);
    expect(await refusal(patchEntry(bytes, 'xl/workbook.xml', (b, at) => b.writeUInt32LE(0xffffffff, at.central + 20)))).toMatch(/zip64/);
    expect(await refusal(patchEntry(bytes, 'xl/workbook.xml', (b, at) => b.writeUInt16LE(12, at.central + 10)))).toMatch(/method 12/);
    const end = endRecord(bytes);
    const zip64 = Buffer.from(bytes);
    zip64.writeUInt16LE(0xffff, end + 10);
    expect(await refusal(zip64)).toMatch(/zip64/);
  });

  it('refuses a damaged zip: cut short, data before it, a part that does not inflate', async () => {
    const bytes = await workbookBytes((wb) => wb.addWorksheet('S').addRow([1]));
    expect(await refusal(bytes.subarray(0, bytes.length - 30))).toMatch(/not a zip archive|damaged/);
    expect(await refusal(Buffer.concat([Buffer.from('prefix'), bytes]))).toMatch(/damaged/);
    const garbled = patchEntry(bytes, 'xl/workbook.xml', (b, at) => {
      const start = at.local + 30 + b.readUInt16LE(at.local + 26) + b.readUInt16LE(at.local + 28);
      b.fill(0xff, start, start + 8);
    });
    expect(await refusal(garbled)).toMatch(/damaged \(a part cannot be unpacked\)/);
  });

  it('refuses an old .xls or a password-protected workbook by its signature, whatever its name', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    expect(await refusal(ole)).toMatch(/Excel 97-2003 workbook \(\.xls\) or a workbook saved with a password/);
    expect(await refusal(ole, 'figures.csv')).toMatch(/password/);
  });
});

describe('sheets that name ranges far past their cells', () => {
  it('reads a sheet whose dimension, merges and validations span the whole grid, quickly', async () => {
    const whole = 'A1:XFD1048576';
    const bytes = await withSheetData(
      '<row r="1"><c r="A1"><v>1</v></c><c r="B1" t="inlineStr"><is><t>x</t></is></c></row>',
      `<mergeCells count="1"><mergeCell ref="${whole}"/></mergeCells><dataValidations count="1"><dataValidation type="whole" sqref="${whole}"><formula1>1</formula1></dataValidation></dataValidations>`,
      whole,
    );
    // exceljs expands a merge or a validation cell by cell (17 billion here): it must not see them.
    const read = await readBytes(dir, 'ranges.xlsx', bytes);
    expect(read.findings).toEqual([]);
    expect(read.table?.rows).toEqual([[{ kind: 'number', value: 1, percent: false, formula: false }, { kind: 'text', value: 'x', formula: false }]]);
  });

  it('reads a workbook whose defined names span the whole grid, quickly', async () => {
    const zip = await workbookZip();
    const xml = (await zip.file('xl/workbook.xml')?.async('string')) ?? '';
    const names = '<definedNames><definedName name="everything">Sheet1!$A$1:$XFD$1048576</definedName></definedNames>';
    zip.file('xl/workbook.xml', xml.replace(/<definedNames\/>|<definedNames>[\s\S]*<\/definedNames>|(?=<calcPr)/, names));
    expect((await zip.file('xl/workbook.xml')?.async('string'))?.includes(names)).toBe(true);
    const read = await readBytes(dir, 'names.xlsx', await zipBytes(zip));
    expect(read.findings).toEqual([]);
    expect(read.table?.rows).toEqual([[{ kind: 'number', value: 1, percent: false, formula: false }]]);
  });

  it('refuses a used range past 10,000 rows or 256 columns, naming the cell', async () => {
    const far = onlyFinding(await readBytes(dir, 'far.xlsx', await withSheetData('<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>')));
    expect(far.cell).toBe('Sheet1!XFD1048576');
    expect(far.message).toMatch(/uses 1,048,576 rows and 16,384 columns \(to XFD1048576\); at most 10,000 rows and 256 columns/);
    const wide = onlyFinding(await readBytes(dir, 'wide.xlsx', await withSheetData('<row r="2"><c r="IW2"><v>1</v></c></row>')));
    expect(wide.cell).toBe('Sheet1!IW2');
    expect(wide.message).toMatch(/uses 2 rows and 257 columns/);
    const tall = await readBytes(dir, 'tall.xlsx', await withSheetData('<row r="10000"><c r="IV10000"><v>1</v></c></row>'));
    expect(tall.findings).toEqual([]);
    expect(tall.table?.rows.length).toBe(10_000);
  });

  it('refuses a shared-text cell whose text is missing, and a date cell of type d (exceljs would read numbers)', async () => {
    const lost = onlyFinding(await readBytes(dir, 'lost.xlsx', await withSheetData('<row r="3"><c r="B3" t="s"><v>99</v></c></row>')));
    expect(lost.cell).toBe('Sheet1!B3');
    expect(lost.message).toMatch(/refers to text the workbook does not hold/);
    const iso = onlyFinding(await readBytes(dir, 'iso.xlsx', await withSheetData('<row r="1"><c r="A1" t="d"><v>2024-09-30</v></c></row>')));
    expect(iso.message).toMatch(/dates written as text \(cells of type "d"\)/);
  });

  it('reads character references as the XML parser does: t="&#100;" is type d, r="A&#50;000000000" is row 2,000,000,000', async () => {
    for (const t of ['&#100;', '&#x64;']) {
      const f = onlyFinding(await readBytes(dir, 'ref.xlsx', await withSheetData(`<row r="1"><c r="A1" t="${t}"><v>2024-09-30</v></c></row>`)));
      expect(f.message, t).toMatch(/dates written as text \(cells of type "d"\)/);
    }
    const far = onlyFinding(await readBytes(dir, 'far.xlsx', await withSheetData('<row r="&#50;000000000"><c r="A&#50;000000000"><v>1</v></c></row>')));
    expect(far.message).toMatch(/names row 2000000000, past the last row/);
  });

  it('refuses XML entities (a billion laughs): the XML parser does not expand them', async () => {
    const zip = await workbookZip();
    const name = 'xl/worksheets/sheet1.xml';
    let entities = '<!ENTITY lol0 "lol">';
    for (let i = 1; i < 9; i++) entities += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
    const xml = (await zip.file(name)?.async('string')) ?? '';
    zip.file(name, xml.replace('?>', `?><!DOCTYPE worksheet [${entities}]>`).replace(/<sheetData>[\s\S]*<\/sheetData>/, '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol8;</t></is></c></row></sheetData>'));
    expect(await refusal(await zipBytes(zip))).toMatch(/cannot be read \(.*undefined entity/);
  });

  it('refuses a row number past the last row a spreadsheet has, before exceljs walks to it', async () => {
    const f = onlyFinding(await readBytes(dir, 'huge-row.xlsx', await withSheetData('<row r="1"><c r="A1"><v>1</v></c></row><row r="4294967295"><c r="A4294967295"><v>2</v></c></row>')));
    expect(f.message).toMatch(/names row 4294967295, past the last row a spreadsheet has \(1,048,576\)/);
  });
});

describe('the cells of a workbook are bounded (exceljs takes time and memory per cell, every sheet)', () => {
  it('350,000 at the default limit, raised and lowered with --max-file-size', () => {
    expect(cellLimit(4 * MiB)).toBe(350_000);
    expect(cellLimit(8 * MiB)).toBe(700_000);
  });
  it('refuses a workbook whose sheets together hold more, before exceljs reads it; counts cells, not columns or rules', async () => {
    // 64 KiB allows 5,469 cells: two sheets of 3,000 each pass one by one and not together.
    const maxBytes = 64 * 1024;
    expect(cellLimit(maxBytes)).toBe(5469);
    const grid = (wb: ExcelJS.Workbook, name: string) => {
      const ws = wb.addWorksheet(name);
      ws.columns = Array.from({ length: 30 }, () => ({ width: 12 }));
      for (let r = 0; r < 100; r++) ws.addRow(Array.from({ length: 30 }, (_, c) => r * 30 + c));
    };
    const one = await readBytes(dir, 'one.xlsx', await workbookBytes((wb) => grid(wb, 'A')), { maxBytes });
    expect(one.findings).toEqual([]);
    const two = onlyFinding(await readBytes(dir, 'two.xlsx', await workbookBytes((wb) => (grid(wb, 'A'), grid(wb, 'B'))), { maxBytes }));
    expect(two.message).toBe("the workbook's sheets hold more than 5,469 cells, more than a workbook of figures is allowed (--max-file-size raises it): copy the sheet of figures into a workbook of its own, or save it as CSV");
  });
});
