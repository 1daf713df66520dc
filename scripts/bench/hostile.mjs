#!/usr/bin/env node
// Writes the hostile inputs of the benchmark's section H: files under the size limits that are
// built to make a reader slow or greedy. Each case is a directory of its own; run.mjs measures
// `ragtop check` on it (time, peak RSS, exit status) and, for the files read off the main thread,
// how soon the app leaves when told to while it reads them.
//
//   node scripts/bench/hostile.mjs OUTDIR        writes every case and lists them
//
// Cases a–e and g are one period file (data/2019-20-Q4.yaml) read with the bundled catalogue and
// `--data`; f is a generated catalogue with observation ids renamed in its last quarter; h is a
// 57 MB preferences file (RAGTOP_CONFIG_DIR) under `check` on the bundled data. Cases i–n are
// spreadsheets for `ragtop import` (built with exceljs and JSZip): a zip bomb, a grid of numbers
// at the unpacked-size limit (at four --max-file-size values), a realistic workbook, three CSVs
// of the largest size, a defined name over the whole grid, and the bundled sample.
// Deterministic: the same bytes every time.

import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { generate } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
export const BUNDLED_CATALOGUE = path.join(ROOT, 'catalogue', 'lcc-2019-20.yaml');
const PERIOD_FILE = '2019-20-Q4.yaml';
const HEADER = 'period: 2019/20 Q4\n';

/** The careful reader's limit, read from the build so that "just under it" follows it. */
export async function carefulMaxBytes() {
  const m = (await import(pathToFileURL(path.join(ROOT, 'dist', 'app', 'internals.js')).href)).limits;
  if (typeof m.CAREFUL_MAX_BYTES !== 'number') throw new Error('the limits of the build have no CAREFUL_MAX_BYTES');
  return m.CAREFUL_MAX_BYTES;
}

/** The loader's default --max-file-size, read from the build: the largest spreadsheet `import` reads by default. */
async function fileMaxBytes() {
  const m = (await import(pathToFileURL(path.join(ROOT, 'dist', 'app', 'internals.js')).href)).limits;
  if (typeof m.DEFAULT_LIMITS?.maxBytes !== 'number') throw new Error('the limits of the build have no DEFAULT_LIMITS.maxBytes');
  return m.DEFAULT_LIMITS.maxBytes;
}

/** head + as many whole `unit`s as fit in `bytes` (UTF-8) with tail; the count of units. */
function fill(head, unit, tail, bytes) {
  const n = Math.max(1, Math.floor((bytes - Buffer.byteLength(head) - Buffer.byteLength(tail)) / Buffer.byteLength(unit)));
  return { text: head + unit.repeat(n) + tail, n };
}
const fillWith = (head, unitOf, tail, bytes) => {
  const parts = [head];
  let size = head.length + tail.length;
  let n = 0;
  for (;;) {
    const u = unitOf(n);
    if (size + u.length > bytes) break;
    parts.push(u);
    size += u.length;
    n++;
  }
  parts.push(tail);
  return { text: parts.join(''), n };
};
const kb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1024 ? `${(b / 1024).toFixed(0)} KiB` : `${b} B`);

/**
 * Writes every case under `dir`; returns [{ id, label, what, bytes, catalogue, args, env, expect,
 * cancel }]: `args` for `ragtop check` after the catalogue, `env` extra environment, `expect` the
 * exit statuses that are right (2: the file cannot load), `cancel` whether the app's cancel
 * latency is measured on it.
 */
