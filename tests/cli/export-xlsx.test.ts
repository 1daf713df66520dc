// `ragtop export --format xlsx`: the workbook as written, read back with exceljs (and its XML with
// jszip): sheets, frozen header, typed cells, RAG as symbol and word, hostile text inert, the
// recorded columns equal to the loaded observations of every bundled period; --output's rules.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { workbookBytes } from '../../src/cli/export-xlsx.js';
import { safeWriteFile } from '../../src/cli/safe-write.js';
import { loadDataset } from '../../src/load/load.js';
import { readSheet } from '../../src/load/sheet/read.js';
import { CELL_MAX_CHARS, metricsWorkbook } from '../../src/viewmodel/export-workbook.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { BIN, HAVE_BIN, NOT_BUILT } from '../built.js';
import { catalogue, runCli, writeTree } from '../helpers.js';
import { recordedObservations, sheetObservations, type RecordedObservations } from '../roundtrip.js';
import { formatPeriod, samePeriod } from '../../src/domain/period.js';
import { importedFields, loadedRecords } from '../../src/load/import/fields.js';
import { importTable } from '../../src/load/import/rows.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SMALL = path.join(ROOT, 'tests', 'fixtures', 'export', 'small');

function workspace(): string {
  const dir = writeTree({});
  cpSync(SMALL, dir, { recursive: true });
  return dir;
}

async function exportXlsx(dir: string, ...args: string[]) {
  return runCli(['export', 'catalogue.yaml', '--format', 'xlsx', ...args], { cwd: dir, env: { RAGTOP_CONFIG_DIR: dir } });
}

/** The bytes as exceljs's load takes them (its own Buffer type is an ArrayBuffer). */
async function bookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(bytes).buffer);
  return wb;
}

const readBook = (file: string) => bookOf(readFileSync(file));

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** The cell of the row whose Metric id is `id`, in the column headed `header`. */
function cellAt(ws: ExcelJS.Worksheet, id: string, header: string): ExcelJS.Cell {
  let col = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (c.value === header) col = i;
  });
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(1).value === id) return ws.getRow(r).getCell(col);
  throw new Error(`no row ${id}`);
}

const HOSTILE = catalogue(`      - { id: a, title: "=HYPERLINK(\\"http://evil.example\\",\\"click\\")", unit: percent, good: high, target: 90 }
      - { id: b, title: "+cmd|' /C calc'!A0", unit: count, good: high, target: 1 }
      - { id: c, title: "@SUM(A1)", unit: count, good: high, target: 1 }
`);
const HOSTILE_Q = `period: 2024/25 Q1
observations:
  a: { value: 89.10, rag: Green, note: "=1+1", target_label: "-2+3" }
  b: { value: -3, note: "bell\\u0007 esc\\u001b[31m nul\\u0000 del\\u007f" }
  c: { value: 4000000, as_of: "2024-06-30", note: "=HYPERLINK(\\"http://evil.example\\")" }
`;

