// `ragtop import` end to end on real files: workbooks built here with exceljs and CSV text, read
// by the spreadsheet reader, written, checked and loaded back. The bundled sample workbook imports
// to exactly the bundled 2024/25 Q2 observations.
import { lstatSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadedRecords, recordChanges } from '../../src/load/import/fields.js';
import { loadDataset } from '../../src/load/load.js';
import { catalogue, runCli, writeTree } from '../helpers.js';
import { bundledCopy } from './import-fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function listing(dir: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .sort()
    .map((p) => `${p} ${lstatSync(path.join(dir, p)).mtimeMs}`);
}

const run = (argv: string[], cwd: string) => runCli(argv, { cwd, env: { RAGTOP_CONFIG_DIR: cwd } });

/** A workbook with one sheet of rows; `shape` sets cells' values and formats after. */
async function workbook(file: string, rows: unknown[][], shape?: (ws: ExcelJS.Worksheet) => void): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Q3 return');
  for (const r of rows) ws.addRow(r);
  shape?.(ws);
  await wb.xlsx.writeFile(file);
}

describe('the bundled sample workbook', () => {
  it('imports to exactly the bundled 2024/25 Q2 observations, and passes check', async () => {
    const d = bundledCopy();
    const r = await run(['import', path.join(ROOT, 'sample-data', 'lcc-2024-25-Q2.xlsx'), '--period', '2024/25 Q2', d.cat, '--data', 'mine'], d.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^wrote mine\/2024-25-Q2\.yaml \(2024\/25 Q2\)\n\d+ observations and 3 composite KPI RAGs imported\n/);
    expect(r.stdout).toContain("note: column B: 42 percentage cells of a percent metric multiplied by 100");
    const mine = loadDataset(d.cat, { dataDir: path.join(d.dir, 'mine') });
    const bundled = loadDataset(d.cat);
    const q2 = (l: typeof mine) => l.dataset!.periods.find((p) => p.period.fy === 2024 && p.period.q === 2)!;
    expect(recordChanges(loadedRecords(q2(bundled)), loadedRecords(q2(mine)))).toEqual([]);
    // The one error is the published figure's own (14/15 is not 93.00%): the bundled file has it too.
    expect(r.stdout).toContain('\n  mine/2024-25-Q2.yaml:23:29 error RATIO_MISMATCH aqma-compliance: value 93.00 ≠ 14/15 × 100 = 93.33\n');
    const check = await run(['check', d.cat, '--data', 'mine'], d.dir);
    const bundledCheck = await run(['check', d.cat], d.dir);
    expect(check.stdout).toMatch(/^1 error, /m);
    expect(bundledCheck.stdout).toMatch(/^1 error, /m);
    expect(bundledCheck.stdout).toContain('error RATIO_MISMATCH aqma-compliance: value 93.00 ≠ 14/15 × 100 = 93.33');
  });
});