export async function writeHostile(dir) {
  const under = (await carefulMaxBytes()) - 1024;
  const FOUR = 4_000_000;
  const cases = [];
  const periodCase = (id, label, what, { text, n }, { cancel = false, expect = [2] } = {}) => {
    const data = path.join(dir, id);
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, PERIOD_FILE), text);
    cases.push({ id, label, what: what.replace('{n}', n.toLocaleString('en-GB')), bytes: Buffer.byteLength(text), catalogue: BUNDLED_CATALOGUE, args: ['--data', data], env: {}, expect, cancel });
  };

  // (a) A flow sequence of `1,` items closed twice: a syntax error only at the very end.
  const flow = (bytes) => fill(`${HEADER}observations: [`, '1,', '1]\n]\n', bytes);
  periodCase('a-flow-under', 'a', 'flow sequence of {n} `1,` items and a stray `]`, just under the careful limit', flow(under), { cancel: true });
  periodCase('a-flow-4mb', 'a', 'flow sequence of {n} `1,` items and a stray `]`', flow(FOUR), { cancel: true });
  // (b) Deep nesting: flow `[`, compact block sequences (`- - - …`), indented mappings.
  periodCase('b-bracket-1.5m', 'b', '{n}-deep `[`', fill(`${HEADER}observations: `, '[', '\n', HEADER.length + 14 + 1_500_000 + 1), { cancel: true });
  periodCase('b-dash-750k', 'b', '{n}-deep block sequence (`- - - …` on one line)', fill(`${HEADER}observations:\n  `, '- ', '1\n', HEADER.length + 16 + 1_500_000 + 2), { cancel: true });
  periodCase(
    'b-indent-4mb',
    'b',
    '{n}-deep indented block mappings',
    fillWith(`${HEADER}observations:\n`, (i) => `${' '.repeat(2 * (i + 1))}a:\n`, '', FOUR),
    { cancel: true },
  );
  // (c) One key repeated.
  const dup = (bytes) => fill(`${HEADER}observations:\n`, '  defects-4h: { value: 1 }\n', '', bytes);
  periodCase('c-dup-under', 'c', '{n} repeats of one observation key, just under the careful limit', dup(under), { cancel: true });
  periodCase('c-dup-4mb', 'c', '{n} repeats of one observation key', dup(FOUR), { cancel: true });
  // (d) Keys the format does not know, each a did-you-mean candidate.
  const unknown = (bytes) => fillWith(HEADER, (i) => `u${i.toString(36).padStart(5, '0')}: 1\n`, '', bytes);
  periodCase('d-unknown-under', 'd', '{n} unknown top-level keys, just under the careful limit', unknown(under), { cancel: true });
  periodCase('d-unknown-4mb', 'd', '{n} unknown top-level keys', unknown(FOUR), { cancel: true });
  // (e) Schema errors: register entries of the wrong type.
  const wrong = (bytes) => fill(`${HEADER}register: [`, 'true, ', 'true]\n', bytes);
  periodCase('e-types-under', 'e', '{n} register entries of the wrong type, just under the careful limit', wrong(under), { cancel: true });
  periodCase('e-types-4mb', 'e', '{n} register entries of the wrong type (schema errors)', wrong(FOUR), { cancel: true });

  // (f) Observation ids renamed between quarters against a catalogue of as many KPIs.
  for (const n of [1000, 5000]) {
    const out = path.join(dir, `f-renamed-${n}`);
    const g = generate({ name: `R${n}`, kpis: n, quarters: 2, priorities: 8, register: 12, seed: 44 + n }, out);
    const last = g.files[g.files.length - 1]; // the newest quarter (files: the catalogue, then oldest first)
    const lines = readFileSync(last, 'utf8').split('\n');
    let inObs = false;
    let renamed = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === 'observations:') inObs = true;
      else if (inObs && !lines[i].startsWith('  ')) inObs = false;
      else if (inObs && renamed < n) {
        lines[i] = lines[i].replace(/^ {2}([^:\s]+):/, '  $1-v2:');
        renamed++;
      }
    }
    writeFileSync(last, lines.join('\n'));
    const bytes = g.files.reduce((s, f) => s + readFileSync(f).length, 0);
    cases.push({ id: `f-renamed-${n}`, label: 'f', what: `${renamed.toLocaleString('en-GB')} observation ids renamed (\`-v2\`) against a ${n.toLocaleString('en-GB')}-KPI catalogue`, bytes, catalogue: g.catalogue, args: [], env: {}, expect: [2], cancel: false });
  }

  // (g) The largest double in value, numerator and denominator: loads (errors, exit 1).
  const max = '1.7976931348623157e308';
  const extreme = `${HEADER}observations:\n  defects-4h: { value: ${max}, numerator: ${max}, denominator: 1 }\n  street-lighting: { value: ${max}, numerator: 1, denominator: ${max} }\n  recycling: { value: -${max} }\n`;
  periodCase('g-max-double', 'g', 'largest double in value, numerator and denominator', { text: extreme, n: 3 }, { expect: [0, 1] });

  // (h) A 57 MB preferences file (the reader caps it at 1 MiB); `check` on the bundled data.
  {
    const config = path.join(dir, 'h-prefs-57mb');
    mkdirSync(config, { recursive: true });
    const { text } = fillWith('{"lastPeriod": {', (i) => `"c${i}": "2019/20 Q3", `, '"x": ""}, "theme": "mono"}\n', 57_000_000);
    writeFileSync(path.join(config, 'config.json'), text);
    cases.push({ id: 'h-prefs-57mb', label: 'h', what: '57 MB preferences file (RAGTOP_CONFIG_DIR), `check` on the bundled data', bytes: Buffer.byteLength(text), catalogue: BUNDLED_CATALOGUE, args: [], env: { RAGTOP_CONFIG_DIR: config }, expect: [0, 1], cancel: false });
  }
  cases.push(...(await writeImportCases(dir, (await fileMaxBytes()) - 1024)));
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Spreadsheets for `ragtop import` (cases i–n): each an .xlsx or .csv file imported with the
// 2024/25 catalogue into a --data directory of its own (run.mjs gives each run a fresh one).