describe('export --format xlsx writes a workbook', () => {
  it('with "All" and a sheet per priority, the header bold, frozen and filtered, the properties set', async () => {
    const dir = workspace();
    const r = await exportXlsx(dir, '--output', 'kpis.xlsx');
    expect(r).toEqual({ status: 0, stdout: '', stderr: '' });
    const wb = await readBook(path.join(dir, 'kpis.xlsx'));
    const loaded = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    const priorities = loaded.dataset?.catalogue.priorities ?? [];
    expect(wb.worksheets.map((w) => w.name)).toEqual(['All', ...priorities.map((p) => p.short ?? p.title)]);
    expect(wb.creator).toBe('ragtop');
    expect(wb.title).toContain('2019/20 Q2');
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.getRow(1).getCell(1).value).toBe('Metric id');
      expect(ws.getRow(1).getCell(1).font.bold).toBe(true);
      expect(ws.autoFilter).toBeTruthy();
      // Every column has its width (read back: none left to the default).
      for (let c = 1; c <= ws.columnCount; c++) expect(ws.getColumn(c).width, `${ws.name} column ${c}`).toBeGreaterThanOrEqual(10);
    }
    expect(readdirSync(dir).filter((n) => n.includes('kpis'))).toEqual(['kpis.xlsx']);
  });

  it('with typed cells: numbers with the format of their decimals, a date as a date, RAGs as symbol and word, hostile text as inert strings', async () => {
    const dir = writeTree({ 'catalogue.yaml': HOSTILE, 'q.yaml': HOSTILE_Q });
    // The data directory is the catalogue's own: the workbook goes elsewhere.
    const file = path.join(writeTree({}), 'out.xlsx');
    expect(await exportXlsx(dir, '--output', file)).toEqual({ status: 0, stdout: '', stderr: '' });
    const ws = sheet(await readBook(file), 'All');
    expect(cellAt(ws, 'a', 'Value').value).toBe(89.1);
    expect(cellAt(ws, 'a', 'Value').numFmt).toBe('0.00');
    expect(cellAt(ws, 'b', 'Value').value).toBe(-3);
    expect(cellAt(ws, 'c', 'Value').value).toBe(4000000);
    expect(cellAt(ws, 'c', 'Value').numFmt).toBe('0');
    expect(cellAt(ws, 'c', 'As of').value).toEqual(new Date('2024-06-30T00:00:00Z'));
    expect(cellAt(ws, 'a', 'Reported RAG').value).toBe('green');
    expect(cellAt(ws, 'a', 'Counted RAG').value).toBe('✓ Green');
    expect(cellAt(ws, 'a', 'Computed RAG').value).toBe('! Amber');
    expect(cellAt(ws, 'a', 'Measure').value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(cellAt(ws, 'b', 'Measure').value).toBe("+cmd|' /C calc'!A0");
    expect(cellAt(ws, 'c', 'Measure').value).toBe('@SUM(A1)');
    expect(cellAt(ws, 'a', 'Note').value).toBe('=1+1');
    expect(cellAt(ws, 'a', 'Target label').value).toBe('-2+3');
    expect(cellAt(ws, 'b', 'Note').value).toBe('bell esc nul del');
    // Every cell is a plain value: no formula anywhere, in exceljs's reading or in the XML.
    for (const w of (await readBook(file)).worksheets) w.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    const zip = await JSZip.loadAsync(readFileSync(file));
    const xml: string[] = [];
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n))) {
      const entry = zip.file(name);
      if (entry) xml.push(await entry.async('string'));
    }
    expect(xml.length).toBeGreaterThan(1);
    for (const x of xml) {
      expect(x).not.toMatch(/<f[\s>]/);
      // eslint-disable-next-line no-control-regex
      expect(x).not.toMatch(/[\x00-\x08\x0b\x0c\x0e-\x1f]/);
    }
    expect(xml.join('')).toContain('=HYPERLINK(&quot;http://evil.example&quot;)');
  });
});

describe('the recorded columns give back the observations', () => {
  const catalogues = readdirSync(path.join(ROOT, 'catalogue')).filter((f) => f.endsWith('.yaml'));

  it('finds the bundled catalogues', () => {
    expect(catalogues.length).toBeGreaterThanOrEqual(5);
  });

  it.each(catalogues)('for every period of %s, on "All" and across the priorities\' sheets', async (name) => {
    const loaded = loadDataset(path.join(ROOT, 'catalogue', name), { cwd: ROOT });
    if (!loaded.dataset) throw new Error(`${name} did not load`);
    const model = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
    const composites = new Set(loaded.dataset.catalogue.priorities.flatMap((p) => p.kpis.filter((k) => k.composite).map((k) => k.id)));
    expect(model.ev.periods.length).toBeGreaterThan(0);
    for (let i = 0; i < model.ev.periods.length; i++) {
      const pe = model.ev.periods[i];
      if (!pe) throw new Error('no period');
      const wb = await bookOf(await workbookBytes(metricsWorkbook(model, i)));
      const expected = recordedObservations(pe.data);
      const [all, ...bySheet] = wb.worksheets;
      if (!all) throw new Error('no sheet');
      expect(sheetObservations(all, composites), `${name} ${pe.data.file}`).toEqual(expected);
      const union: RecordedObservations = {};
      for (const ws of bySheet) Object.assign(union, sheetObservations(ws, composites));
      expect(union, `${name} ${pe.data.file}, priorities' sheets`).toEqual(expected);
    }
  });
});