describe('a workbook built here', () => {
  it('percentages, fixed decimals, formulas by their cached value, dates, and hostile text kept inert', async () => {
    const d = bundledCopy();
    const file = path.join(d.dir, 'q3.xlsx');
    await workbook(file, [['Q3 return from the service'], ['Metric id', 'Value', 'As of', 'RAG', 'Note', 'Owner']], (ws) => {
      const add = (cells: unknown[]) => ws.addRow(cells);
      add(['early-years-2-year-olds', 0.449, new Date(Date.UTC(2024, 5, 30)), 'g', '=cmd|\' /C calc\'!A0', 'x']).getCell(2).numFmt = '0.0%';
      ws.getRow(3).getCell(3).numFmt = 'yyyy-mm-dd';
      add(['highways-score', { formula: '4.6*2', result: 9.2 }, 'Jan to Dec 2024', 'AMBER', 'no: yes\n# x \u202e evil \u009b31m', 'y']).getCell(2).numFmt = '0.00';
      add([]);
      add(['children-missing-education', 928]);
    });
    const r = await run(['import', 'q3.xlsx', '--period', '2024/25 Q3', d.cat, '--data', 'mine'], d.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("q3.xlsx:'Q3 return'!F2 note: column 'Owner' is not one ragtop imports: not read");
    expect(r.stdout).toContain("q3.xlsx:'Q3 return'!E4 warning CONTROL_CHARS highways-score: control or invisible characters removed from the text");
    const text = readFileSync(path.join(d.dir, 'mine', '2024-25-Q3.yaml'), 'utf8');
    expect(text).toContain("# Imported from q3.xlsx, sheet Q3 return, on ");
    expect(text).toContain('  early-years-2-year-olds: { value: 44.9, as_of: "2024-06-30", rag: green, note: "=cmd|\' /C calc\'!A0" }\n');
    expect(text).toContain('  highways-score: { value: 9.20, as_of: "Jan to Dec 2024", rag: amber, note: "no: yes # x  evil" }\n');
    expect(r.stdout).toMatch(/\n {2}mine\/2024-25-Q3\.yaml:3:9 warning MISSING_VALUE: \d+ of them \([a-z0-9-]+, [a-z0-9-]+, [a-z0-9-]+ and \d+ more\); 'ragtop check' lists each\n/);
    expect(text).toContain('  children-missing-education: { value: 928 }\n');
  });
  it('refuses formula errors, uncalculated formulas, text in a number column and an unknown id: every one at its cell, nothing written', async () => {
    const d = bundledCopy();
    const file = path.join(d.dir, 'bad.xlsx');
    await workbook(file, [
      ['Metric id', 'Value'],
      ['highways-score', { formula: '1/0', result: { error: '#DIV/0!' } }],
      ['nhs-health-checks', { formula: 'B9*2' }],
      ['sickness-absence', 'about five'],
      ['sickness-absense', 4],
    ]);
    const before = listing(d.dir);
    const r = await run(['import', 'bad.xlsx', '--period', '2024/25 Q3', d.cat], d.dir);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines.map((l) => l.split(' error ')[0])).toEqual(["bad.xlsx:'Q3 return'!B2", "bad.xlsx:'Q3 return'!B3", "bad.xlsx:'Q3 return'!B4", "bad.xlsx:'Q3 return'!A5", 'ragtop: 4 problems in bad.xlsx; nothing written']);
    expect(lines[3]).toContain("(did you mean 'sickness-absence'?)");
    expect(listing(d.dir)).toEqual(before);
  });
});