export const IMPORT_CATALOGUE = path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml');
const SAMPLE_XLSX = path.join(ROOT, 'sample-data', 'lcc-2024-25-Q2.xlsx');
const IMPORT_PERIOD = '2024/25 Q2';
const MIB = 1024 * 1024;

/** A seeded generator (mulberry32): the same "random" bytes every time. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** JSZip writes the date of now into every entry: a fixed one keeps the bytes the same. */
const ZIP_DATE = new Date(Date.UTC(2024, 9, 1));
async function zipBytes(zip) {
  for (const f of Object.values(zip.files)) f.date = ZIP_DATE;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
/** exceljs's bytes of a workbook, with its created/modified dates fixed and JSZip's entry dates too. */
async function workbookBytes(wb) {
  wb.creator = 'ragtop bench';
  wb.created = ZIP_DATE;
  wb.modified = ZIP_DATE;
  return zipBytes(await JSZip.loadAsync(await wb.xlsx.writeBuffer()));
}
/** The sum of the sizes a zip's parts unpack to (what the import's pre-scan bounds). */
async function unpackedSize(bytes) {
  const zip = await JSZip.loadAsync(bytes);
  let sum = 0;
  for (const f of Object.values(zip.files)) if (!f.dir) sum += (await f.async('nodebuffer')).length;
  return sum;
}

/** Column letters of a 1-based column number. */
function letters(n) {
  let s = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
}

/**
 * (j) A workbook whose parts unpack to just under `limit` bytes, its one sheet the number 1 in
 * every cell of 256 columns (the most the import reads) down as many rows as fit: the most cells
 * the pre-scan lets exceljs see. The sheet's XML is written here: exceljs would take minutes.
 */
async function numberGrid(limit) {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = 1;
  const zip = await JSZip.loadAsync(await workbookBytes(wb));
  const part = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(part).async('string');
  const [head, tail] = [xml.slice(0, xml.indexOf('<sheetData>') + '<sheetData>'.length), xml.slice(xml.indexOf('</sheetData>'))];
  let others = 0;
  for (const [name, f] of Object.entries(zip.files)) if (!f.dir && name !== part) others += (await f.async('nodebuffer')).length;
  const budget = limit - others - head.length - tail.length - 64;
  const cols = Array.from({ length: 256 }, (_, i) => letters(i + 1));
  const rows = [];
  let size = 0;
  let cells = 0;
  for (let r = 1; ; r++) {
    const row = `<row r="${r}">${cols.map((c) => `<c r="${c}${r}"><v>1</v></c>`).join('')}</row>`;
    if (size + row.length > budget) break;
    rows.push(row);
    size += row.length;
    cells += cols.length;
  }
  zip.file(part, head + rows.join('') + tail);
  return { bytes: await zipBytes(zip), cells, rows: rows.length };
}

/**
 * (i) A zip bomb: the sample workbook with its sheet replaced by 256 MiB of XML that deflates to
 * a few hundred kilobytes, and the central directory (and the part's local header) saying the
 * part unpacks to the 11,995 bytes the real sheet does.
 */
async function zipBomb() {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE_XLSX));
  const part = 'xl/worksheets/sheet1.xml';
  const declared = (await zip.file(part).async('nodebuffer')).length;
  const bomb = Buffer.alloc(256 * MIB, ' ');
  bomb.write('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>');
  zip.file(part, bomb);
  const bytes = await zipBytes(zip);
  // Rewrite the part's uncompressed size in its central directory entry and its local header.
  const end = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let p = bytes.readUInt32LE(end + 16);
  for (let i = bytes.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = bytes.readUInt16LE(p + 28);
    if (bytes.toString('utf8', p + 46, p + 46 + nameLength) === part) {
      bytes.writeUInt32LE(declared, p + 24);
      bytes.writeUInt32LE(declared, bytes.readUInt32LE(p + 42) + 22);
    }
    p += 46 + nameLength + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  return bytes;
}