// The round trip: the workbook `export --format xlsx` writes, imported by `ragtop import`
// (the command: its reader, its matching, the period file it writes), loads back to the same
// observations. "All" through the command; each priority's sheet through the same reader and
// matching (their union is the period).
describe('export --format xlsx, then ragtop import, gives back the same observations', () => {
  it.each(readdirSync(path.join(ROOT, 'catalogue')).filter((f) => f.endsWith('.yaml')))('for every period of %s', async (name) => {
    const catFile = path.join(ROOT, 'catalogue', name);
    const loaded = loadDataset(catFile, { cwd: ROOT });
    if (!loaded.dataset) throw new Error(`${name} did not load`);
    const model = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
    for (let i = 0; i < model.ev.periods.length; i++) {
      const pe = model.ev.periods[i];
      if (!pe) throw new Error('no period');
      const dir = writeTree({});
      const file = path.join(dir, 'kpis.xlsx');
      writeFileSync(file, await workbookBytes(metricsWorkbook(model, i)));
      const label = formatPeriod(pe.data.period);
      const r = await runCli(['import', 'kpis.xlsx', '--period', label, catFile, '--data', 'data'], { cwd: dir, env: { RAGTOP_CONFIG_DIR: dir } });
      expect(r.stderr, `${name} ${label}`).toBe('');
      expect(r.status, `${name} ${label}: ${r.stdout}`).toBe(0);
      // An edit made on a priority's sheet is not read unless asked for: the import says which sheet it read.
      expect(r.stdout).toMatch(/kpis\.xlsx note: read the first sheet, 'All'; the workbook has \d+ more \('[^']+'.*\): --sheet NAME reads another\n/);
      const back = loadDataset(catFile, { cwd: dir, dataDir: path.join(dir, 'data') });
      const written = back.dataset?.periods.find((p) => samePeriod(p.period, pe.data.period));
      if (!written) throw new Error(`${name} ${label}: the imported period did not load: ${back.findings.map((f) => f.message).join('; ')}`);
      expect(recordedObservations(written), `${name} ${label}`).toEqual(recordedObservations(pe.data));

      const first = await readSheet(file, { cwd: dir, maxBytes: 4 * 1024 * 1024 });
      const union = new Map<string, ReadonlyMap<string, string>>();
      for (const sheetName of (first.sheets ?? []).slice(1)) {
        const read = await readSheet(file, { cwd: dir, maxBytes: 4 * 1024 * 1024, sheet: sheetName });
        if (!read.table) throw new Error(`no table ${sheetName}: ${read.findings.map((f) => f.message).join('; ')}`);
        const imported = importTable(read.table, loaded.dataset.catalogue);
        expect(imported.findings.filter((f) => f.severity === 'error'), `${name} ${label} ${sheetName}`).toEqual([]);
        for (const o of imported.observations) union.set(o.id, importedFields(o));
      }
      expect(union, `${name} ${label}, the priorities' sheets`).toEqual(loadedRecords(pe.data));
    }
  });
});

describe('export --format xlsx refuses', () => {
  it('without --output: exit 2, a sentence, nothing on stdout, nothing read', async () => {
    const dir = workspace();
    const r = await exportXlsx(dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--format xlsx writes a binary workbook, never to standard output: give --output FILE');
  });

  it('an existing file without --force, and replaces it with --force', async () => {
    const dir = workspace();
    const file = path.join(dir, 'kpis.xlsx');
    writeFileSync(file, 'keep me');
    expect(await exportXlsx(dir, '--output', 'kpis.xlsx')).toEqual({ status: 2, stdout: '', stderr: 'ragtop: --output kpis.xlsx already exists; add --force to replace it.\n' });
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect((await exportXlsx(dir, '--output', 'kpis.xlsx', '--force')).status).toBe(0);
    expect(sheet(await readBook(file), 'All').getRow(1).getCell(1).value).toBe('Metric id');
  });

  it('a file in the data directory, a YAML file, a device (a terminal among them)', async () => {
    const dir = workspace();
    const before = readdirSync(path.join(dir, 'data')).sort();
    const inData = await exportXlsx(dir, '--output', 'data/kpis.xlsx');
    expect(inData.status).toBe(2);
    expect(inData.stderr).toContain('is inside the data directory, where ragtop never writes');
    const yaml = await exportXlsx(dir, '--output', 'kpis.yaml');
    expect(yaml.status).toBe(2);
    expect(yaml.stderr).toContain('is a YAML file; ragtop never writes one');
    const device = await exportXlsx(dir, '--output', '/dev/null', '--force');
    expect(device.status).toBe(2);
    expect(device.stderr).toContain('not a regular file');
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual(before);
    expect(existsSync(path.join(dir, 'kpis.yaml'))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('in the synchronous runner, with a sentence (the workbook is written asynchronously)', () => {
    const dir = workspace();
    let err = '';
    const code = run(['export', 'catalogue.yaml', '--format', 'xlsx', '--output', 'k.xlsx'], { out: () => undefined, err: (s) => (err += s), env: { RAGTOP_CONFIG_DIR: dir }, cwd: dir });
    expect(code).toBe(2);
    expect(err).toContain('is written asynchronously');
    expect(existsSync(path.join(dir, 'k.xlsx'))).toBe(false);
  });

  it('a text longer than a spreadsheet cell holds (never cut: the note would come back cut)', async () => {
    const dir = writeTree({
      'catalogue.yaml': catalogue('      - { id: a, title: A, unit: count, good: high }\n'),
      'q.yaml': `period: 2024/25 Q1\nobservations:\n  a: { value: 1, note: "${'x'.repeat(CELL_MAX_CHARS + 1)}" }\n`,
    });
    const file = path.join(writeTree({}), 'out.xlsx');
    expect(await exportXlsx(dir, '--output', file)).toEqual({
      status: 2,
      stdout: '',
      stderr: `ragtop: the Note of 'a' has ${CELL_MAX_CHARS + 1} characters, more than a spreadsheet cell holds (${CELL_MAX_CHARS}); nothing was written\n`,
    });
    expect(existsSync(file)).toBe(false);
  });

  it('data that does not load: exit 2, nothing written', async () => {
    const dir = writeTree({ 'catalogue.yaml': catalogue('      - { id: a, title: A, unit: count, good: high }\n'), 'q.yaml': 'period: 2024/25 Q1\nobservations:\n  a: { value: [1] }\n' });
    const r = await exportXlsx(dir, '--output', 'out.xlsx');
    expect(r.status).toBe(2);
    expect(existsSync(path.join(dir, 'out.xlsx'))).toBe(false);
  });
});

describe('safe-write writes bytes', () => {
  it('every byte as given (a NUL, every value, a megabyte), whole', () => {
    const dir = writeTree({});
    const bytes = new Uint8Array(1024 * 1024 + 7).map((_, i) => (i * 7919) % 256);
    expect(safeWriteFile(path.join(dir, 'b.bin'), 'b.bin', bytes, { option: '--output', force: false })).toEqual({ ok: true });
    // Compared as buffers (a deep comparison of a million elements is slow).
    expect(readFileSync(path.join(dir, 'b.bin')).equals(bytes)).toBe(true);
    expect(readdirSync(dir)).toEqual(['b.bin']);
    // Text is still written as UTF-8.
    expect(safeWriteFile(path.join(dir, 't.txt'), 't.txt', '£5 ✓', { option: '--output', force: false })).toEqual({ ok: true });
    expect(readFileSync(path.join(dir, 't.txt'), 'utf8')).toBe('£5 ✓');
  });
});

describe('the built bin', () => {
  it.skipIf(!HAVE_BIN)(`writes the workbook of a bundled catalogue ${NOT_BUILT}`, async () => {
    const dir = writeTree({});
    const out = path.join(dir, 'q2.xlsx');
    const r = spawnSync(process.execPath, [BIN, 'export', path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml'), '--format', 'xlsx', '--period', '2024/25 Q2', '--output', out], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30000,
      env: { ...process.env, RAGTOP_CONFIG_DIR: dir },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const wb = await readBook(out);
    expect(wb.worksheets[0]?.name).toBe('All');
    expect(wb.worksheets[0]?.getRow(1).getCell(1).value).toBe('Metric id');
    const none = spawnSync(process.execPath, [BIN, 'export', path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml'), '--format', 'xlsx'], { cwd: dir, encoding: 'utf8', timeout: 30000, env: { ...process.env, RAGTOP_CONFIG_DIR: dir } });
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('give --output FILE');
  });
});