describe('CSV', () => {
  it('44.9% for a percent metric, decimals as written, quoted fields kept as text', async () => {
    const d = bundledCopy();
    writeFileSync(path.join(d.dir, 'q3.csv'), 'Metric title,Latest value,RAG status,Notes\r\n"% of 2 year old children eligible for free funded education",44.9%,Red,"A note, with a comma\nand a line"\r\nHighways condition and maintenance score,9.10,green,"@SUM(1+1)"\r\n');
    const r = await run(['import', 'q3.csv', '--period', '2024/25 Q3', d.cat, '--data', 'mine'], d.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const text = readFileSync(path.join(d.dir, 'mine', '2024-25-Q3.yaml'), 'utf8');
    expect(text).toMatch(/^# Imported from q3\.csv, on \d{4}-\d{2}-\d{2}\n/);
    expect(text).toContain('  early-years-2-year-olds: { value: 44.9, rag: red, note: "A note, with a comma and a line" }\n');
    expect(text).toContain('  highways-score: { value: 9.10, rag: green, note: "@SUM(1+1)" }\n');
  });
});

describe('--map and --sheet', () => {
  it('reads the headers a --map file names, from the sheet --sheet names', async () => {
    const d = bundledCopy();
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Cover').addRow(['Nothing to read here']);
    const ws = wb.addWorksheet('Figures');
    ws.addRow(['Ref', 'Latest figure', 'England', 'Owner']);
    ws.addRow(['children-looked-after', 5.6, 7.1, 'CSC']);
    await wb.xlsx.writeFile(path.join(d.dir, 'return.xlsx'));
    writeFileSync(path.join(d.dir, 'map.yaml'), 'columns:\n  ref: metric\n  "Latest  FIGURE": value\n  England: benchmark national\n  Owner: ignore\n');
    const r = await run(['import', 'return.xlsx', '--period', '2024/25 Q3', d.cat, '--data', 'mine', '--sheet', 'figures', '--map', 'map.yaml'], d.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('note:');
    expect(readFileSync(path.join(d.dir, 'mine', '2024-25-Q3.yaml'), 'utf8')).toContain('  children-looked-after: { value: 5.6, benchmarks: { national: 7.1 } }\n');
  });
  it('refuses a --map file with an unknown field (did you mean, file:line:col) and writes nothing', async () => {
    const d = bundledCopy();
    writeFileSync(path.join(d.dir, 'q.csv'), 'Ref,Latest figure\nsickness-absence,4\n');
    writeFileSync(path.join(d.dir, 'map.yaml'), 'columns:\n  Ref: metric\n  Latest figure: valu\n');
    const before = listing(d.dir);
    const r = await run(['import', 'q.csv', '--period', '2024/25 Q3', d.cat, '--map', 'map.yaml'], d.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      "map.yaml:3:18 error SCHEMA: 'valu' is not a field import reads (did you mean 'value'?); use one of metric, title, value, numerator, denominator, as_of, rag, target, target_label, flags, note, ignore, or \"benchmark NAME\"\nragtop: a problem in q.csv or the --map file; nothing written\n",
    );
    expect(listing(d.dir)).toEqual(before);
  });
  it("passes the reader's refusals on, and writes nothing", async () => {
    const d = bundledCopy();
    writeFileSync(path.join(d.dir, 'q.xlsm'), 'PK');
    const before = listing(d.dir);
    const r = await run(['import', 'q.xlsm', '--period', '2024/25 Q3', d.cat], d.dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^q\.xlsm error READ_ERROR: a macro-enabled workbook \(\.xlsm\) is not read: .*\nragtop: a problem in q\.xlsm; nothing written\n$/);
    expect(listing(d.dir)).toEqual(before);
  });
});

describe('hostile names', () => {
  it('a file name with control characters is escaped in the comments and the output, and the file still loads', async () => {
    const d = bundledCopy();
    const name = 'q\u001b]0;pwned\u0007\n# x.csv';
    writeFileSync(path.join(d.dir, name), 'id,value\nsickness-absence,4.5\n');
    const r = await run(['import', name, '--period', '2024/25 Q3', d.cat, '--data', 'mine'], d.dir);
    expect(r.status).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    const text = readFileSync(path.join(d.dir, 'mine', '2024-25-Q3.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# Imported from q\\x1b\]0;pwned\\x07\\x0a# x\.csv, on \d{4}-\d{2}-\d{2}$/);
    expect(loadDataset(d.cat, { dataDir: path.join(d.dir, 'mine') }).dataset?.periods[0]?.observations.get('sickness-absence')?.value).toBe(4.5);
  });
});

describe('the period file import would write must be one ragtop reads back', () => {
  it('a note that grows past --max-file-size once written as YAML (é and \\ take more room escaped) is refused, nothing written', async () => {
    const dir = writeTree({ 'catalogue.yaml': catalogue('      - { id: a, title: A, unit: count, good: high, target: 5 }\n').replace('data: .', 'data: data') });
    // 3,000 bytes of CSV under a 4 KiB limit; the YAML string doubles every backslash.
    writeFileSync(path.join(dir, 'q.csv'), `Metric id,Value,Note\na,4,"${'é\\'.repeat(1000)}"\n`);
    const before = listing(dir);
    const r = await run(['import', 'q.csv', '--period', '2030/31 Q1', 'catalogue.yaml', '--max-file-size', '4K'], dir);
    expect(r.stderr).toBe('ragtop: the period file made from q.csv would be 4.1 KiB, over the 4.0 KiB a data file may be (--max-file-size): shorten its notes; nothing written\n');
    expect(r.status).toBe(2);
    expect(listing(dir)).toEqual(before);
  });
});