/** The sample's figures sheet, copied cell by cell (values and number formats) into `ws`. */
async function copySampleSheet(ws) {
  const sample = new ExcelJS.Workbook();
  await sample.xlsx.load(readFileSync(SAMPLE_XLSX));
  sample.worksheets[0].eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const to = ws.getCell(r, c);
      to.value = cell.value;
      if (cell.numFmt) to.numFmt = cell.numFmt;
    });
  });
  return sample.worksheets[0].rowCount;
}

/**
 * (k) A workbook as a service might send it: the figures sheet first (the sample's 63 rows, then
 * working notes in a column the import does not read, down to row 300), a raw-data sheet of
 * `rawRows` rows (dates, wards, services, references, amounts, counts, the odd comment) and a
 * picture (incompressible bytes, as a photo or a chart pasted in is).
 */
async function realisticWorkbook({ rawRows, imageBytes }) {
  const rand = rng(2425);
  const wb = new ExcelJS.Workbook();
  const figures = wb.addWorksheet('KPIs Q2 2024-25');
  const used = await copySampleSheet(figures);
  figures.getCell(4, 16).value = 'Working notes';
  for (let r = used + 1; r <= 300; r++) figures.getCell(r, 16).value = `checked against the service return, line ${r - used}`;
  const raw = wb.addWorksheet('Raw data');
  raw.addRow(['Date', 'Ward', 'Service', 'Category', 'Reference', 'Amount', 'Count', 'Comment']);
  const wards = Array.from({ length: 33 }, (_, i) => `Ward ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? 'b' : ''} (${i + 1})`);
  const services = ['Highways', 'Waste', 'Housing', 'Adult Social Care', 'Children', 'Libraries', 'Planning', 'Revenues', 'Benefits', 'Parks'];
  const categories = ['Complaint', 'Request', 'Repair', 'Enquiry', 'Assessment', 'Inspection'];
  for (let i = 0; i < rawRows; i++) {
    const day = new Date(Date.UTC(2024, 6, 1 + Math.floor(rand() * 92)));
    raw.addRow([
      day,
      wards[Math.floor(rand() * wards.length)],
      services[Math.floor(rand() * services.length)],
      categories[Math.floor(rand() * categories.length)],
      `REF-${String(100000 + i).padStart(7, '0')}`,
      Math.round(rand() * 1e6) / 100,
      Math.floor(rand() * 500),
      rand() < 0.1 ? `follow-up ${Math.floor(rand() * 1e6)}` : null,
    ]);
  }
  raw.getColumn(1).numFmt = 'dd/mm/yyyy';
  const image = Buffer.alloc(imageBytes);
  for (let i = 0; i < imageBytes; i++) image[i] = Math.floor(rand() * 256);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(image);
  raw.addImage(wb.addImage({ buffer: image, extension: 'png' }), 'J2:P20');
  return workbookBytes(wb);
}

/**
 * (m) The sample workbook with a defined name over the whole grid of its sheet
 * ($A$1:$XFD$1048576, 17 billion cells), written into xl/workbook.xml as Excel writes one.
 */
async function wholeGridName() {
  const zip = await JSZip.loadAsync(readFileSync(SAMPLE_XLSX));
  const part = 'xl/workbook.xml';
  const xml = await zip.file(part).async('string');
  const name = `<definedNames><definedName name="Everything">'KPIs Q2 2024-25'!$A$1:$XFD$1048576</definedName></definedNames>`;
  if (!xml.includes('</sheets>') || xml.includes('<definedNames')) throw new Error('the sample workbook is not as this case expects');
  zip.file(part, xml.replace('</sheets>', `</sheets>${name}`));
  return zipBytes(zip);
}

/**
 * Writes the import cases under `dir`: [{ id, label, what, bytes, command: 'import', catalogue,
 * args (after `import`; run.mjs adds `--data` and a fresh directory), env, expect, cancel }].
 */
async function writeImportCases(dir, under) {
  const cases = [];
  const sheetCase = (id, label, what, file, bytes, { expect = [2], extra = [] } = {}) => {
    const at = path.join(dir, id);
    mkdirSync(at, { recursive: true });
    const to = path.join(at, file);
    writeFileSync(to, bytes);
    cases.push({ id, label, what, bytes: bytes.length, command: 'import', catalogue: IMPORT_CATALOGUE, args: [to, '--period', IMPORT_PERIOD, IMPORT_CATALOGUE, ...extra], env: {}, expect, cancel: false });
  };
  sheetCase('i-zip-bomb', 'i', 'zip bomb: a 256 MiB sheet declared (central directory and local header) as 11,995 bytes', 'bomb.xlsx', await zipBomb());
  for (const [limit, flag] of [[4, undefined], [3, '3M'], [2, '2M'], [1, '1M']]) {
    const g = await numberGrid(4 * limit * MIB);
    const what = `${g.cells.toLocaleString('en-GB')} cells of the number 1 (${g.rows.toLocaleString('en-GB')} rows × 256), unpacked just under ${4 * limit} MiB, the limit at --max-file-size ${limit}M${flag ? '' : ' (the default)'}`;
    sheetCase(`j-grid-${limit}m`, 'j', what, 'grid.xlsx', g.bytes, { extra: flag ? ['--max-file-size', flag] : [] });
  }
  const real = await realisticWorkbook({ rawRows: 32000, imageBytes: 2.5 * MIB });
  sheetCase('k-realistic', 'k', `figures sheet (300 rows) first, raw-data sheet (32,000 rows × 8), a 2.5 MiB picture; unpacked ${(await unpackedSize(real) / MIB).toFixed(1)} MiB`, 'return.xlsx', real, { expect: [0, 1] });
  const wide = fill('metric id,value,', '1,', '1\n', under);
  sheetCase('l-csv-wide', 'l', `CSV of one line of ${wide.n.toLocaleString('en-GB')} columns, just under --max-file-size`, 'wide.csv', Buffer.from(wide.text));
  const longCell = fill('metric id,value,note\nschool-places-primary,99,"', 'x', '"\n', under);
  sheetCase('l-csv-cell', 'l', `CSV whose one note cell is ${kb(longCell.n)}, just under --max-file-size (text is stored as text: it imports)`, 'cell.csv', Buffer.from(longCell.text), { expect: [0, 1] });
  // The same, in characters the YAML writer escapes (`\\` → `\\\\`): the period file written is
  // larger than the file limit its own loader applies, so the import must refuse it.
  const escaped = fill('metric id,value,note\nschool-places-primary,99,"', '\u00e9\\', '"\n', under);
  sheetCase('l-csv-escape', 'l', `CSV whose one note cell is ${escaped.n.toLocaleString('en-GB')} × \`é\\\`, just under --max-file-size (larger once written as YAML)`, 'escape.csv', Buffer.from(escaped.text));
  sheetCase('m-name-grid', 'm', 'the sample workbook with a defined name over $A$1:$XFD$1048576', 'named.xlsx', await wholeGridName(), { expect: [0, 1] });
  cases.push({ id: 'n-sample', label: 'n', what: 'the bundled sample sample-data/lcc-2024-25-Q2.xlsx (the normal case)', bytes: readFileSync(SAMPLE_XLSX).length, command: 'import', catalogue: IMPORT_CATALOGUE, args: [SAMPLE_XLSX, '--period', IMPORT_PERIOD, IMPORT_CATALOGUE], env: {}, expect: [0, 1], cancel: false });
  return cases;
}

export { kb as shownSize };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: node scripts/bench/hostile.mjs OUTDIR\n');
    process.exit(2);
  }
  for (const c of await writeHostile(path.resolve(outDir))) process.stdout.write(`${c.id}\t${kb(c.bytes)}\t${c.what}\n`);
}
